// `rolelint simulate`: decides requests against a role's identity policies and
// permissions boundary with analysis::evaluate (design.md §8).
//
//   rolelint simulate --role role.json --action s3:GetObject --resource arn:aws:s3:::b/k
//       [--context aws:SourceIp=203.0.113.7 ...] [--principal ARN] [--format text|json]
//   rolelint simulate --identity a.json [--identity b.json] [--boundary pb.json] --action ... 
//   rolelint simulate --batch < requests.jsonl
//
// Single request: prints the combined decision, identity alone, boundary alone,
// the deciding statements as file:line:col, and what the answer does not model.
// Exit code 0 = Allowed, 1 = denied (implicitly or explicitly), 2 = usage or input error.
//
// --batch: one JSON object per input line,
//   {"id": "...", "identity": [P, ...], "boundary": P | null,
//    ["scp": LEVELS, "rcp": LEVELS, "session": P | [P, ...], "resourcePolicy": P,]
//    "request": {"principal": ARN, "action": "s3:GetObject" | "s3:Get*", "resource": ARN | "*",
//                ["resourceAccount": "111122223333",]
//                "context": {"aws:SourceAccount": "…", "aws:TagKeys": ["a", "b"]}}}
// (LEVELS: a policy, or a list of levels, each a policy or a list of policies;
// an unknown field is an error; see docs/effective.md)
// where P is a policy document object, a policy document as a JSON string,
// {"name": "...", "policy": doc}, or an AWS managed policy name or ARN; one line out per line in:
//   {"id": "...", "decision": "Allowed"|"ImplicitlyDenied"|"ExplicitlyDenied",
//    "identity": <identity alone>, "boundary": <boundary alone or null>
//    [, "scp"/"rcp"/"session"/"resourcePolicy": <that type alone, when given>, "reason": "…"]
//    [, "notApplied": ["…"]] [, "notModelled": ["…"]]}
// or, for an action with a wildcard,
//   {"id": "...", "decision": "Expanded", "allowed": [...], "explicitlyDenied": [...], "boundaryBlocked": [...]}
// A malformed line gets {"id": ... (or null), "error": "..."} and the run goes on.
// Blank lines are skipped. Exit code 0 (2 only for usage errors).
#pragma once
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "analysis/evaluate.h"
#include "core/result.h"

namespace CLI {
class App;
}

namespace rolelint::cli {

struct SimulateOptions {
  std::string role;                   // the role: any input check reads (a role file, a template, a Terraform module, a dump, -)
  std::string roleName;               // which role, when the file defines several
  std::vector<std::string> identity;  // identity policy files
  std::string boundary;               // boundary policy file
  // Organisation, session and resource policies (docs/effective.md): each --scp or
  // --rcp file is one level (a policy document, or a JSON array of documents that
  // are ORed); levels are ANDed. Session policy files are ORed.
  std::vector<std::string> scp, rcp, sessionPolicy;
  std::string resourcePolicy;         // the resource's policy file
  std::string resourceAccount;        // the resource's account, when its ARN names none
  std::string principal;              // principal ARN (default: none)
  std::string action;
  std::string resource = "*";
  std::vector<std::string> context;   // key=value, repeatable; repeating a key makes it multivalued
  std::string format = "text";        // text | json
  bool batch = false;
};

// Adds the `simulate` subcommand (options bound to `opts`) to `app` and returns it.
// After app.parse(), when the returned App's parsed() is true, call runSimulate(opts).
CLI::App* addSimulateCommand(CLI::App& app, SimulateOptions& opts);

// Runs a parsed simulate command; batch mode reads `in`. Returns the exit code.
int runSimulate(const SimulateOptions& opts, std::istream& in, std::ostream& out, std::ostream& err);
int runSimulate(const SimulateOptions& opts);  // standard streams

// Processes one --batch input line; returns the output line (without newline).
std::string simulateBatchLine(const std::string& line);

// The organisation and session policies of --scp, --rcp and --session-policy
// files (also for `rolelint effective`): each SCP or RCP file is one level.
struct OrgPolicies {
  std::vector<std::unique_ptr<model::PolicyDocument>> docs;  // owns what the levels point to
  std::vector<analysis::PolicyLevel> scps, rcps;
  std::vector<const model::PolicyDocument*> session;
};
// Declares --scp, --rcp and --session-policy on `cmd` (simulate and effective
// take them alike), each repeatable, into the given lists.
void addOrgPolicyOptions(CLI::App& cmd, std::vector<std::string>& scp, std::vector<std::string>& rcp,
                         std::vector<std::string>& session);

// Reads the --scp, --rcp and --session-policy files; an Error when a file cannot
// be read or is not a policy (or a list of them).
core::Result<OrgPolicies> loadOrgPolicies(const std::vector<std::string>& scp, const std::vector<std::string>& rcp,
                                          const std::vector<std::string>& session);

}  // namespace rolelint::cli
