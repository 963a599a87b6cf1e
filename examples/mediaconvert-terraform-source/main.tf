# The MediaConvert service role of examples/mediaconvert, written as Terraform
# source: rolelint reads this directory as one module, without terraform init.
#   rolelint check examples/mediaconvert-terraform-source
data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "MediaConvertAssumeRole"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["mediaconvert.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:mediaconvert:*:${var.account_id}:queues/*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

data "aws_iam_policy_document" "s3_access" {
  statement {
    sid       = "ReadJobInputs"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["arn:aws:s3:::${var.input_bucket}/*"]
  }
  statement {
    sid       = "ListInputBucket"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::${var.input_bucket}"]
  }
  statement {
    sid       = "WriteJobOutputs"
    actions   = ["s3:PutObject", "s3:PutObjectAcl"]
    resources = ["arn:aws:s3:::${var.output_bucket}/*"]
  }
}

resource "aws_iam_policy" "boundary" {
  name = "MediaServicesBoundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "MediaBucketsOnly"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:PutObject", "s3:PutObjectAcl"]
        Resource = [
          "arn:aws:s3:::${var.input_bucket}",
          "arn:aws:s3:::${var.input_bucket}/*",
          "arn:aws:s3:::${var.output_bucket}/*",
        ]
      },
      {
        Sid      = "NoIamChanges"
        Effect   = "Deny"
        Action   = "iam:*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role" "mediaconvert" {
  name                 = "MediaConvert_Default_Role"
  path                 = "/service-role/"
  description          = "Lets AWS Elemental MediaConvert read job inputs from and write outputs to the media buckets"
  max_session_duration = 3600
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  permissions_boundary = aws_iam_policy.boundary.arn
  tags                 = var.tags
}

resource "aws_iam_role_policy" "s3_access" {
  name   = "MediaConvertS3Access"
  role   = aws_iam_role.mediaconvert.id
  policy = data.aws_iam_policy_document.s3_access.json
}
