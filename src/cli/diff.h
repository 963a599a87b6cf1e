// `rolelint diff OLD NEW`: what NEW allows that OLD does not, per role (IAM
// Access Analyzer's CheckNoNewAccess over effective permissions, offline).
//
// OLD and NEW are each a role bundle, a policy document, or any input holding
// roles (a dump, a template, a plan); roles are matched by name, a standalone
// policy document stands for one role named "policy". For each role of NEW,
// every request built from its granting statements that the evaluator allows is
// asked of OLD; the ones OLD does not allow are new access (and the other way
// round, removed access). Trust policies too: a principal that NEW's trust
// policy lets assume the role and OLD's does not, or whose conditions NEW removed.
//
// Exit code: 1 when NEW allows some request OLD does not, 0 when not, 2 on bad input.
// --format text (per role, service and access level, with an example request and
// its condition), json ({"roles": [{"role", "newAccess": [{"action", "resource",
// "when", "file", "line", "column"}], "removedAccess": [...]}]}), sarif (one
// result per new access, on the NEW statement that grants it).
#pragma once
#include <string>

namespace CLI {
class App;
}

namespace rolelint::cli {

struct DiffOptions {
  std::string oldPath, newPath;
  std::string format = "text";  // text | json | sarif
  std::string now;              // analysis date for aws:CurrentTime (ISO 8601)
};

CLI::App* addDiffCommand(CLI::App& app, DiffOptions& opts);
int runDiff(const DiffOptions& opts);

}  // namespace rolelint::cli
