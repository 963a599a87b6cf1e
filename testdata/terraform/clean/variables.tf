variable "bucket" {
  default = "media"
}

variable "env" {
  type = string
}
