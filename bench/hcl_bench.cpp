// hcl_bench: throughput of rolelint's HCL2 reader on a generated .tf file of
// IAM resources (data "aws_iam_policy_document" blocks, jsonencode policies,
// heredocs), next to the located JSON reader on the same policies written as
// JSON. Prints the median of several runs of each, in MB/s. With a directory
// argument, also writes the generated main.tf there (for whole-process timing).
//   hcl_bench [SIZE_MB] [RUNS] [OUT_DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "hcl/hcl.h"
#include "json/reader.h"

namespace {

using Clock = std::chrono::steady_clock;

// The same policies as HCL (three styles, in turn) and as one JSON array.
void generate(size_t targetBytes, std::string& tf, std::string& json) {
  unsigned seed = 12345;
  auto rnd = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  json = "[\n";
  for (size_t n = 0; tf.size() < targetBytes; ++n) {
    const std::string id = std::to_string(n), bucket = "media-" + std::to_string(rnd());
    if (n) json += ",\n";
    json += "  {\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Read" + id +
            "\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], \"Resource\": "
            "[\"arn:aws:s3:::" + bucket + "/*\"], \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}}]}";
    switch (n % 3) {
      case 0:
        tf += "data \"aws_iam_policy_document\" \"p" + id + "\" {\n  statement {\n    sid       = \"Read" + id +
              "\"\n    actions   = [\"s3:GetObject\", \"s3:PutObject\"]\n    resources = [\"arn:aws:s3:::" + bucket +
              "/*\"]\n    condition {\n      test     = \"Bool\"\n      variable = \"aws:SecureTransport\"\n"
              "      values   = [\"true\"]\n    }\n  }\n}\n\n";
        break;
      case 1:
        tf += "resource \"aws_iam_policy\" \"p" + id + "\" {\n  name = \"p" + id +
              "\"\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Sid = \"Read" + id +
              "\"\n      Effect = \"Allow\"\n      Action = [\"s3:GetObject\", \"s3:PutObject\"]\n      Resource = "
              "[\"arn:aws:s3:::${var.bucket}-" + bucket + "/*\"]\n      Condition = { Bool = { \"aws:SecureTransport\" = "
              "\"true\" } }\n    }]\n  })\n}\n\n";
        break;
      default:
        tf += "resource \"aws_iam_policy\" \"p" + id + "\" {\n  name = \"p" + id + "\"\n  policy = <<-EOT\n    "
              "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Read" + id +
              "\", \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:PutObject\"], \"Resource\": "
              "[\"arn:aws:s3:::" + bucket + "/*\"]}]}\n  EOT\n}\n\n";
        break;
    }
  }
  json += "\n]\n";
}

template <typename F>
double medianSeconds(int runs, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto a = Clock::now();
    f();
    t.push_back(std::chrono::duration<double>(Clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const double mb = argc > 1 ? std::atof(argv[1]) : 20;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string tf, json;
  generate(static_cast<size_t>(mb * 1024 * 1024), tf, json);
  if (argc > 3) std::ofstream(std::string(argv[3]) + "/main.tf", std::ios::binary) << tf;
  size_t nodes = 0;
  const double th = medianSeconds(runs, [&] {
    auto f = rolelint::hcl::parse(tf);
    nodes = f.exprs.size() + f.problems.size() * 1000000;
  });
  const double tj = medianSeconds(runs, [&] { (void)rolelint::json::read(json); });
  std::printf("hcl::parse  %8.1f MB .tf   %8.1f MB/s  (%zu expressions)\n", tf.size() / 1048576.0,
              tf.size() / 1048576.0 / th, nodes);
  std::printf("json::read  %8.1f MB .json %8.1f MB/s\n", json.size() / 1048576.0, json.size() / 1048576.0 / tj);
  return 0;
}
