#include "model/cfn_eval.h"

#include <algorithm>

#include "model/role_definition.h"

namespace rolelint::model::detail {
namespace {

constexpr uint32_t kMaxDepth = 64;  // intrinsics nest a few levels; a loop of Refs must not recurse forever

bool listKey(std::string_view k) {
  static const std::set<std::string_view> kKeys = {"Action", "NotAction", "Resource", "NotResource", "AWS", "Service",
                                                   "Federated", "CanonicalUser", "Statement", "Policies",
                                                   "ManagedPolicyArns", "Tags"};
  return kKeys.count(k) != 0 || k.find(':') != std::string_view::npos;  // condition keys: aws:SourceAccount
}

}  // namespace

CfnEvaluator::CfnEvaluator(const input::Source& source, const json::Value& templ, std::string partition)
    : source_(source), templ_(templ), partition_(std::move(partition)) {
  if (templ.isObject()) {
    parameters_ = templ.find("Parameters");
    mappings_ = templ.find("Mappings");
    conditions_ = templ.find("Conditions");
    resources_ = templ.find("Resources");
  }
}

bool CfnEvaluator::isIntrinsic(const json::Value& v) {
  if (!v.isObject() || v.members.size() != 1) return false;
  const std::string& k = v.members[0].key;
  return k == "Ref" || k.rfind("Fn::", 0) == 0;
}

std::string CfnEvaluator::refOf(const json::Value& v) {
  if (isIntrinsic(v) && v.members[0].key == "Ref" && v.members[0].value.isString()) return v.members[0].value.text;
  return "";
}

std::string CfnEvaluator::resourceType(const std::string& id) const {
  if (resources_ == nullptr || !resources_->isObject()) return "";
  const json::Value* r = resources_->find(id);
  const json::Value* t = r != nullptr && r->isObject() ? r->find("Type") : nullptr;
  return t != nullptr && t->isString() ? t->text : "";
}

std::string CfnEvaluator::literalProperty(const std::string& id, const std::string& prop) const {
  if (resources_ == nullptr || !resources_->isObject()) return "";
  const json::Value* r = resources_->find(id);
  const json::Value* p = r != nullptr && r->isObject() ? r->find("Properties") : nullptr;
  const json::Value* v = p != nullptr && p->isObject() ? p->find(prop) : nullptr;
  return v != nullptr && v->isString() && !core::hasUnknown(v->text) && v->text.find("{{resolve:") == std::string::npos
             ? v->text
             : "";
}

bool CfnEvaluator::exclusive(const std::string& a, const std::string& b) const {
  if (a.empty() || b.empty() || a == b || conditions_ == nullptr || !conditions_->isObject()) return false;
  const json::Value* ca = conditions_->find(a);
  const json::Value* cb = conditions_->find(b);
  if (ca == nullptr || cb == nullptr) return false;
  // X / {"Fn::Not": [{"Condition": "X"}]}
  auto negates = [](const json::Value& c, const std::string& other) {
    if (!c.isObject() || c.members.size() != 1 || c.members[0].key != "Fn::Not") return false;
    const json::Value& arg = c.members[0].value;
    const json::Value* inner = arg.isArray() && arg.elements.size() == 1 ? &arg.elements[0] : nullptr;
    if (inner == nullptr || !inner->isObject() || inner->members.size() != 1) return false;
    const json::Member& m = inner->members[0];
    return m.key == "Condition" && m.value.isString() && m.value.text == other;
  };
  if (negates(*ca, b) || negates(*cb, a)) return true;
  // {"Fn::Equals": [{"Ref": P}, "x"]} and {"Fn::Equals": [{"Ref": P}, "y"]}
  auto equalsOf = [](const json::Value& c) -> std::optional<std::pair<std::string, std::string>> {
    if (!c.isObject() || c.members.size() != 1 || c.members[0].key != "Fn::Equals") return std::nullopt;
    const json::Value& arg = c.members[0].value;
    if (!arg.isArray() || arg.elements.size() != 2) return std::nullopt;
    for (int i = 0; i < 2; ++i) {
      const std::string p = refOf(arg.elements[i]);
      const json::Value& lit = arg.elements[1 - i];
      if (!p.empty() && (lit.isString() || lit.isNumber())) return std::make_pair(p, lit.text);
    }
    return std::nullopt;
  };
  auto ea = equalsOf(*ca);
  auto eb = equalsOf(*cb);
  return ea && eb && ea->first == eb->first && ea->second != eb->second;
}

std::string CfnEvaluator::unknown(const json::Value& expr, std::string what) {
  core::UnknownOrigin o;
  // While a SAM policy template is expanded, its expressions are not in this file: the user's entry is.
  const json::Span r = at(expr);
  const size_t b = std::min<size_t>(r.begin, source_.text.size());
  const size_t e = std::min<size_t>(std::max<size_t>(r.end, b), source_.text.size());
  o.expression = source_.text.substr(b, std::min<size_t>(e - b, 200));
  o.what = std::move(what);
  o.range = at(expr);
  origins.push_back(std::move(o));
  return core::unknownMarker(static_cast<uint32_t>(origins.size() - 1));
}

json::Value CfnEvaluator::str(std::string s, const json::Value& v) const { return makeString(std::move(s), at(v)); }

// `<service>.${AWS::URLSuffix}` is that service's principal: the URL suffix is
// amazonaws.com in the aws partition (amazonaws.com.cn in aws-cn), per the
// pseudo-parameter reference.
std::string CfnEvaluator::urlSuffix(std::string s) const {
  if (urlSuffixIds_.empty() || !core::hasUnknown(s)) return s;
  auto parts = core::splitUnknown(s);
  if (parts.size() != 2 || parts[0].unknown || !parts[1].unknown || urlSuffixIds_.count(parts[1].id) == 0) return s;
  std::string_view head = parts[0].text;
  if (head.size() < 2 || head.back() != '.') return s;
  for (char c : head.substr(0, head.size() - 1))
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return s;
  std::string suffix = partition_ == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  return std::string(head) + suffix;
}

std::string CfnEvaluator::dynamicRefs(const json::Value& v, const std::string& s) {
  if (s.find("{{resolve:") == std::string::npos) return s;
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("{{resolve:", i);
    if (open == std::string::npos) break;
    size_t close = s.find("}}", open);
    if (close == std::string::npos) break;
    out.append(s, i, open - i);
    out += unknown(v, "dynamic reference " + s.substr(open + 2, close - open - 2));
    i = close + 2;
  }
  out.append(s, i, std::string::npos);
  return out;
}

std::string CfnEvaluator::pseudo(const json::Value& v, const std::string& name) {
  if (name == "AWS::Partition") return partition_;
  std::string marker = unknown(v, name);
  if (name == "AWS::URLSuffix") urlSuffixIds_.insert(static_cast<uint32_t>(origins.size() - 1));
  return marker;
}

std::optional<json::Value> CfnEvaluator::ref(const json::Value& v, const std::string& name) {
  if (name == "AWS::NoValue") return std::nullopt;
  if (bindings != nullptr) {
    if (auto it = bindings->find(name); it != bindings->end()) {
      // A SAM policy template parameter: the user's value, evaluated where the user wrote it.
      std::optional<json::Span> saved = forcedRange;
      std::map<std::string, const json::Value*>* b = bindings;
      bindings = nullptr;
      forcedRange.reset();
      auto r = eval(*it->second);
      bindings = b;
      forcedRange = saved;
      return r;
    }
  }
  if (name.rfind("AWS::", 0) == 0) return str(pseudo(v, name), v);
  if (parameters_ != nullptr && parameters_->isObject()) {
    if (const json::Value* p = parameters_->find(name); p != nullptr && p->isObject()) {
      const json::Value* def = p->find("Default");
      const json::Value* type = p->find("Type");
      const bool list = type != nullptr && type->isString() &&
                        (type->text.rfind("List<", 0) == 0 || type->text == "CommaDelimitedList");
      // The Default is one possible value; an empty Default means "not given".
      if (def != nullptr && (def->isString() || def->isNumber()) && !def->text.empty() && !list)
        return str(def->text, v);
      std::string what = "parameter " + name;
      if (const json::Value* av = p->find("AllowedValues"); av != nullptr && av->isArray() && !av->elements.empty()) {
        what += " (one of";
        for (const json::Value& e : av->elements) what += " " + e.text;
        what += ")";
      }
      if (list && listOkStack_) {
        json::Value arr = makeArray(at(v));
        arr.elements.push_back(str(unknown(v, what), v));
        return arr;
      }
      return str(unknown(v, what), v);
    }
  }
  const std::string type = resourceType(name);
  if (!type.empty()) {
    // Ref of a resource: its physical ID (a name for roles, buckets, queues' URL…).
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html#aws-resource-iam-role-return-values
    if (type == "AWS::IAM::Role") {
      if (std::string n = literalProperty(name, "RoleName"); !n.empty()) return str(n, v);
    } else if (type == "AWS::S3::Bucket") {
      if (std::string n = literalProperty(name, "BucketName"); !n.empty()) return str(n, v);
    } else if (type == "AWS::SNS::Topic" || type == "AWS::StepFunctions::StateMachine" ||
               type == "AWS::Serverless::StateMachine") {
      return getAtt(v, name, type == "AWS::SNS::Topic" ? "TopicArn" : "Arn");
    }
    return str(unknown(v, "resource " + name), v);
  }
  return str(unknown(v, "Ref " + name), v);
}

json::Value CfnEvaluator::getAtt(const json::Value& v, const std::string& id, const std::string& attr) {
  const std::string type = resourceType(id);
  const std::string p = partition_;
  auto region = [&] { return unknown(v, "AWS::Region"); };
  auto account = [&] { return unknown(v, "AWS::AccountId"); };
  auto name = [&](const char* prop) {
    std::string n = literalProperty(id, prop);
    return n.empty() ? unknown(v, id + " name") : n;
  };
  // ARN shapes: the Return values sections of each resource type's page in the
  // CloudFormation template reference, and the Service Authorization Reference's
  // resource types (https://docs.aws.amazon.com/service-authorization/latest/reference/).
  if (attr == "Arn" || attr == "TopicArn" || attr == "StreamArn") {
    if (type == "AWS::IAM::Role") {
      std::string path = literalProperty(id, "Path");
      if (path.empty()) path = "/";
      return str("arn:" + p + ":iam::" + account() + ":role" + path + name("RoleName"), v);
    }
    if (type == "AWS::S3::Bucket") return str("arn:" + p + ":s3:::" + name("BucketName"), v);
    if (type == "AWS::SQS::Queue")
      return str("arn:" + p + ":sqs:" + region() + ":" + account() + ":" + name("QueueName"), v);
    if (type == "AWS::SNS::Topic")
      return str("arn:" + p + ":sns:" + region() + ":" + account() + ":" + name("TopicName"), v);
    if (type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function")
      return str("arn:" + p + ":lambda:" + region() + ":" + account() + ":function:" + name("FunctionName"), v);
    if (type == "AWS::DynamoDB::Table" || type == "AWS::Serverless::SimpleTable") {
      std::string t = "arn:" + p + ":dynamodb:" + region() + ":" + account() + ":table/" + name("TableName");
      if (attr == "StreamArn") t += "/stream/" + unknown(v, id + " stream label");
      return str(t, v);
    }
    if (type == "AWS::Kinesis::Stream")
      return str("arn:" + p + ":kinesis:" + region() + ":" + account() + ":stream/" + name("Name"), v);
    if (type == "AWS::KMS::Key")
      return str("arn:" + p + ":kms:" + region() + ":" + account() + ":key/" + unknown(v, id + " key ID"), v);
    if (type == "AWS::Logs::LogGroup")  // GetAtt Arn of a log group ends in ":*"
      return str("arn:" + p + ":logs:" + region() + ":" + account() + ":log-group:" + name("LogGroupName") + ":*", v);
    if (type == "AWS::StepFunctions::StateMachine" || type == "AWS::Serverless::StateMachine")
      return str("arn:" + p + ":states:" + region() + ":" + account() + ":stateMachine:" + name("StateMachineName"),
                 v);
  }
  std::string what = type.empty() ? id + "." + attr : "GetAtt " + id + "." + attr;
  return str(unknown(v, what), v);
}

std::optional<std::string> CfnEvaluator::asString(const json::Value& v) {
  auto r = eval(v);
  if (!r) return std::string();
  if (r->isString() || r->isNumber()) return r->text;
  if (r->isBool()) return std::string(r->boolean ? "true" : "false");
  return std::nullopt;
}

std::optional<std::string> CfnEvaluator::sub(const json::Value& v, const json::Value& arg) {
  const json::Value* text = &arg;
  const json::Value* vars = nullptr;
  if (arg.isArray() && !arg.elements.empty()) {
    text = &arg.elements[0];
    if (arg.elements.size() > 1 && arg.elements[1].isObject()) vars = &arg.elements[1];
  }
  if (!text->isString()) return std::nullopt;
  const std::string& s = text->text;
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("${", i);
    if (open == std::string::npos) break;
    size_t close = s.find('}', open);
    if (close == std::string::npos) break;
    out.append(s, i, open - i);
    std::string name = s.substr(open + 2, close - open - 2);
    i = close + 1;
    if (!name.empty() && name[0] == '!') {  // ${!Literal} is written as ${Literal}
      out += "${" + name.substr(1) + "}";
      continue;
    }
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (vars != nullptr) {
      if (const json::Value* val = vars->find(name)) {
        auto s2 = asString(*val);
        out += s2 ? *s2 : unknown(*val, "variable " + name);
        continue;
      }
    }
    if (bindings != nullptr && bindings->count(name) != 0) {
      auto r = ref(v, name);
      out += r && (r->isString() || r->isNumber()) ? r->text.str() : unknown(v, name);
      continue;
    }
    const size_t dot = name.find('.');
    if (name.rfind("AWS::", 0) == 0) {
      out += pseudo(v, name);
    } else if (dot != std::string::npos && !resourceType(name.substr(0, dot)).empty()) {
      out += getAtt(v, name.substr(0, dot), name.substr(dot + 1)).text;
    } else if (name.find(':') != std::string::npos) {
      out += "${" + name + "}";  // an IAM policy variable (${aws:username}) left as written
    } else {
      auto r = ref(v, name);
      out += r && (r->isString() || r->isNumber()) ? r->text.str() : unknown(v, name);
    }
  }
  out.append(s, i, std::string::npos);
  return urlSuffix(dynamicRefs(v, out));
}

std::optional<json::Value> CfnEvaluator::intrinsic(const json::Value& v, bool listOk) {
  const std::string& fn = v.members[0].key;
  const json::Value& arg = v.members[0].value;
  if (fn == "Ref") {
    if (!arg.isString()) return str(unknown(v, "Ref"), v);
    const bool saved = listOkStack_;
    listOkStack_ = listOk;
    auto r = ref(v, arg.text);
    listOkStack_ = saved;
    return r;
  }
  if (fn == "Fn::If") {
    if (!arg.isArray() || arg.elements.size() != 3 || !arg.elements[0].isString())
      return str(unknown(v, "Fn::If"), v);
    const std::string& cond = arg.elements[0].text;
    auto a = eval(arg.elements[1], listOk);
    auto b = eval(arg.elements[2], listOk);
    conditional(v, arg.elements[1], "condition " + cond + " is true");
    conditional(v, arg.elements[2], "condition " + cond + " is false");
    if (!a) return b;
    if (!b) return a;
    if (a->isString() && b->isString() && a->text == b->text) return a;
    if (listOk) {
      // Both branches are analysed: the value may be either.
      json::Value arr = makeArray(at(v));
      for (json::Value* x : {&*a, &*b}) {
        if (x->isArray()) {
          for (json::Value& e : x->elements) arr.elements.push_back(std::move(e));
        } else {
          arr.elements.push_back(std::move(*x));
        }
      }
      return arr;
    }
    if (a->isString() && b->isString()) return str(unknown(v, "Fn::If " + cond), v);
    return a;
  }
  if (fn == "Fn::Sub") {
    if (auto s = sub(v, arg)) return str(std::move(*s), v);
    return str(unknown(v, "Fn::Sub"), v);
  }
  if (fn == "Fn::Join") {
    if (!arg.isArray() || arg.elements.size() != 2 || !arg.elements[0].isString())
      return str(unknown(v, "Fn::Join"), v);
    auto list = eval(arg.elements[1], true);
    if (!list || !list->isArray()) return str(unknown(v, "Fn::Join"), v);
    std::string out;
    for (size_t i = 0; i < list->elements.size(); ++i) {
      if (i > 0) out += arg.elements[0].text;
      const json::Value& e = list->elements[i];
      out += e.isString() || e.isNumber() ? e.text.str() : unknown(arg.elements[1], "Fn::Join element");
    }
    return str(urlSuffix(std::move(out)), v);
  }
  if (fn == "Fn::Split") {
    if (arg.isArray() && arg.elements.size() == 2 && arg.elements[0].isString() && !arg.elements[0].text.empty()) {
      auto s = asString(arg.elements[1]);
      if (s && !core::hasUnknown(*s)) {
        json::Value arr = makeArray(at(v));
        const std::string& d = arg.elements[0].text;
        size_t i = 0;
        while (true) {
          size_t j = s->find(d, i);
          arr.elements.push_back(str(s->substr(i, j == std::string::npos ? std::string::npos : j - i), v));
          if (j == std::string::npos) break;
          i = j + d.size();
        }
        return arr;
      }
    }
    json::Value arr = makeArray(at(v));
    arr.elements.push_back(str(unknown(v, "Fn::Split"), v));
    return arr;
  }
  if (fn == "Fn::Select") {
    if (arg.isArray() && arg.elements.size() == 2) {
      auto idx = asString(arg.elements[0]);
      auto list = eval(arg.elements[1], true);
      if (idx && !idx->empty() && idx->find_first_not_of("0123456789") == std::string::npos && idx->size() < 6 &&
          list && list->isArray()) {
        const size_t n = std::stoul(*idx);
        if (n < list->elements.size() && !core::isWhollyUnknown(list->elements[0].text))
          return std::move(list->elements[n]);
      }
    }
    return str(unknown(v, "Fn::Select"), v);
  }
  if (fn == "Fn::FindInMap") {
    if (arg.isArray() && arg.elements.size() >= 3 && mappings_ != nullptr && mappings_->isObject()) {
      auto m = asString(arg.elements[0]);
      auto k1 = asString(arg.elements[1]);
      auto k2 = asString(arg.elements[2]);
      if (m && k1 && k2 && !core::hasUnknown(*m) && !core::hasUnknown(*k1) && !core::hasUnknown(*k2)) {
        const json::Value* map = mappings_->find(*m);
        const json::Value* top = map != nullptr && map->isObject() ? map->find(*k1) : nullptr;
        const json::Value* val = top != nullptr && top->isObject() ? top->find(*k2) : nullptr;
        if (val != nullptr) {
          auto r = eval(*val, listOk);
          if (r) {
            // Located at the FindInMap, where the user wrote the look-up.
            std::vector<json::Value*> stack{&*r};
            while (!stack.empty()) {
              json::Value* x = stack.back();
              stack.pop_back();
              x->begin = at(v).begin;
              x->end = at(v).end;
              for (json::Value& e : x->elements) stack.push_back(&e);
            }
          }
          return r;
        }
      } else if (m && !core::hasUnknown(*m)) {
        // The row depends on a parameter (a Region2Principal map keyed by AWS::Region): when
        // the column is known and every row gives it the same literal string, that is the
        // value; otherwise it is one of the mapping's values, unknown.
        const json::Value* map = mappings_->find(*m);
        if (k2 && !core::hasUnknown(*k2) && map != nullptr && map->isObject() && !map->members.empty()) {
          std::optional<std::string> same;
          bool agree = true;
          for (const json::Member& row : map->members) {
            const json::Value* cell = row.value.isObject() ? row.value.find(*k2) : nullptr;
            if (cell == nullptr || !cell->isString() || (same && *same != cell->text)) {
              agree = false;
              break;
            }
            same = cell->text;
          }
          if (agree && same) return str(*same, v);
        }
        return str(unknown(v, "Fn::FindInMap " + *m), v);
      }
    }
    return str(unknown(v, "Fn::FindInMap"), v);
  }
  if (fn == "Fn::GetAtt") {
    std::string id, attr;
    if (arg.isString()) {
      const size_t dot = arg.text.find('.');
      id = arg.text.substr(0, dot);
      attr = dot == std::string::npos ? "" : arg.text.substr(dot + 1);
    } else if (arg.isArray() && arg.elements.size() == 2 && arg.elements[0].isString()) {
      id = arg.elements[0].text;
      auto a = asString(arg.elements[1]);
      attr = a ? *a : "";
    }
    return getAtt(v, id, attr);
  }
  if (fn == "Fn::ImportValue") {
    auto name = asString(arg);
    return str(unknown(v, "import " + (name ? core::replaceUnknown(*name, "*") : std::string("?"))), v);
  }
  if (fn == "Fn::Base64") {
    if (auto s = asString(arg)) return str(*s, v);
  }
  return str(unknown(v, fn), v);
}

std::optional<json::Value> CfnEvaluator::eval(const json::Value& v, bool listOk) {
  if (++depth_ > kMaxDepth) {
    --depth_;
    return str(unknown(v, "nested expression"), v);
  }
  struct Guard {
    uint32_t& d;
    ~Guard() { --d; }
  } guard{depth_};
  if (isIntrinsic(v)) return intrinsic(v, listOk);
  json::Value out;
  out.kind = v.kind;
  out.boolean = v.boolean;
  out.begin = at(v).begin;
  out.end = at(v).end;
  if (v.isString()) {
    out.text = dynamicRefs(v, v.text);
    return out;
  }
  out.text = v.text;
  for (const json::Value& e : v.elements) {
    auto r = eval(e, true);
    if (!r) continue;  // AWS::NoValue
    if (r->isArray() && isIntrinsic(e)) {
      // Both branches of an Fn::If in a list are elements of it; so are the
      // elements of a list parameter or an Fn::Split written as one element.
      for (json::Value& x : r->elements) out.elements.push_back(std::move(x));
    } else {
      out.elements.push_back(std::move(*r));
    }
  }
  for (const json::Member& m : v.members) {
    auto r = eval(m.value, listKey(m.key));
    if (!r) continue;
    json::Member c;
    c.key = m.key;
    c.keyBegin = forcedRange ? forcedRange->begin : m.keyBegin;
    c.keyEnd = forcedRange ? forcedRange->end : m.keyEnd;
    c.value = std::move(*r);
    out.members.push_back(std::move(c));
  }
  return out;
}

}  // namespace rolelint::model::detail
