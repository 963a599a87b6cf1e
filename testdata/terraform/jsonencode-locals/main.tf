# jsonencode() of an object built from locals and a tfvars value.
locals {
  pass_role = {
    Effect   = "Allow"
    Action   = "iam:PassRole"
    Resource = "*"
  }
  prefix = "arn:aws:s3:::${var.bucket}"
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.name
  name = "worker"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      local.pass_role,
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = ["${local.prefix}/*"]
      },
    ]
  })
}
