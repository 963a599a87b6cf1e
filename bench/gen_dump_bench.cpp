// gen_dump_bench: writes a realistic `aws iam get-account-authorization-details`
// dump of N roles (service roles, cross-account and OIDC roles, inline and
// customer managed policies, AWS managed policies, permissions boundaries,
// tags, and a sprinkling of the mistakes rolelint reports), for audits at scale.
//   gen_dump_bench N OUT.json [SEED]
// Deterministic for a given N and SEED. Then time the lint, e.g.
//   process_bench 5 -- rolelint check --no-config --fail-on never OUT.json
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Rng {
  unsigned long long s;
  unsigned next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<unsigned>(s >> 11);
  }
  bool chance(unsigned percent) { return next() % 100 < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }
};

const std::vector<std::string> kServices = {"mediaconvert.amazonaws.com", "lambda.amazonaws.com",
                                            "ecs-tasks.amazonaws.com",    "glue.amazonaws.com",
                                            "states.amazonaws.com",       "events.amazonaws.com",
                                            "codebuild.amazonaws.com",    "ec2.amazonaws.com"};
const std::vector<std::string> kAwsManaged = {
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess",
    "arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:aws:iam::aws:policy/AmazonSQSFullAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"};
const std::vector<std::string> kActions = {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "sqs:SendMessage",
                                           "sqs:ReceiveMessage", "dynamodb:GetItem", "dynamodb:PutItem",
                                           "kms:Decrypt", "logs:PutLogEvents", "s3:Get*", "ec2:Describe*"};
constexpr const char* kAccount = "111122223333";

std::string trust(Rng& r, const std::string& service, int i) {
  std::string effect = r.chance(2) ? "allow" : "Allow";  // a case mistake now and then
  if (r.chance(15)) {
    return R"({"Version":"2012-10-17","Statement":[{"Effect":")" + effect +
           R"(","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"ext-)" +
           std::to_string(i) + R"("}}}]})";
  }
  if (r.chance(5)) {
    return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:example/app-)" +
           std::to_string(i) + R"(:ref:refs/heads/main"}}}]})";
  }
  std::string cond;
  if (!r.chance(20)) {
    cond = R"(,"Condition":{"StringEquals":{"aws:SourceAccount":")" + std::string(kAccount) + R"("}})";
  }
  return R"({"Version":"2012-10-17","Statement":[{"Effect":")" + effect + R"(","Principal":{"Service":")" + service +
         R"("},"Action":"sts:AssumeRole")" + cond + "}]}";
}

std::string identityPolicy(Rng& r, int i) {
  std::string out = R"({"Version":"2012-10-17","Statement":[)";
  const int statements = 1 + static_cast<int>(r.next() % 4);
  for (int s = 0; s < statements; ++s) {
    if (s) out += ",";
    out += R"({"Sid":"S)" + std::to_string(s) + R"(","Effect":")" + (r.chance(10) ? "Deny" : "Allow") +
           R"(","Action":[")" + r.pick(kActions) + R"(",")" + r.pick(kActions) + R"("],"Resource":[)";
    if (r.chance(8)) {
      out += R"("*"])";
    } else {
      out += R"("arn:aws:s3:::bucket-)" + std::to_string(i) + R"(/*","arn:aws:sqs:us-east-1:111122223333:queue-)" +
             std::to_string(i) + R"("])";
    }
    if (r.chance(10)) out += R"(,"Condition":{"Bool":{"aws:SecureTransport":"true"}})";
    out += "}";
  }
  return out + "]}";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: gen_dump_bench N OUT.json [SEED]\n");
    return 2;
  }
  const int n = std::atoi(argv[1]);
  Rng r{argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 88172645463325252ULL};
  std::ofstream out(argv[2], std::ios::binary);
  const int customerPolicies = std::max(1, n / 20);
  out << "{\n  \"UserDetailList\": [],\n  \"GroupDetailList\": [],\n  \"RoleDetailList\": [\n";
  for (int i = 0; i < n; ++i) {
    const std::string& service = r.pick(kServices);
    const std::string name = "role-" + std::to_string(i) + (r.chance(1) ? "-Dup" : "");
    out << (i ? ",\n" : "") << "    {\n      \"Path\": \"/service-role/\",\n      \"RoleName\": \"" << name
        << "\",\n      \"RoleId\": \"AROA" << 100000000 + i << "EXAMPLE\",\n      \"Arn\": \"arn:aws:iam::" << kAccount
        << ":role/service-role/" << name << "\",\n      \"CreateDate\": \"2025-01-01T00:00:00+00:00\",\n"
        << "      \"AssumeRolePolicyDocument\": " << trust(r, service, i) << ",\n"
        << "      \"InstanceProfileList\": [],\n      \"RolePolicyList\": [";
    const int inl = static_cast<int>(r.next() % 3);
    for (int k = 0; k < inl; ++k) {
      out << (k ? ", " : "") << "{\"PolicyName\": \"inline-" << k << "\", \"PolicyDocument\": " << identityPolicy(r, i)
          << "}";
    }
    out << "],\n      \"AttachedManagedPolicies\": [";
    const int att = static_cast<int>(r.next() % 3);
    for (int k = 0; k < att; ++k) {
      std::string arn = r.chance(50) ? r.pick(kAwsManaged)
                                     : "arn:aws:iam::111122223333:policy/customer-" +
                                           std::to_string(r.next() % customerPolicies);
      out << (k ? ", " : "") << "{\"PolicyName\": \"" << arn.substr(arn.rfind('/') + 1) << "\", \"PolicyArn\": \""
          << arn << "\"}";
    }
    out << "],\n";
    if (r.chance(40)) {
      out << "      \"PermissionsBoundary\": {\"PermissionsBoundaryType\": \"Policy\", \"PermissionsBoundaryArn\": "
             "\"arn:aws:iam::111122223333:policy/customer-0\"},\n";
    }
    out << "      \"Tags\": [{\"Key\": \"owner\", \"Value\": \"team-" << r.next() % 40 << "\"}"
        << (r.chance(3) ? ", {\"Key\": \"Owner\", \"Value\": \"x\"}" : "") << "],\n"
        << "      \"RoleLastUsed\": {}\n    }";
  }
  out << "\n  ],\n  \"Policies\": [\n";
  for (int p = 0; p < customerPolicies; ++p) {
    out << (p ? ",\n" : "") << "    {\n      \"PolicyName\": \"customer-" << p << "\",\n      \"PolicyId\": \"ANPA"
        << 100000 + p << "EXAMPLE\",\n      \"Arn\": \"arn:aws:iam::111122223333:policy/customer-" << p
        << "\",\n      \"Path\": \"/\",\n      \"DefaultVersionId\": \"v2\",\n      \"AttachmentCount\": 3,\n"
        << "      \"IsAttachable\": true,\n      \"PolicyVersionList\": [\n        {\"Document\": "
        << identityPolicy(r, p) << ", \"VersionId\": \"v2\", \"IsDefaultVersion\": true},\n        {\"Document\": "
        << identityPolicy(r, p) << ", \"VersionId\": \"v1\", \"IsDefaultVersion\": false}\n      ]\n    }";
  }
  out << "\n  ]\n}\n";
  return out ? 0 : 1;
}
