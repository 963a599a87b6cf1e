module "ci" {
  source = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
}
