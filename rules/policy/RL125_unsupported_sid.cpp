// RL125 unsupported-sid: in IAM policies a Sid may contain only ASCII letters and digits.
// Source: IAM User Guide, IAM JSON policy elements: Sid
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).
#include "rules/registry.h"
#include "analysis/policy_util.h"

#include <cctype>

namespace rolelint::rules {
namespace {

class UnsupportedSid final : public engine::Rule {
 public:
  UnsupportedSid()
      : engine::Rule({.id = "RL125",
                      .name = "unsupported-sid",
                      .category = engine::Category::Policy,
                      .severity = core::Severity::Error,
                      .summary = "A Sid contains characters other than ASCII letters and digits.",
                      .equivalents = {"access-analyzer:UNSUPPORTED_SID", "parliament:INVALID_SID",
                                      "cfn-lint:E3510"}}) {}

  void checkStatement(const model::Statement& s, const model::PolicyDocument& p, engine::Reporter& r) const override {
    if (s.sid == nullptr || !s.sid->isString()) return;
    const std::string& t = s.sid->text;
    size_t bad = std::string::npos;
    std::string fixed;
    for (size_t i = 0; i < t.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(t[i]);
      if (c < 0x80 && std::isalnum(c)) {
        fixed += t[i];
      } else if (bad == std::string::npos) {
        bad = i;
      }
    }
    if (bad == std::string::npos) return;
    const std::string ch = static_cast<unsigned char>(t[bad]) < 0x80 ? "'" + std::string(1, t[bad]) + "'" : "a non-ASCII character";
    std::string msg = "Sid \"" + t + "\" contains " + (t[bad] == ' ' ? std::string("a space") : ch) +
                      "; IAM policies accept only A-Z, a-z and 0-9 in a Sid and reject the policy otherwise";
    std::string help = fixed.empty() ? std::string("Use only A-Z, a-z and 0-9, or remove the Sid")
                                     : "Write \"" + fixed + "\"";
    r.reportSubstring(p, *s.sid, bad, 1, std::move(msg), std::move(help));
  }
};

}  // namespace

std::unique_ptr<engine::Rule> makeRL125() { return engine::makeRule<UnsupportedSid>(); }

}  // namespace rolelint::rules
