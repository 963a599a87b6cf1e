#include "analysis/catalog_lookup.h"

#include "core/unknown.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_map>

#include "analysis/arn_template.h"
#include "core/text.h"

namespace rolelint::analysis::lookup {

bool checksPolicy(const model::PolicyDocument& p) {
  return !p.awsManaged;
}

std::string dataNote(const catalog::Catalog& c) {
  return "(IAM catalog " + std::string(c.source()) + " " + std::string(c.version()) + ")";
}

std::string datedNote(const catalog::Catalog& c) {
  const std::string_view v = c.version();
  const std::size_t dot = v.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? std::string_view() : v.substr(dot + 1);
  const bool digits = last.size() >= 8 && last.find_first_not_of("0123456789") == std::string_view::npos;
  if (!digits || last.substr(0, 2) != "20") return dataNote(c);
  return "(IAM catalog " + std::string(c.source()) + " " + std::string(v) + " of " + std::string(last.substr(0, 4)) +
         "-" + std::string(last.substr(4, 2)) + "-" + std::string(last.substr(6, 2)) + ")";
}

bool hasVariable(std::string_view s) {
  return s.find("${") != std::string_view::npos || core::hasUnknown(s);  // unknown parts may be any value too
}

std::string quoteList(const std::vector<std::string>& items, std::string_view conj) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " " + std::string(conj) + " " : ", ";
    out += "`" + items[i] + "`";
  }
  return out;
}

std::string quoteSome(const std::vector<std::string>& items, std::size_t max) {
  if (items.size() <= max) return quoteList(items, "and");
  std::string out;
  for (std::size_t i = 0; i < max; ++i) out += "`" + items[i] + "`, ";
  return out + "and " + std::to_string(items.size() - max) + " more";
}

using core::startsWith;

core::ValueType keyValueType(catalog::ConditionType t) {
  switch (t) {
    case catalog::ConditionType::Arn: return core::ValueType::Arn;
    case catalog::ConditionType::Bool: return core::ValueType::Bool;
    case catalog::ConditionType::Numeric: return core::ValueType::Numeric;
    case catalog::ConditionType::Date: return core::ValueType::Date;
    case catalog::ConditionType::IpAddress: return core::ValueType::Ip;
    case catalog::ConditionType::Binary: return core::ValueType::Binary;
    case catalog::ConditionType::String:
    case catalog::ConditionType::Unknown: break;
  }
  return core::ValueType::String;
}

std::vector<core::TypedValue> conditionValues(const model::Condition& c, const catalog::Catalog* catalog) {
  core::ValueType type = core::valueTypeOf(c.parsedOp.family);
  if (catalog != nullptr) {
    const KeyInfo info = resolveKey(*catalog, c.key);
    if (info.key != nullptr && info.key->type != catalog::ConditionType::Unknown) type = keyValueType(info.key->type);
  }
  std::vector<core::TypedValue> out;
  out.reserve(c.values.size());
  for (const json::Value* v : c.values) {
    if (v->isString() || v->isNumber()) {
      out.push_back(core::typeValue(v->text, type));
    } else if (v->isBool()) {
      out.push_back(core::typeValue(v->boolean ? "true" : "false", type));
    } else {
      core::TypedValue bad;
      bad.type = type;
      bad.valid = false;
      out.push_back(bad);
    }
  }
  return out;
}

KeyInfo resolveKey(const catalog::Catalog& c, std::string_view key) {
  KeyInfo out;
  if (core::hasUnknown(key)) {
    out.kind = KeyKind::ValueUnknown;
    return out;
  }
  const std::size_t colon = key.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= key.size()) return out;
  out.prefix = key.substr(0, colon);
  if (const catalog::ConditionKey* g = c.findGlobalConditionKey(key)) {
    out.kind = KeyKind::Global;
    out.key = g;
    return out;
  }
  if (iequals(out.prefix, "aws")) {
    out.kind = KeyKind::UnknownGlobal;
    return out;
  }
  if (const catalog::Service* svc = c.findService(out.prefix)) {
    out.service = svc;
    out.kind = KeyKind::UnknownService;
    const catalog::ConditionKey* k = svc->findConditionKey(key);
    for (std::size_t i = 0; k == nullptr && i < svc->conditionKeys().size(); ++i) {
      if (keyMatches(svc->conditionKeys()[i], key)) k = &svc->conditionKeys()[i];
    }
    if (k != nullptr) {
      out.kind = KeyKind::Service;
      out.key = k;
    }
    return out;
  }
  const auto owners = c.conditionPrefixOwners(out.prefix);
  if (!owners.empty()) {
    for (const std::string_view o : owners) {
      if (const catalog::Service* svc = c.findService(o)) {
        if (const catalog::ConditionKey* k = svc->findConditionKey(key)) {
          out.kind = KeyKind::Service;
          out.key = k;
          out.service = svc;
          return out;
        }
      }
    }
    out.kind = KeyKind::Provider;
    return out;
  }
  // Identity-provider keys (OIDC issuers such as oidc.eks.….amazonaws.com/id/…,
  // app.terraform.io) are host names: not in the catalog, never reported.
  if (out.prefix.find_first_of("./") != std::string_view::npos) {
    out.kind = KeyKind::Provider;
    return out;
  }
  out.kind = KeyKind::UnknownPrefix;
  return out;
}

std::vector<const catalog::Action*> statementActions(const catalog::Catalog& c, const model::Statement& s) {
  std::vector<const catalog::Action*> out;
  for (const auto& item : s.action.items) {
    if (!hasWildcard(item.value)) {
      if (const catalog::Action* a = c.findAction(item.value)) out.push_back(a);
      continue;
    }
    for (const catalog::ActionRef ref : c.expandActionPattern(item.value)) {
      if (const catalog::Action* a = c.action(ref)) out.push_back(a);
    }
  }
  return out;
}

bool keyMatches(const catalog::ConditionKey& k, std::string_view key) {
  if (k.matches(key)) return true;
  // Some services document the tag placeholder literally ("secretsmanager:ResourceTag/tag-key").
  for (const std::string_view literal : {std::string_view("/tag-key"), std::string_view("/tag_key")}) {
    if (k.name.size() > literal.size() && iequals(k.name.substr(k.name.size() - literal.size()), literal)) {
      const std::size_t stem = k.name.size() - literal.size() + 1;  // keeps the '/'
      if (key.size() > stem && iequals(key.substr(0, stem), k.name.substr(0, stem))) return true;
    }
  }
  return false;
}

AbsentKey whenKeyAbsent(const Operator& op) {
  if (op.ifExists || op.family == OpFamily::Null || op.family == OpFamily::Unknown) return AbsentKey::Skip;
  if (op.forAll) return AbsentKey::True;
  if (op.forAny) return AbsentKey::False;
  return op.base.find("Not") != std::string_view::npos ? AbsentKey::True : AbsentKey::False;
}

std::string absentKeyOutcome(AbsentKey result, std::string_view op, model::Effect effect, std::string_view them) {
  const bool holds = result == AbsentKey::True;
  std::string out =
      "`" + std::string(op) + "` is " + (holds ? "true" : "false") + " for " + std::string(them) + " and ";
  const std::string t(them);
  switch (effect) {
    case model::Effect::Allow:
      return out + (holds ? "this `Allow` grants " + t + " without the condition restricting " + t
                          : "this `Allow` never grants " + t);
    case model::Effect::Deny:
      return out + (holds ? "this `Deny` denies " + t + " whatever the request" : "this `Deny` never denies " + t);
    default:
      return out + (holds ? "the condition does not restrict " + t : "the statement never applies to " + t);
  }
}

bool anySupportsKey(const std::vector<const catalog::Action*>& actions, std::string_view key) {
  return std::any_of(actions.begin(), actions.end(),
                     [&](const catalog::Action* a) { return actionSupportsKey(*a, key); });
}

bool isOwnServiceKey(const KeyInfo& info) {
  return info.kind == KeyKind::Service && info.service != nullptr && iequals(info.prefix, info.service->prefix());
}

bool actionSupportsKey(const catalog::Action& a, std::string_view key) {
  for (const catalog::ConditionKey* k : a.conditionKeys) {
    if (keyMatches(*k, key)) return true;
  }
  for (const catalog::ActionResource& r : a.resources) {
    for (const catalog::ConditionKey* k : r.conditionKeys) {
      if (keyMatches(*k, key)) return true;
    }
    if (r.type != nullptr) {
      for (const catalog::ConditionKey* k : r.type->conditionKeys) {
        if (keyMatches(*k, key)) return true;
      }
    }
  }
  return false;
}

}  // namespace rolelint::analysis::lookup

namespace rolelint::analysis::lookup {
std::vector<std::string> suggestKeys(std::span<const catalog::ConditionKey> keys, std::string_view key,
                                     std::size_t max) {
  struct Cand {
    std::size_t d;
    std::string_view name;
  };
  auto head = [](std::string_view s) { return s.substr(0, s.find('/')); };
  const bool keySlash = key.find('/') != std::string_view::npos;
  std::vector<Cand> cands;
  for (const catalog::ConditionKey& k : keys) {
    const bool tmplSlash = k.templated && k.name.find('/') != std::string_view::npos;
    const std::size_t d = (tmplSlash && keySlash) ? editDistance(head(key), head(k.name)) : editDistance(key, k.name);
    const std::size_t len = (tmplSlash && keySlash) ? head(key).size() : key.size();
    if (d > 0 && d <= std::max<std::size_t>(2, len / 4)) cands.push_back({d, k.name});
    if (d == 0 && tmplSlash && keySlash) cands.push_back({d, k.name});
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.d < b.d; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < cands.size() && out.size() < max; ++i) out.emplace_back(cands[i].name);
  return out;
}
const ServiceFormats& serviceFormats(const catalog::Catalog& c, const catalog::Service* svc, std::string_view segment) {
  thread_local std::map<std::tuple<std::uint64_t, const catalog::Service*, std::string>, ServiceFormats, std::less<>>
      memo;
  auto key = std::make_tuple(c.serial(), svc, std::string(segment));
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  ServiceFormats f;
  auto scan = [&](const catalog::Service& s) {
    for (const catalog::ResourceType& rt : s.resourceTypes()) {
      bool used = false;
      for (const std::string_view t : rt.arnTemplates) {
        const auto tp = analysis::splitArn(t);
        if (tp && tp->service == segment) {
          f.templates.push_back(t);
          used = true;
        }
      }
      if (used && f.typeNames.size() < 6) f.typeNames.emplace_back(rt.name);
    }
  };
  if (svc != nullptr) {
    scan(*svc);
  } else {
    for (std::size_t i = 0; i < c.serviceCount(); ++i)
      if (const catalog::Service* other = c.findService(c.servicePrefix(i))) scan(*other);
  }
  return memo.emplace(std::move(key), std::move(f)).first->second;
}

namespace {

// Whether `arn` matched for `scope` (an object whose address is stable while the catalog
// lives: a ServiceFormats, a catalog Action), remembered per thread and catalog for the
// ARNs seen (a dump repeats its buckets and queues across roles); bounded in size.
// One memo per Use, so that two questions do not push each other's answers out.
enum class Use { Formats, Action };
template <Use use, typename Compute>
bool rememberedArnMatch(const catalog::Catalog& c, const void* scope, std::string_view arn, Compute&& compute) {
  thread_local std::unordered_map<std::string, bool> memo;
  thread_local std::uint64_t memoCatalog = 0;
  if (memoCatalog != c.serial() || memo.size() > 4096) {
    memo.clear();
    memoCatalog = c.serial();
  }
  std::string key(reinterpret_cast<const char*>(&scope), sizeof(scope));
  key.append(arn);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  const bool hit = compute();
  memo.emplace(std::move(key), hit);
  return hit;
}

}  // namespace

std::string awsOwnedWithAccount(std::string_view arn) {
  const auto parts = analysis::splitArn(arn);
  if (!parts || !parts->account.empty()) return "";
  const std::string_view r = parts->resource;
  const std::size_t sep = r.find_first_of("/:");
  if (sep == std::string_view::npos) return "";
  const std::string name = lower(r.substr(sep + 1, 6));
  const bool owned =
      startsWith(name, "aws") || startsWith(name, "amazon") || (parts->service == "ssm" && startsWith(name, "*"));
  if (!owned) return "";
  return "arn:" + std::string(parts->partition) + ":" + std::string(parts->service) + ":" + std::string(parts->region) +
         ":111122223333:" + std::string(r);
}

bool sessionCompanionSupportsKey(const catalog::Catalog& c, const catalog::Action& a, std::string_view key) {
  if (a.service == nullptr || !iequals(a.service->prefix(), "sts")) return false;
  if (!iequals(a.name, "TagSession") && !iequals(a.name, "SetSourceIdentity") && !iequals(a.name, "SetContext")) {
    return false;
  }
  for (const std::string_view assume : {"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"}) {
    if (const catalog::Action* x = c.findAction(assume); x != nullptr && actionSupportsKey(*x, key)) return true;
  }
  return false;
}

bool isAwsOwnedAccount(std::string_view arn) {
  const auto parts = analysis::splitArn(arn);
  return parts && parts->account == "aws";
}

namespace {
// Matches `arn`, or its AWS-owned form (awsOwnedWithAccount), against templates.
template <typename Templates>
bool matchesAnyTemplate(std::string_view arn, const Templates& forEachTemplate) {
  if (forEachTemplate(arn)) return true;
  const std::string owned = awsOwnedWithAccount(arn);
  return !owned.empty() && forEachTemplate(std::string_view(owned));
}
}  // namespace

bool matchesSomeFormat(const catalog::Catalog& c, const ServiceFormats& formats, std::string_view arn) {
  return rememberedArnMatch<Use::Formats>(c, &formats, arn, [&] {
    return matchesAnyTemplate(arn, [&](std::string_view candidate) {
      for (const std::string_view t : formats.templates)
        if (analysis::arnMatchesTemplate(candidate, t)) return true;
      return false;
    });
  });
}

bool actionFitsArn(const catalog::Catalog& c, const catalog::Action& a, std::string_view arn) {
  return rememberedArnMatch<Use::Action>(c, &a, arn, [&] {
    return matchesAnyTemplate(arn, [&](std::string_view candidate) {
      for (const catalog::ActionResource& ar : a.resources) {
        if (ar.type == nullptr) continue;
        for (const std::string_view t : ar.type->arnTemplates)
          if (analysis::arnMatchesTemplate(candidate, t)) return true;
      }
      return false;
    });
  });
}

}  // namespace rolelint::analysis::lookup
