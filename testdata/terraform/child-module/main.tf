# A local child module evaluated with its caller's arguments, once per for_each key.
module "role" {
  source   = "./modules/role"
  for_each = { reader = ["s3:GetObject"], writer = ["s3:PutObject", "s3:PutObjekt"] }
  name     = each.key
  actions  = each.value
}

module "remote" {
  source = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
}
