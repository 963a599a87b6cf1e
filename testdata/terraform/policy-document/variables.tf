variable "buckets" {
  type = map(object({ bucket = string, actions = list(string) }))
  default = {
    media = {
      bucket  = "media-bucket"
      actions = ["s3:GetObject", "s3:GetObjekt"]
    }
  }
}
