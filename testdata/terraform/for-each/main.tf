# One role per entry of a map given in an *.auto.tfvars file.
resource "aws_iam_role" "svc" {
  for_each = var.services
  name     = each.value.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "${each.key}.amazonaws.com" }
    }]
  })
}

variable "services" {
  type    = map(object({ name = string }))
  default = {}
}
