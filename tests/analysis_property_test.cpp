// Property tests: the set-level answers of src/analysis/match.h and
// src/analysis/effective.h agree with request-by-request evaluation
// (src/analysis/evaluate.h) on thousands of random small roles, generated from a
// fixed seed so that a failure is reproducible.
//   (a) soundness: a request evaluate() allows is for an action some identity
//       policy and the boundary may allow, and that effectiveAccess counts;
//   (b) a statement alwaysDenies() returns denies every request of its action;
//   (c) with unconditional statements on concrete resources only, "not
//       effective" means every request of the action (on every resource) is denied.
// Evaluation logic: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/effective.h"
#include "analysis/evaluate.h"
#include "analysis/match.h"
#include "catalog/catalog.h"
#include "core/embedded.h"
#include "input/input.h"
#include "json/reader.h"
#include "model/model.h"

namespace {

namespace an = rolelint::analysis;
namespace model = rolelint::model;

// Concrete actions (all in the catalog) and patterns over them.
const std::vector<std::string> kActions = {"s3:GetObject",  "s3:PutObject",  "s3:DeleteObject", "s3:GetBucketPolicy",
                                           "s3:ListBucket", "iam:PassRole", "iam:GetRole"};
const std::vector<std::string> kActionPatterns = {
    "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "iam:PassRole", "iam:GetRole",
    "s3:Get*",      "s3:*Object",   "s3:?etObject",    "*",             "s3:*",         "iam:*",
    "S3:GETOBJECT", "iam:Get*",     "s3:*Bucket*", "s3:getobject"};
const std::vector<std::string> kResources = {"arn:aws:s3:::media/a.txt", "arn:aws:s3:::media", "arn:aws:s3:::logs/x",
                                             "arn:aws:iam::111122223333:role/app"};
const std::vector<std::string> kResourcePatterns = {"*", "arn:aws:s3:::media/*", "arn:aws:s3:::*",
                                                    "arn:aws:iam::111122223333:role/*", "arn:aws:s3:::logs/?"};
// Conditions and a context value that satisfies each.
struct Cond {
  const char* json;
  const char* key;
  const char* value;
};
const std::vector<Cond> kConditions = {
    {R"({"StringEquals": {"aws:SourceAccount": "111122223333"}})", "aws:SourceAccount", "111122223333"},
    {R"({"StringLike": {"s3:prefix": "home/*"}})", "s3:prefix", "home/alice"},
    {R"({"Bool": {"aws:SecureTransport": "true"}})", "aws:SecureTransport", "true"},
    // Edge shapes: an empty Condition block restricts nothing; IfExists holds when the key is absent.
    {R"({})", "aws:SecureTransport", "true"},
    {R"({"StringEquals": {}})", "aws:SecureTransport", "true"},
    {R"({"StringEqualsIfExists": {"aws:RequestedRegion": "eu-west-1"}})", "aws:RequestedRegion", "eu-west-1"},
};

struct Options {
  bool conditions = true;      // statements may have a Condition
  bool patterns = true;        // Resource/NotResource may use patterns and "*"
  bool notElements = true;     // NotAction/NotResource may be used
};

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}
bool chance(std::mt19937& rng, int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; }

std::string list(std::mt19937& rng, const std::vector<std::string>& vocab) {
  const int n = std::uniform_int_distribution<int>(1, 3)(rng);
  if (n == 1 && chance(rng, 50)) return "\"" + pick(rng, vocab) + "\"";
  std::string out = "[";
  for (int i = 0; i < n; ++i) out += (i ? ", \"" : "\"") + pick(rng, vocab) + "\"";
  return out + "]";
}

std::string policyText(std::mt19937& rng, const Options& o, bool boundary) {
  std::ostringstream out;
  out << R"({"Version": "2012-10-17", "Statement": [)";
  const int n = std::uniform_int_distribution<int>(1, 4)(rng);
  for (int i = 0; i < n; ++i) {
    // Boundaries are mostly Allow lists; identity policies mix Allow and Deny.
    const bool deny = chance(rng, boundary ? 15 : 30);
    out << (i ? ", " : "") << R"({"Effect": ")" << (deny ? "Deny" : "Allow") << "\", ";
    out << (o.notElements && chance(rng, 15) ? "\"NotAction\": " : "\"Action\": ") << list(rng, kActionPatterns);
    const auto& resources = o.patterns ? (chance(rng, 50) ? kResourcePatterns : kResources) : kResources;
    out << (o.notElements && chance(rng, 10) ? ", \"NotResource\": " : ", \"Resource\": ") << list(rng, resources);
    if (o.conditions && chance(rng, 25)) out << ", \"Condition\": " << pick(rng, kConditions).json;
    out << "}";
  }
  out << "]}";
  return out.str();
}

struct Role {
  std::vector<model::PolicyDocument> docs;  // identity policies, then the boundary if any
  bool hasBoundary = false;
  std::vector<std::string> texts;
  an::Policies policies() const {
    an::Policies p;
    for (size_t i = 0; i < docs.size(); ++i) {
      if (hasBoundary && i + 1 == docs.size()) p.boundary = &docs[i];
      else p.identity.push_back(&docs[i]);
    }
    return p;
  }
  std::string describe() const {
    std::string s;
    for (size_t i = 0; i < texts.size(); ++i)
      s += (hasBoundary && i + 1 == texts.size() ? "boundary: " : "identity: ") + texts[i] + "\n";
    return s;
  }
};

model::PolicyDocument build(const std::string& text, model::PolicyKind kind, const std::string& label) {
  auto tree = std::make_shared<rolelint::input::Tree>();
  tree->source = std::make_shared<rolelint::input::Source>("gen.json", text);
  tree->doc = rolelint::json::read(tree->source->text);
  REQUIRE(tree->root());
  rolelint::input::Resolved r{tree, tree->root(), false};
  return model::buildPolicy(r, kind, label, "gen");
}

Role randomRole(std::mt19937& rng, const Options& o) {
  Role role;
  const int n = std::uniform_int_distribution<int>(1, 3)(rng);
  role.hasBoundary = chance(rng, 50);
  role.docs.reserve(static_cast<size_t>(n) + 1);
  for (int i = 0; i < n; ++i) {
    role.texts.push_back(policyText(rng, o, false));
    role.docs.push_back(build(role.texts.back(), model::PolicyKind::Identity, "inline:p" + std::to_string(i)));
  }
  if (role.hasBoundary) {
    role.texts.push_back(policyText(rng, o, true));
    role.docs.push_back(build(role.texts.back(), model::PolicyKind::Boundary, "boundary:pb"));
  }
  return role;
}

// Every request the generator can make for `action`: each concrete resource,
// with an empty context and with the context that satisfies every condition.
std::vector<an::Request> requestsFor(const std::string& action) {
  std::vector<an::Request> out;
  for (const auto& r : kResources) {
    for (int full = 0; full < 2; ++full) {
      an::Request q;
      q.principal = "arn:aws:iam::111122223333:role/gen";
      q.action = action;
      q.resource = r;
      if (full)
        for (const auto& c : kConditions) q.context[c.key] = {c.value};
      out.push_back(std::move(q));
    }
  }
  return out;
}

const rolelint::catalog::Catalog& theCatalog() {
  static const auto cat = [] {
    auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
    REQUIRE(text);
    auto c = rolelint::catalog::Catalog::parse(*text);
    REQUIRE(c);
    return std::make_shared<rolelint::catalog::Catalog>(std::move(*c));
  }();
  return *cat;
}

bool serviceEffective(const std::vector<an::ServiceAccess>& access, const std::string& action) {
  const std::string service = action.substr(0, action.find(':'));
  for (const auto& s : access)
    if (s.service == service) return s.effective > 0;
  return false;
}

// Checks (a), (b) and, when `exact`, (c) for one role; returns the number of
// allowed requests seen. effectiveAccess walks the whole catalog for "*" and
// NotAction grants, so it is checked only when `withCatalog` (a sample of roles).
size_t checkRole(const Role& role, const rolelint::catalog::Catalog& catalog, bool exact, bool withCatalog) {
  const an::Policies ps = role.policies();
  const auto access = withCatalog ? an::effectiveAccess(ps, catalog) : std::vector<an::ServiceAccess>{};
  size_t allowed = 0;
  if (withCatalog) {
    // effectiveAccess (catalog expansion of the grants) and actionAccess (per
    // action) count the same actions, conditional-only ones included.
    for (const std::string service : {"s3", "iam"}) {
      size_t effective = 0, conditional = 0;
      for (auto ref : catalog.expandActionPattern(service + ":*")) {
        const auto a = an::actionAccess(ps, catalog.actionName(ref));
        effective += a.effective ? 1 : 0;
        conditional += a.conditionalOnly ? 1 : 0;
      }
      size_t listedEffective = 0, listedConditional = 0;
      for (const auto& sa : access)
        if (sa.service == service) {
          listedEffective = sa.effective;
          listedConditional = sa.conditionalOnly;
        }
      INFO(role.describe() << "service: " << service);
      CHECK(listedEffective == effective);
      CHECK(listedConditional == conditional);
    }
  }
  // The bitset indexes (AllowIndex, DenyIndex) answer as the name-by-name functions do
  // (on the sample of roles that also checks effectiveAccess).
  std::vector<const model::PolicyDocument*> all;
  for (const auto& d : role.docs) all.push_back(&d);
  const an::DenyIndex denies(catalog, all);
  for (const auto& pattern : withCatalog ? kActionPatterns : std::vector<std::string>{}) {
    if (pattern == "*") continue;  // 20,000 names one by one: covered by the rules' tests
    const an::ActionSet& set = an::ActionSet::cached(catalog, pattern);
    const auto names = catalog.expandActionPattern(pattern);
    INFO(role.describe() << "pattern: " << pattern);
    for (const auto& d : role.docs) {
      const an::AllowIndex allows(catalog, d);
      const model::Statement* grant = &role.docs.front().statements.front();
      bool any = false, anyOnGrant = false;
      for (auto ref : names) {
        any = any || an::mayAllow(d, catalog.actionName(ref));
        anyOnGrant = anyOnGrant || an::mayAllow(d, catalog.actionName(ref), grant);
      }
      CHECK(allows.mayAllowAny({&set, {}}) == any);
      CHECK(allows.mayAllowAny({&set, {}}, grant) == anyOnGrant);
      // Through the index by service (the grant's pattern names it).
      CHECK(allows.mayAllowAny({&set, {}}, grant, pattern) == anyOnGrant);
    }
    bool allDenied = !names.empty();
    for (auto ref : names) {
      bool denied = false;
      for (const auto* d : all) denied = denied || an::alwaysDenies(*d, catalog.actionName(ref)) != nullptr;
      allDenied = allDenied && denied;
    }
    CHECK(denies.deniesAll({&set, {}}) == allDenied);
  }

  for (const auto& action : kActions) {
    const an::ActionAccess aa = an::actionAccess(ps, action);
    const model::Statement* denier = nullptr;
    for (const auto& d : role.docs)
      if (denier == nullptr) denier = an::alwaysDenies(d, action);
    bool anyAllowed = false;
    for (const auto& q : requestsFor(action)) {
      const an::Evaluation e = an::evaluate(ps, q);
      INFO(role.describe() << "request: " << q.action << " on " << q.resource << (q.context.empty() ? "" : " with context"));
      if (e.decision == an::Decision::Allowed) {
        anyAllowed = true;
        ++allowed;
        // (a) soundness of the over-approximation.
        bool identityMay = std::any_of(ps.identity.begin(), ps.identity.end(),
                                       [&](const model::PolicyDocument* d) { return an::mayAllow(*d, action); });
        CHECK(identityMay);
        CHECK((ps.boundary == nullptr || an::mayAllow(*ps.boundary, action)));
        CHECK(aa.effective);
        if (withCatalog) CHECK(serviceEffective(access, action));
        // Allowed with no condition key in the context: not "only under conditions"
        // (IfExists operators hold on an absent key, so they are left out).
        if (q.context.empty() && role.describe().find("IfExists") == std::string::npos)
          CHECK_FALSE(aa.conditionalOnly);
      }
      // (b) an unconditional Deny on every resource denies every request.
      if (denier != nullptr) CHECK(e.decision == an::Decision::ExplicitlyDenied);
    }
    // (c) exact case: set-level "not effective" means no request is allowed.
    if (exact && !aa.effective) {
      INFO(role.describe() << "action: " << action);
      CHECK_FALSE(anyAllowed);
    }
  }
  return allowed;
}

}  // namespace

TEST_CASE("property: set-level analysis agrees with request evaluation", "[analysis][property]") {
  const auto& catalog = theCatalog();
  std::mt19937 rng(20261126u);
  Options o;
  size_t allowed = 0;
  for (int i = 0; i < 2000; ++i) allowed += checkRole(randomRole(rng, o), catalog, false, i % 25 == 0);
  CHECK(allowed > 1000);  // the generator does produce allowed requests
}

TEST_CASE("property: unconditional, concrete resources: not effective means denied", "[analysis][property]") {
  const auto& catalog = theCatalog();
  std::mt19937 rng(4242u);
  Options o;
  o.conditions = false;
  o.patterns = false;
  o.notElements = false;
  size_t allowed = 0;
  for (int i = 0; i < 1500; ++i) allowed += checkRole(randomRole(rng, o), catalog, true, i % 25 == 0);
  CHECK(allowed > 1000);
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html:
// a statement with a Condition applies only to requests whose context satisfies it.
TEST_CASE("effective: conditions read as text", "[analysis][effective]") {
  auto d = build(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
       "Condition": {"StringNotLike": {"aws:SourceArn": ["arn:aws:sns:*", "arn:aws:sqs:*", "arn:aws:s3:::x"]},
                     "Bool": {"aws:SecureTransport": true},
                     "NumericLessThan": {"s3:max-keys": 10},
                     "StringEquals": {"aws:SourceAccount": ["111122223333", "444455556666"]}}}]})",
                 model::PolicyKind::Identity, "inline:d");
  const auto& c = d.statements.at(0).conditions;
  REQUIRE(c.size() == 4);
  CHECK(an::describeCondition(c[0]) == "aws:SourceArn does not match one of arn:aws:sns:*, arn:aws:sqs:*, arn:aws:s3:::x");
  CHECK(an::describeCondition(c[1]) == "aws:SecureTransport = true");
  CHECK(an::describeCondition(c[2]) == "s3:max-keys NumericLessThan 10");
  CHECK(an::describeCondition(c[3]) == "aws:SourceAccount = 111122223333 or 444455556666");
}

TEST_CASE("effective: actions effective only under conditions", "[analysis][effective]") {
  const auto& catalog = theCatalog();
  auto id = build(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
       "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}},
      {"Effect": "Allow", "Action": ["s3:PutObject", "sqs:SendMessage"], "Resource": "*"},
      {"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "*",
       "Condition": {"Bool": {"aws:SecureTransport": "true"}}},
      {"Effect": "Allow", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::media/*"}]})",
                  model::PolicyKind::Identity, "inline:id");
  auto pb = build(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
      {"Effect": "Allow", "Action": "sqs:*", "Resource": "*",
       "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}, "ArnLike": {"aws:SourceArn": "arn:aws:sns:*"}}}]})",
                  model::PolicyKind::Boundary, "boundary:pb");
  an::Policies ps;
  ps.identity.push_back(&id);
  ps.boundary = &pb;

  auto get = an::actionAccess(ps, "s3:GetObject");
  CHECK(get.effective);
  CHECK(get.conditionalOnly);
  CHECK(get.conditionKeys == std::vector<std::string>{"aws:SourceAccount"});
  CHECK(get.when == "aws:SourceAccount = 111122223333");
  CHECK_FALSE(an::actionAccess(ps, "s3:PutObject").conditionalOnly);
  // One unconditional identity statement is enough (on some resource).
  CHECK_FALSE(an::actionAccess(ps, "s3:DeleteObject").conditionalOnly);
  // Unconditional in identity, conditional in the boundary: still conditional.
  auto send = an::actionAccess(ps, "sqs:SendMessage");
  CHECK(send.conditionalOnly);
  CHECK(send.conditionKeys == std::vector<std::string>{"aws:SourceArn", "aws:SourceVpc"});
  CHECK(send.when == "aws:SourceVpc = vpc-1 and aws:SourceArn matches arn:aws:sns:* (by the permissions boundary)");
  // The per-service summary quotes them.
  const auto services = an::effectiveAccess(ps, catalog);
  for (const auto& sa : services) {
    if (sa.service == "s3") CHECK(sa.conditional == std::vector<std::string>{"s3:GetObject when aws:SourceAccount = 111122223333"});
  }
  CHECK_FALSE(an::actionAccess(ps, "s3:ListBucket").granted);
  // An empty Condition block restricts nothing.
  auto empty = build(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {}},
      {"Effect": "Allow", "Action": "s3:GetBucketPolicy", "Resource": "*", "Condition": {"StringEquals": {}}}]})",
                     model::PolicyKind::Identity, "inline:empty");
  an::Policies emptyPs;
  emptyPs.identity.push_back(&empty);
  CHECK_FALSE(an::actionAccess(emptyPs, "s3:ListBucket").conditionalOnly);
  CHECK_FALSE(an::actionAccess(emptyPs, "s3:GetBucketPolicy").conditionalOnly);

  auto r = an::effectiveAccess(ps, catalog);
  REQUIRE(r.size() == 2);
  CHECK(r[0].service == "s3");
  CHECK(r[0].effective == 3);
  CHECK(r[0].conditionalOnly == 1);
  CHECK(r[0].conditional == std::vector<std::string>{"s3:GetObject when aws:SourceAccount = 111122223333"});
  CHECK(r[1].service == "sqs");
  CHECK(r[1].conditionalOnly == 1);
  CHECK(r[1].conditional == std::vector<std::string>{
                                  "sqs:SendMessage when aws:SourceVpc = vpc-1 and aws:SourceArn matches arn:aws:sns:* "
                                  "(by the permissions boundary)"});

  // Without a boundary, the boundary's conditions do not count.
  an::Policies noBoundary;
  noBoundary.identity.push_back(&id);
  CHECK_FALSE(an::actionAccess(noBoundary, "sqs:SendMessage").conditionalOnly);
  // A conditional Deny does not make an action conditional, nor remove it.
  auto deny = build(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*",
       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})",
                    model::PolicyKind::Identity, "inline:deny");
  noBoundary.identity.push_back(&deny);
  auto put = an::actionAccess(noBoundary, "s3:PutObject");
  CHECK(put.effective);
  CHECK_FALSE(put.conditionalOnly);
}

// --- items 21–23 of issue 17: the organisation, session and resource policies ---
// [EVAL] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

namespace {

const std::vector<std::string> kPrincipals = {"arn:aws:sts::111122223333:assumed-role/gen/s",
                                              "arn:aws:iam::111122223333:role/gen"};
const std::vector<std::string> kResourcePrincipals = {
    R"("*")", R"({"AWS": "arn:aws:sts::111122223333:assumed-role/gen/s"})", R"({"AWS": "arn:aws:iam::111122223333:role/gen"})",
    R"({"AWS": "111122223333"})", R"({"AWS": "arn:aws:iam::444455556666:root"})", R"({"Service": "s3.amazonaws.com"})"};

// A resource-based (or, with `rcp`, a resource control) policy: statements with a Principal.
std::string resourcePolicyText(std::mt19937& rng, bool allowOnly, bool rcp) {
  std::ostringstream out;
  out << R"({"Version": "2012-10-17", "Statement": [)";
  const int n = std::uniform_int_distribution<int>(1, 3)(rng);
  for (int i = 0; i < n; ++i) {
    const bool deny = rcp || (!allowOnly && chance(rng, 30));
    out << (i ? ", " : "") << R"({"Effect": ")" << (deny ? "Deny" : "Allow") << "\", \"Principal\": "
        << (rcp ? std::string(R"("*")") : pick(rng, kResourcePrincipals)) << ", \"Action\": " << list(rng, kActionPatterns)
        << ", \"Resource\": " << list(rng, chance(rng, 50) ? kResourcePatterns : kResources);
    if (chance(rng, 30)) out << ", \"Condition\": " << pick(rng, kConditions).json;
    out << "}";
  }
  out << "]}";
  return out.str();
}

struct Extra {
  std::vector<std::unique_ptr<model::PolicyDocument>> docs;
  std::string text;
  const model::PolicyDocument* add(const std::string& t, const std::string& label) {
    text += label + ": " + t + "\n";
    docs.push_back(std::make_unique<model::PolicyDocument>(build(t, model::PolicyKind::Identity, label)));
    return docs.back().get();
  }
};

an::PolicyLevel randomLevel(std::mt19937& rng, Extra& x, const Options& o, const std::string& label) {
  an::PolicyLevel level;
  const int n = std::uniform_int_distribution<int>(1, 2)(rng);
  for (int i = 0; i < n; ++i) level.push_back(x.add(policyText(rng, o, true), label + "[" + std::to_string(i) + "]"));
  return level;
}

std::vector<an::Request> randomRequests(std::mt19937& rng, const std::string& action) {
  auto out = requestsFor(action);
  for (auto& q : out) q.principal = pick(rng, kPrincipals);
  return out;
}

bool isDenied(const an::Evaluation& e) { return e.decision != an::Decision::Allowed; }

}  // namespace

// Adding a policy that only restricts (an SCP level, an RCP level, a session policy)
// never turns a denied request into an allowed one; a Deny that applies in any
// of them gives ExplicitlyDenied; the answer with them is Allowed only when every
// SCP level and the session policy allow.
TEST_CASE("property: SCPs, RCPs and session policies only restrict", "[analysis][property]") {
  std::mt19937 rng(1717u);
  Options o;
  size_t allowedBefore = 0, allowedAfter = 0;
  for (int i = 0; i < 600; ++i) {
    const Role role = randomRole(rng, o);
    Extra x;
    an::Policies ps = role.policies();
    an::Policies more = ps;
    const int scpLevels = std::uniform_int_distribution<int>(0, 2)(rng);
    for (int l = 0; l < scpLevels; ++l) more.scps.push_back(randomLevel(rng, x, o, "scp" + std::to_string(l)));
    if (chance(rng, 40)) more.rcps.push_back({x.add(resourcePolicyText(rng, false, true), "rcp")});
    if (chance(rng, 40)) more.session = randomLevel(rng, x, o, "session");
    for (const auto& action : kActions) {
      for (const auto& q : randomRequests(rng, action)) {
        const an::Evaluation before = an::evaluate(ps, q);
        const an::Evaluation after = an::evaluate(more, q);
        INFO(role.describe() << x.text << "request: " << q.principal << " " << q.action << " on " << q.resource
                             << (q.context.empty() ? "" : " with context"));
        allowedBefore += before.decision == an::Decision::Allowed;
        allowedAfter += after.decision == an::Decision::Allowed;
        if (isDenied(before)) CHECK(isDenied(after));
        const bool anyDeny = (after.scp && !after.scp->denies.empty()) || (after.rcp && !after.rcp->denies.empty()) ||
                             (after.session && !after.session->denies.empty());
        if (anyDeny) CHECK(after.decision == an::Decision::ExplicitlyDenied);
        if (after.decision == an::Decision::Allowed) {
          CHECK((!after.scp || after.scp->decision == an::Decision::Allowed));
          CHECK((!after.session || after.session->decision == an::Decision::Allowed));
          CHECK((!after.rcp || after.rcp->decision == an::Decision::Allowed));
        }
        // Set level: what a request is allowed, actionAccess calls effective.
        if (after.decision == an::Decision::Allowed) CHECK(an::actionAccess(more, action).effective);
      }
    }
  }
  CHECK(allowedBefore > 1000);
  CHECK(allowedAfter > 200);  // the generator does produce allowed requests under SCPs
}

// sts:GetCallerIdentity is allowed whatever the policies; writes to AWS managed
// policies are refused whatever the policies.
TEST_CASE("property: GetCallerIdentity always allowed, AWS managed policy writes never", "[analysis][property]") {
  std::mt19937 rng(2121u);
  Options o;
  const std::string denyAll = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]})";
  const std::string allowAll = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";
  for (int i = 0; i < 300; ++i) {
    const Role role = randomRole(rng, o);
    Extra x;
    an::Policies ps = role.policies();
    ps.identity.push_back(x.add(chance(rng, 50) ? denyAll : allowAll, "extra"));
    if (chance(rng, 50)) ps.scps.push_back({x.add(chance(rng, 50) ? denyAll : allowAll, "scp")});
    if (chance(rng, 50)) ps.session = {x.add(chance(rng, 50) ? denyAll : allowAll, "session")};
    if (chance(rng, 50)) ps.resourcePolicy = x.add(resourcePolicyText(rng, false, false), "resource");
    an::Request q;
    q.principal = pick(rng, kPrincipals);
    q.action = chance(rng, 50) ? "sts:GetCallerIdentity" : "STS:getCallerIdentity";
    q.resource = "*";
    INFO(role.describe() << x.text);
    auto e = an::evaluate(ps, q);
    CHECK(e.decision == an::Decision::Allowed);
    CHECK(e.special == an::Special::CallerIdentity);
    q.action = pick(rng, an::managedPolicyWriteActions());
    q.resource = chance(rng, 50) ? "arn:aws:iam::aws:policy/ReadOnlyAccess" : "arn:aws:iam::aws:policy/service-role/AWSLambdaRole";
    e = an::evaluate(ps, q);
    CHECK(e.decision == an::Decision::ExplicitlyDenied);
    CHECK(e.special == an::Special::AwsManagedPolicyWrite);
  }
}

// Same account: a resource policy with only Allow statements never turns an
// allowed request into a denied one (it can only add grants), and with a Deny
// that applies the answer is ExplicitlyDenied. A direct grant (the session's ARN,
// "*") allows whatever the identity policies say when nothing denies.
TEST_CASE("property: same-account resource policies only add grants, their Deny wins", "[analysis][property]") {
  std::mt19937 rng(2222u);
  Options o;
  size_t directs = 0;
  for (int i = 0; i < 600; ++i) {
    const Role role = randomRole(rng, o);
    Extra x;
    const an::Policies ps = role.policies();
    an::Policies withRp = ps;
    const bool allowOnly = chance(rng, 50);
    withRp.resourcePolicy = x.add(resourcePolicyText(rng, allowOnly, false), "resource");
    for (const auto& action : kActions) {
      for (const auto& q : randomRequests(rng, action)) {
        const an::Evaluation before = an::evaluate(ps, q);
        const an::Evaluation after = an::evaluate(withRp, q);
        INFO(role.describe() << x.text << "request: " << q.principal << " " << q.action << " on " << q.resource
                             << (q.context.empty() ? "" : " with context"));
        if (allowOnly && before.decision == an::Decision::Allowed) CHECK(after.decision == an::Decision::Allowed);
        if (after.resourcePolicy && !after.resourcePolicy->denies.empty())
          CHECK(after.decision == an::Decision::ExplicitlyDenied);
        if (after.resourceGrant == an::Grant::Direct && before.decision != an::Decision::ExplicitlyDenied &&
            after.resourcePolicy->denies.empty()) {
          ++directs;
          CHECK(after.decision == an::Decision::Allowed);
        }
        // A grant to the role ARN or the account never passes the boundary's implicit deny.
        if (after.decision == an::Decision::Allowed && after.resourceGrant != an::Grant::Direct && after.boundary)
          CHECK(after.boundary->decision == an::Decision::Allowed);
      }
    }
  }
  CHECK(directs > 100);
}

// A wildcard request is answered with exactly the per-action decisions of the
// catalog actions it matches.
TEST_CASE("property: an expanded request equals its per-action decisions", "[analysis][property]") {
  const auto& catalog = theCatalog();
  std::mt19937 rng(2323u);
  Options o;
  const std::vector<std::string> patterns = {"s3:Get*", "s3:*Object", "iam:*Role*", "s3:?etObject", "iam:Get*"};
  size_t allowed = 0;
  for (int i = 0; i < 80; ++i) {
    const Role role = randomRole(rng, o);
    Extra x;
    an::Policies ps = role.policies();
    if (chance(rng, 30)) ps.scps.push_back(randomLevel(rng, x, o, "scp"));
    an::Request q = pick(rng, requestsFor("s3:GetObject"));
    q.action = pick(rng, patterns);
    const an::Expansion ex = an::expandRequest(ps, q, catalog);
    REQUIRE(ex.matched);
    std::vector<std::string> want, denied, blocked;
    for (auto ref : catalog.expandActionPattern(q.action)) {
      an::Request one = q;
      one.action = catalog.actionName(ref);
      const auto e = an::evaluate(ps, one);
      if (e.decision == an::Decision::Allowed) want.push_back(one.action);
      if (e.decision == an::Decision::ExplicitlyDenied) denied.push_back(one.action);
      if (e.decision == an::Decision::ImplicitlyDenied && e.identity.decision == an::Decision::Allowed && e.boundary &&
          e.boundary->decision != an::Decision::Allowed)
        blocked.push_back(one.action);
    }
    INFO(role.describe() << x.text << "pattern: " << q.action);
    CHECK(ex.allowed == want);
    CHECK(ex.explicitlyDenied == denied);
    CHECK(ex.boundaryBlocked == blocked);
    // Every name is a catalog action the pattern matches, each in one list at most.
    for (const auto& a : ex.allowed) {
      CHECK(an::actionMatches(q.action, a));
      CHECK(std::find(ex.explicitlyDenied.begin(), ex.explicitlyDenied.end(), a) == ex.explicitlyDenied.end());
    }
    allowed += ex.allowed.size();
  }
  CHECK(allowed > 50);
}
