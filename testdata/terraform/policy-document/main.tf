# A role whose trust and permissions come from aws_iam_policy_document data
# sources: dynamic statements over a variable, &{} policy variables, a
# reference to another resource (unknown until apply) and an override by Sid.
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "read" {
  dynamic "statement" {
    for_each = var.buckets
    content {
      sid       = "Read${statement.key}"
      actions   = statement.value.actions
      resources = ["arn:aws:s3:::${statement.value.bucket}/home/&{aws:username}/*"]
    }
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.app.arn}:*"]
  }
}

data "aws_iam_policy_document" "final" {
  source_policy_documents   = [data.aws_iam_policy_document.read.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
}

data "aws_iam_policy_document" "override" {
  statement {
    sid       = "Logs"
    actions   = ["logs:PutLogEvents", "logs:CreateLogStream"]
    resources = ["*"]
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/app"
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "read" {
  role   = aws_iam_role.app.id
  name   = "read"
  policy = data.aws_iam_policy_document.final.json
}
