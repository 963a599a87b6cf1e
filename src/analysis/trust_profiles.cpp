// Loading service profiles: see trust_profiles.h and docs/profiles.md.
#include "analysis/trust_profiles.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "core/embedded.h"
#include "json/reader.h"

namespace rolelint::analysis::trust {
namespace {

constexpr std::string_view kDir = "rules/profiles/";
constexpr std::string_view kPrincipalList = "service-principals.json";

class Parser {
 public:
  Parser(const std::string& file, std::string_view text, std::vector<ProfileProblem>& problems)
      : file_(file), text_(text), problems_(problems) {}

  void problem(const json::Value& v, std::string message) {
    problems_.push_back({file_, range(v.range()), std::move(message)});
    ok_ = false;
  }
  void problemKey(const json::Member& m, std::string message) {
    problems_.push_back({file_, range(m.keyRange()), std::move(message)});
    ok_ = false;
  }
  // Lines and columns of a span (a tree keeps offsets), with an index made at the first problem.
  core::Range range(json::Span s) {
    if (!lines_) lines_.emplace(text_);
    return {lines_->position(text_, s.begin), lines_->position(text_, s.end)};
  }
  bool ok() const { return ok_; }

  // A required member of `obj`; reports its absence at the object.
  const json::Value* need(const json::Value& obj, std::string_view key, std::string_view what) {
    const json::Value* v = obj.find(key);
    if (v == nullptr) problem(obj, std::string(what) + " has no \"" + std::string(key) + "\"");
    return v;
  }
  std::optional<std::string> string(const json::Value* v, std::string_view what) {
    if (v == nullptr) return std::nullopt;
    if (!v->isString() || v->text.empty()) {
      problem(*v, std::string(what) + " must be a non-empty string, not " + std::string(json::kindName(v->kind)));
      return std::nullopt;
    }
    return v->text;
  }
  std::vector<std::string> strings(const json::Value* v, std::string_view what) {
    std::vector<std::string> out;
    if (v == nullptr) return out;
    if (!v->isArray() || v->elements.empty()) {
      problem(*v, std::string(what) + " must be a non-empty array of strings");
      return out;
    }
    for (const json::Value& e : v->elements) {
      if (auto s = string(&e, std::string(what) + " entries")) out.push_back(*s);
    }
    return out;
  }
  std::string source(const json::Value& obj, std::string_view what) {
    auto s = string(need(obj, "source", what), "\"source\"");
    if (!s) return {};
    if (s->rfind("https://", 0) != 0) {
      problem(*obj.find("source"), "\"source\" must be an https:// URL documenting the fact");
      return {};
    }
    return *s;
  }
  // Reports members of `obj` not in `allowed`.
  void onlyKeys(const json::Value& obj, std::initializer_list<std::string_view> allowed, std::string_view what) {
    for (const json::Member& m : obj.members) {
      if (m.key.rfind("$comment", 0) == 0) continue;
      if (std::find(allowed.begin(), allowed.end(), m.key) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        problemKey(m, "unknown key \"" + m.key + "\" in " + std::string(what) + " (expected: " + list + ")");
      }
    }
  }
  const json::Value* object(const json::Value* v, std::string_view what) {
    if (v == nullptr) return nullptr;
    if (!v->isObject()) {
      problem(*v, std::string(what) + " must be an object, not " + std::string(json::kindName(v->kind)));
      return nullptr;
    }
    return v;
  }

 private:
  const std::string& file_;
  std::string_view text_;
  std::optional<core::LineIndex> lines_;
  std::vector<ProfileProblem>& problems_;
  bool ok_ = true;
};

bool readRoot(const std::string& file, std::string_view text, json::Document& doc,
              std::vector<ProfileProblem>& problems) {
  doc = json::read(text);
  for (const auto& p : doc.problems) problems.push_back({file, p.range, "not valid JSON: " + p.message});
  if (!doc.root || !doc.problems.empty()) return false;
  if (!doc.root->isObject()) {
    const core::LineIndex lines(text);
    problems.push_back({file, {lines.position(text, doc.root->begin), lines.position(text, doc.root->end)},
                        "a profile must be a JSON object"});
    return false;
  }
  return true;
}

bool isLowerPrincipal(std::string_view p) {
  return std::none_of(p.begin(), p.end(), [](unsigned char c) { return std::isupper(c) || std::isspace(c); });
}

std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::optional<Profile> parseProfile(const std::string& file, std::string_view text,
                                    std::vector<ProfileProblem>& problems) {
  json::Document doc;
  if (!readRoot(file, text, doc, problems)) return std::nullopt;
  const json::Value& root = *doc.root;
  Parser ps(file, text, problems);
  Profile out;
  out.file = file;
  ps.onlyKeys(root,
              {"service", "title", "principals", "trustActions", "sourceArn", "confusedDeputyKeys", "capabilities",
               "broadManagedPolicies"},
              "a profile");
  if (auto s = ps.string(ps.need(root, "service", "the profile"), "\"service\"")) out.service = *s;
  if (auto s = ps.string(ps.need(root, "title", "the profile"), "\"title\"")) out.title = *s;

  if (const json::Value* pr = ps.object(ps.need(root, "principals", "the profile"), "\"principals\"")) {
    ps.onlyKeys(*pr, {"values", "source"}, "\"principals\"");
    out.principals = ps.strings(ps.need(*pr, "values", "\"principals\""), "\"principals.values\"");
    if (const json::Value* vals = pr->find("values"); vals && vals->isArray()) {
      for (const json::Value& e : vals->elements) {
        if (e.isString() && !isLowerPrincipal(e.text))
          ps.problem(e, "service principal \"" + e.text + "\" must be lowercase without spaces");
      }
    }
    ps.source(*pr, "\"principals\"");
  }
  if (const json::Value* ta = ps.object(ps.need(root, "trustActions", "the profile"), "\"trustActions\"")) {
    ps.onlyKeys(*ta, {"actions", "source"}, "\"trustActions\"");
    out.trustActions = ps.strings(ps.need(*ta, "actions", "\"trustActions\""), "\"trustActions.actions\"");
    ps.source(*ta, "\"trustActions\"");
  }
  if (const json::Value* sa = ps.object(root.find("sourceArn"), "\"sourceArn\"")) {
    ps.onlyKeys(*sa, {"patterns", "source"}, "\"sourceArn\"");
    out.sourceArns = ps.strings(ps.need(*sa, "patterns", "\"sourceArn\""), "\"sourceArn.patterns\"");
    if (const json::Value* pats = sa->find("patterns"); pats && pats->isArray()) {
      for (const json::Value& e : pats->elements) {
        if (e.isString() && std::count(e.text.begin(), e.text.end(), ':') < 5)
          ps.problem(e, "\"" + e.text + "\" is not an ARN pattern (arn:PARTITION:service:REGION:ACCOUNT:resource)");
      }
    }
    ps.source(*sa, "\"sourceArn\"");
  }
  if (const json::Value* cd = ps.object(ps.need(root, "confusedDeputyKeys", "the profile"), "\"confusedDeputyKeys\"")) {
    ps.onlyKeys(*cd, {"documented", "source"}, "\"confusedDeputyKeys\"");
    if (const json::Value* d = ps.need(*cd, "documented", "\"confusedDeputyKeys\"")) {
      if (d->isBool()) {
        out.confusedDeputyKeys = d->boolean;
      } else {
        ps.problem(*d, "\"documented\" must be true or false, not " + std::string(json::kindName(d->kind)));
      }
    }
    ps.source(*cd, "\"confusedDeputyKeys\"");
  }
  if (const json::Value* caps = root.find("capabilities")) {
    if (!caps->isArray()) {
      ps.problem(*caps, "\"capabilities\" must be an array of objects");
    } else {
      for (const json::Value& c : caps->elements) {
        if (!ps.object(&c, "a capability")) continue;
        ps.onlyKeys(c, {"name", "actions", "required", "source"}, "a capability");
        Capability cap;
        if (auto s = ps.string(ps.need(c, "name", "a capability"), "\"name\"")) cap.name = *s;
        cap.actions = ps.strings(ps.need(c, "actions", "a capability"), "\"actions\"");
        if (const json::Value* r = ps.need(c, "required", "a capability")) {
          if (r->isBool()) {
            cap.required = r->boolean;
          } else {
            ps.problem(*r, "\"required\" must be true or false, not " + std::string(json::kindName(r->kind)));
          }
        }
        cap.source = ps.source(c, "a capability");
        out.capabilities.push_back(std::move(cap));
      }
    }
  }
  if (const json::Value* bps = root.find("broadManagedPolicies")) {
    if (!bps->isArray()) {
      ps.problem(*bps, "\"broadManagedPolicies\" must be an array of objects");
    } else {
      for (const json::Value& b : bps->elements) {
        if (!ps.object(&b, "a broad managed policy")) continue;
        ps.onlyKeys(b, {"arn", "instead", "source"}, "a broad managed policy");
        BroadPolicy bp;
        if (auto s = ps.string(ps.need(b, "arn", "a broad managed policy"), "\"arn\"")) {
          bp.arn = *s;
          if (bp.arn.rfind("arn:", 0) != 0) ps.problem(*b.find("arn"), "\"" + bp.arn + "\" is not a policy ARN");
        }
        if (auto s = ps.string(ps.need(b, "instead", "a broad managed policy"), "\"instead\"")) bp.instead = *s;
        bp.source = ps.source(b, "a broad managed policy");
        out.broadManagedPolicies.push_back(std::move(bp));
      }
    }
  }
  if (!ps.ok()) return std::nullopt;
  return out;
}

std::vector<std::string> parsePrincipalList(const std::string& file, std::string_view text,
                                            std::vector<ProfileProblem>& problems) {
  json::Document doc;
  if (!readRoot(file, text, doc, problems)) return {};
  Parser ps(file, text, problems);
  ps.onlyKeys(*doc.root, {"principals", "sources"}, "the principal list");
  ps.strings(ps.need(*doc.root, "sources", "the principal list"), "\"sources\"");
  std::vector<std::string> out = ps.strings(ps.need(*doc.root, "principals", "the principal list"), "\"principals\"");
  if (const json::Value* vals = doc.root->find("principals"); vals && vals->isArray()) {
    for (const json::Value& e : vals->elements) {
      if (e.isString() && !isLowerPrincipal(e.text))
        ps.problem(e, "service principal \"" + e.text + "\" must be lowercase without spaces");
    }
  }
  return ps.ok() ? out : std::vector<std::string>{};
}

const Profile* ProfileSet::forPrincipal(std::string_view principal) const {
  for (const Profile& p : profiles) {
    if (std::find(p.principals.begin(), p.principals.end(), principal) != p.principals.end()) return &p;
  }
  return nullptr;
}

bool ProfileSet::isKnownPrincipal(std::string_view principal) const {
  return std::find(knownPrincipals.begin(), knownPrincipals.end(), principal) != knownPrincipals.end();
}

namespace {

ProfileSet load() {
  ProfileSet set;
  // Texts by file name; the directory's files replace embedded ones of the same name.
  std::map<std::string, std::pair<std::string, std::string>> texts;  // name -> (display path, text)
  for (std::string_view name : embedded::names()) {
    if (name.substr(0, kDir.size()) != kDir || name.size() < 5 || name.substr(name.size() - 5) != ".json") continue;
    const std::string base(name.substr(kDir.size()));
    texts[base] = {std::string(name), std::string(*embedded::find(name))};
  }
  if (const char* dir = std::getenv("ROLELINT_PROFILES_DIR"); dir != nullptr && *dir != '\0') {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) texts[f.filename().string()] = {f.generic_string(), readText(f)};
  }
  for (const auto& [base, entry] : texts) {
    if (base == kPrincipalList) {
      auto list = parsePrincipalList(entry.first, entry.second, set.problems);
      set.knownPrincipals.insert(set.knownPrincipals.end(), list.begin(), list.end());
    } else if (auto p = parseProfile(entry.first, entry.second, set.problems)) {
      set.knownPrincipals.insert(set.knownPrincipals.end(), p->principals.begin(), p->principals.end());
      set.profiles.push_back(std::move(*p));
    }
  }
  std::sort(set.knownPrincipals.begin(), set.knownPrincipals.end());
  set.knownPrincipals.erase(std::unique(set.knownPrincipals.begin(), set.knownPrincipals.end()),
                            set.knownPrincipals.end());
  return set;
}

}  // namespace

const ProfileSet& profiles() {
  static const ProfileSet set = load();
  return set;
}

}  // namespace rolelint::analysis::trust
