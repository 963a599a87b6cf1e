// core::diagnosticLess: the output order (file, line, column, rule, message, pointer,
// role, policy), compared field by field once; checked against the tuple order it
// replaces on many pairs that share prefixes of those fields.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/diagnostic.h"
#include "engine/config.h"
#include "engine/engine.h"
#include "engine/registry.h"

using rolelint::core::Diagnostic;

namespace {
bool tupleLess(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.location.file, a.location.range.begin.line, a.location.range.begin.column, a.rule, a.message,
                  a.location.pointer, a.role, a.policy) <
         std::tie(b.location.file, b.location.range.begin.line, b.location.range.begin.column, b.rule, b.message,
                  b.location.pointer, b.role, b.policy);
}
}  // namespace

TEST_CASE("diagnostics: the output order is file, line, column, rule, message, pointer, role, policy", "[core]") {
  std::mt19937 rng(21);
  auto pick = [&](std::vector<std::string> v) { return v[rng() % v.size()]; };
  std::vector<Diagnostic> ds;
  for (int i = 0; i < 300; ++i) {
    Diagnostic d;
    d.location.file = pick({"a.json", "b.json", "dump.json"});
    d.location.range.begin.line = 1 + rng() % 3;
    d.location.range.begin.column = 1 + rng() % 3;
    d.rule = pick({"RL101", "RL210", "RL604"});
    d.message = pick({"`s3:GetObject` is", "`s3:GetObject` is not", "a"});
    d.location.pointer = pick({"", "/Statement/0", "/Statement/0/Action"});
    d.role = pick({"", "role-1", "role-10"});
    d.policy = pick({"", "inline:a", "trust"});
    d.help = pick({"x", "y"});  // not part of the order
    ds.push_back(d);
  }
  size_t less = 0;
  for (const Diagnostic& a : ds)
    for (const Diagnostic& b : ds) {
      const bool expected = tupleLess(a, b);
      if (rolelint::core::diagnosticLess(a, b) != expected) {
        FAIL_CHECK("order differs: " << a.location.file << ":" << a.location.range.begin.line << " " << a.rule
                                     << " vs " << b.location.file << ":" << b.location.range.begin.line << " "
                                     << b.rule);
      }
      less += expected;
    }
  CHECK(less > 40000);  // the pairs are mostly ordered one way or the other, not all equal
}

TEST_CASE("engine: the report's findings are in diagnosticLess order, equal ones as reported", "[core][engine]") {
  // Engine::finish sorts packed keys (file rank, line, column) and falls back to the
  // findings only where those tie; findings that diagnosticLess does not tell apart
  // (they differ in help or severity only) keep the order the rules reported them in.
  std::mt19937 rng(7);
  auto pick = [&](std::vector<std::string> v) { return v[rng() % v.size()]; };
  // On one thread, and on two for a list long enough to be sorted in halves.
  const auto [count, threads] = GENERATE(std::pair<int, unsigned>{3000, 1}, std::pair<int, unsigned>{70000, 2});
  std::vector<Diagnostic> ds;
  for (int i = 0; i < count; ++i) {
    Diagnostic d;
    d.location.file = pick({"b.json", "a.json", "dump.json", "a.json.bak", "./a.json"});
    d.location.range.begin.line = 1 + rng() % 4;
    d.location.range.begin.column = 1 + rng() % 3;
    // Rules that are prefixes of others, messages that share a start.
    d.rule = pick({"RL101", "RL210", "RL2100", "RL21"});
    d.message = pick({"m", "n", "`s3:GetObject` is", "`s3:GetObjectVersion` is", "`s3:Get"});
    d.help = "reported " + std::to_string(i);  // tells equal findings apart
    ds.push_back(d);
  }
  std::vector<Diagnostic> expected = ds;
  std::stable_sort(expected.begin(), expected.end(), rolelint::core::diagnosticLess);
  rolelint::engine::Registry registry;
  rolelint::engine::Config config;
  rolelint::engine::Engine engine(registry, config, {}, nullptr);
  const std::vector<Diagnostic> sorted = engine.finish({}, ds, threads);
  REQUIRE(sorted.size() == expected.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (!(sorted[i] == expected[i])) {
      FAIL("finding " << i << ": " << sorted[i].location.file << ":" << sorted[i].location.range.begin.line << " "
                      << sorted[i].help << ", expected " << expected[i].location.file << ":"
                      << expected[i].location.range.begin.line << " " << expected[i].help);
    }
  }
}
