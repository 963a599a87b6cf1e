// Implementation of the lazily parsed IAM catalog and managed-policy index.
// The text formats are specified in docs/catalog-format.md.
#include "catalog/catalog.h"

#include <atomic>

#include "core/text.h"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <utility>

namespace rolelint::catalog {

namespace {

constexpr std::string_view kCatalogMagic = "rolelint-iam-catalog";
constexpr std::string_view kPoliciesMagic = "rolelint-managed-policies";
constexpr std::string_view kFormatVersion = "1";
// Access level letters, most specific first (see tools/refresh-catalog).
constexpr std::string_view kAccessLetters = "PTWRL";

// ---- ASCII case-insensitive helpers -----------------------------------------
// IAM matches action names and condition key names case-insensitively
// (IAM User Guide, "IAM JSON policy elements: Action": "The prefix and the
// action name are case insensitive"; "…: Condition": condition key names are
// not case-sensitive). The catalog data is ASCII (checked by the generator).

using core::lowerAscii;

// Compares the reversed lower-cased strings.
int ciCompareReversed(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 1; i <= n; ++i) {
    const auto x = static_cast<unsigned char>(lowerAscii(a[a.size() - i]));
    const auto y = static_cast<unsigned char>(lowerAscii(b[b.size() - i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// ---- glob and template matching ----------------------------------------------

bool hasWildcard(std::string_view s) {
  return s.find_first_of("*?") != std::string_view::npos;
}

bool allStars(std::string_view s) {
  return !s.empty() && s.find_first_not_of('*') == std::string_view::npos;
}

// IAM action glob: `*` matches any run of characters (also empty), `?` one
// character; case-insensitive. Iterative with single-star backtracking:
// O(|pattern| * |text|) worst case, no recursion.
bool globMatch(std::string_view pattern, std::string_view text) { return core::wildcardMatch(pattern, text, true); }

// globMatch for a lower-cased pattern without '?' against lower-cased text:
// the pattern's '*'-separated segments must appear in order, the first at the
// start and the last at the end (taking each middle segment's leftmost
// occurrence is always right when '*' is the only wildcard). Uses
// string_view::find, much faster than globMatch for infix patterns.
bool starMatchLower(std::string_view pattern, std::string_view text) {
  const std::size_t firstStar = pattern.find('*');
  if (firstStar == std::string_view::npos) return pattern == text;
  const std::size_t lastStar = pattern.rfind('*');
  const std::string_view head = pattern.substr(0, firstStar);
  const std::string_view tail = pattern.substr(lastStar + 1);
  if (head.size() + tail.size() > text.size() || text.substr(0, head.size()) != head ||
      text.substr(text.size() - tail.size()) != tail) {
    return false;
  }
  std::string_view rest = text.substr(head.size(), text.size() - head.size() - tail.size());
  std::string_view middle = pattern.substr(firstStar + 1, lastStar - firstStar);  // ends with '*' or is empty
  while (!middle.empty()) {
    const std::size_t star = middle.find('*');
    const std::string_view segment = middle.substr(0, star);
    middle = star == std::string_view::npos ? std::string_view() : middle.substr(star + 1);
    if (segment.empty()) continue;
    const std::size_t at = rest.find(segment);
    if (at == std::string_view::npos) return false;
    rest.remove_prefix(at + segment.size());
  }
  return true;
}

// Length of the placeholder starting at s[0] ("${Name}" or "<name>"), else 0.
std::size_t placeholderLength(std::string_view s) {
  if (s.size() >= 3 && s[0] == '$' && s[1] == '{') {
    const std::size_t close = s.find('}', 2);
    return close == std::string_view::npos || close == 2 ? 0 : close + 1;
  }
  if (s.size() >= 3 && s[0] == '<') {
    const std::size_t close = s.find('>', 1);
    return close == std::string_view::npos || close == 1 ? 0 : close + 1;
  }
  return 0;
}

bool isTemplated(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (placeholderLength(s.substr(i)) != 0) return true;
  }
  return false;
}

// Number of literal (non-placeholder) characters; more is a tighter template.
std::size_t literalLength(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t ph = placeholderLength(s.substr(i));
    if (ph != 0) {
      i += ph;
    } else {
      ++n;
      ++i;
    }
  }
  return n;
}

// A templated name against a concrete one: each placeholder stands for one or
// more characters, literal parts compare case-insensitively. Templates have
// one or two placeholders, so plain backtracking is cheap.
bool templateMatch(std::string_view tmpl, std::string_view text, int depth = 0) {
  if (depth > 8) return false;
  while (!tmpl.empty()) {
    const std::size_t ph = placeholderLength(tmpl);
    if (ph != 0) {
      tmpl.remove_prefix(ph);
      for (std::size_t k = 1; k <= text.size(); ++k) {
        if (templateMatch(tmpl, text.substr(k), depth + 1)) return true;
      }
      return false;
    }
    if (text.empty() || lowerAscii(tmpl.front()) != lowerAscii(text.front())) return false;
    tmpl.remove_prefix(1);
    text.remove_prefix(1);
  }
  return text.empty();
}

// ---- edit distance ------------------------------------------------------------

// Case-insensitive optimal-string-alignment distance (Levenshtein plus
// adjacent transpositions); limit + 1 once it must exceed `limit`.
std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit) {
  return core::editDistance(a, b, {.ignoreCase = true, .transpositions = true, .limit = limit});
}

// Largest distance still worth suggesting for a name of `length` characters.
std::size_t suggestionLimit(std::size_t length) {
  return length <= 3 ? 1 : (length <= 8 ? 2 : 3);
}

// ---- line and field scanning ----------------------------------------------------

// Reads '\n'-terminated lines; a final line without '\n' is an error
// (a truncated file), reported by next() returning false with truncated().
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    const std::size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) {
      truncated_ = true;
      return false;
    }
    line = text_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    ++lineNumber_;
    return true;
  }
  std::size_t position() const { return pos_; }
  bool atEnd() const { return pos_ >= text_.size(); }
  bool truncated() const { return truncated_; }
  std::size_t lineNumber() const { return lineNumber_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t lineNumber_ = 0;
  bool truncated_ = false;
};

// Splits `line` on `sep` into at most `max` fields; returns the number found,
// or max + 1 if there were more.
std::size_t splitFields(std::string_view line, char sep, std::string_view* out, std::size_t max) {
  std::size_t count = 0;
  while (true) {
    const std::size_t at = line.find(sep);
    if (count == max) return max + 1;
    out[count++] = line.substr(0, at);
    if (at == std::string_view::npos) return count;
    line.remove_prefix(at + 1);
  }
}

// Decimal, digits only, no sign, at most 19 digits, must fit T.
template <typename T>
bool parseUnsigned(std::string_view s, T& value) {
  if (s.empty() || s.size() > 19) return false;
  std::uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > std::numeric_limits<T>::max()) return false;
  value = static_cast<T>(v);
  return true;
}

void setError(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
}

bool setTypeFromName(ConditionKey& key) {
  std::string_view base = key.typeName;
  constexpr std::string_view kArrayOf = "ArrayOf";
  if (base.substr(0, kArrayOf.size()) == kArrayOf) {
    key.isArray = true;
    base.remove_prefix(kArrayOf.size());
  }
  struct Name {
    std::string_view name;
    ConditionType type;
  };
  static constexpr Name kTypes[] = {
      {"String", ConditionType::String},       {"ARN", ConditionType::Arn},
      {"Bool", ConditionType::Bool},           {"Numeric", ConditionType::Numeric},
      {"Date", ConditionType::Date},           {"IPAddress", ConditionType::IpAddress},
      {"Binary", ConditionType::Binary},
  };
  for (const Name& n : kTypes) {
    if (n.name == base) {
      key.type = n.type;
      return true;
    }
  }
  key.type = ConditionType::Unknown;
  return false;
}

ConditionKey makeConditionKey(std::string_view name, std::string_view typeName, std::string_view category) {
  ConditionKey key;
  key.name = name;
  key.typeName = typeName;
  key.category = category;
  key.templated = isTemplated(name);
  setTypeFromName(key);  // an unknown type name stays Unknown (forward compatible)
  return key;
}

// Characters of an action name: [A-Za-z0-9_-] (checked by the generator).
constexpr auto kActionNameChars = [] {
  std::array<bool, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
  table['-'] = true;
  table['_'] = true;
  return table;
}();

bool isActionName(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!kActionNameChars[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

// Service prefixes: [a-z0-9-]+ (checked by the generator).
bool isServicePrefix(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// Calls f(index) for each decimal index in `list` ("3,17,20" with sep ',');
// false if an item is empty, not decimal, or >= bound. Empty list: no calls.
// Hand-rolled (no memchr/from_chars per item): this is the parser's hot loop.
template <typename F>
bool forEachIndex(std::string_view list, char sep, std::size_t bound, F&& f) {
  if (list.empty()) return true;
  std::uint32_t value = 0;
  std::size_t digits = 0;
  for (const char c : list) {
    if (c >= '0' && c <= '9') {
      if (++digits > 9) return false;
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
    } else if (c == sep) {
      if (digits == 0 || value >= bound) return false;
      f(value);
      value = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || value >= bound) return false;
  f(value);
  return true;
}

struct Range {
  std::uint32_t begin = 0;
  std::uint32_t count = 0;
};

template <typename T>
std::span<const T> spanOf(const std::vector<T>& pool, Range r) {
  return std::span<const T>(pool.data() + r.begin, r.count);
}

}  // namespace

std::string_view accessLevelName(AccessLevel level) {
  switch (level) {
    case AccessLevel::List: return "List";
    case AccessLevel::Read: return "Read";
    case AccessLevel::Write: return "Write";
    case AccessLevel::PermissionsManagement: return "Permissions management";
    case AccessLevel::Tagging: return "Tagging";
  }
  return "Unknown";
}

bool ConditionKey::matches(std::string_view key) const {
  return core::iequals(name, key) || (templated && templateMatch(name, key));
}

// ---- Service --------------------------------------------------------------------

Service::~Service() = default;

const Action* Service::findAction(std::string_view name) const {
  const auto it = std::lower_bound(actions_.begin(), actions_.end(), name,
                                   [](const Action& a, std::string_view n) { return core::icompare(a.name, n) < 0; });
  return it != actions_.end() && core::iequals(it->name, name) ? &*it : nullptr;
}

const ResourceType* Service::findResourceType(std::string_view name) const {
  const auto it = std::lower_bound(resourceTypes_.begin(), resourceTypes_.end(), name,
                                   [](const ResourceType& r, std::string_view n) { return core::icompare(r.name, n) < 0; });
  return it != resourceTypes_.end() && core::iequals(it->name, name) ? &*it : nullptr;
}

const ConditionKey* Service::findConditionKey(std::string_view key) const {
  const auto it = std::lower_bound(conditionKeys_.begin(), conditionKeys_.end(), key,
                                   [](const ConditionKey& c, std::string_view k) { return core::icompare(c.name, k) < 0; });
  if (it != conditionKeys_.end() && core::iequals(it->name, key)) return &*it;
  const ConditionKey* best = nullptr;
  std::size_t bestLiteral = 0;
  for (const std::uint32_t i : templatedKeys_) {
    const ConditionKey& c = conditionKeys_[i];
    if (templateMatch(c.name, key)) {
      const std::size_t literal = literalLength(c.name);
      if (best == nullptr || literal > bestLiteral) {
        best = &c;
        bestLiteral = literal;
      }
    }
  }
  return best;
}

const Service::MatchIndex& Service::matchIndex() const {
  std::call_once(matchIndexOnce_, [this] {
    MatchIndex& index = matchIndex_;
    std::size_t total = 0;
    for (const Action& a : actions_) total += a.name.size() + 1;
    index.lowerNames.reserve(total);
    for (const Action& a : actions_) {
      for (const char c : a.name) index.lowerNames.push_back(lowerAscii(c));
      index.lowerNames.push_back('\n');  // no match can span two names
    }
    index.lower.reserve(actions_.size());
    std::size_t at = 0;
    for (const Action& a : actions_) {
      index.lower.push_back(std::string_view(index.lowerNames).substr(at, a.name.size()));
      at += a.name.size() + 1;
    }
    index.bySuffix.resize(actions_.size());
    std::iota(index.bySuffix.begin(), index.bySuffix.end(), std::uint32_t{0});
    std::sort(index.bySuffix.begin(), index.bySuffix.end(), [&index](std::uint32_t a, std::uint32_t b) {
      return ciCompareReversed(index.lower[a], index.lower[b]) < 0;
    });
  });
  return matchIndex_;
}

void Service::appendMatches(std::string_view pattern, std::vector<ActionRef>& out) const {
  if (pattern.empty()) return;
  if (allStars(pattern)) {
    for (const Action& a : actions_) out.push_back(a.ref);
    return;
  }
  if (!hasWildcard(pattern)) {
    if (const Action* a = findAction(pattern)) out.push_back(a->ref);
    return;
  }
  const std::size_t first = pattern.find_first_of("*?");
  const std::size_t last = pattern.find_last_of("*?");
  const std::string_view literalPrefix = pattern.substr(0, first);
  const std::string_view literalSuffix = pattern.substr(last + 1);

  if (!literalPrefix.empty()) {
    // Actions are sorted case-insensitively: the ones starting with the
    // literal prefix form one contiguous run ("Get*" matches all of it).
    const bool prefixOnly = allStars(pattern.substr(first));
    auto it = std::lower_bound(actions_.begin(), actions_.end(), literalPrefix,
                               [](const Action& a, std::string_view p) { return core::icompare(a.name, p) < 0; });
    for (; it != actions_.end() && core::istartsWith(it->name, literalPrefix); ++it) {
      if (prefixOnly || globMatch(pattern, it->name)) out.push_back(it->ref);
    }
    return;
  }
  const MatchIndex& index = matchIndex();
  // Star-only patterns compare lower-cased text with string_view::find.
  const bool starOnly = pattern.find('?') == std::string_view::npos;
  std::string lowerPattern;
  if (starOnly) {
    lowerPattern.reserve(pattern.size());
    for (const char c : pattern) lowerPattern.push_back(lowerAscii(c));
  }
  auto matches = [&](std::uint32_t i) {
    return starOnly ? starMatchLower(lowerPattern, index.lower[i]) : globMatch(pattern, actions_[i].name);
  };
  if (!literalSuffix.empty()) {
    // Names ending with the literal suffix are one run of the suffix order.
    auto it = std::lower_bound(index.bySuffix.begin(), index.bySuffix.end(), literalSuffix,
                               [&index](std::uint32_t a, std::string_view s) {
                                 return ciCompareReversed(index.lower[a], s) < 0;
                               });
    const std::size_t start = out.size();
    for (; it != index.bySuffix.end() && core::iendsWith(index.lower[*it], literalSuffix); ++it) {
      if (matches(*it)) out.push_back(actions_[*it].ref);
    }
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
    return;
  }
  if (starOnly) {
    // "*Tag*", "*Access*Key*": search the longest segment in the blob of all
    // lower-cased names (one memchr-driven pass), then check each hit's name.
    std::string_view needle;
    for (std::string_view rest = lowerPattern; !rest.empty();) {
      const std::size_t star = rest.find('*');
      const std::string_view segment = rest.substr(0, star);
      if (segment.size() > needle.size()) needle = segment;
      rest = star == std::string_view::npos ? std::string_view() : rest.substr(star + 1);
    }
    const std::string_view blob = index.lowerNames;
    std::size_t pos = 0;
    while ((pos = blob.find(needle, pos)) != std::string_view::npos) {
      const char* hit = blob.data() + pos;
      // The name containing the hit: the last one starting at or before it.
      const auto it = std::upper_bound(index.lower.begin(), index.lower.end(), hit,
                                       [](const char* h, std::string_view name) { return h < name.data(); });
      const auto i = static_cast<std::uint32_t>(it - index.lower.begin()) - 1;
      if (matches(i)) out.push_back(actions_[i].ref);
      pos = static_cast<std::size_t>(index.lower[i].data() - blob.data()) + index.lower[i].size() + 1;
    }
    return;
  }
  for (std::uint32_t i = 0; i < actions_.size(); ++i) {
    if (matches(i)) out.push_back(actions_[i].ref);
  }
}

std::vector<const Action*> Service::matchActions(std::string_view namePattern) const {
  std::vector<ActionRef> refs;
  appendMatches(namePattern, refs);
  std::vector<const Action*> out;
  out.reserve(refs.size());
  for (const ActionRef r : refs) out.push_back(&actions_[r - firstAction_]);
  return out;
}

// ---- section parser ----------------------------------------------------------------

namespace detail {

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

std::optional<Catalog> Catalog::parse(std::string_view text, std::string* error) {
  static std::atomic<std::uint64_t> serials{0};
  auto impl = std::make_unique<Impl>();
  impl->serial = ++serials;
  impl->text = text;
  LineReader reader(text);
  std::string_view line;
  std::string_view f[5];

  auto fail = [&](std::string_view what) -> std::optional<Catalog> {
    std::string message = "iam catalog: " + std::string(what);
    if (reader.truncated()) message += " (truncated: no final newline)";
    setError(error, message + " at line " + std::to_string(reader.lineNumber()));
    return std::nullopt;
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

const Service* Catalog::findService(std::string_view prefix) const {
  const std::size_t slot = impl_->findSlot(prefix);
  return slot == std::string_view::npos ? nullptr : loadSlot(slot);
}

const Action* Catalog::findAction(std::string_view qualifiedName) const {
  const std::size_t colon = qualifiedName.find(':');
  if (colon == std::string_view::npos) return nullptr;
  const Service* svc = findService(qualifiedName.substr(0, colon));
  return svc == nullptr ? nullptr : svc->findAction(qualifiedName.substr(colon + 1));
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
  const std::string_view literalPrefix = servicePattern.substr(0, servicePattern.find_first_of("*?"));
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

bool Catalog::loadAll(std::string* error) const {
  for (std::size_t i = 0; i < impl_->slots.size(); ++i) {
    if (loadSlot(i) == nullptr) {
      const SlotState& state = impl_->states[i];
      setError(error, "iam catalog: " + (state.error ? *state.error : std::string("section not parsed")));
      return false;
    }
  }
  return true;
}

// ---- ManagedPolicies ----------------------------------------------------------------

namespace {

struct PolicyEntry {
  std::string_view arn;
  std::string_view versionId;
  std::string_view document;
};

}  // namespace

struct ManagedPolicies::Impl {
  std::string_view source;
  std::string_view version;
  std::size_t count = 0;
  std::string_view indexText;
  std::string_view body;
  std::once_flag once;
  bool indexOk = false;
  std::vector<PolicyEntry> entries;
  std::string error;

  void parseIndex() {
    LineReader reader(indexText);
    std::string_view line;
    std::string_view f[4];
    entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t offset = 0;
      std::uint64_t length = 0;
      if (!reader.next(line) || splitFields(line, '\t', f, 4) != 4 || f[0].empty() || f[1].empty() ||
          !parseUnsigned(f[2], offset) || !parseUnsigned(f[3], length)) {
        error = "managed policies: bad index line " + std::to_string(i + 1);
        return;
      }
      if (!entries.empty() && entries.back().arn >= f[0]) {
        error = "managed policies: index not sorted at line " + std::to_string(i + 1);
        return;
      }
      // Each document is followed by '\n' in the body.
      if (length == 0 || offset >= body.size() || length >= body.size() - offset || body[offset + length] != '\n') {
        error = "managed policies: bad document offset for " + std::string(f[0]);
        return;
      }
      entries.push_back({f[0], f[1], body.substr(offset, length)});
    }
    if (!reader.atEnd()) {
      error = "managed policies: index has more lines than its count";
      entries.clear();
      return;
    }
    indexOk = true;
  }
};

ManagedPolicies::ManagedPolicies(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ManagedPolicies::ManagedPolicies(ManagedPolicies&&) noexcept = default;
ManagedPolicies& ManagedPolicies::operator=(ManagedPolicies&&) noexcept = default;
ManagedPolicies::~ManagedPolicies() = default;

std::optional<ManagedPolicies> ManagedPolicies::parse(std::string_view text, std::string* error) {
  auto impl = std::make_unique<Impl>();
  LineReader reader(text);
  std::string_view line;
  std::string_view f[3];
  auto fail = [&](std::string_view what) -> std::optional<ManagedPolicies> {
    setError(error, "managed policies: " + std::string(what));
    return std::nullopt;
  };
  if (!reader.next(line) || splitFields(line, '\t', f, 2) != 2 || f[0] != kPoliciesMagic) {
    return fail("not a rolelint managed-policies file (bad magic line)");
  }
  if (f[1] != kFormatVersion) return fail("unsupported format version " + std::string(f[1]));
  if (!reader.next(line) || splitFields(line, '\t', f, 3) != 3 || f[0] != "data" || f[1].empty() || f[2].empty()) {
    return fail("bad 'data' line");
  }
  impl->source = f[1];
  impl->version = f[2];
  std::uint64_t indexBytes = 0;
  if (!reader.next(line) || splitFields(line, '\t', f, 3) != 3 || f[0] != "I" ||
      !parseUnsigned(f[1], impl->count) || !parseUnsigned(f[2], indexBytes)) {
    return fail("bad 'I' line");
  }
  const std::size_t indexStart = reader.position();
  if (indexBytes > text.size() - indexStart || impl->count > indexBytes ||
      (indexBytes > 0 && text[indexStart + indexBytes - 1] != '\n')) {
    return fail("index out of bounds (truncated file?)");
  }
  impl->indexText = text.substr(indexStart, indexBytes);
  LineReader tail(text.substr(indexStart + indexBytes));
  std::uint64_t bodyLength = 0;
  if (!tail.next(line) || splitFields(line, '\t', f, 2) != 2 || f[0] != "B" || !parseUnsigned(f[1], bodyLength)) {
    return fail("bad 'B' line (truncated file?)");
  }
  impl->body = text.substr(indexStart + indexBytes + tail.position());
  if (impl->body.size() != bodyLength) {
    return fail("body is " + std::to_string(impl->body.size()) + " bytes, header says " + std::to_string(bodyLength) +
                " (truncated or altered file)");
  }
  return ManagedPolicies(std::move(impl));
}

const ManagedPolicies::Impl* ManagedPolicies::loadedIndex() const {
  std::call_once(impl_->once, [this] { impl_->parseIndex(); });
  return impl_->indexOk ? impl_.get() : nullptr;
}

bool ManagedPolicies::loadIndex(std::string* error) const {
  if (loadedIndex() != nullptr) return true;
  setError(error, impl_->error);
  return false;
}

std::string_view ManagedPolicies::version() const { return impl_->version; }
std::string_view ManagedPolicies::source() const { return impl_->source; }
std::size_t ManagedPolicies::size() const { return impl_->count; }

std::string ManagedPolicies::normalizeArn(std::string_view arn) {
  // Partitions: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, … (ARN format,
  // IAM User Guide "IAM identifiers"); AWS managed policies live under
  // account "aws" in each partition.
  constexpr std::string_view kArn = "arn:";
  constexpr std::string_view kRest = ":iam::aws:policy/";
  if (arn.substr(0, kArn.size()) != kArn) return std::string(arn);
  const std::size_t end = arn.find(':', kArn.size());
  if (end == std::string_view::npos) return std::string(arn);
  const std::string_view partition = arn.substr(kArn.size(), end - kArn.size());
  const bool awsPartition =
      partition == "aws" ||
      (partition.size() > 4 && partition.substr(0, 4) == "aws-" &&
       std::all_of(partition.begin() + 4, partition.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }));
  if (!awsPartition || arn.substr(end, kRest.size()) != kRest) return std::string(arn);
  return "arn:aws" + std::string(arn.substr(end));
}

std::optional<ManagedPolicy> ManagedPolicies::find(std::string_view arn) const {
  const Impl* impl = loadedIndex();
  if (impl == nullptr) return std::nullopt;
  const std::string normalized = normalizeArn(arn);
  const auto it = std::lower_bound(impl->entries.begin(), impl->entries.end(), std::string_view(normalized),
                                   [](const PolicyEntry& e, std::string_view a) { return e.arn < a; });
  if (it == impl->entries.end() || it->arn != normalized) return std::nullopt;
  return ManagedPolicy{it->arn, it->versionId, it->document};
}

std::optional<std::string_view> ManagedPolicies::findDocument(std::string_view arn) const {
  const auto policy = find(arn);
  return policy ? std::optional<std::string_view>(policy->document) : std::nullopt;
}

std::optional<std::string_view> ManagedPolicies::findVersionId(std::string_view arn) const {
  const auto policy = find(arn);
  return policy ? std::optional<std::string_view>(policy->versionId) : std::nullopt;
}

std::optional<ManagedPolicy> ManagedPolicies::at(std::size_t index) const {
  const Impl* impl = loadedIndex();
  if (impl == nullptr || index >= impl->entries.size()) return std::nullopt;
  const PolicyEntry& e = impl->entries[index];
  return ManagedPolicy{e.arn, e.versionId, e.document};
}

}  // namespace rolelint::catalog
