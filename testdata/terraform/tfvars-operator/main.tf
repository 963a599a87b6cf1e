# A condition operator whose value comes from terraform.tfvars: the finding is
# on the operator where it is written, in terraform.tfvars.
variable "operator" {
  default = "StringEquals"
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::media-input/*"]
    condition {
      test     = var.operator
      variable = "aws:ResourceAccount"
      values   = ["111122223333"]
    }
  }
}

resource "aws_iam_policy" "read" {
  name   = "read"
  policy = data.aws_iam_policy_document.read.json
}
