// RL011 terraform-syntax-error: A Terraform file (.tf, .tfvars, or a template read by templatefile()) is not valid HCL native syntax; the rest of it is not read.
// The input layer (src/hcl, src/input/terraform.cpp) detects these problems while
// reading; this rule reports them. See docs/rules/RL011.md.
#include "rules/registry.h"
#include "input/terraform.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL011() {
  return makeInputRule({.id = "RL011",
                        .name = "terraform-syntax-error",
                        .severity = core::Severity::Error,
                        .summary = "A Terraform file (.tf, .tfvars, or a template read by templatefile()) is not valid HCL native syntax; the rest of it is not read.",
                        .equivalents = {}},
                       input::kTerraformSyntax);
}

}  // namespace rolelint::rules
