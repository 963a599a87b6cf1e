resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["ec2:DescribeInstances", "ec2:DescribeInstancez"],
          "Resource": "*"
        }
      ]
    }
  EOT
}
