# name_prefix: Terraform appends a 26-character unique suffix, so 38 characters at most.
variable "team" {
  default = "data-platform-ingestion-pipeline"
}

resource "aws_iam_role" "worker" {
  name_prefix = "${var.team}-worker-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "batch" {
  name_prefix = "batch jobs#"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
