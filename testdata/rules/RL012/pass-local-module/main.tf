module "r" {
  source = "./modules/r"
}
