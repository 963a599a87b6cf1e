#!/usr/bin/env python3
"""gen_policy_files: N separate identity policy files in DIR (the "1,000 separate
policy files" scale goal of issue 21), each a few statements of S3, SQS, KMS and
logs access with a sprinkling of the mistakes rolelint reports. Deterministic.
  bench/gen_policy_files.py N DIR
Then: process_bench 20 -- rolelint check --no-config --fail-on never DIR"""
import json
import os
import sys


def policy(i):
    bucket = f"bucket-{i % 97}"
    statements = [
        {"Sid": "ReadInput", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
         "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]},
        {"Sid": "Queue", "Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"],
         "Resource": f"arn:aws:sqs:us-east-1:111122223333:queue-{i % 13}"},
        {"Sid": "Logs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:/app/*"},
    ]
    if i % 7 == 0:  # a misspelt action
        statements[1]["Action"].append("sqs:RecieveMessage")
    if i % 11 == 0:  # an action whose resource type the statement does not list
        statements[0]["Action"].append("kms:Decrypt")
    if i % 17 == 0:  # Resource "*" for a write
        statements.append({"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"})
    return {"Version": "2012-10-17", "Statement": statements}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, f"policy-{i:05d}.json"), "w") as f:
            json.dump(policy(i), f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
