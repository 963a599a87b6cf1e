# Policies read from files next to the module: file() and templatefile().
resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = file("${path.module}/trust.json")
}

resource "aws_iam_role_policy" "reader" {
  role = aws_iam_role.reader.id
  name = "reader"
  policy = templatefile("${path.module}/policy.json.tftpl", {
    bucket = var.bucket
  })
}

variable "bucket" {
  default = "reports"
}
