#include "engine/config.h"

#include <algorithm>
#include <iterator>

#include <re2/re2.h>

#include "engine/glob.h"
#include "engine/registry.h"
#include "input/read.h"

namespace rolelint::engine {
namespace {

struct Parser {
  Config& cfg;
  const Registry* registry;

  core::Location loc(const json::Value& v) const { return input::locate(*cfg.tree, v, cfg.tree->root()); }
  core::Location keyLoc(const json::Value& v) const { return input::locateKey(*cfg.tree, v, cfg.tree->root()); }

  void unknown(const json::Member& m, std::string_view where, std::string_view known) {
    cfg.problems.push_back({ConfigProblem::Kind::UnknownKey,
                            "unknown key \"" + m.key + "\" in " + std::string(where) + "; known keys: " +
                                std::string(known),
                            keyLoc(m.value)});
  }
  void invalid(const json::Value& v, std::string message) {
    cfg.problems.push_back({ConfigProblem::Kind::InvalidValue, std::move(message), loc(v)});
  }

  bool isRuleId(const std::string& s) const {
    if (s.size() != 5 || s.compare(0, 2, "RL") != 0) return false;
    for (size_t i = 2; i < 5; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  }

  bool checkRuleId(const json::Value& at, const std::string& id) {
    if (!isRuleId(id)) {
      invalid(at, "\"" + id + "\" is not a rule id; rule ids look like RL101");
      return false;
    }
    if (registry != nullptr && registry->find(id) == nullptr) {
      invalid(at, "there is no rule " + id + "; `rolelint rules` lists them");
      return false;
    }
    return true;
  }

  void rules(const json::Value& v) {
    if (!v.isObject()) return invalid(v, "\"rules\" must be an object mapping rule ids to settings");
    for (const json::Member& m : v.members) {
      if (!checkRuleId(m.value, m.key)) continue;
      RuleSetting s;
      const json::Value& val = m.value;
      if (val.isString()) {
        if (val.text == "off") {
          s.off = true;
        } else if (auto sev = core::parseSeverity(val.text)) {
          s.severity = sev;
        } else {
          invalid(val, "rule setting must be \"off\", \"error\", \"warning\", \"note\" or an object");
          continue;
        }
      } else if (val.isObject()) {
        for (const json::Member& k : val.members) {
          if (k.key == "severity") {
            if (k.value.isString() && k.value.text == "off") {
              s.off = true;
            } else if (auto sev = k.value.isString() ? core::parseSeverity(k.value.text) : std::nullopt) {
              s.severity = sev;
            } else {
              invalid(k.value, "\"severity\" must be \"error\", \"warning\", \"note\" or \"off\"");
            }
          } else if (k.key == "options") {
            options(m.key, k.value, s);
          } else {
            unknown(k, "a rule setting", "severity, options");
          }
        }
      } else {
        invalid(val, "rule setting must be \"off\", \"error\", \"warning\", \"note\" or an object");
        continue;
      }
      cfg.rules[m.key] = std::move(s);
    }
  }

  static nlohmann::json toJson(const json::Value& v) {
    switch (v.kind) {
      case json::Kind::Null: return nullptr;
      case json::Kind::Boolean: return v.boolean;
      case json::Kind::Number: return nlohmann::json::parse(v.text, nullptr, false);
      case json::Kind::String: return v.text;
      case json::Kind::Array: {
        auto a = nlohmann::json::array();
        for (const auto& e : v.elements) a.push_back(toJson(e));
        return a;
      }
      case json::Kind::Object: {
        auto o = nlohmann::json::object();
        for (const auto& m : v.members) o[m.key] = toJson(m.value);
        return o;
      }
    }
    return nullptr;
  }

  void options(const std::string& id, const json::Value& v, RuleSetting& s) {
    if (!v.isObject()) return invalid(v, "\"options\" must be an object");
    const Rule* rule = registry != nullptr ? registry->find(id) : nullptr;
    for (const json::Member& o : v.members) {
      if (rule != nullptr) {
        const RuleOption* spec = nullptr;
        for (const RuleOption& opt : rule->meta().options)
          if (opt.name == o.key) spec = &opt;
        if (spec == nullptr) {
          std::string known;
          for (const RuleOption& opt : rule->meta().options) known += (known.empty() ? "" : ", ") + opt.name;
          unknown(o, "the options of " + id, known.empty() ? "(none)" : known);
          continue;
        }
        const nlohmann::json val = toJson(o.value);
        const bool ok = (spec->type == "integer" && val.is_number_integer()) ||
                        (spec->type == "number" && val.is_number()) || (spec->type == "string" && val.is_string()) ||
                        (spec->type == "boolean" && val.is_boolean()) || (spec->type == "array" && val.is_array());
        if (!ok) {
          invalid(o.value, "option \"" + o.key + "\" of " + id + " must be of type " + spec->type);
          continue;
        }
        s.options[o.key] = val;
      } else {
        s.options[o.key] = toJson(o.value);
      }
    }
  }

  void quotas(const json::Value& v) {
    static const std::vector<std::string> kKnown = {"trustPolicySize", "inlinePoliciesSize", "managedPolicySize",
                                                    "managedPoliciesPerRole", "tagsPerRole"};
    if (!v.isObject()) return invalid(v, "\"quotas\" must be an object");
    for (const json::Member& m : v.members) {
      if (std::find(kKnown.begin(), kKnown.end(), m.key) == kKnown.end()) {
        unknown(m, "\"quotas\"",
                "trustPolicySize, inlinePoliciesSize, managedPolicySize, managedPoliciesPerRole, tagsPerRole");
        continue;
      }
      const std::string& t = m.value.text;
      if (!m.value.isNumber() || t.find_first_of(".eE-") != std::string::npos || t.size() > 12) {
        invalid(m.value, "quota \"" + m.key + "\" must be a positive whole number");
        continue;
      }
      const long long q = std::stoll(t);
      if (q <= 0) {
        // A zero quota would make every role break it (and a size quota of 0 means nothing).
        invalid(m.value, "quota \"" + m.key + "\" must be a positive whole number");
        continue;
      }
      cfg.quotas[m.key] = q;
    }
  }

  void policies(const json::Value& v) {
    if (!v.isObject()) return invalid(v, "\"policies\" must be an object mapping policy ARNs to file paths");
    for (const json::Member& m : v.members) {
      if (m.key.rfind("arn:", 0) != 0) {
        invalid(m.value, "\"" + m.key + "\" is not a policy ARN (arn:PARTITION:iam::ACCOUNT:policy/NAME)");
        continue;
      }
      if (!m.value.isString()) {
        invalid(m.value, "the file for \"" + m.key + "\" must be a path string");
        continue;
      }
      const std::filesystem::path file(m.value.text);
      const auto normal = file.lexically_normal();
      if (file.is_absolute() || normal.empty() || *normal.begin() == "..") {
        invalid(m.value, "the file for \"" + m.key +
                             "\" must be a relative path inside the configuration file's directory");
        continue;
      }
      cfg.policies[m.key] = m.value.text;
    }
  }

  void suppress(const json::Value& v) {
    if (!v.isArray()) return invalid(v, "\"suppress\" must be an array of {rule, path, pointer, reason} objects");
    for (const json::Value& e : v.elements) {
      if (!e.isObject()) {
        invalid(e, "each suppression must be an object with \"rule\" and optional \"path\", \"pointer\", \"reason\"");
        continue;
      }
      Suppression s;
      s.location = loc(e);
      bool ok = true;
      for (const json::Member& m : e.members) {
        if (m.key != "rule" && m.key != "path" && m.key != "pointer" && m.key != "reason") {
          unknown(m, "a suppression", "rule, path, pointer, reason");
          continue;
        }
        if (!m.value.isString()) {
          invalid(m.value, "\"" + m.key + "\" of a suppression must be a string");
          ok = false;
          continue;
        }
        if (m.key == "rule") {
          ok = checkRuleId(m.value, m.value.text) && ok;
          s.rule = m.value.text;
        } else if (m.key == "path") {
          s.path = m.value.text;
        } else if (m.key == "pointer") {
          if (!m.value.text.empty() && m.value.text[0] != '/') {
            invalid(m.value, "\"pointer\" must be a JSON pointer starting with '/' (e.g. \"/Statement/2\")");
            ok = false;
          }
          s.pointer = m.value.text;
        } else {
          s.reason = m.value.text;
        }
      }
      if (s.rule.empty() && ok) {
        invalid(e, "a suppression needs \"rule\"");
        ok = false;
      }
      if (ok) cfg.suppressions.push_back(std::move(s));
    }
  }

  // "forbid": [{"actions": [...], "resources": [...], "roles": "glob", "reason": "..."}]
  void forbid(const json::Value& v) {
    if (!v.isArray()) return invalid(v, "\"forbid\" must be an array of {\"actions\", \"resources\", \"roles\", \"reason\"} objects");
    auto strings = [&](const json::Value& val, std::string_view key, std::vector<std::string>& out) {
      if (val.isString()) {
        out.push_back(val.text);
      } else if (val.isArray() && !val.elements.empty() &&
                 std::all_of(val.elements.begin(), val.elements.end(), [](const json::Value& e) { return e.isString(); })) {
        for (const json::Value& e : val.elements) out.push_back(e.text);
      } else {
        invalid(val, "\"" + std::string(key) + "\" must be a string or a non-empty array of strings");
        return false;
      }
      for (const std::string& x : out) {
        if (x.empty()) {
          invalid(val, "\"" + std::string(key) + "\" has an empty string");
          return false;
        }
        if (key == "actions" && x != "*" && x.find(':') == std::string::npos) {
          invalid(val, "\"" + x + "\" is not an IAM action pattern (service:Action)");
          return false;
        }
        if (key == "resources" && x != "*" && x.rfind("arn:", 0) != 0) {
          invalid(val, "\"" + x + "\" is not an ARN pattern (arn:…) or \"*\"");
          return false;
        }
      }
      return true;
    };
    for (const json::Value& e : v.elements) {
      if (!e.isObject()) {
        invalid(e, "each \"forbid\" entry must be an object");
        continue;
      }
      Forbid f;
      f.location = loc(e);
      f.index = static_cast<size_t>(&e - v.elements.data());
      bool ok = true;
      for (const json::Member& m : e.members) {
        if (m.key == "actions") {
          ok = strings(m.value, "actions", f.actions) && ok;
        } else if (m.key == "resources") {
          ok = strings(m.value, "resources", f.resources) && ok;
        } else if (m.key == "roles" || m.key == "reason") {
          if (!m.value.isString()) {
            invalid(m.value, "\"" + m.key + "\" must be a string");
            ok = false;
          } else {
            (m.key == "roles" ? f.roles : f.reason) = m.value.text;
          }
        } else {
          unknown(m, "a \"forbid\" entry", "actions, resources, roles, reason");
        }
      }
      if (f.actions.empty() && ok) {
        invalid(e, "a \"forbid\" entry needs \"actions\"");
        ok = false;
      }
      if (f.resources.empty()) f.resources.push_back("*");
      if (ok) cfg.forbid.push_back(std::move(f));
    }
  }

  void run() {
    const json::Value* root = cfg.tree->root();
    if (root == nullptr) return;
    if (!root->isObject()) {
      invalid(*root, "the configuration must be a JSON object");
      cfg.fatal = true;
      return;
    }
    for (const json::Member& m : root->members) {
      if (m.key == "rules") {
        rules(m.value);
      } else if (m.key == "conventions") {
        if (m.value.isObject()) {
          cfg.conventions = &m.value;
          // The values are read and checked by the rules that use them; the keys are checked here.
          static const std::vector<std::string> kKnown = {
              "roleName",         "requiredTags",          "requirePermissionsBoundary", "allowedBoundaries",
              "trustedAccounts",  "forbiddenManagedPolicies", "maxSessionDuration", "singleAccount"};
          for (const json::Member& c : m.value.members) {
            if (std::find(kKnown.begin(), kKnown.end(), c.key) == kKnown.end()) {
              unknown(c, "\"conventions\"",
                      "roleName, requiredTags, requirePermissionsBoundary, allowedBoundaries, trustedAccounts, "
                      "forbiddenManagedPolicies, maxSessionDuration, singleAccount");
            }
          }
        } else {
          invalid(m.value, "\"conventions\" must be an object");
        }
      } else if (m.key == "quotas") {
        quotas(m.value);
      } else if (m.key == "policies") {
        policies(m.value);
      } else if (m.key == "suppress") {
        suppress(m.value);
      } else if (m.key == "forbid") {
        forbid(m.value);
      } else if (m.key != "$schema") {
        unknown(m, "the configuration", "rules, conventions, quotas, policies, suppress, forbid");
      }
    }
  }
};

}  // namespace

std::optional<int64_t> Config::quota(const std::string& name) const {
  auto it = quotas.find(name);
  if (it == quotas.end()) return std::nullopt;
  return it->second;
}

Config parseConfig(std::string displayPath, std::string text, const Registry* registry) {
  Config cfg;
  cfg.file = displayPath;
  input::Loader loader;
  auto file = loader.loadText(std::move(displayPath), std::move(text), {}, {});
  cfg.tree = file.tree;
  for (const input::Problem& p : file.problems) {
    cfg.problems.push_back({ConfigProblem::Kind::InvalidValue, p.message, p.location});
    if (p.code == input::ProblemCode::JsonSyntax || p.code == input::ProblemCode::UnsupportedDocument ||
        p.code == input::ProblemCode::TooDeep || p.code == input::ProblemCode::DuplicateKey)
      cfg.fatal = true;
  }
  if (cfg.tree->root() == nullptr) {
    cfg.fatal = true;
    return cfg;
  }
  Parser{cfg, registry}.run();
  return cfg;
}

core::Result<Config> loadConfig(const std::filesystem::path& path, const Registry* registry) {
  auto text = input::readFileBounded(path.string(), input::kMaxReferencedBytes, true);
  if (!text) {
    std::string why = text.error().message;
    if (why.rfind(path.string() + ": ", 0) == 0) why.erase(0, path.string().size() + 2);
    return core::Error{path.generic_string() + ": cannot read the configuration file (" + why + ")"};
  }
  Config cfg = parseConfig(path.generic_string(), std::move(*text), registry);
  cfg.directory = path.parent_path();
  return cfg;
}

std::optional<std::filesystem::path> findConfig(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  for (;;) {
    const auto candidate = dir / ".rolelint.json";
    if (std::filesystem::is_regular_file(candidate, ec)) {
      // Show it relative to the working directory when it is below it.
      auto rel = candidate.lexically_relative(cwd);
      if (!rel.empty() && rel.begin()->string() != "..") return rel;
      return candidate;
    }
    // The top of a git work tree (.git is a directory, or a file in a worktree
    // or submodule): a config above the checkout is not the checkout's.
    if (std::filesystem::exists(std::filesystem::symlink_status(dir / ".git", ec))) return std::nullopt;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

namespace {

std::string globToRegex(std::string_view pattern) {
  // Translate to an anchored RE2 pattern: "**/" = any directories (or none),
  // "**" = anything, "*" = anything within a path segment, "?" = one character.
  std::string re;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
      if (i + 2 < pattern.size() && pattern[i + 2] == '/') {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        ++i;
      }
    } else if (c == '*') {
      re += "[^/]*";
    } else if (c == '?') {
      re += "[^/]";
    } else {
      re += RE2::QuoteMeta(std::string_view(&c, 1));
    }
  }
  return re;
}

}  // namespace

PathGlob::PathGlob(std::string_view pattern) {
  auto re = std::make_shared<const RE2>(globToRegex(pattern));
  if (re->ok()) re_ = std::move(re);
}

bool PathGlob::matches(std::string_view path) const { return re_ != nullptr && RE2::FullMatch(path, *re_); }

bool globMatch(std::string_view pattern, std::string_view path) { return PathGlob(pattern).matches(path); }

}  // namespace rolelint::engine
