#!/usr/bin/env python3
"""Writes N CloudFormation / SAM / CDK-style templates into DIR for the
whole-process speed and coverage measurements of issue 15 (not run as tests).

Usage: gen_cfn_templates.py DIR [N=200]
Then:  time rolelint check --no-config --format json DIR > /dev/null
Templates rotate through four shapes as real repositories have them: a YAML
template with intrinsics everywhere (Sub, Join, GetAtt, FindInMap, If,
ImportValue, dynamic references, Conditions), a SAM application (Globals,
policy templates, inline statements, managed policy names), a CDK-synthesised
JSON template (Fn::Join ARNs, Roles: [Ref], aws:cdk:path metadata) and an EKS
IRSA trust written as a `!Sub |` JSON string. Every tenth template holds a
planted mistake (a misspelt action).
"""
import os
import sys

YAML_TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
  Bucket:
    Type: String
Mappings:
  Regions:
    eu-west-1:
      Ami: ami-0123456789abcdef0
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue{i}:
    Type: AWS::SQS::Queue
  Table{i}:
    Type: AWS::DynamoDB::Table
  Role{i}:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "${{AWS::StackName}}-worker-{i}"
      PermissionsBoundary: !Sub "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:policy/boundary"
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: !Sub ec2.${{AWS::URLSuffix}}
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                aws:SourceAccount: !Ref AWS::AccountId
      Policies:
        - PolicyName: !Sub "${{AWS::StackName}}-policy"
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource:
                  - !Sub "arn:${{AWS::Partition}}:s3:::${{Bucket}}/*"
              - Effect: Allow
                Action: [sqs:SendMessage, sqs:ReceiveMessage]
                Resource: !GetAtt Queue{i}.Arn
              - Effect: Allow
                Action: [dynamodb:GetItem, dynamodb:{put}]
                Resource: !Join ["", [!GetAtt Table{i}.Arn, "/index/*"]]
              - !If
                - IsProd
                - Effect: Allow
                  Action: kms:Decrypt
                  Resource: !ImportValue shared-key-arn
                - !Ref AWS::NoValue
              - Effect: Allow
                Action: ssm:GetParameter
                Resource: !Sub "arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter/app/*"
      Tags:
        - Key: env
          Value: !Ref Env
        - Key: owner
          Value: "{{{{resolve:ssm:/org/owner}}}}"
"""

SAM_TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Tracing: Active
Resources:
  Jobs{i}:
    Type: AWS::SQS::Queue
  Table{i}:
    Type: AWS::DynamoDB::Table
  Bucket{i}:
    Type: AWS::S3::Bucket
  Api{i}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Policies:
        - AWSXRayDaemonWriteAccess
        - SQSPollerPolicy:
            QueueName: !GetAtt Jobs{i}.QueueName
        - DynamoDBCrudPolicy:
            TableName: !Ref Table{i}
        - S3ReadPolicy:
            BucketName: !Ref Bucket{i}
        - Statement:
            - Effect: Allow
              Action: [events:PutEvents, {put}]
              Resource: "*"
  Worker{i}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: worker.handler
      CodeUri: src/
      Policies:
        Statement:
          - Effect: Allow
            Action: ecs:StopTask
            Resource: !Sub "arn:${{AWS::Partition}}:ecs:${{AWS::Region}}:${{AWS::AccountId}}:task/*"
  Flow{i}:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: flow.asl.json
      Policies:
        - LambdaInvokePolicy:
            FunctionName: !Ref Api{i}
"""

CDK_TEMPLATE = """{{
  "Resources": {{
    "HandlerServiceRole{i}": {{
      "Type": "AWS::IAM::Role",
      "Properties": {{
        "AssumeRolePolicyDocument": {{
          "Statement": [{{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {{"Service": "lambda.amazonaws.com"}}}}],
          "Version": "2012-10-17"
        }},
        "ManagedPolicyArns": [{{"Fn::Join": ["", ["arn:", {{"Ref": "AWS::Partition"}}, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]]}}]
      }},
      "Metadata": {{"aws:cdk:path": "Stack{i}/Handler/ServiceRole/Resource"}}
    }},
    "HandlerServiceRoleDefaultPolicy{i}": {{
      "Type": "AWS::IAM::Policy",
      "Properties": {{
        "PolicyDocument": {{
          "Statement": [
            {{"Action": ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:{put}"], "Effect": "Allow",
             "Resource": [{{"Fn::GetAtt": ["Table{i}", "Arn"]}}, {{"Ref": "AWS::NoValue"}}]}},
            {{"Action": "s3:GetObject*", "Effect": "Allow", "Resource": {{"Fn::Join": ["", [{{"Fn::GetAtt": ["Bucket{i}", "Arn"]}}, "/*"]]}}}}
          ],
          "Version": "2012-10-17"
        }},
        "PolicyName": "HandlerServiceRoleDefaultPolicy{i}",
        "Roles": [{{"Ref": "HandlerServiceRole{i}"}}]
      }},
      "Metadata": {{"aws:cdk:path": "Stack{i}/Handler/ServiceRole/DefaultPolicy/Resource"}}
    }},
    "Table{i}": {{"Type": "AWS::DynamoDB::Table", "Properties": {{}}}},
    "Bucket{i}": {{"Type": "AWS::S3::Bucket", "Properties": {{}}}}
  }}
}}
"""

IRSA_TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OidcProvider:
    Type: String
Resources:
  Irsa{i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: !Sub |
        {{
          "Version": "2012-10-17",
          "Statement": [{{
            "Effect": "Allow",
            "Principal": {{"Federated": "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:oidc-provider/${{OidcProvider}}"}},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {{"StringEquals": {{"${{OidcProvider}}:sub": "system:serviceaccount:app:sa-{i}"}}}}
          }}]
        }}
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents, {put}]
                Resource: !Sub "arn:${{AWS::Partition}}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:/eks/*"
"""


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    os.makedirs(out, exist_ok=True)
    shapes = [("yaml", YAML_TEMPLATE, "dynamodb:PutItem", "dynamodb:CreateItem"),
              ("sam.yaml", SAM_TEMPLATE, "sqs:SendMessage", "sqs:SendMesage"),
              ("template.json", CDK_TEMPLATE, "PutItem", "CreateItem"),
              ("irsa.yaml", IRSA_TEMPLATE, "logs:DescribeLogStreams", "logs:DescriptLogStreams")]
    for i in range(n):
        ext, text, good, bad = shapes[i % len(shapes)]
        with open(os.path.join(out, "stack-%03d.%s" % (i, ext)), "w", encoding="utf-8") as f:
            f.write(text.format(i=i, put=bad if i % 10 == 9 else good))


if __name__ == "__main__":
    main()
