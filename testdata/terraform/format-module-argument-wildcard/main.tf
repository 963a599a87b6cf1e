module "deploy" {
  source = "./modules/github-role"

  name   = "deploy"
  repo   = "example-org/app"
  branch = "release-*"
}

module "docs" {
  source = "./modules/github-role"

  name   = "docs"
  repo   = "example-org/docs"
  branch = "main"
}
