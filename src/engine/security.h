// Shared by the RL6xx escalation rules: the escalation table (embedded
// rules/security/escalation.json, parsed once), the analysis subject of a role
// (its own ARN, attached policies, boundary, analysis date) and the findings
// worded for messages.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/escalation.h"
#include "core/result.h"
#include "engine/rule.h"
#include "model/model.h"

namespace rolelint::engine::security {

// The parsed table; a malformed embedded file is a build-time mistake caught by the tests
// (escalationTableProblem() says what is wrong).
const analysis::EscalationTable& escalationTable();
const std::string& escalationTableProblem();
// The service prefixes the embedded table's text names, read without parsing it (a
// superset of its actions' services: a role of none of them has no method open).
const std::vector<std::string>& escalationServices();
// The data version of the embedded catalog (its VERSION file's first line).
std::string_view embeddedCatalogVersion();
// Parses a table text (tests): the table, or an Error naming the first malformed method.
core::Result<analysis::EscalationTable> parseEscalationTable(std::string_view text);

// The role's ARN: its `Arn` field (bundle, get-role, dump), else built from Path and RoleName
// with the account unknown.
std::string ownArn(const model::Role& role);
// The analysis date: the configuration's analysis date (--now) or the current time.
double analysisDate(const Reporter& r);

// The analysis subject of a role; false when a managed policy or the boundary
// cannot be resolved (the answer would depend on what rolelint cannot see).
bool subjectOf(const model::Role& role, const Reporter& r, analysis::EscalationSubject& subject);
// "s3:DeleteObject on arn:aws:s3:::prod/x" (with " when …" for the conditions of
// the deciding statements) and the granting identity statements as related locations.
std::string describeRequest(const analysis::EscalationWitness& w, std::vector<core::RelatedLocation>& related,
                            const analysis::StatementRef** first);

// The role's analysis subject and action sets, worked out once per role and
// shared by the security rules (the role's memo slot); null when subjectOf fails.
struct RoleAccess {
  analysis::EscalationSubject subject;
  std::shared_ptr<const analysis::AccessCore> core;
};
std::shared_ptr<const RoleAccess> roleAccess(const model::Role& role, const Reporter& r);

// Why a grant of `action` on resources matching `resourcePattern` is moot for every
// role in `roles`: "" when some role may use it (or one cannot be analysed, or
// there is none), else the reason, e.g. "its permissions boundary does not allow
// iam:PassRole" (for RL156/RL157: document findings drop to a note).
std::string mootFor(const std::vector<const model::Role*>& roles, const Reporter& r, std::string_view action,
                    std::string_view resourcePattern);

// Runs the analysis of `classes` on the role and reports each finding at the
// statement that grants the first step (the others as related locations). Roles
// with a managed policy or boundary rolelint cannot resolve are skipped (RL007 says why).
void reportEscalations(const model::Role& role, std::string_view classes, Reporter& r);

}  // namespace rolelint::engine::security

namespace rolelint::engine::security {

// The action lists of rules/security/exposure.json ("dataExfiltration",
// "credentialsExposure"): action names; empty when the list is missing.
const std::vector<std::string>& exposureList(std::string_view name);

// Reports, once per role, the actions of `actions` (or of the access levels
// `levelMask`) the role can perform on unscoped resources: at the statement that
// grants the first confirmed one, with up to three examples, the count, and `help`.
void reportUnscoped(const model::Role& role, Reporter& r, const std::vector<std::string>& actions,
                    std::uint8_t levelMask, std::string_view what, std::string_view help);

}  // namespace rolelint::engine::security
