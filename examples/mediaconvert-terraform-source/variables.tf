variable "account_id" {
  description = "The AWS account that owns the MediaConvert queues and the role"
  type        = string
  default     = "111122223333"
}

variable "input_bucket" {
  type    = string
  default = "example-media-input"
}

variable "output_bucket" {
  type    = string
  default = "example-media-output"
}

variable "tags" {
  type = map(string)
  default = {
    owner         = "video-platform"
    env           = "prod"
    "cost-center" = "media-1234"
  }
}
