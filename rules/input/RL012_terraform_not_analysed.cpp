// RL012 terraform-not-analysed: A part of a Terraform module is not analysed (a value known only after apply, a remote module, an unevaluated function) or uses a deprecated attribute.
// The Terraform module evaluator (src/input/terraform.cpp) records these notes;
// this rule reports them. See docs/rules/RL012.md.
#include "rules/registry.h"
#include "input/terraform.h"
#include "engine/input_rule.h"

namespace rolelint::rules {

std::unique_ptr<engine::Rule> makeRL012() {
  return makeInputRule({.id = "RL012",
                        .name = "terraform-not-analysed",
                        .severity = core::Severity::Note,
                        .summary = "A part of a Terraform module is not analysed (a value known only after apply, a remote module, an unevaluated function) or uses a deprecated attribute.",
                        .equivalents = {}},
                       input::kTerraformNote);
}

}  // namespace rolelint::rules
