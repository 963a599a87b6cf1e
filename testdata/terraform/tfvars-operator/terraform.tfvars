# the environment's settings
operator = "StringEqual"
