services = {
  lambda = { name = "svc-lambda" }
  ecs-tasks = { name = "svc ecs" }
}
