# Every pattern of the other cases, without a mistake: no error or warning.
locals {
  read = {
    Effect   = "Allow"
    Action   = ["s3:GetObject"]
    Resource = ["arn:aws:s3:::${var.bucket}/*"]
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "logs" {
  dynamic "statement" {
    for_each = toset(["logs:CreateLogStream", "logs:PutLogEvents"])
    content {
      actions   = [statement.value]
      resources = ["${aws_cloudwatch_log_group.app.arn}:*"]
    }
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/app"
}

resource "aws_iam_role" "app" {
  name               = "app-${var.env}"
  path               = "/service/"
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags = {
    team = "media"
  }
}

resource "aws_iam_role_policy" "read" {
  role = aws_iam_role.app.id
  name = "read"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [local.read]
  })
}

resource "aws_iam_role_policy" "logs" {
  role   = aws_iam_role.app.id
  name   = "logs"
  policy = data.aws_iam_policy_document.logs.json
}

resource "aws_iam_policy" "list" {
  name   = "list"
  policy = file("${path.module}/policies/list.json")
}

resource "aws_iam_role_policy_attachment" "list" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.list.arn
}

resource "aws_iam_role_policy_attachment" "ro" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

module "worker" {
  source    = "./modules/role"
  name      = "worker-${var.env}"
  actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
  resources = [aws_sqs_queue.jobs.arn]
}
