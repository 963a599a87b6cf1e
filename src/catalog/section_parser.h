// The parser of one "@prefix" service section (docs/catalog-format.md, "Service sections").
// Internal to the catalog layer.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/text_format.h"

namespace rolelint::catalog {

namespace detail {

using namespace internal;

// Parses one "@prefix" section (docs/catalog-format.md, "Service sections").
struct SectionParser {
  static std::unique_ptr<Service> parse(std::string_view section, std::string_view prefix, ActionRef firstAction,
                                        std::uint32_t expectedActions, std::string& error) {
    std::unique_ptr<Service> svc(new Service());
    std::string where = "service " + std::string(prefix) + ": ";
    LineReader reader(section);
    std::string_view line;
    std::string_view f[4];

    auto fail = [&](std::string_view what) {
      error = where + std::string(what) + " (section line " + std::to_string(reader.lineNumber()) + ")";
      return nullptr;
    };
    // Reads "<tag>\t<count>"; the count is capped by the section size.
    auto readCount = [&](char tag, std::uint32_t& count) {
      if (!reader.next(line)) return false;
      if (splitFields(line, '\t', f, 2) != 2 || f[0].size() != 1 || f[0][0] != tag) return false;
      return parseUnsigned(f[1], count) && count <= section.size();
    };

    if (!reader.next(line) || line.empty() || line[0] != '@') return fail("missing '@' line");
    if (splitFields(line.substr(1), '\t', f, 2) != 2 || f[0] != prefix || f[1].empty()) {
      return fail("bad '@' line");
    }
    svc->prefix_ = f[0];
    svc->name_ = f[1];
    svc->firstAction_ = firstAction;

    // Condition keys.
    std::uint32_t count = 0;
    if (!readCount('C', count)) return fail("bad 'C' line");
    svc->conditionKeys_.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      if (!reader.next(line) || splitFields(line, '\t', f, 2) != 2 || f[0].empty() || f[1].empty()) {
        return fail("bad condition key line");
      }
      if (!svc->conditionKeys_.empty() && core::icompare(svc->conditionKeys_.back().name, f[0]) >= 0) {
        return fail("condition keys not sorted");
      }
      svc->conditionKeys_.push_back(makeConditionKey(f[0], f[1], {}));
      if (svc->conditionKeys_.back().templated) svc->templatedKeys_.push_back(i);
    }
    const std::size_t keyCount = svc->conditionKeys_.size();
    auto addKeys = [&](std::string_view list, char sep, Range& range) {
      range.begin = static_cast<std::uint32_t>(svc->keyRefPool_.size());
      const bool ok = forEachIndex(list, sep, keyCount,
                                   [&](std::uint32_t k) { svc->keyRefPool_.push_back(&svc->conditionKeys_[k]); });
      range.count = static_cast<std::uint32_t>(svc->keyRefPool_.size()) - range.begin;
      return ok;
    };

    // Resource types: name \t key refs \t ARN template [\t ARN template …].
    if (!readCount('R', count)) return fail("bad 'R' line");
    struct TypeRanges {
      Range keys;
      Range arns;
    };
    std::vector<TypeRanges> typeRanges(count);
    svc->resourceTypes_.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      if (!reader.next(line)) return fail("missing resource type line");
      const std::size_t tab1 = line.find('\t');
      const std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
      if (tab2 == std::string_view::npos || tab1 == 0) return fail("bad resource type line");
      ResourceType rt;
      rt.name = line.substr(0, tab1);
      if (!svc->resourceTypes_.empty() && core::icompare(svc->resourceTypes_.back().name, rt.name) >= 0) {
        return fail("resource types not sorted");
      }
      if (!addKeys(line.substr(tab1 + 1, tab2 - tab1 - 1), ',', typeRanges[i].keys)) {
        return fail("bad resource type condition keys");
      }
      typeRanges[i].arns.begin = static_cast<std::uint32_t>(svc->stringPool_.size());
      std::string_view arns = line.substr(tab2 + 1);
      while (true) {
        const std::size_t at = arns.find('\t');
        const std::string_view arn = arns.substr(0, at);
        if (arn.empty()) return fail("empty ARN template");
        svc->stringPool_.push_back(arn);
        if (at == std::string_view::npos) break;
        arns.remove_prefix(at + 1);
      }
      typeRanges[i].arns.count = static_cast<std::uint32_t>(svc->stringPool_.size()) - typeRanges[i].arns.begin;
      svc->resourceTypes_.push_back(rt);
    }

    // Actions: name \t access [\t resources [\t key refs [\t dependent actions]]].
    if (!readCount('A', count)) return fail("bad 'A' line");
    if (count != expectedActions) return fail("action count differs from the index");
    struct ActionRanges {
      Range resources;
      Range keys;
      Range dependents;
    };
    std::vector<ActionRanges> actionRanges(count);
    std::vector<Range> resourceKeyRanges;
    svc->actions_.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      if (!reader.next(line)) return fail("missing action line");
      std::string_view af[5] = {};
      const std::size_t n = splitFields(line, '\t', af, 5);
      if (n < 2 || n > 5) return fail("bad action line");
      Action a;
      a.name = af[0];
      if (!isActionName(a.name)) {
        return fail("bad action name");
      }
      if (!svc->actions_.empty() && core::icompare(svc->actions_.back().name, a.name) >= 0) {
        return fail("actions not sorted");
      }
      if (af[1].empty()) return fail("empty access level");
      for (std::size_t k = 0; k < af[1].size(); ++k) {
        static constexpr AccessLevel kLevels[] = {AccessLevel::PermissionsManagement, AccessLevel::Tagging,
                                                  AccessLevel::Write, AccessLevel::Read, AccessLevel::List};
        const std::size_t at = kAccessLetters.find(af[1][k]);
        if (at == std::string_view::npos || (a.accessMask & accessBit(kLevels[at])) != 0) {
          return fail("bad access level");
        }
        if (k == 0) a.accessLevel = kLevels[at];
        a.accessMask = static_cast<std::uint8_t>(a.accessMask | accessBit(kLevels[at]));
      }
      a.ref = firstAction + i;
      a.service = svc.get();

      // Resources: "index[!][:key+key]" items separated by ','.
      ActionRanges& ranges = actionRanges[i];
      ranges.resources.begin = static_cast<std::uint32_t>(svc->resourcePool_.size());
      std::string_view items = af[2];
      while (!items.empty()) {
        // One item: digits, optional '!', optional ':' + key list, then ',' or end.
        std::size_t pos = 0;
        std::uint32_t typeIndex = 0;
        while (pos < items.size() && items[pos] >= '0' && items[pos] <= '9' && pos < 9) {
          typeIndex = typeIndex * 10 + static_cast<std::uint32_t>(items[pos] - '0');
          ++pos;
        }
        if (pos == 0 || typeIndex >= svc->resourceTypes_.size()) return fail("bad resource type index");
        ActionResource res;
        res.type = &svc->resourceTypes_[typeIndex];
        if (pos < items.size() && items[pos] == '!') {
          res.required = true;
          ++pos;
        }
        Range keys;
        keys.begin = static_cast<std::uint32_t>(svc->keyRefPool_.size());
        std::size_t end = pos;
        if (pos < items.size() && items[pos] == ':') {
          end = std::min(items.find(',', pos), items.size());
          const std::string_view list = items.substr(pos + 1, end - pos - 1);
          if (list.empty() || !addKeys(list, '+', keys)) return fail("bad resource condition keys");
        }
        if (end < items.size()) {
          if (items[end] != ',' || end + 1 == items.size()) return fail("bad resource list");
          ++end;
        }
        items.remove_prefix(end);
        svc->resourcePool_.push_back(res);
        resourceKeyRanges.push_back(keys);
      }
      ranges.resources.count = static_cast<std::uint32_t>(svc->resourcePool_.size()) - ranges.resources.begin;
      if (!addKeys(af[3], ',', ranges.keys)) return fail("bad action condition keys");
      ranges.dependents.begin = static_cast<std::uint32_t>(svc->stringPool_.size());
      std::string_view deps = af[4];
      while (!deps.empty()) {
        const std::size_t comma = deps.find(',');
        const std::string_view dep = deps.substr(0, comma);
        if (dep.find(':') == std::string_view::npos) return fail("bad dependent action");
        svc->stringPool_.push_back(dep);
        if (comma == std::string_view::npos) break;
        deps.remove_prefix(comma + 1);
        if (deps.empty()) return fail("bad dependent action list");
      }
      ranges.dependents.count = static_cast<std::uint32_t>(svc->stringPool_.size()) - ranges.dependents.begin;
      svc->actions_.push_back(a);
    }
    if (!reader.atEnd()) return fail("trailing data after the last action");

    // The pools are final: point the spans into them.
    for (std::size_t i = 0; i < svc->resourceTypes_.size(); ++i) {
      svc->resourceTypes_[i].conditionKeys = spanOf(svc->keyRefPool_, typeRanges[i].keys);
      svc->resourceTypes_[i].arnTemplates = spanOf(svc->stringPool_, typeRanges[i].arns);
    }
    for (std::size_t i = 0; i < svc->resourcePool_.size(); ++i) {
      svc->resourcePool_[i].conditionKeys = spanOf(svc->keyRefPool_, resourceKeyRanges[i]);
    }
    for (std::size_t i = 0; i < svc->actions_.size(); ++i) {
      Action& a = svc->actions_[i];
      a.resources = spanOf(svc->resourcePool_, actionRanges[i].resources);
      a.conditionKeys = spanOf(svc->keyRefPool_, actionRanges[i].keys);
      a.dependentActions = spanOf(svc->stringPool_, actionRanges[i].dependents);
    }
    return svc;
  }
};

}  // namespace detail

}  // namespace rolelint::catalog
