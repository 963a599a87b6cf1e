# A permissions boundary defined by the caller and passed to a local module as
# an argument (its ARN is known only after apply). The boundary allows S3 reads
# only, so the queue access the module grants is dead: reported on the module's
# role, which only works when the boundary is linked through the argument.
resource "aws_iam_policy" "boundary" {
  name = "media-boundary"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["arn:aws:s3:::media-input/*"]
    }]
  })
}

module "worker" {
  source       = "./modules/role"
  name         = "media-worker"
  boundary_arn = aws_iam_policy.boundary.arn
}
