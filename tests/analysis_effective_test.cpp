// Effective permissions per service (src/analysis/effective.h) on the embedded catalog.
#include <catch2/catch.hpp>
#include <filesystem>

#include "analysis/effective.h"
#include "analysis/effective_grants.h"
#include "catalog/catalog.h"
#include "core/embedded.h"
#include "engine/config.h"
#include "engine/engine.h"
#include "rules/registry.h"
#include "input/input.h"
#include "model/model.h"

namespace {

rolelint::model::PolicyDocument doc(const std::string& text, const std::string& label) {
  rolelint::input::Loader loader;
  auto tmp = std::filesystem::temp_directory_path();
  auto file = loader.loadText(label + ".json", text, tmp, tmp);
  REQUIRE(file.tree);
  REQUIRE(file.tree->root());
  return rolelint::model::buildPolicy({file.tree, file.tree->root(), false}, rolelint::model::PolicyKind::Identity,
                                      label, "");
}

}  // namespace

// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
TEST_CASE("effective: identity ∩ boundary − deny, per service", "[analysis][effective]") {
  auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
  REQUIRE(text);
  auto cat = rolelint::catalog::Catalog::parse(*text);
  REQUIRE(cat);
  auto id = doc(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:Get*", "iam:PassRole", "mediaconvert:CreateJob"], "Resource": "*"},
      {"Effect": "Deny", "Action": "s3:GetObjectAcl", "Resource": "*"}]})", "id");
  auto pb = doc(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:*", "mediaconvert:*"], "Resource": "*"}]})", "pb");
  rolelint::analysis::Policies ps;
  ps.identity.push_back(&id);
  ps.boundary = &pb;
  auto r = rolelint::analysis::effectiveAccess(ps, *cat);
  REQUIRE(r.size() == 3);
  CHECK(r[0].service == "iam");
  CHECK(r[0].granted == 1);
  CHECK(r[0].effective == 0);
  CHECK(r[0].blocked == std::vector<std::string>{"iam:PassRole"});
  CHECK(r[1].service == "mediaconvert");
  CHECK(r[1].effective == 1);
  CHECK(r[2].service == "s3");
  CHECK(r[2].granted > 10);
  CHECK(r[2].effective == r[2].granted - 1);  // GetObjectAcl is denied
  CHECK(r[2].byLevel[static_cast<size_t>(rolelint::catalog::AccessLevel::Write)] == 0);
  CHECK(r[2].byLevel[static_cast<size_t>(rolelint::catalog::AccessLevel::Read)] > 0);

  // NotAction + Allow grants every service except the listed ones.
  auto broad = doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]})", "b");
  rolelint::analysis::Policies ps2;
  ps2.identity.push_back(&broad);
  auto all = rolelint::analysis::effectiveAccess(ps2, *cat);
  CHECK(all.size() > 100);
  CHECK(std::none_of(all.begin(), all.end(), [](const auto& s) { return s.service == "iam"; }));
}

// SCP levels and session policies intersect like the boundary; SCP/RCP/session Deny
// statements remove actions (RCPs only for their services); sts:GetCallerIdentity,
// once granted, stays effective whatever denies it (docs/effective.md).
TEST_CASE("effective: SCPs, RCPs, session policies and GetCallerIdentity", "[analysis][effective]") {
  auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
  REQUIRE(text);
  auto cat = rolelint::catalog::Catalog::parse(*text);
  REQUIRE(cat);
  auto id = doc(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "ec2:RunInstances", "ec2:StartInstances",
                                     "sqs:SendMessage", "sts:GetCallerIdentity"], "Resource": "*"},
      {"Effect": "Deny", "Action": "sts:*", "Resource": "*"}]})", "id");
  auto scpRoot = doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Effect": "Deny", "Action": "ec2:StartInstances", "Resource": "*"}]})", "scp-root");
  auto scpOu = doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "ec2:*", "sts:*"], "Resource": "*"}]})", "scp-ou");
  auto rcp = doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": ["s3:PutObject", "ec2:RunInstances"], "Resource": "*"}]})", "rcp");
  auto session = doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "ec2:*"], "Resource": "*"}]})", "session");
  namespace an = rolelint::analysis;
  an::Policies ps;
  ps.identity.push_back(&id);
  ps.scps = {{&scpRoot}, {&scpOu}};
  auto names = [&](const std::vector<an::ServiceAccess>& access) {
    std::vector<std::string> out;
    for (const auto& s : access)
      for (auto ref : cat->expandActionPattern(s.service + ":*"))
        if (an::actionAccess(ps, cat->actionName(ref)).effective) out.push_back(cat->actionName(ref));
    return out;
  };
  auto r = an::effectiveAccess(ps, *cat);
  // sqs is not allowed by the OU level; StartInstances is denied by the root level.
  CHECK(names(r) == std::vector<std::string>{"ec2:RunInstances", "s3:GetObject", "s3:PutObject", "sts:GetCallerIdentity"});
  ps.rcps = {{&rcp}};  // ec2 is not an RCP service: only s3:PutObject goes
  CHECK(names(an::effectiveAccess(ps, *cat)) ==
        std::vector<std::string>{"ec2:RunInstances", "s3:GetObject", "sts:GetCallerIdentity"});
  ps.session = {&session};
  r = an::effectiveAccess(ps, *cat);
  CHECK(names(r) == std::vector<std::string>{"ec2:RunInstances", "s3:GetObject", "sts:GetCallerIdentity"});
  size_t total = 0;
  for (const auto& s : r) total += s.effective;
  CHECK(total == 3);  // the bitset count agrees with actionAccess
  ps.scps.clear();
  ps.rcps.clear();
  ps.session = {&rcp};  // a session policy with no Allow leaves only GetCallerIdentity
  CHECK(names(an::effectiveAccess(ps, *cat)) == std::vector<std::string>{"sts:GetCallerIdentity"});
  CHECK(an::alwaysAllowedReason().find("needs no permission") == 0);
}

// An audit must not keep every role's analysis to the end of the run: the engine
// drops what the rules worked out for a role (its access, its own documents' action
// sets) once the role's walk is over; a holder of the shared sets keeps its copy.
TEST_CASE("effective: a role's action sets are released after its walk", "[analysis][effective]") {
  namespace an = rolelint::analysis;
  auto text = rolelint::embedded::find("rules/catalog/iam-catalog.txt");
  REQUIRE(text);
  auto cat = rolelint::catalog::Catalog::parse(*text);
  REQUIRE(cat);

  auto policy = doc(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]})",
                    "p");
  const auto held = an::effective::statementActionSets(policy, *cat);
  CHECK(an::effective::statementActionSets(policy, *cat) == held);  // computed once
  policy.derived.release();
  const auto again = an::effective::statementActionSets(policy, *cat);
  CHECK(again != held);  // computed anew
  REQUIRE(held->size() == 1);
  CHECK((*held)[0].knownCount() == (*again)[0].knownCount());  // the holder's copy is intact

  // Through the engine: a role bundle with an inline policy, every rule enabled.
  rolelint::input::Loader loader;
  const auto tmp = std::filesystem::temp_directory_path();
  auto file = loader.loadText("role.json", R"({
  "RoleName": "r",
  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "mediaconvert.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
  "Policies": [{"PolicyName": "p", "PolicyDocument": {"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:PassRole"], "Resource": "*"}]}}]
})",
                              tmp, tmp);
  auto unit = rolelint::model::build(std::make_shared<const rolelint::input::LoadedFile>(std::move(file)), loader, {});
  REQUIRE(unit.roles.size() == 1);
  REQUIRE(unit.roles[0].inlinePolicies.size() == 1);
  const rolelint::model::PolicyDocument& inlineDoc = unit.roles[0].inlinePolicies[0];
  // Sets computed before the walk; the memo keeps them alive until it is released.
  std::weak_ptr<const std::vector<an::ActionSet>> before = an::effective::statementActionSets(inlineDoc, *cat);
  REQUIRE_FALSE(before.expired());
  rolelint::engine::Registry registry;
  rolelint::rules::registerAll(registry);
  rolelint::engine::Config config;
  rolelint::engine::Engine engine(registry, config, {}, &*cat);
  std::vector<rolelint::core::Diagnostic> out;
  engine.lintUnit(unit, out);
  bool escalation = false;  // the security rules did run on the role (iam:PassRole on *)
  for (const auto& d : out) escalation = escalation || d.rule.rfind("RL6", 0) == 0;
  CHECK(escalation);
  CHECK(before.expired());
}
