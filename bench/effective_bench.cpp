// effective_bench: cost of the set-level analysis for one large role: 10
// identity policies x 20 statements (realistic actions, patterns, resources,
// some conditions, some Deny) and a permissions boundary. Times, per role,
// analysis::effectiveAccess (what `rolelint effective` computes) and the RL5xx
// set-level rules (checkRole/checkPolicy/checkStatement hooks of every RL5nn
// rule), each the median of 50 runs after a warm-up.
//
// Build: cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DROLELINT_BENCH=ON
//        cmake --build build-bench --target effective_bench
// Run:   ./build-bench/bench/effective_bench [RUNS]
// Measured (Release, g++ 12, 2-core machine): 425 granted / 292 effective
// actions; effectiveAccess about 0.11 ms/role over catalog bitsets (4.6 ms when
// it matched action names one by one); the 5 RL5xx rules about 1.3 ms/role, most
// of it confirming an example request for each of their 219 findings.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/effective.h"
#include "analysis/evaluate.h"
#include "catalog/catalog.h"
#include "core/embedded.h"
#include "engine/config.h"
#include "engine/registry.h"
#include "engine/rule.h"
#include "input/input.h"
#include "model/model.h"
#include "rules/registry.h"

namespace {

using Clock = std::chrono::steady_clock;

const char* kActions[] = {
    "s3:GetObject",          "s3:PutObject",         "s3:DeleteObject",        "s3:ListBucket",
    "s3:Get*",               "s3:*Object",           "s3:List*",               "s3:PutObjectTagging",
    "dynamodb:GetItem",      "dynamodb:PutItem",     "dynamodb:Query",         "dynamodb:*",
    "sqs:SendMessage",       "sqs:ReceiveMessage",   "sqs:DeleteMessage",      "sns:Publish",
    "kms:Decrypt",           "kms:GenerateDataKey*", "logs:CreateLogStream",   "logs:PutLogEvents",
    "ec2:Describe*",         "ec2:RunInstances",     "ec2:TerminateInstances", "lambda:InvokeFunction",
    "iam:PassRole",          "iam:GetRole",          "iam:List*",              "cloudwatch:PutMetricData",
    "mediaconvert:CreateJob", "mediaconvert:Get*",   "secretsmanager:GetSecretValue", "ssm:GetParameter*"};
const char* kResources[] = {"*",
                            "arn:aws:s3:::media-in/*",
                            "arn:aws:s3:::media-out",
                            "arn:aws:dynamodb:eu-west-1:111122223333:table/jobs",
                            "arn:aws:sqs:eu-west-1:111122223333:jobs-*",
                            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                            "arn:aws:logs:eu-west-1:111122223333:log-group:/app/*",
                            "arn:aws:iam::111122223333:role/media-*",
                            "arn:aws:lambda:eu-west-1:111122223333:function:transcode"};
const char* kConditions[] = {
    R"({"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}})",
    R"({"StringEquals": {"aws:SourceAccount": "111122223333"}})",
    R"({"Bool": {"aws:SecureTransport": "true"}})",
    R"({"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}})"};

std::string roleJson(std::mt19937& rng) {
  auto pick = [&](auto& arr) { return arr[std::uniform_int_distribution<size_t>(0, std::size(arr) - 1)(rng)]; };
  auto chance = [&](int pct) { return std::uniform_int_distribution<int>(0, 99)(rng) < pct; };
  std::ostringstream o;
  o << R"({"RoleName": "BenchRole", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [)"
    << R"({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}, "Policies": [)";
  for (int p = 0; p < 10; ++p) {
    o << (p ? ", " : "") << R"({"PolicyName": "p)" << p << R"(", "PolicyDocument": {"Version": "2012-10-17", "Statement": [)";
    for (int s = 0; s < 20; ++s) {
      const bool deny = chance(10);
      o << (s ? ", " : "") << R"({"Sid": "S)" << p << "x" << s << R"(", "Effect": ")" << (deny ? "Deny" : "Allow")
        << R"(", "Action": [)";
      const int na = std::uniform_int_distribution<int>(1, 4)(rng);
      for (int a = 0; a < na; ++a) o << (a ? ", " : "") << '"' << pick(kActions) << '"';
      o << R"(], "Resource": [)";
      const int nr = std::uniform_int_distribution<int>(1, 2)(rng);
      for (int r = 0; r < nr; ++r) o << (r ? ", " : "") << '"' << pick(kResources) << '"';
      o << "]";
      if (chance(20)) o << R"(, "Condition": )" << pick(kConditions);
      o << "}";
    }
    o << "]}}";
  }
  o << R"(], "PermissionsBoundary": "arn:aws:iam::111122223333:policy/Boundary", "ManagedPolicies": {)"
    << R"("arn:aws:iam::111122223333:policy/Boundary": {"Version": "2012-10-17", "Statement": [)"
    << R"({"Effect": "Allow", "Action": ["s3:*", "dynamodb:*", "sqs:*", "sns:Publish", "logs:*", "kms:Decrypt", "cloudwatch:*", "mediaconvert:*"], "Resource": "*"},)"
    << R"({"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}},)"
    << R"({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/media-*"},)"
    << R"({"Effect": "Deny", "Action": ["iam:Create*", "iam:Delete*", "iam:Put*", "s3:DeleteBucket"], "Resource": "*"}]}}})";
  return o.str();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  namespace rl = rolelint;
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  auto text = rl::embedded::find("rules/catalog/iam-catalog.txt");
  std::optional<rl::catalog::Catalog> catalog;
  if (text) {
    auto parsed = rl::catalog::Catalog::parse(*text);
    if (parsed) catalog.emplace(std::move(*parsed));
  }
  if (!catalog) {
    std::fprintf(stderr, "effective_bench: no IAM catalog\n");
    return 2;
  }
  std::mt19937 rng(7u);
  const std::string json = roleJson(rng);
  rl::input::Loader loader;
  const auto tmp = std::filesystem::temp_directory_path();
  auto file = std::make_shared<const rl::input::LoadedFile>(loader.loadText("bench-role.json", json, tmp, tmp));
  const rl::model::Unit unit = rl::model::build(file, loader, {});
  if (unit.roles.size() != 1 || !unit.roles[0].boundary || !unit.roles[0].boundary->document) {
    std::fprintf(stderr, "effective_bench: generated role did not build with its boundary\n");
    return 2;
  }
  const rl::model::Role& role = unit.roles[0];

  rl::engine::Registry registry;
  rl::rules::registerAll(registry);
  std::vector<const rl::engine::Rule*> rules;
  for (const auto& r : registry.rules())
    if (r->meta().id.rfind("RL5", 0) == 0) rules.push_back(r.get());
  rl::engine::Config config;
  std::vector<nlohmann::json> options;
  for (const auto* r : rules) {
    nlohmann::json o = nlohmann::json::object();
    for (const auto& opt : r->meta().options) o[opt.name] = opt.defaultValue;
    options.push_back(std::move(o));
  }

  std::vector<rl::model::PolicyDocument const*> docs;
  for (const auto& p : role.inlinePolicies) docs.push_back(&p);
  docs.push_back(&*role.boundary->document);

  size_t effective = 0, granted = 0, findings = 0;
  auto effectiveOnce = [&] {
    const auto t0 = Clock::now();
    const auto access = rl::analysis::effectiveAccess(rl::analysis::policiesOf(role), *catalog);
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    effective = granted = 0;
    for (const auto& a : access) {
      effective += a.effective;
      granted += a.granted;
    }
    return us;
  };
  auto rulesOnce = [&] {
    std::vector<rl::core::Diagnostic> sink;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < rules.size(); ++i) {
      rl::engine::Reporter rep(rules[i]->meta(), &*catalog, sink);
      rules[i]->checkRole(role, rep);
      for (const auto* d : docs) {
        rules[i]->checkPolicy(*d, rep);
        for (const auto& s : d->statements) rules[i]->checkStatement(s, *d, rep);
      }
    }
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    findings = sink.size();
    return us;
  };
  effectiveOnce();  // warm-up: loads the catalog services on first use
  rulesOnce();
  std::vector<double> te, tr;
  for (int i = 0; i < runs; ++i) {
    te.push_back(effectiveOnce());
    tr.push_back(rulesOnce());
  }
  std::printf("role: 10 identity policies x 20 statements + boundary (%zu bytes of JSON)\n", json.size());
  std::printf("effectiveAccess: %zu granted, %zu effective actions; median %.0f us/role (min %.0f) over %d runs\n",
              granted, effective, median(te), *std::min_element(te.begin(), te.end()), runs);
  std::printf("RL5xx rules (%zu): %zu findings; median %.0f us/role (min %.0f) over %d runs\n", rules.size(), findings,
              median(tr), *std::min_element(tr.begin(), tr.end()), runs);
  return 0;
}
