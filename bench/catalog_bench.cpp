// catalog_bench: standalone timing of rolelint::catalog on the real data —
// Catalog construction, the first s3:GetObject lookup, and expanding 100
// wildcard patterns over mixed services. Prints the median of several runs.
//
// Build (from the repository root):
//   g++ -std=c++20 -O2 -I src src/catalog/catalog.cpp bench/catalog_bench.cpp -o catalog_bench
// Run:  ./catalog_bench [REPO_ROOT]   (default: the current directory)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace {

using Clock = std::chrono::steady_clock;
using rolelint::catalog::Catalog;
using rolelint::catalog::ManagedPolicies;

constexpr int kRuns = 31;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

double microseconds(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

// Runs `setup` untimed and `timed` timed, kRuns times; returns the median (µs).
double medianMicros(const std::function<void()>& setup, const std::function<void()>& timed) {
  std::vector<double> samples;
  for (int i = 0; i < kRuns; ++i) {
    setup();
    const auto start = Clock::now();
    timed();
    samples.push_back(microseconds(Clock::now() - start));
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

std::vector<std::string> mixedPatterns() {
  const char* services[] = {"s3",   "ec2",  "iam", "lambda", "dynamodb", "sqs", "sns", "kms", "sts",    "logs",
                            "cloudwatch", "ecr", "ecs", "eks", "rds", "secretsmanager", "ssm", "cloudformation",
                            "glue", "athena"};
  const char* names[] = {"Get*", "*Policy", "List*", "Describe*", "*Tag*"};
  std::vector<std::string> out;
  for (const char* s : services) {
    for (const char* n : names) out.push_back(std::string(s) + ":" + n);
  }
  return out;  // 20 services x 5 = 100 patterns
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = argc > 1 ? argv[1] : ".";
  const std::string catalogText = readFile(root + "/rules/catalog/iam-catalog.txt");
  const std::string policiesText = readFile(root + "/rules/catalog/managed-policies.txt");
  if (const auto parsed = Catalog::parse(catalogText); !parsed) {
    std::fprintf(stderr, "catalog_bench: %s (run from the repository root or pass it)\n",
                 parsed.error().message.c_str());
    return 1;
  }
  std::printf("iam-catalog.txt %zu bytes, managed-policies.txt %zu bytes, median of %d runs\n", catalogText.size(),
              policiesText.size(), kRuns);

  std::optional<Catalog> catalog;
  std::size_t sink = 0;

  const double construct = medianMicros([&] { catalog.reset(); },
                                        [&] { catalog.emplace(std::move(*Catalog::parse(catalogText))); });
  std::printf("Catalog::parse (header + index)           %9.1f us\n", construct);

  const double firstLookup = medianMicros([&] { catalog.emplace(std::move(*Catalog::parse(catalogText))); },
                                          [&] { sink += catalog->findAction("s3:GetObject") != nullptr; });
  std::printf("first findAction(\"s3:GetObject\") (cold)   %9.1f us\n", firstLookup);

  const double warmLookup = medianMicros([] {}, [&] { sink += catalog->findAction("s3:GetObject") != nullptr; });
  std::printf("findAction(\"s3:GetObject\") (warm)         %9.1f us\n", warmLookup);

  const std::vector<std::string> patterns = mixedPatterns();
  std::size_t matched = 0;
  const double expandCold = medianMicros([&] { catalog.emplace(std::move(*Catalog::parse(catalogText))); },
                                         [&] {
                                           matched = 0;
                                           for (const std::string& p : patterns) {
                                             matched += catalog->expandActionPattern(p).size();
                                           }
                                         });
  std::printf("expand 100 patterns, 20 services (cold)   %9.1f us  (%zu actions)\n", expandCold, matched);
  const double expandWarm = medianMicros([] {}, [&] {
    for (const std::string& p : patterns) sink += catalog->expandActionPattern(p).size();
  });
  std::printf("expand 100 patterns, 20 services (warm)   %9.1f us\n", expandWarm);

  const double wildService = medianMicros([&] { catalog.emplace(std::move(*Catalog::parse(catalogText))); },
                                          [&] { sink += catalog->expandActionPattern("s*:Get*").size(); });
  std::printf("expand \"s*:Get*\" (cold, all s* services) %9.1f us\n", wildService);

  const double loadAll = medianMicros([&] { catalog.emplace(std::move(*Catalog::parse(catalogText))); },
                                      [&] { sink += catalog->loadAll().ok(); });
  std::printf("loadAll (every service section)           %9.1f us\n", loadAll);

  const double suggest = medianMicros([&] { catalog.emplace(std::move(*Catalog::parse(catalogText))); },
                                      [&] { sink += catalog->suggestActions("ec2:DescribeInstanse", 3).size(); });
  std::printf("suggestActions(\"ec2:DescribeInstanse\")    %9.1f us\n", suggest);

  std::optional<ManagedPolicies> policies;
  const double policiesParse = medianMicros([&] { policies.reset(); },
                                            [&] { policies.emplace(std::move(*ManagedPolicies::parse(policiesText))); });
  std::printf("ManagedPolicies::parse                    %9.1f us\n", policiesParse);
  const double policyLookup = medianMicros([&] { policies.emplace(std::move(*ManagedPolicies::parse(policiesText))); }, [&] {
    sink += policies->findDocument("arn:aws:iam::aws:policy/AmazonS3FullAccess").has_value();
  });
  std::printf("first findDocument(AmazonS3FullAccess)    %9.1f us\n", policyLookup);

  // A typical pre-commit run: both files from scratch, a role's worth of
  // actions and patterns over a handful of services, one managed policy.
  const double typical = medianMicros(
      [&] {
        catalog.reset();
        policies.reset();
      },
      [&] {
        catalog.emplace(std::move(*Catalog::parse(catalogText)));
        policies.emplace(std::move(*ManagedPolicies::parse(policiesText)));
        for (const char* a : {"s3:GetObject", "s3:PutObject", "logs:CreateLogStream", "logs:PutLogEvents",
                              "kms:Decrypt", "sqs:SendMessage", "dynamodb:Query", "sts:AssumeRole"}) {
          sink += catalog->findAction(a) != nullptr;
        }
        for (const char* p : {"s3:Get*", "s3:*Object", "logs:*", "kms:Describe*", "sqs:*Message*", "dynamodb:Batch*"}) {
          sink += catalog->expandActionPattern(p).size();
        }
        sink += catalog->suggestActions("s3:GetObjec", 3).size();
        sink += policies->findDocument("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole").has_value();
      });
  std::printf("typical run (parse both, 8 lookups, 6 patterns, 1 suggestion, 1 policy) %9.1f us\n", typical);

  return sink == 0 ? 1 : 0;
}
