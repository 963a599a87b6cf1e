# A policy rendered by templatefile() with ${jsonencode(...)} of its arguments: a finding
# on an action points at the argument where the action is written, not at the template.
resource "aws_iam_role" "decrypt" {
  name = "decrypt"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "kms" {
  name = "kms"
  role = aws_iam_role.decrypt.id
  policy = templatefile("${path.module}/templates/kms.json.tftpl", {
    actions  = ["kms:Decrypt", "kms:DecryptData"]
    key_arns = ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  })
}
