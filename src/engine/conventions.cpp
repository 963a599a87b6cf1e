#include "engine/conventions.h"

#include <re2/re2.h>

#include "analysis/trust_common.h"
#include "input/input.h"
#include "json/value.h"

namespace rolelint::engine::conventions {

engine::RuleOption countWhitespaceOption() {
  return {kCountWhitespaceOption, "boolean", false,
          "count spaces inside string literals of the policy (by default all whitespace is left out, inside strings "
          "too)"};
}

std::string sizeUnit(bool countWhitespaceInStrings) {
  return countWhitespaceInStrings ? "characters without whitespace outside strings" : "characters without whitespace";
}

engine::RuleOption quotaOption(const std::string& quota, int64_t awsDefault) {
  return {kLimitOption, "integer", awsDefault,
          "the quota, when your account's differs from AWS's default (also set by quotas." + quota + ")",
          "quotas." + quota};
}

engine::RuleOption conventionOption(const std::string& key, const std::string& type, const std::string& description) {
  return {key, type, nullptr, description + " (also set by conventions." + key + ")", "conventions." + key};
}

const json::Value* convention(const engine::Options& options, std::string_view key) { return options.node(key); }

core::Location locateConfig(const engine::Options& options, const json::Value& v) { return options.locate(v); }

core::Location locateConfigKey(const engine::Options& options, const json::Value& v) { return options.locateKey(v); }

std::unique_ptr<RE2> conventionPattern(const engine::Options& config, const json::Value& v, const std::string& name,
                                       engine::Reporter* r) {
  if (!v.isString()) {
    if (r) {
      r->report(locateConfig(config, v), name + " must be a string holding an RE2 pattern, not " +
                                             std::string(json::kindName(v.kind)) + "; this convention is not checked");
    }
    return nullptr;
  }
  auto re = compilePattern(v.text);
  if (!re) {
    if (r) {
      r->report(locateConfig(config, v),
                name + " is not a valid RE2 pattern: " + re.error().message +
                    " (RE2 has no backreferences or lookaround); this convention is not checked");
    }
    return nullptr;
  }
  return std::move(*re);
}

std::optional<std::vector<const json::Value*>> conventionStrings(const engine::Options& config, const json::Value& v,
                                                                 const std::string& name, engine::Reporter* r) {
  if (!v.isArray()) {
    if (r) {
      r->report(locateConfig(config, v), name + " must be an array of strings, not " +
                                             std::string(json::kindName(v.kind)) + "; this convention is not checked");
    }
    return std::nullopt;
  }
  std::vector<const json::Value*> out;
  for (const json::Value& e : v.elements) {
    if (!e.isString() || e.text.empty()) {
      if (r) {
        r->report(locateConfig(config, e),
                  "each entry of " + name + " must be a non-empty string, not " +
                      (e.isString() ? std::string("an empty string") : std::string(json::kindName(e.kind))) +
                      "; this convention is not checked");
      }
      return std::nullopt;
    }
    out.push_back(&e);
  }
  return out;
}

core::Result<std::unique_ptr<RE2>> compilePattern(const std::string& pattern) {
  RE2::Options o;
  o.set_log_errors(false);
  auto re = std::make_unique<RE2>(pattern, o);
  if (!re->ok()) return core::Error{re->error()};
  return re;
}

std::optional<std::vector<std::string>> trustedAccounts(const engine::Options& options) {
  const json::Value* v = options.node("trustedAccounts");
  if (v == nullptr || !v->isArray()) return std::nullopt;
  std::vector<std::string> out;
  for (const json::Value& e : v->elements) {
    if (!e.isString() || !analysis::trust::isAccountId(e.text)) return std::nullopt;
    out.push_back(e.text);
  }
  return out;
}

bool singleAccount(const engine::Options& options) {
  const json::Value* v = options.node("singleAccount");
  return v != nullptr && v->isBool() && v->boolean;
}

}  // namespace rolelint::engine::conventions
