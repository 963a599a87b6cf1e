// The IAM catalog: header and service index, lazy per-service parsing, look-ups and suggestions.
// The text formats are specified in docs/catalog-format.md.
#include "catalog/catalog.h"

#include <atomic>
#include <mutex>

#include "catalog/section_parser.h"
#include "catalog/text_format.h"
#include "core/text.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <array>
#include <limits>
#include <numeric>
#include <utility>

namespace rolelint::catalog {

using namespace internal;

// ---- Catalog ------------------------------------------------------------------------

namespace {

struct Slot {
  std::string_view prefix;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t actionCount = 0;
  ActionRef firstAction = 0;
};

// Per-service lazy state; kept small (it is allocated for every service at
// construction): the error message only exists for a malformed section.
struct SlotState {
  std::once_flag once;
  std::unique_ptr<Service> service;
  std::unique_ptr<std::string> error;
};

struct Alias {
  std::string_view prefix;
  std::vector<std::string_view> owners;
  bool templated = false;
};

}  // namespace

struct Catalog::Impl {
  // Unique per parsed catalog in this process (a key for caches of derived data).
  std::uint64_t serial = 0;
  std::string_view text;
  std::string_view body;
  std::string_view source;
  std::string_view version;
  std::vector<ConditionKey> globals;
  std::vector<std::uint32_t> templatedGlobals;
  std::vector<Alias> aliases;
  std::vector<Slot> slots;
  std::unique_ptr<SlotState[]> states;
  ActionRef actionCount = 0;

  // Index of the slot with this prefix (case-insensitive), or npos.
  std::size_t findSlot(std::string_view prefix) const {
    const auto it = std::lower_bound(slots.begin(), slots.end(), prefix,
                                     [](const Slot& s, std::string_view p) { return core::icompare(s.prefix, p) < 0; });
    return it != slots.end() && core::iequals(it->prefix, prefix) ? static_cast<std::size_t>(it - slots.begin())
                                                            : std::string_view::npos;
  }

  std::size_t slotOf(ActionRef ref) const {
    if (ref >= actionCount) return std::string_view::npos;
    const auto it = std::upper_bound(slots.begin(), slots.end(), ref,
                                     [](ActionRef r, const Slot& s) { return r < s.firstAction; });
    return static_cast<std::size_t>(it - slots.begin()) - 1;
  }
};

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

std::uint64_t Catalog::serial() const { return impl_->serial; }

core::Result<Catalog> Catalog::parse(std::string_view text) {
  static std::atomic<std::uint64_t> serials{0};
  auto impl = std::make_unique<Impl>();
  impl->serial = ++serials;
  impl->text = text;
  LineReader reader(text);
  std::string_view line;
  std::string_view f[5];

  auto fail = [&](std::string_view what) -> core::Error {
    std::string message = "iam catalog: " + std::string(what);
    if (reader.truncated()) message += " (truncated: no final newline)";
    return core::Error{message + " at line " + std::to_string(reader.lineNumber())};
  };
  auto readCount = [&](std::string_view tag, std::size_t fields, std::uint32_t& count) {
    if (!reader.next(line) || splitFields(line, '\t', f, fields) != fields || f[0] != tag) return false;
    return parseUnsigned(f[1], count) && count <= text.size();
  };

  if (!reader.next(line) || splitFields(line, '\t', f, 2) != 2 || f[0] != kCatalogMagic) {
    return fail("not a rolelint IAM catalog (bad magic line)");
  }
  if (f[1] != kFormatVersion) return fail("unsupported format version " + std::string(f[1]));
  if (!reader.next(line) || splitFields(line, '\t', f, 3) != 3 || f[0] != "data" || f[1].empty() || f[2].empty()) {
    return fail("bad 'data' line");
  }
  impl->source = f[1];
  impl->version = f[2];

  // Global condition keys: key \t type \t category.
  std::uint32_t count = 0;
  if (!readCount("G", 2, count)) return fail("bad 'G' line");
  impl->globals.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!reader.next(line) || splitFields(line, '\t', f, 3) != 3 || f[0].empty() || f[1].empty()) {
      return fail("bad global condition key line");
    }
    if (!impl->globals.empty() && core::icompare(impl->globals.back().name, f[0]) >= 0) {
      return fail("global condition keys not sorted");
    }
    impl->globals.push_back(makeConditionKey(f[0], f[1], f[2]));
    if (impl->globals.back().templated) impl->templatedGlobals.push_back(i);
  }

  // Condition-key prefix aliases: prefix \t owner,owner.
  if (!readCount("P", 2, count)) return fail("bad 'P' line");
  impl->aliases.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (!reader.next(line) || splitFields(line, '\t', f, 2) != 2 || f[0].empty() || f[1].empty()) {
      return fail("bad condition prefix line");
    }
    Alias alias;
    alias.prefix = f[0];
    alias.templated = isTemplated(f[0]);
    std::string_view owners = f[1];
    while (true) {
      const std::size_t comma = owners.find(',');
      if (owners.substr(0, comma).empty()) return fail("bad condition prefix owners");
      alias.owners.push_back(owners.substr(0, comma));
      if (comma == std::string_view::npos) break;
      owners.remove_prefix(comma + 1);
    }
    impl->aliases.push_back(std::move(alias));
  }

  // Service index: prefix \t offset \t length \t action count.
  std::uint32_t totalActions = 0;
  if (!reader.next(line) || splitFields(line, '\t', f, 3) != 3 || f[0] != "S" || !parseUnsigned(f[1], count) ||
      count > text.size() || !parseUnsigned(f[2], totalActions) || totalActions == kNoAction) {
    return fail("bad 'S' line");
  }
  impl->slots.reserve(count);
  std::uint64_t actionSum = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    Slot slot;
    if (!reader.next(line) || splitFields(line, '\t', f, 4) != 4 || !isServicePrefix(f[0]) ||
        !parseUnsigned(f[1], slot.offset) ||
        !parseUnsigned(f[2], slot.length) || !parseUnsigned(f[3], slot.actionCount)) {
      return fail("bad service index line");
    }
    slot.prefix = f[0];
    if (!impl->slots.empty() && impl->slots.back().prefix >= slot.prefix) return fail("service index not sorted");
    slot.firstAction = static_cast<ActionRef>(actionSum);
    actionSum += slot.actionCount;
    if (actionSum > totalActions) return fail("service index action counts exceed the total");
    impl->slots.push_back(slot);
  }
  if (actionSum != totalActions) return fail("service index action counts differ from the total");
  impl->actionCount = totalActions;

  // Body: "B \t length", then exactly that many bytes to the end of the text.
  std::uint64_t bodyLength = 0;
  if (!reader.next(line) || splitFields(line, '\t', f, 2) != 2 || f[0] != "B" || !parseUnsigned(f[1], bodyLength)) {
    return fail("bad 'B' line");
  }
  impl->body = text.substr(reader.position());
  if (impl->body.size() != bodyLength) {
    return fail("body is " + std::to_string(impl->body.size()) + " bytes, header says " + std::to_string(bodyLength) +
                " (truncated or altered file)");
  }

  // Sections lie back to back in index order and fill the body exactly. This
  // is checked from the index alone: touching each section here would fault
  // in nearly every page of an embedded catalog. A section's own content
  // (its "@prefix" line, counts, final newline) is checked when it is parsed.
  std::uint64_t expectedOffset = 0;
  for (const Slot& slot : impl->slots) {
    if (slot.offset != expectedOffset || slot.length < slot.prefix.size() + 3) {
      return fail("index offset or length of " + std::string(slot.prefix) + " is inconsistent");
    }
    expectedOffset += slot.length;
  }
  if (expectedOffset != impl->body.size()) return fail("service sections do not fill the body");
  for (const Alias& alias : impl->aliases) {
    for (const std::string_view owner : alias.owners) {
      if (impl->findSlot(owner) == std::string_view::npos) {
        return fail("condition prefix " + std::string(alias.prefix) + " names unknown service " + std::string(owner));
      }
    }
  }
  impl->states = std::make_unique<SlotState[]>(impl->slots.size());
  return Catalog(std::move(impl));
}

const Service* Catalog::loadSlot(std::size_t index) const {
  SlotState& state = impl_->states[index];
  std::call_once(state.once, [&] {
    const Slot& slot = impl_->slots[index];
    std::string error;
    state.service = detail::SectionParser::parse(impl_->body.substr(slot.offset, slot.length), slot.prefix,
                                                 slot.firstAction, slot.actionCount, error);
    if (state.service == nullptr) state.error = std::make_unique<std::string>(std::move(error));
  });
  return state.service.get();
}

std::string_view Catalog::version() const { return impl_->version; }
std::string_view Catalog::source() const { return impl_->source; }
std::size_t Catalog::serviceCount() const { return impl_->slots.size(); }

std::string_view Catalog::servicePrefix(std::size_t index) const {
  return index < impl_->slots.size() ? impl_->slots[index].prefix : std::string_view();
}

namespace {
// Exact-spelling memos of findService and findAction answers, per thread (no lock)
// and catalog serial: the rules and the security analysis ask for the same few
// hundred names for every statement and role, and a look-up is one or two
// case-insensitive binary searches.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <typename T>
struct FindMemo {
  std::uint64_t serial = 0;
  std::unordered_map<std::string, const T*, NameHash, std::equal_to<>> answers;
  // Emptied when the catalog is another one, or when a run of made-up names grows it too large.
  void reset(std::uint64_t current) {
    if (serial != current || answers.size() > 65536) {
      answers.clear();
      serial = current;
    }
  }
};
}  // namespace

const Service* Catalog::findService(std::string_view prefix) const {
  thread_local FindMemo<Service> memo;
  memo.reset(impl_->serial);
  if (auto it = memo.answers.find(prefix); it != memo.answers.end()) return it->second;
  const std::size_t slot = impl_->findSlot(prefix);
  const Service* found = slot == std::string_view::npos ? nullptr : loadSlot(slot);
  memo.answers.emplace(std::string(prefix), found);
  return found;
}

const Action* Catalog::findAction(std::string_view qualifiedName) const {
  thread_local FindMemo<Action> memo;
  memo.reset(impl_->serial);
  if (auto it = memo.answers.find(qualifiedName); it != memo.answers.end()) return it->second;
  const Action* found = nullptr;
  if (const std::size_t colon = qualifiedName.find(':'); colon != std::string_view::npos) {
    const Service* svc = findService(qualifiedName.substr(0, colon));
    found = svc == nullptr ? nullptr : svc->findAction(qualifiedName.substr(colon + 1));
  }
  memo.answers.emplace(std::string(qualifiedName), found);
  return found;
}

std::span<const ConditionKey> Catalog::globalConditionKeys() const { return impl_->globals; }

const ConditionKey* Catalog::findGlobalConditionKey(std::string_view key) const {
  const auto& globals = impl_->globals;
  const auto it = std::lower_bound(globals.begin(), globals.end(), key,
                                   [](const ConditionKey& c, std::string_view k) { return core::icompare(c.name, k) < 0; });
  if (it != globals.end() && core::iequals(it->name, key)) return &*it;
  const ConditionKey* best = nullptr;
  for (const std::uint32_t i : impl_->templatedGlobals) {
    const ConditionKey& c = globals[i];
    if (templateMatch(c.name, key) && (best == nullptr || literalLength(c.name) > literalLength(best->name))) {
      best = &c;
    }
  }
  return best;
}

std::vector<std::string_view> Catalog::conditionPrefixOwners(std::string_view prefix) const {
  std::vector<std::string_view> owners;
  for (const Alias& alias : impl_->aliases) {
    if (core::iequals(alias.prefix, prefix) || (alias.templated && templateMatch(alias.prefix, prefix))) {
      for (const std::string_view o : alias.owners) {
        if (std::find(owners.begin(), owners.end(), o) == owners.end()) owners.push_back(o);
      }
    }
  }
  return owners;
}

const ConditionKey* Catalog::findConditionKey(std::string_view key) const {
  if (const ConditionKey* global = findGlobalConditionKey(key)) return global;
  const std::size_t colon = key.find(':');
  if (colon == std::string_view::npos || colon == 0) return nullptr;
  const std::string_view prefix = key.substr(0, colon);
  if (const Service* svc = findService(prefix)) {
    if (const ConditionKey* c = svc->findConditionKey(key)) return c;
  }
  for (const std::string_view owner : conditionPrefixOwners(prefix)) {
    if (const Service* svc = findService(owner)) {
      if (const ConditionKey* c = svc->findConditionKey(key)) return c;
    }
  }
  return nullptr;
}

ActionRef Catalog::actionCount() const { return impl_->actionCount; }

const Action* Catalog::action(ActionRef ref) const {
  const std::size_t slot = impl_->slotOf(ref);
  if (slot == std::string_view::npos) return nullptr;
  const Service* svc = loadSlot(slot);
  return svc == nullptr ? nullptr : &svc->actions()[ref - svc->firstAction()];
}

std::string Catalog::actionName(ActionRef ref) const {
  const Action* a = action(ref);
  if (a == nullptr) return {};
  std::string name;
  name.reserve(a->service->prefix().size() + 1 + a->name.size());
  name.append(a->service->prefix()).append(1, ':').append(a->name);
  return name;
}

AccessLevel Catalog::accessLevel(ActionRef ref) const {
  const Action* a = action(ref);
  return a == nullptr ? AccessLevel::Read : a->accessLevel;
}

std::string_view Catalog::servicePrefixOf(ActionRef ref) const {
  const std::size_t slot = impl_->slotOf(ref);
  return slot == std::string_view::npos ? std::string_view() : impl_->slots[slot].prefix;
}

std::optional<Catalog::ActionRange> Catalog::serviceActions(std::string_view prefix) const {
  const std::size_t slot = impl_->findSlot(prefix);
  if (slot == std::string_view::npos) return std::nullopt;
  return ActionRange{impl_->slots[slot].firstAction, impl_->slots[slot].actionCount};
}

std::vector<ActionRef> Catalog::expandActionPattern(std::string_view pattern) const {
  std::vector<ActionRef> out;
  const std::size_t colon = pattern.find(':');
  if (colon == std::string_view::npos) {
    // Only "*" (all actions of all services) is valid without a prefix.
    if (allStars(pattern)) {
      out.resize(impl_->actionCount);
      std::iota(out.begin(), out.end(), ActionRef{0});
    }
    return out;
  }
  const std::string_view servicePattern = pattern.substr(0, colon);
  const std::string_view namePattern = pattern.substr(colon + 1);
  if (servicePattern.empty() || namePattern.empty() || namePattern.find(':') != std::string_view::npos) return out;

  auto expandSlot = [&](std::size_t index) {
    const Slot& slot = impl_->slots[index];
    if (allStars(namePattern)) {  // "prefix:*": a range, no parsing needed
      for (std::uint32_t i = 0; i < slot.actionCount; ++i) out.push_back(slot.firstAction + i);
    } else if (const Service* svc = loadSlot(index)) {
      svc->appendMatches(namePattern, out);
    }
  };

  if (!hasWildcard(servicePattern)) {
    const std::size_t index = impl_->findSlot(servicePattern);
    if (index != std::string_view::npos) expandSlot(index);
    return out;
  }
  const std::string_view literalPrefix = servicePattern.substr(0, core::findWildcard(servicePattern));
  auto it = std::lower_bound(impl_->slots.begin(), impl_->slots.end(), literalPrefix,
                             [](const Slot& s, std::string_view p) { return core::icompare(s.prefix, p) < 0; });
  for (; it != impl_->slots.end() && core::istartsWith(it->prefix, literalPrefix); ++it) {
    if (globMatch(servicePattern, it->prefix)) expandSlot(static_cast<std::size_t>(it - impl_->slots.begin()));
  }
  return out;
}

std::vector<std::string> Catalog::suggestServices(std::string_view unknownPrefix, std::size_t max) const {
  struct Candidate {
    std::size_t distance;
    std::string_view prefix;
  };
  std::vector<Candidate> candidates;
  const std::size_t limit = suggestionLimit(unknownPrefix.size());
  for (const Slot& slot : impl_->slots) {
    const std::size_t d = editDistance(unknownPrefix, slot.prefix, limit);
    if (d <= limit) candidates.push_back({d, slot.prefix});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < candidates.size() && out.size() < max; ++i) out.emplace_back(candidates[i].prefix);
  return out;
}

std::vector<std::string> Catalog::suggestActions(std::string_view unknownAction, std::size_t max) const {
  std::vector<std::string> out;
  const std::size_t colon = unknownAction.find(':');
  if (colon == std::string_view::npos || max == 0) return out;
  const std::string_view prefix = unknownAction.substr(0, colon);
  const std::string_view name = unknownAction.substr(colon + 1);
  if (name.empty()) return out;

  auto qualified = [](const Action& a) {
    return std::string(a.service->prefix()) + ":" + std::string(a.name);
  };
  if (const Service* svc = findService(prefix)) {
    struct Candidate {
      std::size_t distance;
      const Action* action;
    };
    std::vector<Candidate> candidates;
    const std::size_t limit = suggestionLimit(name.size());
    for (const Action& a : svc->actions()) {
      const std::size_t d = editDistance(name, a.name, limit);
      if (d <= limit) candidates.push_back({d, &a});
    }
    // Actions are already in case-insensitive name order: ties stay sorted.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
    for (std::size_t i = 0; i < candidates.size() && out.size() < max; ++i) {
      out.push_back(qualified(*candidates[i].action));
    }
    return out;
  }
  // Unknown prefix: the same action name under a close prefix.
  for (const std::string& p : suggestServices(prefix, 8)) {
    if (const Service* svc = findService(p)) {
      if (const Action* a = svc->findAction(name)) out.push_back(qualified(*a));
    }
    if (out.size() >= max) break;
  }
  return out;
}

core::Status Catalog::loadAll() const {
  for (std::size_t i = 0; i < impl_->slots.size(); ++i) {
    if (loadSlot(i) == nullptr) {
      const SlotState& state = impl_->states[i];
      return core::Error{"iam catalog: " + (state.error ? *state.error : std::string("section not parsed"))};
    }
  }
  return core::Ok{};
}


}  // namespace rolelint::catalog
