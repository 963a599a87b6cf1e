// Symbolic evaluation of CloudFormation intrinsic functions (Ref, Fn::Sub,
// Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::GetAtt, Fn::If, …) into an
// ordinary json::Value tree, so the model and every rule read a template the way
// they read a role definition. What cannot be known before deployment (a
// parameter without a usable Default, the account ID, an imported value, a
// dynamic reference) becomes an unknown part (core/unknown.h) whose origin keeps
// the expression and its range. Every value made here is located at the source
// expression it came from. Nothing is dropped, except what AWS::NoValue removes.
//
// Intrinsic function reference:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
// Pseudo parameters:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
// Dynamic references:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/unknown.h"
#include "input/input.h"
#include "json/value.h"

namespace rolelint::model::detail {

class CfnEvaluator {
 public:
  // `templ` is the template's root object; `source` the file it was read from.
  CfnEvaluator(const input::Source& source, const json::Value& templ, std::string partition = "aws");
  CfnEvaluator(const CfnEvaluator&) = delete;
  CfnEvaluator& operator=(const CfnEvaluator&) = delete;

  // `v` evaluated; nullopt when it is {"Ref": "AWS::NoValue"} (the element or
  // member is removed). `listOk`: the value may be a list (Action, Resource,
  // principal values, condition values), so both branches of an Fn::If are kept.
  std::optional<json::Value> eval(const json::Value& v, bool listOk = false);
  // Whether `v` is an intrinsic function ({"Ref": …} or {"Fn::…": …}).
  static bool isIntrinsic(const json::Value& v);
  // The logical ID a {"Ref": "Id"} names, or "".
  static std::string refOf(const json::Value& v);

  // Values that replace {"Ref": NAME} while evaluating a SAM policy template
  // (its parameters bound to the user's values). Not owned.
  std::map<std::string, const json::Value*>* bindings = nullptr;
  // Range every value made while `bindings` is set takes (the user's policy entry).
  std::optional<json::Span> forcedRange;

  // The type of the template resource `id`, or "".
  std::string resourceType(const std::string& id) const;
  // Whether conditions `a` and `b` can never hold together (X / !Not X, or
  // Fn::Equals of one parameter with different literals).
  bool exclusive(const std::string& a, const std::string& b) const;

  // An unknown part standing for `expr`, described as `what`.
  std::string unknown(const json::Value& expr, std::string what);
  // Marks `range` as applying only under `text` ("condition IsProd is true"),
  // or as the CDK construct `text` ("construct Stack/Fn/Resource"): an
  // annotation, kept in `origins` with an empty expression and never referenced
  // by a marker. The engine appends it to findings inside `range`.
  void annotate(json::Span range, std::string text) { origins.push_back({"", std::move(text), range}); }
  // A branch of the Fn::If `ifNode`; not when the branch is a YAML alias of a
  // value written elsewhere (it is not conditional there).
  void conditional(const json::Value& ifNode, const json::Value& branch, std::string text) {
    if (branch.begin >= ifNode.begin && branch.begin < ifNode.end)
      annotate(branch.range(), std::move(text));
  }

  std::vector<core::UnknownOrigin> origins;
  const std::string& partition() const { return partition_; }

 private:
  std::optional<json::Value> intrinsic(const json::Value& v, bool listOk);
  std::optional<json::Value> ref(const json::Value& v, const std::string& name);
  std::optional<std::string> sub(const json::Value& v, const json::Value& arg);
  json::Value getAtt(const json::Value& v, const std::string& id, const std::string& attr);
  std::string pseudo(const json::Value& v, const std::string& name);
  // `v` as a string with unknown parts; nullopt when it is no string (a list, an object).
  std::optional<std::string> asString(const json::Value& v);
  std::string dynamicRefs(const json::Value& v, const std::string& s);
  std::string urlSuffix(std::string s) const;
  json::Value str(std::string s, const json::Value& at) const;
  json::Span at(const json::Value& v) const { return forcedRange ? *forcedRange : v.range(); }
  std::string literalProperty(const std::string& id, const std::string& prop) const;

  const input::Source& source_;
  const json::Value& templ_;
  std::string partition_;
  const json::Value* parameters_ = nullptr;
  const json::Value* mappings_ = nullptr;
  const json::Value* conditions_ = nullptr;
  const json::Value* resources_ = nullptr;
  std::set<uint32_t> urlSuffixIds_;
  bool listOkStack_ = false;  // the Ref being evaluated may be a list
  uint32_t depth_ = 0;
};

}  // namespace rolelint::model::detail
