// YAML input (CloudFormation templates in YAML): converted by yaml-cpp into the
// same located json::Value tree the JSON reader builds, so the model and every
// rule read YAML exactly as JSON. yaml-cpp gives the start (byte offset, line,
// column) of every node; ends are found by scanning the source text. Short-form
// CloudFormation tags (!Ref, !Sub, !GetAtt, !Join, !If, …) become the long form
// ({"Ref": …}, {"Fn::Sub": …}), which the CloudFormation builder treats as unknown.
#pragma once
#include <string_view>

#include "core/source.h"
#include "json/reader.h"

namespace rolelint::input {

// Whether a path names a YAML file (*.yaml, *.yml).
bool isYamlPath(std::string_view path);
// Whether a file is read as YAML: *.yaml / *.yml, or a *.template file (the
// CloudFormation console's extension) whose text does not start with '{'.
bool isYamlText(std::string_view path, std::string_view text);

// Reads YAML `text` (the first document) into a located tree; `lines` is the
// line table of `text`. Syntax errors, duplicate keys and excessive nesting are
// problems, never exceptions.
json::Document readYaml(std::string_view text, const core::LineIndex& lines);

}  // namespace rolelint::input
