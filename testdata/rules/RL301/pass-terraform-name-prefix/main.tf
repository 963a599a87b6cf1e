# A name_prefix of 38 characters (the most), one with a reference, and a name (the prefix is then ignored).
resource "aws_iam_role" "worker" {
  name_prefix = "data-platform-ingestion-worker-eu-wes-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "env" {
  name_prefix = "${terraform.workspace}-batch-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
