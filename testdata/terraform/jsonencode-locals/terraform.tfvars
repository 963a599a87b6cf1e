bucket = "media"
