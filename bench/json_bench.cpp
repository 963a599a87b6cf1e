// json_bench: throughput of rolelint's located reader against
// nlohmann::json::parse on the same generated JSON (policy documents, ~50 MB by
// default). Prints the median of several runs of each, in MB/s.
//   json_bench [SIZE_MB] [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json/reader.h"

namespace {

using Clock = std::chrono::steady_clock;

// A realistic corpus: an array of IAM policy documents with varied statements,
// conditions, unicode descriptions and numbers, pretty-printed like real files.
std::string generate(size_t targetBytes) {
  std::string out = "[\n";
  unsigned seed = 12345;
  auto rnd = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  size_t n = 0;
  while (out.size() < targetBytes) {
    if (n++) out += ",\n";
    out += "  {\n    \"Version\": \"2012-10-17\",\n    \"Id\": \"policy-" + std::to_string(n) +
           "\",\n    \"Description\": \"M\xC3\xA9" "dia role n\xC2\xB0" + std::to_string(rnd()) +
           " \\u00e9\\n\",\n    \"Statement\": [\n";
    const int statements = 1 + static_cast<int>(rnd() % 6);
    for (int s = 0; s < statements; ++s) {
      if (s) out += ",\n";
      out += "      {\n        \"Sid\": \"Stmt" + std::to_string(rnd()) + "\",\n        \"Effect\": \"" +
             (rnd() % 4 ? "Allow" : "Deny") + "\",\n        \"Action\": [\"s3:GetObject\", \"s3:PutObject\", \"kms:Decrypt\"],\n" +
             "        \"Resource\": [\"arn:aws:s3:::media-bucket-" + std::to_string(rnd()) +
             "/*\", \"arn:aws:kms:us-east-1:111122223333:key/" + std::to_string(rnd()) + "\"],\n" +
             "        \"Condition\": {\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": " + std::to_string(rnd()) +
             "}, \"Bool\": {\"aws:SecureTransport\": true}, \"StringEquals\": {\"aws:SourceAccount\": null}}\n      }";
    }
    out += "\n    ]\n  }";
  }
  out += "\n]\n";
  return out;
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
  const size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 50;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  const std::string text = generate(mb << 20);
  const double size = static_cast<double>(text.size()) / (1 << 20);
  size_t sink = 0;
  const double ours = medianSeconds(runs, [&] {
    auto doc = rolelint::json::read(text);
    sink += doc.root ? doc.root->elements.size() : 0;
    if (!doc.problems.empty()) std::abort();
  });
  const double theirs = medianSeconds(runs, [&] {
    auto j = nlohmann::json::parse(text);
    sink += j.size();
  });
  std::printf("input: %.1f MB of generated policy JSON, median of %d runs\n", size, runs);
  std::printf("rolelint json::read      %7.1f ms  %7.1f MB/s\n", ours * 1e3, size / ours);
  std::printf("nlohmann::json::parse    %7.1f ms  %7.1f MB/s\n", theirs * 1e3, size / theirs);
  std::printf("ratio (ours / nlohmann)  %.2fx speed\n", theirs / ours);
  return sink == 0 ? 1 : 0;
}
