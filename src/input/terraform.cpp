// Terraform module evaluation scoped to IAM (see terraform.h, docs/inputs.md).
//
// Terraform semantics followed here (Terraform language documentation,
// https://developer.hashicorp.com/terraform/language): variable values come from
// the default, then terraform.tfvars, then *.auto.tfvars in lexical order, then
// -var-file in order, later ones winning ("Variable Definition Precedence");
// `count` instances are addressed NAME[i] and `for_each` instances NAME["key"]
// ("The count Meta-Argument", "The for_each Meta-Argument"); `dynamic` blocks
// repeat their `content` per element with the iterator named after the block
// (or `iterator`) holding `key` and `value` ("dynamic Blocks"); local child
// modules (`source = "./…"`) are evaluated with the caller's arguments, other
// sources are registry or remote modules that are not read.
//
// aws_iam_policy_document: AWS provider documentation of the data source
// (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document):
// `&{` is written for IAM's `${` in resources, identifiers and condition values;
// `source_policy_documents` statements come first, `statement` blocks replace
// source statements with the same sid, `override_policy_documents` statements
// replace statements with the same sid or are appended; a list of one element is
// rendered as a string.
#include "input/terraform.h"
#include "input/read.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "core/wildcard.h"
#include "hcl/hcl.h"
#include "json/reader.h"

namespace rolelint::input {
namespace fs = std::filesystem;
namespace {

using hcl::ExprId;
using hcl::ExprKind;

struct Field;

// An evaluated value. Strings keep, per byte, the composite offset it was written at.
struct Val {
  enum Kind : uint8_t { Null, Bool, Num, Str, List, Map, Unknown } k = Null;
  bool b = false;
  std::string s;                  // Str text (may hold unknown markers), Num lexeme
  std::vector<uint32_t> origin;   // Str: composite offset per byte (may be empty)
  std::vector<Val> items;         // List
  std::vector<Field> fields;      // Map, in order (a vector of an incomplete type, as `items`)
  std::vector<std::pair<size_t, size_t>> keyAt;     // Map: where each key is written
  uint32_t unknown = 0;           // Unknown: origin id
  std::string ref;                // Unknown: the module-qualified address of the resource it comes from
  size_t begin = 0, end = 0;      // where the value is written (composite offsets)

  const Val* field(std::string_view key) const;
  bool known() const { return k != Unknown; }
};

// One member of a Map value. Not a std::pair: pair<std::string, Val> inside Val needs Val
// complete, which clang (the fuzz build) does not accept.
struct Field {
  std::string first;
  Val second;
  Field() = default;
  Field(std::string key, Val value) : first(std::move(key)), second(std::move(value)) {}
};

const Val* Val::field(std::string_view key) const {
  for (const Field& f : fields)
    if (f.first == key) return &f.second;
  return nullptr;
}

Val mkStr(std::string s, size_t b, size_t e) {
  Val v;
  v.k = Val::Str;
  v.s = std::move(s);
  v.begin = b;
  v.end = e;
  return v;
}
Val mkNum(double d, size_t b, size_t e) {
  Val v;
  v.k = Val::Num;
  char buf[64];
  if (std::floor(d) == d && std::fabs(d) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", d);
  } else {
    std::snprintf(buf, sizeof buf, "%.17g", d);
  }
  v.s = buf;
  v.begin = b;
  v.end = e;
  return v;
}
Val mkBool(bool x, size_t b, size_t e) {
  Val v;
  v.k = Val::Bool;
  v.b = x;
  v.begin = b;
  v.end = e;
  return v;
}
double num(const Val& v) {
  try {
    return std::stod(v.s);
  } catch (...) {
    return 0;
  }
}
bool anyUnknown(const Val& v) {
  if (v.k == Val::Unknown) return true;
  if (v.k == Val::Str) return core::hasUnknown(v.s);
  for (const Val& i : v.items)
    if (anyUnknown(i)) return true;
  for (const auto& f : v.fields)
    if (anyUnknown(f.second)) return true;
  return false;
}

// The text of a value as a template inserts it.
std::optional<std::string> asText(const Val& v) {
  switch (v.k) {
    case Val::Str:
    case Val::Num: return v.s;
    case Val::Bool: return std::string(v.b ? "true" : "false");
    default: return std::nullopt;
  }
}

struct ModuleFile {
  std::string path;  // display path
  size_t base = 0;
  hcl::File hcl;
};

struct Module;

struct Scope {
  std::map<std::string, Val> vars;  // each, count, for-expression and dynamic iterators
  const Scope* parent = nullptr;
  const Val* find(const std::string& n) const {
    for (const Scope* s = this; s != nullptr; s = s->parent)
      if (auto it = s->vars.find(n); it != s->vars.end()) return &it->second;
    return nullptr;
  }
};

// The scope of instance `i` of a resource or module with `count` (its count.index), at the count's place `n`.
std::shared_ptr<Scope> countScope(int i, const Val& n) {
  auto s = std::make_shared<Scope>();
  Val cv;
  cv.k = Val::Map;
  cv.fields = {{"index", mkNum(i, n.begin, n.end)}};
  cv.keyAt = {{0, 0}};
  s->vars["count"] = cv;
  return s;
}

struct Located {
  const ModuleFile* file = nullptr;
  ExprId expr = hcl::kNoExpr;
  const hcl::Block* block = nullptr;
};

struct Module {
  std::string dir;         // display directory
  fs::path absDir;
  std::string address;     // "" root, "module.m", "module.m[\"k\"]"
  std::vector<ModuleFile*> files;
  std::map<std::string, Located> variables;   // variable blocks
  std::map<std::string, Val> inputs;          // values given (tfvars, caller)
  std::map<std::string, Located> locals;
  std::map<std::string, Val> localCache;
  std::set<std::string> localBusy;
  std::map<std::string, Located> resources;   // "type.name"
  std::map<std::string, Located> data;        // "type.name"
  std::map<std::string, Located> modules;
  std::map<std::string, Val> dataCache;       // "type.name" + instance key
};

struct OutResource {
  std::string address, type, module;
  Val values;
  std::map<std::string, std::vector<std::string>> refs;
};

class Evaluator {
 public:
  Evaluator(const fs::path& boundary, const TerraformOptions& o, std::vector<fs::path>& referenced,
            std::vector<Problem>& problems)
      : boundary_(boundary), options_(o), referenced_(referenced), problems_(problems) {}

  std::string text_;                       // composite text
  std::vector<SourcePart> parts_;
  std::vector<std::unique_ptr<ModuleFile>> files_;
  std::vector<std::unique_ptr<Module>> modules_;
  std::vector<core::UnknownOrigin> unknowns_;
  std::vector<size_t> unknownAt_;
  std::map<std::string, uint32_t> originIds_;          // composite offsets of unknown origins (mapped at the end)
  std::vector<OutResource> out_;
  std::vector<std::pair<std::string, size_t>> notes_;  // message, composite offset
  std::set<std::string> saidOnce_;

  fs::path boundary_;
  const TerraformOptions& options_;
  std::vector<fs::path>& referenced_;
  std::vector<Problem>& problems_;
  std::vector<std::string>* refSink_ = nullptr;
  int depth_ = 0;

  // ---- files and positions ----
  std::shared_ptr<Source> addPart(const std::string& display, std::string text, size_t* base) {
    auto src = std::make_shared<Source>(display, std::move(text));
    *base = text_.size();
    text_ += src->text;
    text_ += '\n';  // parts never touch
    parts_.push_back(SourcePart{*base, src});
    return src;
  }

  const ModuleFile* addHcl(const std::string& display, std::string text) {
    auto mf = std::make_unique<ModuleFile>();
    mf->path = display;
    auto src = addPart(display, text, &mf->base);
    mf->hcl = hcl::parse(std::move(text));
    for (const hcl::Problem& p : mf->hcl.problems) {
      Problem q;
      q.code = p.code == hcl::ProblemCode::Syntax    ? kTerraformSyntax
               : p.code == hcl::ProblemCode::TooDeep ? ProblemCode::TooDeep
                                                     : ProblemCode::Encoding;
      q.message = p.message;
      q.location = located(mf->base + p.begin, mf->base + p.end);
      problems_.push_back(std::move(q));
    }
    files_.push_back(std::move(mf));
    return files_.back().get();
  }

  core::Location located(size_t b, size_t e) const {
    core::Location l;
    for (auto it = parts_.rbegin(); it != parts_.rend(); ++it) {
      if (it->base <= b) {
        l.file = it->source->path;
        l.range.begin = it->source->position(b - it->base);
        l.range.end = it->source->position(std::max(b, e) - it->base);
        l.range.begin.offset = b;
        l.range.end.offset = std::max(b, e);
        break;
      }
    }
    return l;
  }

  // Instances of one resource or module block that are analysed (count = 100000000 is
  // a typing mistake or an attack, not a module).
  static constexpr int kMaxInstances = 10000, kMaxModuleInstances = 1000;
  // count's value as a loop bound: 0 for a negative or not-a-number count, at most `max`.
  static int instanceCount(const Val& n, int max) {
    const double c = num(n);
    return c >= 0 ? static_cast<int>(std::min<double>(c, max)) : 0;
  }
  static std::string countText(const Val& n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", num(n));
    return buf;
  }
  void note(std::string msg, size_t at) { notes_.emplace_back(std::move(msg), at); }
  void noteOnce(const std::string& key, std::string msg, size_t at) {
    if (saidOnce_.insert(key).second) note(std::move(msg), at);
  }

  Val unknown(std::string expression, std::string what, size_t b, size_t e) {
    // One origin per distinct expression: every tree built from the module carries the origins.
    if (auto it = originIds_.find(expression + '\n' + what); it != originIds_.end()) {
      Val v;
      v.k = Val::Unknown;
      v.unknown = it->second;
      v.begin = b;
      v.end = e;
      return v;
    }
    originIds_[expression + '\n' + what] = static_cast<uint32_t>(unknowns_.size());
    core::UnknownOrigin o;
    o.expression = std::move(expression);
    o.what = std::move(what);
    unknowns_.push_back(std::move(o));
    unknownAt_.push_back(b);
    unknownAt_.push_back(e);
    Val v;
    v.k = Val::Unknown;
    v.unknown = static_cast<uint32_t>(unknowns_.size() - 1);
    v.begin = b;
    v.end = e;
    return v;
  }

  static size_t B(const ModuleFile& f, ExprId id) { return f.base + f.hcl.expr(id).begin; }
  static size_t E(const ModuleFile& f, ExprId id) { return f.base + f.hcl.expr(id).end; }

  // ---- loading a module directory ----
  static std::string readFile(const fs::path& p, bool* ok) {
    std::ifstream in(p, std::ios::binary);
    *ok = static_cast<bool>(in);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  static std::string join(const std::string& dir, const std::string& name) {
    if (dir.empty() || dir == ".") return name;
    return (fs::path(dir) / name).lexically_normal().generic_string();
  }

  Module* loadModule(const std::string& display, const fs::path& abs, std::string address) {
    auto m = std::make_unique<Module>();
    m->dir = display;
    m->absDir = abs;
    m->address = std::move(address);
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(abs, ec))
      if (e.path().extension() == ".tf" && e.is_regular_file(ec)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) {
      bool ok = false;
      std::string text = readFile(abs / n, &ok);
      const ModuleFile* mf = addHcl(join(display, n), std::move(text));
      m->files.push_back(const_cast<ModuleFile*>(mf));
      index(*m, *mf);
    }
    modules_.push_back(std::move(m));
    return modules_.back().get();
  }

  void index(Module& m, const ModuleFile& f) {
    for (const hcl::Block& b : f.hcl.root().blocks) {
      const auto& L = b.labels;
      if (b.type == "variable" && L.size() == 1) {
        m.variables[L[0].text] = Located{&f, hcl::kNoExpr, &b};
      } else if (b.type == "locals") {
        for (const hcl::Attribute& a : f.hcl.bodies[b.body].attributes)
          m.locals[a.name] = Located{&f, a.expr, &b};
      } else if (b.type == "resource" && L.size() == 2) {
        m.resources[L[0].text + "." + L[1].text] = Located{&f, hcl::kNoExpr, &b};
      } else if (b.type == "data" && L.size() == 2) {
        m.data[L[0].text + "." + L[1].text] = Located{&f, hcl::kNoExpr, &b};
      } else if (b.type == "module" && L.size() == 1) {
        m.modules[L[0].text] = Located{&f, hcl::kNoExpr, &b};
      }
    }
  }

  // Variable values of a root module from tfvars files, in precedence order.
  void applyTfvars(Module& m) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::exists(m.absDir / "terraform.tfvars", ec)) files.push_back(m.absDir / "terraform.tfvars");
    std::vector<fs::path> autos;
    for (const auto& e : fs::directory_iterator(m.absDir, ec)) {
      const std::string n = e.path().filename().string();
      if (n.size() > 12 && n.compare(n.size() - 12, 12, ".auto.tfvars") == 0) autos.push_back(e.path());
    }
    std::sort(autos.begin(), autos.end());
    files.insert(files.end(), autos.begin(), autos.end());
    for (const std::string& v : options_.varFiles) files.emplace_back(v);
    for (const fs::path& p : files) {
      bool ok = false;
      std::string text = readFile(p, &ok);
      std::string display = p.is_absolute() || !p.parent_path().empty() ? p.lexically_normal().generic_string()
                                                                          : join(m.dir, p.filename().string());
      if (p.parent_path() == m.absDir) display = join(m.dir, p.filename().string());
      if (!ok) {
        note("cannot read the variable file " + display, 0);
        continue;
      }
      if (p.extension() == ".json") {
        note("variable file " + display + " is JSON, which is not read; its values stay unknown", 0);
        continue;
      }
      const ModuleFile* mf = addHcl(display, std::move(text));
      Scope none;
      for (const hcl::Attribute& a : mf->hcl.root().attributes) m.inputs[a.name] = eval(m, *mf, a.expr, none);
    }
  }

  // ---- expressions ----
  Val eval(Module& m, const ModuleFile& f, ExprId id, const Scope& sc) {
    if (id == hcl::kNoExpr) return Val{};
    if (++depth_ > 200) {
      --depth_;
      return unknown(std::string(hcl::sourceOf(f.hcl, id)), "an expression nested too deeply", B(f, id), E(f, id));
    }
    Val v = evalInner(m, f, id, sc);
    --depth_;
    // Bounded work: a value past kMaxValueWeight (local.b = "${local.a}${local.a}" sixty
    // times over, lists of lists that double) becomes an unknown, said once.
    if ((v.k == Val::Str || v.k == Val::List || v.k == Val::Map) && weight(v, kMaxValueWeight) >= kMaxValueWeight) {
      noteOnce("value-weight", "a value here is larger than " + std::to_string(kMaxValueWeight >> 20) +
                                   " MiB; it is not analysed (an unknown value)",
               B(f, id));
      return unknown(std::string(hcl::sourceOf(f.hcl, id)).substr(0, 200), "a value too large to analyse", B(f, id),
                     E(f, id));
    }
    return v;
  }
  static constexpr size_t kMaxValueWeight = size_t{4} << 20;
  // What the resources of a run may hold in all (a module's count of 10,000 roles of
  // a 4 MiB value each would need 40 GB): past it, later resources are not analysed.
  static constexpr size_t kMaxEmittedWeight = size_t{512} << 20;
  size_t emitted_ = 0;
  // The memory `v` holds, about: text with its offsets per byte, plus its elements,
  // counted up to `cap`.
  static size_t weight(const Val& v, size_t cap) {
    size_t w = v.s.size() + v.origin.size() * sizeof(uint32_t) + 1;
    for (const Val& x : v.items) {
      if (w >= cap) return w;
      w += weight(x, cap - w);
    }
    for (const Field& x : v.fields) {
      if (w >= cap) return w;
      w += x.first.size() + weight(x.second, cap - w);
    }
    return w;
  }

  Val evalTemplate(Module& m, const ModuleFile& f, const hcl::Expr& e, size_t from, size_t to, const Scope& sc) {
    Val out = mkStr("", f.base + e.begin, f.base + e.end);
    for (size_t k = from; k < to; ++k) {
      const hcl::TemplatePart& p = e.parts[k];
      switch (p.kind) {
        case hcl::TemplatePart::Literal:
          out.s += p.text;
          for (uint32_t o : p.origin) out.origin.push_back(static_cast<uint32_t>(f.base + o));
          break;
        case hcl::TemplatePart::Interp: {
          Val x = eval(m, f, p.expr, sc);
          // A template that is one interpolation is the value itself (HCL: "${x}" == x).
          if (e.parts.size() == 1) return x;
          appendText(out, x, f.base + p.begin);
          break;
        }
        case hcl::TemplatePart::If: {
          Val c = eval(m, f, p.expr, sc);
          if (c.k == Val::Bool) {
            Val part = c.b ? evalTemplate(m, f, e, k + 1, p.jumpElse, sc)
                           : evalTemplate(m, f, e, p.jumpElse + 1, p.jumpEnd, sc);
            appendText(out, part, f.base + p.begin);
          } else {
            appendText(out, unknown(std::string(hcl::sourceOf(f.hcl, p.expr)), "a template condition",
                                    f.base + p.begin, f.base + p.end),
                       f.base + p.begin);
          }
          k = p.jumpEnd;
          break;
        }
        case hcl::TemplatePart::For: {
          Val coll = eval(m, f, p.expr, sc);
          if (coll.k == Val::List || coll.k == Val::Map) {
            const size_t n = coll.k == Val::List ? coll.items.size() : coll.fields.size();
            for (size_t i = 0; i < n; ++i) {
              Scope inner;
              inner.parent = &sc;
              if (coll.k == Val::List) {
                if (!p.keyVar.empty()) inner.vars[p.keyVar] = mkNum(static_cast<double>(i), 0, 0);
                inner.vars[p.valVar] = coll.items[i];
              } else {
                if (!p.keyVar.empty()) inner.vars[p.keyVar] = mkStr(coll.fields[i].first, 0, 0);
                inner.vars[p.valVar] = coll.fields[i].second;
              }
              appendText(out, evalTemplate(m, f, e, k + 1, p.jumpEnd, inner), f.base + p.begin);
            }
          } else {
            appendText(out, unknown(std::string(hcl::sourceOf(f.hcl, p.expr)), "a template loop", f.base + p.begin,
                                    f.base + p.end),
                       f.base + p.begin);
          }
          k = p.jumpEnd;
          break;
        }
        default: break;
      }
    }
    return out;
  }

  void appendText(Val& out, const Val& x, size_t at) {
    if (auto t = asText(x)) {
      out.s += *t;
      if (x.k == Val::Str && x.origin.size() == x.s.size()) {
        out.origin.insert(out.origin.end(), x.origin.begin(), x.origin.end());
      } else {
        out.origin.insert(out.origin.end(), t->size(), static_cast<uint32_t>(at));
      }
      return;
    }
    uint32_t id = x.k == Val::Unknown ? x.unknown
                                      : unknown("(value)", "a value that is not text", x.begin, x.end).unknown;
    if (x.k == Val::List || x.k == Val::Map) {
      // jsonencode(...) inside a template: the text is the JSON encoding, each part of it
      // mapped to where its value is written (a caller's argument, a variable's default),
      // so that a policy read from the rendered template points there.
      appendJsonText(out, x, static_cast<uint32_t>(at));
      return;
    }
    if (x.k == Val::Null) return;
    const std::string mk = core::unknownMarker(id);
    out.s += mk;
    out.origin.insert(out.origin.end(), mk.size(), static_cast<uint32_t>(at));
  }

  // toJsonText with an origin per byte: a value's own where it has them, else where the
  // value is written, else `at` (the interpolation).
  static void appendJsonText(Val& out, const Val& v, uint32_t at) {
    const uint32_t here = v.begin != 0 || v.end != 0 ? static_cast<uint32_t>(v.begin) : at;
    auto put = [&](std::string_view text, uint32_t o) {
      out.s += text;
      out.origin.insert(out.origin.end(), text.size(), o);
    };
    switch (v.k) {
      case Val::Str: {
        const bool own = v.origin.size() == v.s.size();
        put("\"", here);
        for (size_t i = 0; i < v.s.size(); ++i) {
          const char c = v.s[i];
          const uint32_t o = own ? v.origin[i] : here;
          if (c == '"' || c == '\\') put("\\", o);
          put(c == '\n' ? std::string_view("\\n") : std::string_view(&v.s[i], 1), o);
        }
        put("\"", own && !v.origin.empty() ? v.origin.back() : here);
        return;
      }
      case Val::List:
        put("[", here);
        for (size_t i = 0; i < v.items.size(); ++i) {
          if (i != 0) put(",", here);
          appendJsonText(out, v.items[i], here);
        }
        put("]", here);
        return;
      case Val::Map:
        put("{", here);
        for (size_t i = 0; i < v.fields.size(); ++i) {
          if (i != 0) put(",", here);
          const uint32_t k = i < v.keyAt.size() && (v.keyAt[i].first != 0 || v.keyAt[i].second != 0)
                                 ? static_cast<uint32_t>(v.keyAt[i].first)
                                 : here;
          Val key = mkStr(v.fields[i].first, k, k);
          appendJsonText(out, key, k);
          put(":", k);
          appendJsonText(out, v.fields[i].second, here);
        }
        put("}", here);
        return;
      default:
        put(toJsonText(v), here);
        return;
    }
  }

  static std::string toJsonText(const Val& v) {
    switch (v.k) {
      case Val::Null: return "null";
      case Val::Bool: return v.b ? "true" : "false";
      case Val::Num: return v.s;
      case Val::Unknown: return "\"" + core::unknownMarker(v.unknown) + "\"";
      case Val::Str: {
        std::string o = "\"";
        for (char c : v.s) {
          if (c == '"' || c == '\\') o += '\\';
          if (c == '\n') {
            o += "\\n";
            continue;
          }
          o += c;
        }
        return o + "\"";
      }
      case Val::List: {
        std::string o = "[";
        for (size_t i = 0; i < v.items.size(); ++i) o += (i ? "," : "") + toJsonText(v.items[i]);
        return o + "]";
      }
      case Val::Map: {
        std::string o = "{";
        for (size_t i = 0; i < v.fields.size(); ++i) {
          Val k = mkStr(v.fields[i].first, 0, 0);
          o += (i ? "," : "") + toJsonText(k) + ":" + toJsonText(v.fields[i].second);
        }
        return o + "}";
      }
    }
    return "null";
  }

  // A resource, data source or module reference: unknown, with its address recorded.
  Val refUnknown(Module& m, const ModuleFile& f, ExprId id, const Scope& sc) {
    std::string addr = resolvedTraversal(m, f, id, sc);
    const std::string qualified = m.address.empty() ? addr : m.address + "." + addr;
    if (refSink_ != nullptr) refSink_->push_back(qualified);
    Val v = unknown(addr, addr, B(f, id), E(f, id));
    v.ref = qualified;
    return v;
  }

  // A variable's or local's value that is a reference (a caller's `aws_iam_policy.b.arn` passed
  // as a module argument) counts as a reference of the attribute using it, so that links
  // such as permissions_boundary follow it across modules.
  Val throughName(Val v) {
    if (refSink_ != nullptr && v.k == Val::Unknown && !v.ref.empty()) refSink_->push_back(v.ref);
    return v;
  }

  // The traversal with its index expressions evaluated: aws_iam_role.r["a"].arn.
  std::string resolvedTraversal(Module& m, const ModuleFile& f, ExprId id, const Scope& sc) {
    std::vector<std::string> parts;
    ExprId cur = id;
    for (int guard = 0; guard < 200; ++guard) {
      const hcl::Expr& e = f.hcl.expr(cur);
      if (e.kind == ExprKind::Variable) {
        std::string out = e.text;
        for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += *it;
        return out;
      }
      if (e.kind == ExprKind::GetAttr) {
        parts.push_back("." + e.text);
      } else if (e.kind == ExprKind::Index) {
        Val k = eval(m, f, e.kids[1], sc);
        if (k.k == Val::Str) parts.push_back("[\"" + k.s + "\"]");
        else if (k.k == Val::Num) parts.push_back("[" + k.s + "]");
        else parts.push_back("[" + std::string(hcl::sourceOf(f.hcl, e.kids[1])) + "]");
      } else if (e.kind == ExprKind::Splat) {
        parts.push_back("[*]");
      } else {
        return std::string(hcl::sourceOf(f.hcl, id));
      }
      cur = e.kids[0];
    }
    return std::string(hcl::sourceOf(f.hcl, id));
  }

  // The root name and the attribute chain of a traversal (up to the first non-attribute step).
  static std::vector<std::string> chain(const hcl::File& h, ExprId id, ExprId* rest) {
    std::vector<ExprId> steps;
    ExprId cur = id;
    while (h.expr(cur).kind == ExprKind::GetAttr || h.expr(cur).kind == ExprKind::Index) {
      steps.push_back(cur);
      cur = h.expr(cur).kids[0];
    }
    std::vector<std::string> names;
    if (h.expr(cur).kind != ExprKind::Variable) return names;
    names.push_back(h.expr(cur).text);
    *rest = cur;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
      if (h.expr(*it).kind != ExprKind::GetAttr) break;
      names.push_back(h.expr(*it).text);
      *rest = *it;
    }
    return names;
  }

  Val index(const Val& coll, const Val& key, size_t b, size_t e, const std::string& what) {
    if (coll.k == Val::Unknown) return coll;
    if (key.k == Val::Unknown) return unknown(what, what, b, e);
    if (coll.k == Val::List) {
      const double d = num(key);
      if (key.k == Val::Num && d >= 0 && static_cast<size_t>(d) < coll.items.size()) return coll.items[static_cast<size_t>(d)];
    } else if (coll.k == Val::Map) {
      if (auto t = asText(key))
        if (const Val* v = coll.field(*t)) return *v;
    }
    return unknown(what, what + " (no such element)", b, e);
  }

  Val getAttr(const Val& v, const std::string& name, size_t b, size_t e, const std::string& what) {
    if (v.k == Val::Unknown) return v;
    if (v.k == Val::Map)
      if (const Val* x = v.field(name)) return *x;
    return unknown(what, what, b, e);
  }

  Val evalInner(Module& m, const ModuleFile& f, ExprId id, const Scope& sc) {
    const hcl::File& h = f.hcl;
    const hcl::Expr& e = h.expr(id);
    const size_t b = f.base + e.begin, en = f.base + e.end;
    switch (e.kind) {
      case ExprKind::Null: {
        Val v;
        v.begin = b;
        v.end = en;
        return v;
      }
      case ExprKind::Bool: return mkBool(e.boolean, b, en);
      case ExprKind::Number: {
        Val v;
        v.k = Val::Num;
        v.s = e.text;
        v.begin = b;
        v.end = en;
        return v;
      }
      case ExprKind::Template: {
        Val v = evalTemplate(m, f, e, 0, e.parts.size(), sc);
        return v;
      }
      case ExprKind::Parens: return eval(m, f, e.kids[0], sc);
      case ExprKind::Tuple: {
        Val v;
        v.k = Val::List;
        v.begin = b;
        v.end = en;
        for (ExprId k : e.kids) v.items.push_back(eval(m, f, k, sc));
        return v;
      }
      case ExprKind::Object: {
        Val v;
        v.k = Val::Map;
        v.begin = b;
        v.end = en;
        for (size_t i = 0; i + 1 < e.kids.size(); i += 2) {
          Val k = h.expr(e.kids[i]).bareKey ? mkStr(h.expr(e.kids[i]).parts[0].text, B(f, e.kids[i]), E(f, e.kids[i]))
                                            : eval(m, f, e.kids[i], sc);
          std::string key;
          if (auto t = asText(k)) key = *t;
          else if (k.k == Val::Unknown) key = core::unknownMarker(k.unknown);
          Val val = eval(m, f, e.kids[i + 1], sc);
          bool replaced = false;
          for (size_t q = 0; q < v.fields.size(); ++q)
            if (v.fields[q].first == key) {
              v.fields[q].second = std::move(val);
              v.keyAt[q] = {B(f, e.kids[i]), E(f, e.kids[i])};
              replaced = true;
            }
          if (!replaced) {
            v.fields.emplace_back(key, std::move(val));
            v.keyAt.emplace_back(B(f, e.kids[i]), E(f, e.kids[i]));
          }
        }
        return v;
      }
      case ExprKind::Conditional: {
        Val c = eval(m, f, e.kids[0], sc);
        if (c.k == Val::Bool) return eval(m, f, e.kids[c.b ? 1 : 2], sc);
        if (c.k == Val::Str && (c.s == "true" || c.s == "false")) return eval(m, f, e.kids[c.s == "true" ? 1 : 2], sc);
        // Unknown condition: when both branches agree the value is known, else unknown.
        Val y = eval(m, f, e.kids[1], sc), n = eval(m, f, e.kids[2], sc);
        if (y.k == Val::Str && n.k == Val::Str && y.s == n.s) return y;
        return unknown(std::string(hcl::sourceOf(h, e.kids[0])), "the condition " + std::string(hcl::sourceOf(h, e.kids[0])), b, en);
      }
      case ExprKind::Unary: {
        Val x = eval(m, f, e.kids[0], sc);
        if (e.text == "!" && x.k == Val::Bool) return mkBool(!x.b, b, en);
        if (e.text == "-" && x.k == Val::Num) return mkNum(-num(x), b, en);
        return unknown(std::string(hcl::sourceOf(h, id)), std::string(hcl::sourceOf(h, id)), b, en);
      }
      case ExprKind::Binary: return binary(m, f, e, sc, b, en, id);
      case ExprKind::Variable:
      case ExprKind::GetAttr:
      case ExprKind::Index: return reference(m, f, id, sc);
      case ExprKind::Splat: {
        Val src = eval(m, f, e.kids[0], sc);
        if (src.k == Val::Unknown) return src;
        Val list;
        list.k = Val::List;
        list.begin = b;
        list.end = en;
        if (src.k == Val::List) list.items = src.items;
        else if (src.k != Val::Null) list.items.push_back(src);
        for (Val& it : list.items) {
          for (const hcl::TraversalOp& op : e.ops) {
            it = op.attr ? getAttr(it, op.name, b, en, std::string(hcl::sourceOf(h, id)))
                         : index(it, eval(m, f, op.index, sc), b, en, std::string(hcl::sourceOf(h, id)));
          }
        }
        return list;
      }
      case ExprKind::Call: return call(m, f, e, sc, b, en, id);
      case ExprKind::ForTuple:
      case ExprKind::ForObject: {
        Val coll = eval(m, f, e.kids[0], sc);
        if (coll.k != Val::List && coll.k != Val::Map)
          return unknown(std::string(hcl::sourceOf(h, e.kids[0])), std::string(hcl::sourceOf(h, e.kids[0])), b, en);
        Val out;
        out.k = e.kind == ExprKind::ForTuple ? Val::List : Val::Map;
        out.begin = b;
        out.end = en;
        const size_t n = coll.k == Val::List ? coll.items.size() : coll.fields.size();
        const ExprId cond = e.kids.back();
        for (size_t i = 0; i < n; ++i) {
          Scope inner;
          inner.parent = &sc;
          if (coll.k == Val::List) {
            if (!e.keyVar.empty()) inner.vars[e.keyVar] = mkNum(static_cast<double>(i), b, b);
            inner.vars[e.valVar] = coll.items[i];
          } else {
            if (!e.keyVar.empty()) inner.vars[e.keyVar] = mkStr(coll.fields[i].first, coll.keyAt[i].first, coll.keyAt[i].second);
            inner.vars[e.valVar] = coll.fields[i].second;
          }
          if (cond != hcl::kNoExpr) {
            Val c = eval(m, f, cond, inner);
            if (c.k != Val::Bool) return unknown(std::string(hcl::sourceOf(h, cond)), "the condition " + std::string(hcl::sourceOf(h, cond)), b, en);
            if (!c.b) continue;
          }
          if (out.k == Val::List) {
            out.items.push_back(eval(m, f, e.kids[1], inner));
          } else {
            Val k = eval(m, f, e.kids[1], inner);
            Val v = eval(m, f, e.kids[2], inner);
            std::string key = asText(k).value_or(k.k == Val::Unknown ? core::unknownMarker(k.unknown) : "");
            size_t q = 0;
            while (q < out.fields.size() && out.fields[q].first != key) ++q;
            if (e.grouping) {
              if (q == out.fields.size()) {
                Val l;
                l.k = Val::List;
                l.begin = v.begin;
                l.end = v.end;
                out.fields.emplace_back(key, std::move(l));
                out.keyAt.emplace_back(k.begin, k.end);
              }
              out.fields[q].second.items.push_back(std::move(v));
            } else if (q < out.fields.size()) {
              out.fields[q].second = std::move(v);
            } else {
              out.fields.emplace_back(key, std::move(v));
              out.keyAt.emplace_back(k.begin, k.end);
            }
          }
        }
        return out;
      }
    }
    return Val{};
  }

  Val binary(Module& m, const ModuleFile& f, const hcl::Expr& e, const Scope& sc, size_t b, size_t en, ExprId id) {
    Val l = eval(m, f, e.kids[0], sc);
    const std::string& op = e.text;
    if (op == "&&" && l.k == Val::Bool && !l.b) return mkBool(false, b, en);
    if (op == "||" && l.k == Val::Bool && l.b) return mkBool(true, b, en);
    Val r = eval(m, f, e.kids[1], sc);
    const std::string src(hcl::sourceOf(f.hcl, id));
    if (op == "&&" || op == "||") {
      if (l.k == Val::Bool && r.k == Val::Bool) return mkBool(op == "&&" ? l.b && r.b : l.b || r.b, b, en);
      return unknown(src, src, b, en);
    }
    if (op == "==" || op == "!=") {
      if (anyUnknown(l) || anyUnknown(r)) return unknown(src, src, b, en);
      const bool eq = toJsonText(l) == toJsonText(r) ||
                      (l.k == Val::Num && r.k == Val::Num && num(l) == num(r));
      return mkBool(op == "==" ? eq : !eq, b, en);
    }
    auto isNum = [](const Val& v) {
      if (v.k == Val::Num) return true;
      if (v.k != Val::Str || v.s.empty()) return false;
      char* endp = nullptr;
      std::strtod(v.s.c_str(), &endp);
      return endp != nullptr && *endp == '\0';
    };
    if (!isNum(l) || !isNum(r)) return unknown(src, src, b, en);
    const double x = num(l), y = num(r);
    if (op == "+") return mkNum(x + y, b, en);
    if (op == "-") return mkNum(x - y, b, en);
    if (op == "*") return mkNum(x * y, b, en);
    if (op == "/" && y != 0) return mkNum(x / y, b, en);
    if (op == "%" && y != 0) return mkNum(std::fmod(x, y), b, en);
    if (op == "<") return mkBool(x < y, b, en);
    if (op == ">") return mkBool(x > y, b, en);
    if (op == "<=") return mkBool(x <= y, b, en);
    if (op == ">=") return mkBool(x >= y, b, en);
    return unknown(src, src, b, en);
  }

  Val reference(Module& m, const ModuleFile& f, ExprId id, const Scope& sc) {
    const hcl::File& h = f.hcl;
    ExprId rest = hcl::kNoExpr;
    std::vector<std::string> names = chain(h, id, &rest);
    const size_t b = B(f, id), en = E(f, id);
    const std::string src(hcl::sourceOf(h, id));
    if (names.empty()) return unknown(src, src, b, en);
    // Applies the traversal steps after `upto` (an expression of the chain) to `v`.
    auto applyRest = [&](Val v, ExprId upto) -> Val {
      std::vector<ExprId> steps;
      for (ExprId cur = id; cur != upto; cur = h.expr(cur).kids[0]) steps.push_back(cur);
      for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
        const hcl::Expr& s = h.expr(*it);
        if (s.kind == ExprKind::GetAttr) v = getAttr(v, s.text, b, en, src);
        else v = index(v, eval(m, f, s.kids[1], sc), b, en, src);
      }
      return v;
    };
    auto nth = [&](size_t n) -> ExprId {  // the chain expression holding names[0..n]
      std::vector<ExprId> steps;
      for (ExprId cur = rest;; cur = h.expr(cur).kids[0]) {
        steps.push_back(cur);
        if (h.expr(cur).kind == ExprKind::Variable) break;
      }
      std::reverse(steps.begin(), steps.end());
      return steps[std::min(n, steps.size() - 1)];
    };
    const std::string& root = names[0];
    if (const Val* v = sc.find(root)) return applyRest(*v, nth(0));
    if (root == "var" && names.size() >= 2) return applyRest(variable(m, names[1], b, en), nth(1));
    if (root == "local" && names.size() >= 2) return applyRest(local(m, names[1], b, en), nth(1));
    if (root == "path" && names.size() >= 2) {
      std::string p = names[1] == "module" ? m.dir : ".";
      return mkStr(p.empty() ? "." : p, b, en);
    }
    if (root == "terraform" && names.size() >= 2 && names[1] == "workspace") return mkStr("default", b, en);
    if (root == "data" && names.size() >= 3 && names[1] == "aws_iam_policy_document") {
      auto it = m.data.find(names[1] + "." + names[2]);
      if (it != m.data.end()) return dataPolicyRef(m, f, id, it->second, sc);
    }
    if (root == "data" && names.size() >= 3 &&
        (names[1] == "aws_caller_identity" || names[1] == "aws_partition" || names[1] == "aws_region")) {
      return unknown(src, src, b, en);
    }
    return refUnknown(m, f, id, sc);
  }

  Val variable(Module& m, const std::string& name, size_t b, size_t e) {
    if (auto it = m.inputs.find(name); it != m.inputs.end()) return throughName(it->second);
    auto it = m.variables.find(name);
    if (it != m.variables.end()) {
      const hcl::Body& body = it->second.file->hcl.bodies[it->second.block->body];
      if (const hcl::Attribute* d = body.find("default")) {
        Scope none;
        Val v = eval(m, *it->second.file, d->expr, none);
        m.inputs[name] = v;
        return v;
      }
    }
    Val u = unknown("var." + name, "variable " + name, b, e);
    return u;
  }

  Val local(Module& m, const std::string& name, size_t b, size_t e) {
    if (auto it = m.localCache.find(name); it != m.localCache.end()) return throughName(it->second);
    auto it = m.locals.find(name);
    if (it == m.locals.end() || m.localBusy.count(name) != 0) return unknown("local." + name, "local." + name, b, e);
    m.localBusy.insert(name);
    Scope none;
    Val v = eval(m, *it->second.file, it->second.expr, none);
    m.localBusy.erase(name);
    m.localCache[name] = v;
    return v;
  }

  // ---- functions ----
  Val call(Module& m, const ModuleFile& f, const hcl::Expr& e, const Scope& sc, size_t b, size_t en, ExprId id);

  // ---- data "aws_iam_policy_document" ----
  Val dataPolicyRef(Module& m, const ModuleFile& f, ExprId id, const Located& d, const Scope& sc);
  Val policyDocument(Module& m, const ModuleFile& f, const hcl::Block& blk, const Scope& sc);

  // Blocks of `type` in `body`, with dynamic blocks expanded: each with its scope.
  struct BlockInst {
    const hcl::Body* body;
    const hcl::Block* block;
    std::shared_ptr<Scope> scope;
  };
  std::vector<BlockInst> blocks(Module& m, const ModuleFile& f, const hcl::Body& body, const std::string& type,
                                const std::shared_ptr<Scope>& sc) {
    std::vector<BlockInst> out;
    for (const hcl::Block& blk : body.blocks) {
      if (blk.type == type) {
        out.push_back({&f.hcl.bodies[blk.body], &blk, sc});
      } else if (blk.type == "dynamic" && blk.labels.size() == 1 && blk.labels[0].text == type) {
        const hcl::Body& db = f.hcl.bodies[blk.body];
        const hcl::Attribute* fe = db.find("for_each");
        const hcl::Block* content = nullptr;
        for (const hcl::Block& c : db.blocks)
          if (c.type == "content") content = &c;
        if (fe == nullptr || content == nullptr) continue;
        std::string iter = type;
        if (const hcl::Attribute* it = db.find("iterator"))
          if (f.hcl.expr(it->expr).kind == ExprKind::Variable) iter = f.hcl.expr(it->expr).text;
        Val coll = eval(m, f, fe->expr, *sc);
        if (coll.k != Val::List && coll.k != Val::Map) {
          note("dynamic \"" + type + "\" is not analysed: its for_each (" +
                   std::string(hcl::sourceOf(f.hcl, fe->expr)) + ") is not known without applying",
               f.base + blk.begin);
          continue;
        }
        const size_t n = coll.k == Val::List ? coll.items.size() : coll.fields.size();
        for (size_t i = 0; i < n; ++i) {
          auto inner = std::make_shared<Scope>();
          inner->parent = sc.get();
          Val it;
          it.k = Val::Map;
          if (coll.k == Val::List) {
            it.fields.emplace_back("key", mkNum(static_cast<double>(i), coll.items[i].begin, coll.items[i].begin));
            it.fields.emplace_back("value", coll.items[i]);
          } else {
            it.fields.emplace_back("key", mkStr(coll.fields[i].first, coll.keyAt[i].first, coll.keyAt[i].second));
            it.fields.emplace_back("value", coll.fields[i].second);
          }
          it.keyAt = {{0, 0}, {0, 0}};
          inner->vars[iter] = std::move(it);
          keepScopes_.push_back(sc);
          out.push_back({&f.hcl.bodies[content->body], content, inner});
        }
      }
    }
    return out;
  }
  std::vector<std::shared_ptr<Scope>> keepScopes_;

  // Parses a string value as JSON, mapping positions through its byte origins.
  Val jsonOf(const Val& s, bool report) {
    json::Document doc = json::read(s.s);
    auto map = [&](size_t o) -> size_t {
      if (s.origin.empty()) return s.begin;
      return s.origin[std::min(o, s.origin.size() - 1)];
    };
    if (!doc.root) {
      if (report)
        for (const json::Problem& p : doc.problems) {
          Problem q;
          q.code = ProblemCode::JsonSyntax;
          q.message = p.message;
          q.location = located(map(p.range.begin.offset), map(p.range.end.offset));
          problems_.push_back(std::move(q));
          break;
        }
      return unknown("jsondecode(...)", "a JSON text that cannot be read", s.begin, s.end);
    }
    if (report)
      for (const json::Problem& p : doc.problems) {
        if (p.code != json::ProblemCode::DuplicateKey) continue;
        Problem q;
        q.code = ProblemCode::DuplicateKey;
        q.message = p.message;
        q.location = located(map(p.range.begin.offset), map(p.range.end.offset));
        problems_.push_back(std::move(q));
      }
    std::function<Val(const json::Value&)> conv = [&](const json::Value& j) -> Val {
      Val v;
      v.begin = map(j.begin);
      v.end = map(j.end > 0 ? j.end - 1 : 0) + 1;
      switch (j.kind) {
        case json::Kind::Null: break;
        case json::Kind::Boolean: v.k = Val::Bool; v.b = j.boolean; break;
        case json::Kind::Number: v.k = Val::Num; v.s = j.text; break;
        case json::Kind::String: {
          v.k = Val::Str;
          v.s = j.text;
          // Origins of the decoded bytes: the raw bytes between the quotes when nothing was escaped.
          const size_t raw = j.end - j.begin;
          if (raw == j.text.size() + 2)
            for (size_t q = 0; q < j.text.size(); ++q) v.origin.push_back(static_cast<uint32_t>(map(j.begin + 1 + q)));
          break;
        }
        case json::Kind::Array:
          v.k = Val::List;
          for (const json::Value& x : j.elements) v.items.push_back(conv(x));
          break;
        case json::Kind::Object:
          v.k = Val::Map;
          for (const json::Member& mm : j.members) {
            v.fields.emplace_back(mm.key.str(), conv(mm.value));
            v.keyAt.emplace_back(map(mm.keyBegin), map(mm.keyEnd > 0 ? mm.keyEnd - 1 : 0) + 1);
          }
          break;
      }
      return v;
    };
    return conv(*doc.root);
  }

  // A file read by file()/templatefile(): a part of the composite source.
  std::optional<Val> readModuleFile(Module& m, const Val& pathVal, size_t b, size_t en) {
    if (pathVal.k != Val::Str || core::hasUnknown(pathVal.s)) return std::nullopt;
    fs::path rel(pathVal.s);
    // Paths are relative to the working directory, which is the root module's; path.module gives the module's own.
    fs::path base = rootAbs_;
    std::string display = pathVal.s;
    if (!rel.is_absolute() && !m.dir.empty() && pathVal.s.rfind(m.dir, 0) == 0) {
      // already carries path.module
    }
    std::error_code ec;
    // Relative paths are relative to the working directory, which for Terraform is the root module's;
    // "${path.module}/…" already carries the module's display path, relative to rolelint's.
    fs::path target = fs::weakly_canonical(rel.is_absolute() ? rel : (displayBaseAbs_ / rel), ec);
    if (!rel.is_absolute() && !fs::exists(target, ec) && fs::exists(base / rel, ec)) {
      target = fs::weakly_canonical(base / rel, ec);
      display = (fs::path(rootDisplay_.empty() ? "." : rootDisplay_) / rel).generic_string();
    }
    const fs::path bound = fs::weakly_canonical(boundary_, ec);
    std::string tb = target.generic_string(), bb = bound.generic_string();
    if (tb.rfind(bb, 0) != 0) {
      Problem p;
      p.code = ProblemCode::FileEscape;
      p.message = "\"" + pathVal.s + "\" points outside the directory tree being linted; it is not read";
      p.location = located(b, en);
      problems_.push_back(std::move(p));
      return std::nullopt;
    }
    if (auto it = fileParts_.find(target); it != fileParts_.end()) return it->second;
    bool ok = false;
    std::string text = readFile(target, &ok);
    if (!ok || fs::is_directory(target, ec)) {
      Problem p;
      p.code = ProblemCode::UnresolvedFile;
      p.message = "cannot read \"" + pathVal.s + "\": no such file";
      p.location = located(b, en);
      problems_.push_back(std::move(p));
      return std::nullopt;
    }
    referenced_.push_back(target);
    size_t fb = 0;
    addPart(fs::path(display).lexically_normal().generic_string(), text, &fb);
    Val v = mkStr(text, fb, fb + text.size());
    v.origin.reserve(text.size());
    for (size_t q = 0; q < text.size(); ++q) v.origin.push_back(static_cast<uint32_t>(fb + q));
    fileParts_[target] = v;
    return v;
  }
  std::map<fs::path, Val> fileParts_;
  std::vector<std::unique_ptr<ModuleFile>> templates_;
  std::set<std::string> busy_;
  fs::path rootAbs_, displayBaseAbs_;
  std::string rootDisplay_;

  Val renderTemplate(Module& m, const Val& text, const Val& vars, size_t b, size_t en);

  // ---- resources ----
  void evalModule(Module& m, int level);
  void emitResource(Module& m, const std::string& key, const Located& r);
  Val bodyValues(Module& m, const ModuleFile& f, const hcl::Body& body, const std::shared_ptr<Scope>& sc,
                 const std::string& type, OutResource& out);
};

// ---------------------------------------------------------------- functions

Val Evaluator::call(Module& m, const ModuleFile& f, const hcl::Expr& e, const Scope& sc, size_t b, size_t en,
                    ExprId id) {
  const std::string& fn = e.text;
  const std::string src(hcl::sourceOf(f.hcl, id));
  // try() and can() see errors as unknowns: the first known argument wins.
  if (fn == "try") {
    for (ExprId k : e.kids) {
      Val v = eval(m, f, k, sc);
      if (!anyUnknown(v)) return v;
    }
    return e.kids.empty() ? Val{} : eval(m, f, e.kids.back(), sc);
  }
  std::vector<Val> a;
  for (ExprId k : e.kids) a.push_back(eval(m, f, k, sc));
  if (e.expandLast && !a.empty()) {
    Val last = std::move(a.back());
    a.pop_back();
    if (last.k == Val::List) {
      for (Val& x : last.items) a.push_back(std::move(x));
    } else {
      return unknown(src, src, b, en);
    }
  }
  auto U = [&]() { return unknown(src, src, b, en); };
  auto arg = [&](size_t i) -> const Val& {
    static const Val none;
    return i < a.size() ? a[i] : none;
  };
  auto list = [&](std::vector<Val> items) {
    Val v;
    v.k = Val::List;
    v.items = std::move(items);
    v.begin = b;
    v.end = en;
    return v;
  };
  auto isColl = [](const Val& v) { return v.k == Val::List || v.k == Val::Map; };
  if (fn == "jsonencode") return a.empty() ? U() : arg(0);  // the value itself: positions stay where it is written
  if (fn == "jsondecode") {
    if (arg(0).k == Val::Str && !core::hasUnknown(arg(0).s)) return jsonOf(arg(0), true);
    if (isColl(arg(0))) return arg(0);
    return U();
  }
  if (fn == "file") {
    if (auto v = readModuleFile(m, arg(0), b, en)) return *v;
    return U();
  }
  if (fn == "templatefile") {
    auto t = readModuleFile(m, arg(0), b, en);
    if (!t) return U();
    return renderTemplate(m, *t, arg(1), b, en);
  }
  if (fn == "tostring" || fn == "tonumber" || fn == "tobool" || fn == "tomap" || fn == "sensitive" ||
      fn == "nonsensitive" || fn == "tolist")
    return a.empty() ? U() : arg(0);
  if (fn == "toset" || fn == "distinct") {
    if (arg(0).k != Val::List) return arg(0).k == Val::Unknown ? arg(0) : U();
    std::vector<Val> out;
    std::set<std::string> seen;
    for (const Val& x : arg(0).items)
      if (seen.insert(toJsonText(x)).second) out.push_back(x);
    if (fn == "toset")  // sets of strings iterate in lexical order
      std::stable_sort(out.begin(), out.end(), [](const Val& p, const Val& q) { return p.s < q.s; });
    return list(std::move(out));
  }
  if (fn == "concat") {
    std::vector<Val> out;
    for (const Val& x : a) {
      if (x.k != Val::List) return U();
      out.insert(out.end(), x.items.begin(), x.items.end());
    }
    return list(std::move(out));
  }
  if (fn == "flatten") {
    std::vector<Val> out;
    std::function<bool(const Val&)> go = [&](const Val& x) {
      if (x.k == Val::Unknown) return false;
      if (x.k != Val::List) {
        out.push_back(x);
        return true;
      }
      for (const Val& y : x.items)
        if (!go(y)) return false;
      return true;
    };
    if (!go(arg(0))) return U();
    return list(std::move(out));
  }
  if (fn == "merge") {
    Val v;
    v.k = Val::Map;
    v.begin = b;
    v.end = en;
    for (const Val& x : a) {
      if (x.k == Val::Null) continue;
      if (x.k != Val::Map) return U();
      for (size_t i = 0; i < x.fields.size(); ++i) {
        size_t q = 0;
        while (q < v.fields.size() && v.fields[q].first != x.fields[i].first) ++q;
        if (q < v.fields.size()) {
          v.fields[q].second = x.fields[i].second;
          v.keyAt[q] = x.keyAt[i];
        } else {
          v.fields.push_back(x.fields[i]);
          v.keyAt.push_back(x.keyAt[i]);
        }
      }
    }
    return v;
  }
  if (fn == "lookup") {
    if (arg(0).k == Val::Map) {
      if (auto k = asText(arg(1)))
        if (const Val* x = arg(0).field(*k)) return *x;
      if (a.size() >= 3) return arg(2);
    }
    return U();
  }
  if (fn == "coalesce") {
    for (const Val& x : a) {
      if (x.k == Val::Unknown) return U();
      if (x.k != Val::Null && !(x.k == Val::Str && x.s.empty())) return x;
    }
    return U();
  }
  if (fn == "coalescelist") {
    for (const Val& x : a) {
      if (x.k == Val::Unknown) return U();
      if (x.k == Val::List && !x.items.empty()) return x;
    }
    return U();
  }
  if (fn == "length") {
    if (arg(0).k == Val::List) return mkNum(static_cast<double>(arg(0).items.size()), b, en);
    if (arg(0).k == Val::Map) return mkNum(static_cast<double>(arg(0).fields.size()), b, en);
    if (arg(0).k == Val::Str && !core::hasUnknown(arg(0).s)) return mkNum(static_cast<double>(arg(0).s.size()), b, en);
    return U();
  }
  if (fn == "keys" || fn == "values") {
    if (arg(0).k != Val::Map) return U();
    std::vector<size_t> order(arg(0).fields.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t p, size_t q) { return arg(0).fields[p].first < arg(0).fields[q].first; });
    std::vector<Val> out;
    for (size_t i : order)
      out.push_back(fn == "keys" ? mkStr(arg(0).fields[i].first, arg(0).keyAt[i].first, arg(0).keyAt[i].second)
                                 : arg(0).fields[i].second);
    return list(std::move(out));
  }
  if (fn == "element") {
    if (arg(0).k != Val::List || arg(0).items.empty() || arg(1).k != Val::Num) return U();
    return arg(0).items[static_cast<size_t>(std::fabs(num(arg(1)))) % arg(0).items.size()];
  }
  if (fn == "contains") {
    if (arg(0).k != Val::List || anyUnknown(arg(1))) return U();
    for (const Val& x : arg(0).items) {
      if (anyUnknown(x)) return U();
      if (toJsonText(x) == toJsonText(arg(1))) return mkBool(true, b, en);
    }
    return mkBool(false, b, en);
  }
  // String functions: on text with unknown parts the literal parts stay where they are.
  auto strArg = [&](size_t i) -> std::optional<std::string> {
    if (i >= a.size()) return std::nullopt;
    return asText(a[i]);
  };
  if (fn == "join") {
    auto sep = strArg(0);
    Val out = mkStr("", b, en);
    if (!sep) return U();
    bool first = true;
    for (size_t i = 1; i < a.size(); ++i) {
      if (a[i].k != Val::List) return U();
      for (const Val& x : a[i].items) {
        if (!first) {
          out.s += *sep;
          out.origin.insert(out.origin.end(), sep->size(), static_cast<uint32_t>(a[0].begin));
        }
        first = false;
        appendText(out, x, x.begin);
      }
    }
    return out;
  }
  if (fn == "format") {
    auto fmt = strArg(0);
    if (!fmt || core::hasUnknown(*fmt)) return U();
    Val out = mkStr("", b, en);
    size_t next = 1;
    for (size_t i = 0; i < fmt->size(); ++i) {
      const uint32_t at = a[0].origin.size() == fmt->size() ? a[0].origin[i] : static_cast<uint32_t>(a[0].begin);
      if ((*fmt)[i] == '%' && i + 1 < fmt->size()) {
        const char c = (*fmt)[i + 1];
        if (c == '%') {
          out.s += '%';
          out.origin.push_back(at);
          ++i;
          continue;
        }
        if (c == 's' || c == 'd' || c == 'v' || c == 'q') {
          if (next >= a.size()) return U();
          appendText(out, a[next++], at);
          ++i;
          continue;
        }
        return U();
      }
      out.s += (*fmt)[i];
      out.origin.push_back(at);
    }
    return out;
  }
  if (fn == "lower" || fn == "upper" || fn == "trimspace" || fn == "chomp" || fn == "title") {
    if (arg(0).k != Val::Str) return U();
    Val out = arg(0);
    if (fn == "lower" || fn == "upper") {
      // Unknown markers are private-use code points: ASCII case mapping leaves them intact.
      for (char& c : out.s) c = static_cast<char>(fn == "lower" ? std::tolower(static_cast<unsigned char>(c))
                                                                : std::toupper(static_cast<unsigned char>(c)));
    } else if (fn == "trimspace" || fn == "chomp") {
      while (!out.s.empty() && std::isspace(static_cast<unsigned char>(out.s.back()))) {
        out.s.pop_back();
        if (!out.origin.empty()) out.origin.pop_back();
      }
    }
    return out;
  }
  if (fn == "replace") {
    auto s = strArg(0), from = strArg(1), to = strArg(2);
    if (!s || !from || !to || from->empty() || core::hasUnknown(*from)) return U();
    if (from->size() >= 2 && from->front() == '/' && from->back() == '/') {
      // A regular expression in RE2 syntax (Terraform's is Go's regexp, which is RE2's),
      // with $1 / ${1} for groups in the replacement.
      // https://developer.hashicorp.com/terraform/language/functions/replace
      if (core::hasUnknown(*s) || core::hasUnknown(*to)) return U();
      const RE2 re(re2::StringPiece(from->data() + 1, from->size() - 2), RE2::Quiet);
      if (!re.ok()) return U();
      std::string rewrite;
      for (size_t i = 0; i < to->size(); ++i) {
        const char c = (*to)[i];
        if (c == '\\') {
          rewrite += "\\\\";
        } else if (c == '$' && i + 1 < to->size() && std::isdigit(static_cast<unsigned char>((*to)[i + 1]))) {
          rewrite += '\\';
          rewrite += (*to)[++i];
        } else if (c == '$' && i + 3 < to->size() && (*to)[i + 1] == '{' &&
                   std::isdigit(static_cast<unsigned char>((*to)[i + 2])) && (*to)[i + 3] == '}') {
          rewrite += '\\';
          rewrite += (*to)[i + 2];
          i += 3;
        } else {
          rewrite += c;
        }
      }
      std::string text = *s;
      RE2::GlobalReplace(&text, re, rewrite);
      Val out = mkStr(std::move(text), a[0].begin, a[0].end);
      return out;
    }
    Val out = mkStr("", b, en);
    const Val& in = a[0];
    for (size_t i = 0; i < s->size();) {
      if (s->compare(i, from->size(), *from) == 0) {
        out.s += *to;
        out.origin.insert(out.origin.end(), to->size(),
                          in.origin.size() == s->size() ? in.origin[i] : static_cast<uint32_t>(in.begin));
        i += from->size();
      } else {
        out.s += (*s)[i];
        out.origin.push_back(in.origin.size() == s->size() ? in.origin[i] : static_cast<uint32_t>(in.begin));
        ++i;
      }
    }
    out.begin = in.begin;
    out.end = in.end;
    return out;
  }
  if (fn == "trimprefix" || fn == "trimsuffix") {
    auto str = strArg(0), part = strArg(1);
    if (!str || !part || core::hasUnknown(*part)) return U();
    const Val& in = a[0];
    size_t from = 0, to = str->size();
    const bool prefix = fn == "trimprefix";
    if (prefix && str->compare(0, part->size(), *part) == 0) {
      from = part->size();
    } else if (!prefix && part->size() <= str->size() &&
               str->compare(str->size() - part->size(), part->size(), *part) == 0) {
      to = str->size() - part->size();
    } else if (core::hasUnknown(*str)) {
      return U();  // the unknown part may hold what would be trimmed
    }
    Val out = in;
    out.s = str->substr(from, to - from);
    if (in.origin.size() == str->size()) {
      out.origin.assign(in.origin.begin() + static_cast<std::ptrdiff_t>(from),
                        in.origin.begin() + static_cast<std::ptrdiff_t>(to));
    } else {
      out.origin.clear();
    }
    return out;
  }
  if (fn == "startswith" || fn == "endswith" || fn == "strcontains") {
    auto s = strArg(0), p = strArg(1);
    if (!s || !p || core::hasUnknown(*s) || core::hasUnknown(*p)) return U();
    bool r = fn == "startswith" ? s->rfind(*p, 0) == 0
             : fn == "endswith" ? s->size() >= p->size() && s->compare(s->size() - p->size(), p->size(), *p) == 0
                                : s->find(*p) != std::string::npos;
    return mkBool(r, b, en);
  }
  if (fn == "split") {
    auto sep = strArg(0), s = strArg(1);
    if (!sep || !s || sep->empty() || core::hasUnknown(*s)) return U();
    std::vector<Val> out;
    size_t start = 0;
    for (;;) {
      const size_t p = s->find(*sep, start);
      const size_t stop = p == std::string::npos ? s->size() : p;
      Val piece = mkStr(s->substr(start, stop - start), a[1].begin, a[1].end);
      if (a[1].origin.size() == s->size())
        piece.origin.assign(a[1].origin.begin() + static_cast<ptrdiff_t>(start),
                            a[1].origin.begin() + static_cast<ptrdiff_t>(stop));
      out.push_back(std::move(piece));
      if (p == std::string::npos) break;
      start = p + sep->size();
    }
    return list(std::move(out));
  }
  if (fn == "compact") {
    if (arg(0).k != Val::List) return U();
    std::vector<Val> out;
    for (const Val& x : arg(0).items)
      if (!(x.k == Val::Null || (x.k == Val::Str && x.s.empty()))) out.push_back(x);
    return list(std::move(out));
  }
  if (fn == "zipmap") {
    if (arg(0).k != Val::List || arg(1).k != Val::List) return U();
    Val v;
    v.k = Val::Map;
    v.begin = b;
    v.end = en;
    for (size_t i = 0; i < arg(0).items.size() && i < arg(1).items.size(); ++i) {
      auto k = asText(arg(0).items[i]);
      if (!k) return U();
      v.fields.emplace_back(*k, arg(1).items[i]);
      v.keyAt.emplace_back(arg(0).items[i].begin, arg(0).items[i].end);
    }
    return v;
  }
  if (fn == "abspath" || fn == "dirname" || fn == "basename") return U();
  noteOnce("fn:" + fn, "the function " + fn + "() is not evaluated; its results stay unknown", b);
  return U();
}

Val Evaluator::renderTemplate(Module& m, const Val& text, const Val& vars, size_t b, size_t en) {
  // The template text is parsed as an HCL template with its own file positions.
  std::string wrapped = text.s;
  hcl::File t = hcl::parse("t = <<EOTRL\n" + wrapped + (wrapped.empty() || wrapped.back() != '\n' ? "\n" : "") +
                           "EOTRL\n");
  if (!t.problems.empty() || t.root().attributes.empty()) {
    Problem p;
    p.code = kTerraformSyntax;
    p.message = "the template cannot be read: " + (t.problems.empty() ? std::string("empty") : t.problems[0].message);
    const size_t off = t.problems.empty() || t.problems[0].begin < 12 ? 0 : t.problems[0].begin - 12;
    p.location = located(text.origin.empty() ? b : text.origin[std::min(off, text.origin.size() - 1)], 0);
    problems_.push_back(std::move(p));
    return unknown("templatefile(...)", "a template that cannot be read", b, en);
  }
  // Offsets of the wrapper map to the template file's composite offsets.
  auto tf = std::make_unique<ModuleFile>();
  tf->path = "";
  tf->base = 0;
  tf->hcl = std::move(t);
  // Remap every literal origin and node span by hand: local offset - 12 -> text.origin[...]
  const size_t shift = 12;
  auto remap = [&](uint32_t o) -> uint32_t {
    if (o < shift || text.origin.empty()) return static_cast<uint32_t>(b);
    return text.origin[std::min<size_t>(o - shift, text.origin.size() - 1)];
  };
  for (hcl::Expr& x : tf->hcl.exprs) {
    x.begin = remap(x.begin);
    x.end = remap(x.end > 0 ? x.end - 1 : 0) + 1;
    for (hcl::TemplatePart& p : x.parts) {
      for (uint32_t& o : p.origin) o = remap(o);
      p.begin = remap(p.begin);
      p.end = remap(p.end > 0 ? p.end - 1 : 0) + 1;
    }
  }
  // The spans now are composite offsets: the composite text serves sourceOf().
  tf->hcl.text = text_;
  Scope sc;
  if (vars.k == Val::Map)
    for (const auto& [k, v] : vars.fields) sc.vars[k] = v;
  const hcl::Expr& root = tf->hcl.expr(tf->hcl.root().attributes[0].expr);
  Val out = evalTemplate(m, *tf, root, 0, root.parts.size(), sc);
  templates_.push_back(std::move(tf));
  return out;
}

// ---------------------------------------------------------------- policy documents

namespace {
// `&{` -> `${` (the data source's escape for IAM policy variables), keeping offsets.
void ampersand(Val& v) {
  if (v.k == Val::Str) {
    for (size_t i = 0; i + 1 < v.s.size(); ++i)
      if (v.s[i] == '&' && v.s[i + 1] == '{') v.s[i] = '$';
  }
  for (Val& x : v.items) ampersand(x);
}
}  // namespace

Val Evaluator::dataPolicyRef(Module& m, const ModuleFile& f, ExprId id, const Located& d, const Scope& sc) {
  const hcl::File& h = f.hcl;
  // data.aws_iam_policy_document.NAME[index?].json
  ExprId rest = hcl::kNoExpr;
  std::vector<ExprId> steps;
  for (ExprId cur = id; h.expr(cur).kind != ExprKind::Variable; cur = h.expr(cur).kids[0]) steps.push_back(cur);
  std::reverse(steps.begin(), steps.end());
  (void)rest;
  // steps: [.aws_iam_policy_document, .NAME, (index)?, .json]
  size_t k = 2;
  std::string instance;
  const hcl::Body& body = d.file->hcl.bodies[d.block->body];
  Scope inst;
  if (k < steps.size() && h.expr(steps[k]).kind == ExprKind::Index) {
    Val key = eval(m, f, h.expr(steps[k]).kids[1], sc);
    if (key.k == Val::Unknown) return refUnknown(m, f, id, sc);
    instance = toJsonText(key);
    // each.key / count.index for the instance
    if (const hcl::Attribute* fe = body.find("for_each")) {
      Scope none;
      Val coll = eval(m, *d.file, fe->expr, none);
      auto t = asText(key);
      if (coll.k == Val::List) {  // toset(...)
        Val kv = key;
        inst.vars["each"].k = Val::Map;
        inst.vars["each"].fields = {{"key", kv}, {"value", kv}};
        inst.vars["each"].keyAt = {{0, 0}, {0, 0}};
      } else if (coll.k == Val::Map && t && coll.field(*t) != nullptr) {
        inst.vars["each"].k = Val::Map;
        inst.vars["each"].fields = {{"key", key}, {"value", *coll.field(*t)}};
        inst.vars["each"].keyAt = {{0, 0}, {0, 0}};
      } else {
        return refUnknown(m, f, id, sc);
      }
    } else {
      inst.vars["count"].k = Val::Map;
      inst.vars["count"].fields = {{"index", key}};
      inst.vars["count"].keyAt = {{0, 0}};
    }
    ++k;
  } else if (body.find("for_each") != nullptr || body.find("count") != nullptr) {
    if (body.find("count") != nullptr) {
      Scope none;
      Val c = eval(m, *d.file, body.find("count")->expr, none);
      if (c.k == Val::Num && num(c) == 0) return refUnknown(m, f, id, sc);
    }
    // The whole collection of instances: handled by the caller's traversal; treat as unknown.
    return refUnknown(m, f, id, sc);
  }
  if (k >= steps.size() || h.expr(steps[k]).kind != ExprKind::GetAttr ||
      (h.expr(steps[k]).text != "json" && h.expr(steps[k]).text != "minified_json"))
    return refUnknown(m, f, id, sc);
  const std::string key = d.block->labels[1].text + "#" + instance;
  if (auto it = m.dataCache.find(key); it != m.dataCache.end()) return it->second;
  if (busy_.count(key) != 0) return refUnknown(m, f, id, sc);
  busy_.insert(key);
  Val v = policyDocument(m, *d.file, *d.block, inst);
  busy_.erase(key);
  m.dataCache[key] = v;
  return v;
}

Val Evaluator::policyDocument(Module& m, const ModuleFile& f, const hcl::Block& blk, const Scope& scIn) {
  const hcl::Body& body = f.hcl.bodies[blk.body];
  auto sc = std::make_shared<Scope>();
  sc->parent = &scIn;
  const size_t hb = f.base + blk.begin, he = f.base + blk.labels.back().end;
  Val doc;
  doc.k = Val::Map;
  doc.begin = f.base + blk.begin;
  doc.end = f.base + blk.end;
  auto attr = [&](const hcl::Body& bd, const char* name, const Scope& s) -> std::optional<std::pair<Val, const hcl::Attribute*>> {
    const hcl::Attribute* a = bd.find(name);
    if (a == nullptr) return std::nullopt;
    return std::make_pair(eval(m, f, a->expr, s), a);
  };
  auto keyRange = [&](const hcl::Attribute* a) {
    return std::make_pair(f.base + a->nameBegin, f.base + a->nameEnd);
  };
  auto put = [&](Val& obj, std::string key, std::pair<size_t, size_t> at, Val v) {
    obj.fields.emplace_back(std::move(key), std::move(v));
    obj.keyAt.push_back(at);
  };
  // A list of one element is rendered as a string (the provider's output).
  auto single = [](Val v) {
    if (v.k == Val::List && v.items.size() == 1) return v.items[0];
    return v;
  };
  if (auto v = attr(body, "version", *sc)) put(doc, "Version", keyRange(v->second), v->first);
  else put(doc, "Version", {hb, he}, mkStr("2012-10-17", hb, he));
  if (auto v = attr(body, "policy_id", *sc)) put(doc, "Id", keyRange(v->second), v->first);

  std::vector<Val> statements;
  auto sidOf = [](const Val& st) -> std::string {
    const Val* s = st.field("Sid");
    return s != nullptr && s->k == Val::Str ? s->s : "";
  };
  auto mergeIn = [&](Val st, bool replaceOnly) {
    const std::string sid = sidOf(st);
    if (!sid.empty())
      for (Val& x : statements)
        if (sidOf(x) == sid) {
          x = std::move(st);
          return;
        }
    (void)replaceOnly;
    statements.push_back(std::move(st));
  };
  auto docsOf = [&](const char* name) {
    std::vector<Val> out;
    if (auto v = attr(body, name, *sc)) {
      if (v->first.k != Val::List) {
        note(std::string(name) + " is not analysed: its value is not known without applying", f.base + v->second->nameBegin);
        return out;
      }
      for (const Val& d : v->first.items) {
        Val x = d.k == Val::Str && !core::hasUnknown(d.s) ? jsonOf(d, true) : d;
        if (x.k != Val::Map) {
          note(std::string(name) + ": a document is not known without applying; its statements are not analysed",
               d.begin);
          continue;
        }
        out.push_back(std::move(x));
      }
    }
    return out;
  };
  for (Val& d : docsOf("source_policy_documents")) {
    if (const Val* st = d.field("Statement")) {
      if (st->k == Val::List) for (const Val& s : st->items) statements.push_back(s);
      else if (st->k == Val::Map) statements.push_back(*st);
    }
  }
  for (const BlockInst& bi : blocks(m, f, body, "statement", sc)) {
    const hcl::Body& sb = *bi.body;
    const Scope& ss = *bi.scope;
    Val st;
    st.k = Val::Map;
    st.begin = f.base + bi.block->begin;
    st.end = f.base + bi.block->end;
    const std::pair<size_t, size_t> head{f.base + bi.block->begin, f.base + bi.block->begin + bi.block->type.size()};
    if (auto v = attr(sb, "sid", ss); v && !(v->first.k == Val::Str && v->first.s.empty()))
      put(st, "Sid", keyRange(v->second), v->first);
    if (auto v = attr(sb, "effect", ss)) put(st, "Effect", keyRange(v->second), v->first);
    else put(st, "Effect", head, mkStr("Allow", head.first, head.second));
    for (const auto& [principalBlock, key] :
         {std::pair<const char*, const char*>{"principals", "Principal"}, {"not_principals", "NotPrincipal"}}) {
      Val pr;
      pr.k = Val::Map;
      bool any = false;
      std::pair<size_t, size_t> prKey{0, 0};
      for (const BlockInst& pb : blocks(m, f, sb, principalBlock, bi.scope)) {
        auto type = attr(*pb.body, "type", *pb.scope);
        auto ids = attr(*pb.body, "identifiers", *pb.scope);
        if (!type || !ids) continue;
        if (!any) {
          pr.begin = f.base + pb.block->begin;
          pr.end = f.base + pb.block->end;
          prKey = {f.base + pb.block->begin, f.base + pb.block->begin + pb.block->type.size()};
        }
        any = true;
        Val idv = ids->first;
        ampersand(idv);
        if (type->first.k == Val::Str && type->first.s == "*") {
          // type "*" with identifiers ["*"] is Principal "*".
          Val star = single(idv);
          pr = star;
          break;
        }
        std::string t = asText(type->first).value_or(type->first.k == Val::Unknown ? core::unknownMarker(type->first.unknown) : "");
        if (Val* existing = const_cast<Val*>(pr.field(t))) {
          Val merged = existing->k == Val::List ? *existing : Val{};
          if (existing->k != Val::List) {
            merged.k = Val::List;
            merged.items.push_back(*existing);
          }
          if (idv.k == Val::List) merged.items.insert(merged.items.end(), idv.items.begin(), idv.items.end());
          else merged.items.push_back(idv);
          *existing = merged;
        } else {
          put(pr, t, {type->first.begin, type->first.end}, single(idv));
        }
      }
      if (any) put(st, key, prKey, pr);
    }
    for (const auto& [name, key] : {std::pair<const char*, const char*>{"actions", "Action"},
                                    {"not_actions", "NotAction"},
                                    {"resources", "Resource"},
                                    {"not_resources", "NotResource"}}) {
      if (auto v = attr(sb, name, ss)) {
        Val x = v->first;
        if (std::string(name).find("resources") != std::string::npos) ampersand(x);
        put(st, key, keyRange(v->second), single(x));
      }
    }
    Val cond;
    cond.k = Val::Map;
    bool anyCond = false;
    for (const BlockInst& cb : blocks(m, f, sb, "condition", bi.scope)) {
      auto test = attr(*cb.body, "test", *cb.scope);
      auto var = attr(*cb.body, "variable", *cb.scope);
      auto vals = attr(*cb.body, "values", *cb.scope);
      if (!test || !var || !vals) continue;
      if (!anyCond) {
        cond.begin = f.base + cb.block->begin;
        cond.end = f.base + cb.block->end;
      }
      anyCond = true;
      const std::string op = asText(test->first).value_or(test->first.k == Val::Unknown ? core::unknownMarker(test->first.unknown) : "");
      const std::string k = asText(var->first).value_or(var->first.k == Val::Unknown ? core::unknownMarker(var->first.unknown) : "");
      Val* opv = const_cast<Val*>(cond.field(op));
      if (opv == nullptr) {
        Val o;
        o.k = Val::Map;
        o.begin = f.base + cb.block->begin;
        o.end = f.base + cb.block->end;
        put(cond, op, {test->first.begin, test->first.end}, std::move(o));
        opv = &cond.fields.back().second;
      }
      Val values = vals->first;
      ampersand(values);
      if (Val* existing = const_cast<Val*>(opv->field(k)); existing != nullptr && existing->k == Val::List && values.k == Val::List) {
        existing->items.insert(existing->items.end(), values.items.begin(), values.items.end());
      } else {
        put(*opv, k, {var->first.begin, var->first.end}, single(values));
      }
    }
    if (anyCond) put(st, "Condition", {cond.begin, cond.begin + 9}, cond);
    mergeIn(std::move(st), false);
  }
  for (Val& d : docsOf("override_policy_documents")) {
    if (const Val* st = d.field("Statement")) {
      if (st->k == Val::List) for (const Val& s : st->items) mergeIn(s, true);
      else if (st->k == Val::Map) mergeIn(*st, true);
    }
  }
  Val list;
  list.k = Val::List;
  list.begin = doc.begin;
  list.end = doc.end;
  list.items = std::move(statements);
  put(doc, "Statement", {hb, he}, std::move(list));
  return doc;
}

// ---------------------------------------------------------------- resources

// Attributes of an IAM resource body as plan "values"; policy attributes become documents.
Val Evaluator::bodyValues(Module& m, const ModuleFile& f, const hcl::Body& body, const std::shared_ptr<Scope>& sc,
                          const std::string& type, OutResource& out) {
  Val v;
  v.k = Val::Map;
  static const std::set<std::string> policyAttrs = {"policy", "assume_role_policy"};
  for (const hcl::Attribute& a : body.attributes) {
    if (a.name == "count" || a.name == "for_each" || a.name == "provider" || a.name == "depends_on" ||
        a.name == "lifecycle")
      continue;
    std::vector<std::string> refs;
    refSink_ = &refs;
    Val x = eval(m, f, a.expr, *sc);
    refSink_ = nullptr;
    if (!refs.empty()) out.refs[a.name] = refs;
    if (policyAttrs.count(a.name) != 0 && x.k == Val::Str && !x.s.empty() && !core::isWhollyUnknown(x.s))
      x = jsonOf(x, true);
    if (x.k == Val::Unknown || (x.k == Val::Str && core::isWhollyUnknown(x.s))) {
      if (policyAttrs.count(a.name) != 0)
        note(type + ": " + a.name + " is not analysed: its value (" + std::string(hcl::sourceOf(f.hcl, a.expr)) +
                 ") is not known without applying",
             f.base + a.nameBegin);
      // A link (role, policy_arn) known only as a reference is read from `refs`, like a plan's after_unknown.
      if (a.name == "role" || a.name == "policy_arn" || a.name == "permissions_boundary" || policyAttrs.count(a.name))
        continue;
    }
    v.fields.emplace_back(a.name, std::move(x));
    v.keyAt.emplace_back(f.base + a.nameBegin, f.base + a.nameEnd);
  }
  if (type == "aws_iam_role") {
    Val ip;
    ip.k = Val::List;
    bool any = false;
    for (const BlockInst& bi : blocks(m, f, body, "inline_policy", sc)) {
      OutResource dummy;
      Val p = bodyValues(m, f, *bi.body, bi.scope, "inline_policy", dummy);
      p.begin = f.base + bi.block->begin;
      p.end = f.base + bi.block->end;
      if (!any) {
        ip.begin = p.begin;
        ip.end = p.end;
        v.keyAt.emplace_back(f.base + bi.block->begin, f.base + bi.block->begin + bi.block->type.size());
        any = true;
      }
      ip.items.push_back(std::move(p));
    }
    if (any) v.fields.emplace_back("inline_policy", std::move(ip));
  }
  return v;
}

void Evaluator::emitResource(Module& m, const std::string& key, const Located& r) {
  static const std::set<std::string> iam = {"aws_iam_role",
                                            "aws_iam_role_policy",
                                            "aws_iam_policy",
                                            "aws_iam_role_policy_attachment",
                                            "aws_iam_policy_attachment",
                                            "aws_iam_role_policies_exclusive",
                                            "aws_iam_role_policy_attachments_exclusive"};
  const std::string type = r.block->labels[0].text;
  if (iam.count(type) == 0) return;
  const ModuleFile& f = *r.file;
  const hcl::Body& body = f.hcl.bodies[r.block->body];
  const size_t at = f.base + r.block->begin;
  if (type == "aws_iam_role_policies_exclusive" || type == "aws_iam_role_policy_attachments_exclusive") return;
  std::vector<std::pair<std::string, std::shared_ptr<Scope>>> instances;  // address suffix, scope
  auto root = std::make_shared<Scope>();
  if (const hcl::Attribute* c = body.find("count")) {
    Val n = eval(m, f, c->expr, *root);
    if (n.k != Val::Num) {
      note(key + " is not analysed: its count (" + std::string(hcl::sourceOf(f.hcl, c->expr)) +
               ") is not known without applying",
           at);
      return;
    }
    if (num(n) > kMaxInstances)
      note(key + ": only the first " + std::to_string(kMaxInstances) + " of its " + countText(n) +
               " instances are analysed",
           at);
    for (int i = 0; i < instanceCount(n, kMaxInstances); ++i)
      instances.emplace_back("[" + std::to_string(i) + "]", countScope(i, n));
  } else if (const hcl::Attribute* fe = body.find("for_each")) {
    Val coll = eval(m, f, fe->expr, *root);
    if (coll.k != Val::List && coll.k != Val::Map) {
      note(key + " is not analysed: its for_each (" + std::string(hcl::sourceOf(f.hcl, fe->expr)) +
               ") is not known without applying",
           at);
      return;
    }
    const size_t n = coll.k == Val::List ? coll.items.size() : coll.fields.size();
    for (size_t i = 0; i < n; ++i) {
      auto s = std::make_shared<Scope>();
      Val ev;
      ev.k = Val::Map;
      Val k = coll.k == Val::List ? coll.items[i] : mkStr(coll.fields[i].first, coll.keyAt[i].first, coll.keyAt[i].second);
      const Val& val = coll.k == Val::List ? coll.items[i] : coll.fields[i].second;
      auto t = asText(k);
      if (!t || core::hasUnknown(*t)) {
        note(key + " is not analysed: a for_each key is not known without applying", at);
        return;
      }
      ev.fields = {{"key", k}, {"value", val}};
      ev.keyAt = {{0, 0}, {0, 0}};
      s->vars["each"] = ev;
      instances.emplace_back("[\"" + *t + "\"]", s);
    }
  } else {
    instances.emplace_back("", root);
  }
  for (auto& [suffix, sc] : instances) {
    OutResource o;
    o.type = type;
    o.module = m.address;
    o.address = (m.address.empty() ? "" : m.address + ".") + key + suffix;
    o.values = bodyValues(m, f, body, sc, type, o);
    emitted_ += weight(o.values, kMaxEmittedWeight);
    if (emitted_ >= kMaxEmittedWeight) {
      noteOnce("emitted-weight", key + suffix + " and the resources after it are not analysed: the values of the "
                                 "resources before it already hold " + std::to_string(kMaxEmittedWeight >> 20) + " MiB",
               at);
      return;
    }
    o.values.begin = at;
    o.values.end = f.base + r.block->end;
    // A policy's name is optional: Terraform generates a unique one, or name_prefix and a unique
    // suffix. It is then present, value unknown (no name check runs on it).
    // https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy
    if ((type == "aws_iam_role_policy" || type == "aws_iam_policy") && o.values.field("name") == nullptr) {
      const Val generated = unknown("", "the name Terraform generates", at, at);
      Val name = generated;
      if (const Val* prefix = o.values.field("name_prefix"); prefix != nullptr && prefix->k == Val::Str) {
        name = *prefix;
        name.s += core::unknownMarker(generated.unknown);
        if (!name.origin.empty()) name.origin.resize(name.s.size(), name.origin.back());
      }
      o.values.fields.emplace_back("name", name);
      o.values.keyAt.emplace_back(name.begin, name.end);
    }
    if (type == "aws_iam_policy_attachment") {
      // One attachment per role it names.
      const Val* roles = o.values.field("roles");
      if (roles == nullptr || roles->k != Val::List) continue;
      for (size_t i = 0; i < roles->items.size(); ++i) {
        OutResource a = o;
        a.type = "aws_iam_role_policy_attachment";
        a.address = o.address + "#" + std::to_string(i);
        const Val& rv = roles->items[i];
        if (rv.k == Val::Str && !core::isWhollyUnknown(rv.s)) {
          a.values.fields.emplace_back("role", rv);
          a.values.keyAt.emplace_back(rv.begin, rv.end);
        } else if (auto it = o.refs.find("roles"); it != o.refs.end() && it->second.size() == roles->items.size()) {
          a.refs["role"] = {it->second[i]};  // roles = [aws_iam_role.a.name, …]: one reference per element
        }
        out_.push_back(std::move(a));
      }
      continue;
    }
    if (type == "aws_iam_role" && (o.values.field("managed_policy_arns") || o.values.field("inline_policy")))
      noteOnce("deprecated:" + o.address,
               o.address + ": managed_policy_arns and inline_policy are deprecated in the AWS provider "
                           "(use aws_iam_role_policy_attachments_exclusive and aws_iam_role_policy)",
               at);
    out_.push_back(std::move(o));
  }
}

void Evaluator::evalModule(Module& m, int level) {
  for (const auto& [key, r] : m.resources) emitResource(m, key, r);
  for (const auto& [name, loc] : m.modules) {
    const ModuleFile& f = *loc.file;
    const hcl::Body& body = f.hcl.bodies[loc.block->body];
    const hcl::Attribute* srcA = body.find("source");
    Scope none;
    Val src = srcA != nullptr ? eval(m, f, srcA->expr, none) : Val{};
    const size_t at = f.base + loc.block->begin;
    if (src.k != Val::Str || !(src.s.rfind("./", 0) == 0 || src.s.rfind("../", 0) == 0)) {
      noteOnce("remote:" + src.s, "module \"" + name + "\" (" + (src.k == Val::Str ? src.s : std::string("?")) +
                                      ") is not a local directory; it is not read and its roles are not analysed",
               at);
      continue;
    }
    if (level >= 8) {
      note("module \"" + name + "\" is nested too deeply; it is not read", at);
      continue;
    }
    const fs::path abs = m.absDir / src.s;
    std::error_code ec;
    if (!fs::is_directory(abs, ec)) {
      Problem p;
      p.code = ProblemCode::UnresolvedFile;
      p.message = "module \"" + name + "\": the directory \"" + src.s + "\" does not exist";
      p.location = located(srcA ? B(f, srcA->expr) : at, srcA ? E(f, srcA->expr) : at);
      problems_.push_back(std::move(p));
      continue;
    }
    const std::string display = (fs::path(m.dir.empty() ? "." : m.dir) / src.s).lexically_normal().generic_string();
    // Instances: for_each / count on module blocks.
    std::vector<std::pair<std::string, std::shared_ptr<Scope>>> instances;
    auto root = std::make_shared<Scope>();
    if (const hcl::Attribute* fe = body.find("for_each")) {
      Val coll = eval(m, f, fe->expr, *root);
      if (coll.k != Val::List && coll.k != Val::Map) {
        note("module \"" + name + "\" is not analysed: its for_each is not known without applying", at);
        continue;
      }
      const size_t n = coll.k == Val::List ? coll.items.size() : coll.fields.size();
      for (size_t i = 0; i < n; ++i) {
        auto s = std::make_shared<Scope>();
        Val k = coll.k == Val::List ? coll.items[i] : mkStr(coll.fields[i].first, coll.keyAt[i].first, coll.keyAt[i].second);
        Val ev;
        ev.k = Val::Map;
        ev.fields = {{"key", k}, {"value", coll.k == Val::List ? coll.items[i] : coll.fields[i].second}};
        ev.keyAt = {{0, 0}, {0, 0}};
        s->vars["each"] = ev;
        instances.emplace_back("[\"" + asText(k).value_or("?") + "\"]", s);
      }
    } else if (const hcl::Attribute* c = body.find("count")) {
      Val n = eval(m, f, c->expr, *root);
      if (n.k != Val::Num) {
        note("module \"" + name + "\" is not analysed: its count is not known without applying", at);
        continue;
      }
      if (num(n) > kMaxModuleInstances)
        note("module \"" + name + "\": only the first " + std::to_string(kMaxModuleInstances) + " of its " +
                 countText(n) + " instances are analysed",
             at);
      for (int i = 0; i < instanceCount(n, kMaxModuleInstances); ++i)
        instances.emplace_back("[" + std::to_string(i) + "]", countScope(i, n));
    } else {
      instances.emplace_back("", root);
    }
    for (auto& [suffix, sc] : instances) {
      const std::string address = (m.address.empty() ? "" : m.address + ".") + "module." + name + suffix;
      Module* child = loadModule(display, abs, address);
      for (const hcl::Attribute& a : body.attributes) {
        if (a.name == "source" || a.name == "version" || a.name == "for_each" || a.name == "count" ||
            a.name == "providers" || a.name == "depends_on")
          continue;
        child->inputs[a.name] = eval(m, f, a.expr, *sc);
      }
      evalModule(*child, level + 1);
    }
  }
}

// ---------------------------------------------------------------- output

struct Out {
  const Source& src;
  // A string built from parts (a template, format(), join()) whose first wildcard was
  // written somewhere else than the string itself, such as a caller's module argument or
  // a variable's default ("system:serviceaccount:${var.sa}" with sa = "*"), is located
  // at that wildcard: wildcards are what most findings on a value are about, and the
  // mistake is where the wildcard is written (issue 16: "located where the value is
  // written"). The message still quotes the whole value.
  void locateWildcard(const Val& v, json::Value& j) const {
    if (v.origin.size() != v.s.size()) return;
    const size_t w = core::findWildcard(v.s);
    if (w == std::string::npos) return;
    const size_t o = v.origin[w];
    if (o >= v.begin && o < std::max(v.begin + 1, v.end)) return;
    j.begin = static_cast<uint32_t>(o);
    j.end = static_cast<uint32_t>(o + 1);
  }
  json::Value value(const Val& v) const {
    json::Value j;
    j.begin = static_cast<uint32_t>(v.begin);
    j.end = static_cast<uint32_t>(std::max(v.begin, v.end));
    switch (v.k) {
      case Val::Null: j.kind = json::Kind::Null; break;
      case Val::Bool: j.kind = json::Kind::Boolean; j.boolean = v.b; break;
      case Val::Num: j.kind = json::Kind::Number; j.text = v.s; break;
      case Val::Str:
        j.kind = json::Kind::String;
        j.text = v.s;
        locateWildcard(v, j);
        break;
      case Val::Unknown:
        j.kind = json::Kind::String;
        j.text = core::unknownMarker(v.unknown);
        break;
      case Val::List:
        j.kind = json::Kind::Array;
        for (const Val& x : v.items) {
          j.elements.push_back(value(x));
          j.elements.back().index = static_cast<uint32_t>(j.elements.size() - 1);
        }
        break;
      case Val::Map:
        j.kind = json::Kind::Object;
        for (size_t i = 0; i < v.fields.size(); ++i) {
          json::Member mm;
          mm.key = v.fields[i].first;
          const auto at = i < v.keyAt.size() ? v.keyAt[i] : std::make_pair(v.begin, v.begin);
          mm.keyBegin = static_cast<uint32_t>(at.first);
          mm.keyEnd = static_cast<uint32_t>(std::max(at.first, at.second));
          mm.value = value(v.fields[i].second);
          mm.value.index = static_cast<uint32_t>(j.members.size());
          j.members.push_back(std::move(mm));
        }
        break;
    }
    return j;
  }
};

json::Value str(const std::string& s) {
  json::Value j;
  j.kind = json::Kind::String;
  j.text = s;
  return j;
}
void member(json::Value& obj, std::string k, json::Value v) {
  json::Member mm;
  mm.key = std::move(k);
  mm.value = std::move(v);
  mm.value.index = static_cast<uint32_t>(obj.members.size());
  mm.keyBegin = mm.value.begin;
  mm.keyEnd = mm.value.end;
  obj.members.push_back(std::move(mm));
}
json::Value object() {
  json::Value j;
  j.kind = json::Kind::Object;
  return j;
}
json::Value array() {
  json::Value j;
  j.kind = json::Kind::Array;
  return j;
}

}  // namespace

namespace {
std::mutex settingsMu;
std::vector<std::string>& varFilesStore() {
  static auto* v = new std::vector<std::string>();
  return *v;
}
std::vector<fs::path>& referencedStore() {
  static auto* v = new std::vector<fs::path>();
  return *v;
}
}  // namespace

void setVarFiles(std::vector<std::string> files) {
  std::lock_guard<std::mutex> lock(settingsMu);
  varFilesStore() = std::move(files);
}
std::vector<std::string> varFiles() {
  std::lock_guard<std::mutex> lock(settingsMu);
  return varFilesStore();
}
void addReferenced(const std::vector<fs::path>& files) {
  std::lock_guard<std::mutex> lock(settingsMu);
  referencedStore().insert(referencedStore().end(), files.begin(), files.end());
}
std::vector<fs::path> referencedByModules() {
  std::lock_guard<std::mutex> lock(settingsMu);
  return referencedStore();
}

bool isTerraformModuleDir(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (extensionOf(e.path().native()) == ".tf" && e.is_regular_file(ec)) return true;
  return false;
}

std::vector<fs::path> localModuleDirs(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".tf" || !e.is_regular_file(ec)) continue;
    auto text = readFileBounded(e.path().string(), kMaxReferencedBytes, true);
    if (!text.ok()) continue;
    if (text->find("module") == std::string::npos) continue;  // no module block: not worth a parse
    const hcl::File f = hcl::parse(std::move(*text));
    for (const hcl::Block& b : f.root().blocks) {
      if (b.type != "module") continue;
      const hcl::Attribute* src = f.bodies[b.body].find("source");
      if (src == nullptr) continue;
      const hcl::Expr& x = f.expr(src->expr);
      // Only a plain string: a computed source is not a local directory the walk could skip.
      if (x.kind != hcl::ExprKind::Template || x.parts.size() != 1 || x.parts[0].kind != hcl::TemplatePart::Literal)
        continue;
      const std::string& s = x.parts[0].text;
      if (s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0) out.push_back((dir / s).lexically_normal());
    }
  }
  return out;
}

LoadedFile loadTerraformModule(const std::string& display, const fs::path& boundary, const TerraformOptions& options,
                               std::vector<fs::path>& referenced) {
  LoadedFile lf;
  lf.boundary = boundary;
  std::error_code ec;
  const fs::path abs = fs::absolute(display, ec);
  lf.directory = abs;
  std::vector<Problem> problems;
  Evaluator ev(boundary, options, referenced, problems);
  ev.rootAbs_ = abs;
  ev.displayBaseAbs_ = fs::current_path(ec);
  std::string dir = fs::path(display).lexically_normal().generic_string();
  if (!dir.empty() && dir.back() == '/') dir.pop_back();
  if (dir == ".") dir = "";
  // file() paths are relative to the working directory; the module's own files are reached through path.module.
  ev.rootDisplay_ = dir;
  Module* root = ev.loadModule(dir, abs, "");
  ev.applyTfvars(*root);
  ev.evalModule(*root, 0);

  auto source = std::make_shared<Source>(dir.empty() ? "." : dir, ev.text_);
  registerParts(source.get(), ev.parts_);
  lf.source = source;
  Out out{*source};
  // A plan-shaped tree: planned_values.root_module.{resources, child_modules}, configuration references.
  json::Value top = object();
  json::Value planned = object();
  json::Value rootModule = object();
  json::Value resources = array();
  json::Value children = array();
  std::map<std::string, json::Value> childResources;
  json::Value config = object();
  json::Value cfgRoot = object();
  json::Value cfgResources = array();
  for (const OutResource& r : ev.out_) {
    json::Value res = object();
    member(res, "address", str(r.address));
    member(res, "mode", str("managed"));
    member(res, "type", str(r.type));
    json::Value vals = out.value(r.values);
    member(res, "values", std::move(vals));
    res.begin = res.members.back().value.begin;
    res.end = res.members.back().value.end;
    for (json::Member& mm : res.members)
      if (mm.key != "values") {
        mm.value.begin = res.begin;
        mm.value.end = res.begin;
        mm.keyBegin = res.begin;
        mm.keyEnd = res.begin;
      }
    if (r.module.empty()) {
      resources.elements.push_back(std::move(res));
    } else {
      auto& list = childResources[r.module];
      if (list.kind != json::Kind::Array) list = array();
      list.elements.push_back(std::move(res));
    }
    json::Value cr = object();
    member(cr, "address", str(r.address));
    json::Value exprs = object();
    for (const auto& [attr, refs] : r.refs) {
      json::Value e = object();
      json::Value list = array();
      for (const std::string& x : refs) list.elements.push_back(str(x));
      member(e, "references", std::move(list));
      member(exprs, attr, std::move(e));
    }
    member(cr, "expressions", std::move(exprs));
    cfgResources.elements.push_back(std::move(cr));
  }
  for (auto& [addr, list] : childResources) {
    json::Value c = object();
    member(c, "address", str(addr));
    member(c, "resources", std::move(list));
    children.elements.push_back(std::move(c));
  }
  member(rootModule, "resources", std::move(resources));
  member(rootModule, "child_modules", std::move(children));
  member(planned, "root_module", std::move(rootModule));
  member(top, "planned_values", std::move(planned));
  member(cfgRoot, "resources", std::move(cfgResources));
  member(config, "root_module", std::move(cfgRoot));
  member(top, "configuration", std::move(config));
  auto tree = std::make_shared<Tree>();
  tree->source = source;
  tree->doc.root = std::make_unique<json::Value>(std::move(top));
  json::relink(*tree->doc.root);
  auto unknowns = std::make_shared<std::vector<core::UnknownOrigin>>();
  unknowns->reserve(ev.unknowns_.size());
  for (size_t i = 0; i < ev.unknowns_.size(); ++i) {
    core::UnknownOrigin o = std::move(ev.unknowns_[i]);
    o.range = {static_cast<uint32_t>(ev.unknownAt_[2 * i]), static_cast<uint32_t>(ev.unknownAt_[2 * i + 1])};
    unknowns->push_back(std::move(o));
  }
  tree->unknowns = std::move(unknowns);
  for (auto& [msg, at] : ev.notes_) {
    Problem p;
    p.code = kTerraformNote;
    p.message = msg;
    p.location = ev.located(at, at);
    problems.push_back(std::move(p));
  }
  lf.tree = std::move(tree);
  lf.format = Format::TerraformPlan;  // plan-shaped: read by the plan builder
  lf.problems = std::move(problems);
  return lf;
}

}  // namespace rolelint::input
