variable "name" {
  type = string
}

variable "repo" {
  type = string
}

variable "branch" {
  type = string
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = [format("repo:%s:ref:refs/heads/%s", var.repo, var.branch)]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "github-${var.name}"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
