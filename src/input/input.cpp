#include "input/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include "core/text.h"
#include "input/gitignore.h"
#include "core/intern.h"
#include "input/read.h"
#include "input/terraform.h"
#include "input/yaml.h"

namespace rolelint::input {
namespace fs = std::filesystem;

namespace {
// A tree read from a Source's text borrows its strings from that text: the Tree
// holds the Source, and the values moved out of it go to trees of the same Source.
constexpr json::ReadOptions kBorrow{.borrow = true};

std::mutex partsMu;
std::map<const Source*, std::vector<SourcePart>>& partsTable() {
  static auto* t = new std::map<const Source*, std::vector<SourcePart>>();  // lives for the run
  return *t;
}
const SourcePart* partAt(const Source& s, size_t offset) {
  const std::vector<SourcePart>& parts = partsOf(s);
  if (parts.empty()) return nullptr;
  auto it = std::upper_bound(parts.begin(), parts.end(), offset,
                             [](size_t o, const SourcePart& p) { return o < p.base; });
  return it == parts.begin() ? &parts.front() : &*(it - 1);
}
}  // namespace

void registerParts(const Source* composite, std::vector<SourcePart> parts) {
  std::lock_guard<std::mutex> lock(partsMu);
  partsTable()[composite] = std::move(parts);
}

const std::vector<SourcePart>& partsOf(const Source& s) {
  static const std::vector<SourcePart> none;
  std::lock_guard<std::mutex> lock(partsMu);
  auto& t = partsTable();
  if (t.empty()) return none;
  auto it = t.find(&s);
  return it == t.end() ? none : it->second;
}

const std::string& pathAt(const Source& s, size_t offset) {
  const SourcePart* p = partAt(s, offset);
  return p == nullptr ? s.path : p->source->path;
}

core::Range rangeAt(const Source& s, json::Span span) { return {positionAt(s, span.begin), positionAt(s, span.end)}; }

core::Pos positionAt(const Source& s, size_t offset) {
  const SourcePart* p = partAt(s, offset);
  if (p == nullptr) return s.position(offset);
  core::Pos pos = p->source->position(offset >= p->base ? offset - p->base : 0);
  pos.offset = offset;
  return pos;
}

std::string_view formatName(Format f) {
  switch (f) {
    case Format::Unknown: return "unknown";
    case Format::PolicyDocument: return "policy document";
    case Format::RoleBundle: return "role definition";
    case Format::GetRole: return "get-role output";
    case Format::GetRolePolicy: return "get-role-policy output";
    case Format::AuthorizationDetails: return "get-account-authorization-details output";
    case Format::CloudFormation: return "CloudFormation template";
    case Format::TerraformPlan: return "Terraform plan";
  }
  return "unknown";
}

Format detectFormat(const json::Value& root) {
  if (!root.isObject()) return Format::Unknown;
  if (root.find("Statement") != nullptr) return Format::PolicyDocument;
  // aws iam get-role-policy: {"RoleName", "PolicyName", "PolicyDocument"}
  if (root.find("PolicyName") != nullptr && root.find("PolicyDocument") != nullptr &&
      root.find("AssumeRolePolicyDocument") == nullptr)
    return Format::GetRolePolicy;
  if (root.find("RoleName") != nullptr || root.find("AssumeRolePolicyDocument") != nullptr)
    return Format::RoleBundle;
  if (const json::Value* r = root.find("Role"); r != nullptr && r->isObject()) return Format::GetRole;
  if (root.find("RoleDetailList") != nullptr) return Format::AuthorizationDetails;
  if (const json::Value* r = root.find("Resources"); r != nullptr && r->isObject()) return Format::CloudFormation;
  if (root.find("planned_values") != nullptr || root.find("resource_changes") != nullptr)
    return Format::TerraformPlan;
  return Format::Unknown;
}

namespace {

struct FormatOption {
  std::string_view name;
  Format format;
  std::string_view needs;  // what the top-level object must have, for the RL004 message
};
constexpr FormatOption kFormatOptions[] = {
    {"policy", Format::PolicyDocument, "\"Statement\""},
    {"role", Format::RoleBundle, "\"RoleName\" or \"AssumeRolePolicyDocument\""},
    {"get-role", Format::GetRole, "a \"Role\" object"},
    {"get-role-policy", Format::GetRolePolicy, "\"PolicyDocument\""},
    {"dump", Format::AuthorizationDetails, "\"RoleDetailList\""},
    {"cloudformation", Format::CloudFormation, "a \"Resources\" object"},
    {"terraform", Format::TerraformPlan, "\"planned_values\" or \"resource_changes\""},
};

// Whether `root` has what `f` is read from.
bool fits(const json::Value& root, Format f) {
  if (!root.isObject()) return false;
  auto obj = [&](std::string_view k) {
    const json::Value* v = root.find(k);
    return v != nullptr && v->isObject();
  };
  switch (f) {
    case Format::PolicyDocument: return root.find("Statement") != nullptr;
    case Format::RoleBundle: return root.find("RoleName") != nullptr || root.find("AssumeRolePolicyDocument") != nullptr;
    case Format::GetRole: return obj("Role");
    case Format::GetRolePolicy: return root.find("PolicyDocument") != nullptr;
    case Format::AuthorizationDetails: return root.find("RoleDetailList") != nullptr;
    case Format::CloudFormation: return obj("Resources");
    case Format::TerraformPlan: return root.find("planned_values") != nullptr || root.find("resource_changes") != nullptr;
    case Format::Unknown: return false;
  }
  return false;
}

}  // namespace

std::optional<Format> parseFormatOption(std::string_view name) {
  for (const auto& o : kFormatOptions)
    if (o.name == name) return o.format;
  return std::nullopt;
}

std::string_view formatOption(Format f) {
  for (const auto& o : kFormatOptions)
    if (o.format == f) return o.name;
  return "auto";
}

core::Location locate(const Tree& tree, const json::Value& v, const json::Value* root) {
  // The file's name is kept once (core::intern): an audit's findings all name it.
  return core::Location{core::intern(pathAt(*tree.source, v.begin)), rangeAt(*tree.source, v.range()),
                        json::pointerOf(v, root)};
}

core::Location locateKey(const Tree& tree, const json::Value& v, const json::Value* root) {
  core::Location loc = locate(tree, v, root);
  if (const json::Member* m = v.memberOf()) {
    loc.range = rangeAt(*tree.source, m->keyRange());
    // In a composite source (a Terraform module) the key may be written in another file than
    // its value: a condition operator from terraform.tfvars, its values in main.tf.
    loc.file = core::intern(pathAt(*tree.source, m->keyBegin));
  }
  return loc;
}

static ProblemCode codeOf(json::ProblemCode c) {
  switch (c) {
    case json::ProblemCode::Syntax: return ProblemCode::JsonSyntax;
    case json::ProblemCode::DuplicateKey: return ProblemCode::DuplicateKey;
    case json::ProblemCode::InvalidUtf8:
    case json::ProblemCode::ByteOrderMark:
    case json::ProblemCode::Encoding: return ProblemCode::Encoding;
    case json::ProblemCode::TooDeep: return ProblemCode::TooDeep;
    case json::ProblemCode::Empty: return ProblemCode::UnsupportedDocument;
  }
  return ProblemCode::JsonSyntax;
}

void addReaderProblems(const Tree& tree, std::vector<Problem>& out) {
  for (const json::Problem& p : tree.doc.problems) {
    Problem q;
    q.code = codeOf(p.code);
    q.message = p.message;
    q.location = core::Location{tree.source->path, p.range, ""};
    if (p.related) {
      q.related = core::Location{tree.source->path, *p.related, ""};
      q.relatedMessage = "first occurrence of the key";
    }
    out.push_back(std::move(q));
  }
}

static bool isInside(const fs::path& child, const fs::path& parent) {
  auto c = child.begin();
  for (auto p = parent.begin(); p != parent.end(); ++p, ++c) {
    if (p->empty()) continue;  // trailing separator
    if (c == child.end() || *c != *p) return false;
  }
  return true;
}

namespace {

std::string sizeText(size_t bytes) {
  return bytes >= (size_t{1} << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes >> 10) + " KiB";
}

}  // namespace

std::string_view extensionOf(std::string_view path) {
  // The file name from its last `.`, unless the name is `.` or `..` or its last `.`
  // is its first character.
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "." || name == "..") return {};
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return name.substr(dot);
}

core::Result<std::string> readFileBounded(const std::string& path, size_t maxBytes, bool regularOnly) {
  auto fail = [&](const std::string& why) { return core::Error{path + ": " + why}; };
  const bool stdinput = path == "-";
  // O_NONBLOCK: opening a FIFO with no writer must not hang; cleared before reading.
  const int fd = stdinput ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return fail("cannot open file: " + std::generic_category().message(errno));
  struct Closer {
    int fd;
    bool own;
    ~Closer() {
      if (own) ::close(fd);
    }
  } closer{fd, !stdinput};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail("cannot read: " + std::generic_category().message(errno));
  if (S_ISDIR(st.st_mode)) return fail("is a directory");
  if (regularOnly && !S_ISREG(st.st_mode)) return fail("not a regular file (a FIFO, device or socket is not read)");
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > maxBytes)
    return fail("larger than the " + sizeText(maxBytes) + " limit");
  // O_NONBLOCK changes nothing for a regular file; a FIFO or device is read blocking.
  if (!stdinput && !S_ISREG(st.st_mode)) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  }
  std::string out;
  if (S_ISREG(st.st_mode)) {
    // A regular file is read into place with one call: a read that returns less
    // than was asked for is at its end. (It may have grown or shrunk since fstat:
    // what is left is read below.)
    const size_t want = static_cast<size_t>(st.st_size) + 1;
    out.resize(want);
    ssize_t n;
    do {
      n = ::read(fd, out.data(), want);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return fail("read error: " + std::generic_category().message(errno));
    out.resize(static_cast<size_t>(n));
    if (static_cast<size_t>(n) < want) return out;
    if (out.size() > maxBytes) return fail("larger than the " + sizeText(maxBytes) + " limit");
  }
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("read error: " + std::generic_category().message(errno));
    if (n == 0) break;
    if (out.size() + static_cast<size_t>(n) > maxBytes) return fail("larger than the " + sizeText(maxBytes) + " limit");
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

LoadedFile Loader::loadText(std::string displayPath, std::string text, const fs::path& boundary,
                            const fs::path& directory) {
  LoadedFile f;
  f.boundary = boundary;
  f.directory = directory;
  auto source = std::make_shared<Source>(std::move(displayPath), std::move(text));
  f.source = source;
  auto tree = std::make_shared<Tree>();
  tree->source = source;
  tree->doc = isYamlText(source->path, source->text) ? readYaml(source->text, source->lines)
                                                     : json::readSplit(source->text, readThreads_, kBorrow);
  addReaderProblems(*tree, f.problems);
  if (tree->root() != nullptr) {
    f.format = detectFormat(*tree->root());
  }
  f.tree = std::move(tree);
  return f;
}

// A file that is not read, with the one problem that says why (at its first position).
static LoadedFile unreadFile(const std::string& path, bool foundByWalk, const fs::path& boundary, ProblemCode code,
                             std::string message) {
  std::error_code ec;
  LoadedFile f;
  f.source = std::make_shared<Source>(path, "");
  f.foundByWalk = foundByWalk;
  f.boundary = boundary;
  f.directory = fs::absolute(fs::path(path), ec).parent_path();
  Problem p;
  p.code = code;
  p.message = std::move(message);
  p.location = core::Location{path, {}, ""};
  f.problems.push_back(std::move(p));
  return f;
}

core::Result<LoadedFile> Loader::load(const std::string& path, bool foundByWalk, const fs::path& boundary) {
  // One lstat tells a link from a directory from a file; only a link needs a second.
  std::error_code lec;
  const fs::file_status link = path == "-" ? fs::file_status{} : fs::symlink_status(path, lec);
  if (foundByWalk) {
    // A link found by walking is read only when it stays inside the tree being linted.
    std::error_code ec;
    if (fs::is_symlink(link)) {
      const fs::path target = fs::weakly_canonical(path, ec);
      if (ec) return core::Error{path + ": cannot follow the symbolic link: " + ec.message()};
      const fs::path root = fs::weakly_canonical(boundary, ec);
      if (!isInside(target, root))
        return unreadFile(path, true, boundary, ProblemCode::SkippedFile,
                          "skipped: a symbolic link that points outside the directory tree being linted; links are "
                          "not followed out of the tree");
    }
  }
  std::error_code dec;
  const bool directory = path != "-" && (fs::is_symlink(link) ? fs::is_directory(path, dec) : fs::is_directory(link));
  if (directory && isTerraformModuleDir(path)) {
    TerraformOptions to;
    to.varFiles = varFiles();
    std::vector<fs::path> referenced;
    LoadedFile f = loadTerraformModule(path, boundary, to, referenced);
    f.foundByWalk = foundByWalk;
    addReferenced(referenced);
    return f;
  }
  if (path != "-" && extensionOf(path) == ".tfvars" && !forced_) {
    // Variable values without a module beside them: nothing to lint on their own.
    return unreadFile(path, foundByWalk, boundary,
                      strict_ ? ProblemCode::UnsupportedDocument : ProblemCode::SkippedFile,
                      std::string(strict_ ? "" : "skipped: ") +
                          "a .tfvars file with no Terraform module (.tf files) in its directory; its values are read "
                          "when the module's directory is checked with --var-file " + path);
  }
  auto text = readFileBounded(path, kMaxInputBytes, foundByWalk);
  if (!text) return text.error();
  fs::path dir = path == "-" ? fs::current_path() : fs::absolute(fs::path(path)).parent_path();
  LoadedFile f = loadText(path == "-" ? "<stdin>" : path, std::move(*text), boundary, dir);
  f.foundByWalk = foundByWalk;
  const json::Value* root = f.tree->root();
  if (root != nullptr && forced_) {
    if (fits(*root, *forced_)) {
      f.format = *forced_;
      return f;
    }
    Problem p;
    p.location = locate(*f.tree, *root, root);
    p.location.range.end = p.location.range.begin;
    p.code = ProblemCode::UnsupportedDocument;
    std::string_view needs;
    for (const auto& o : kFormatOptions)
      if (o.format == *forced_) needs = o.needs;
    p.message = "--input-format " + std::string(formatOption(*forced_)) + ": this file is not " +
                std::string(formatName(*forced_)) + " (it needs " + std::string(needs) +
                " at the top level); drop --input-format to detect the format from the content";
    f.format = Format::Unknown;
    f.problems.push_back(std::move(p));
    return f;
  }
  if (root != nullptr && f.format == Format::Unknown) {
    Problem p;
    p.location = locate(*f.tree, *root, root);
    p.location.range.end = p.location.range.begin;
    // Not IAM material (package.json, cdk.json, editor settings, test fixtures that are
    // arrays): a note, named or walked, unless --strict asks for an error (issue 20).
    if (!root->isObject() && !strict_) {
      p.code = ProblemCode::SkippedFile;
      p.message = std::string("skipped: the top-level value is ") + std::string(json::kindName(root->kind)) +
                  ", not a policy document, role definition, IAM API response, CloudFormation template or "
                  "Terraform plan (--strict makes this an error)";
    } else if (!root->isObject()) {
      p.code = ProblemCode::UnsupportedDocument;
      p.message = std::string("the top-level value is ") + std::string(json::kindName(root->kind)) +
                  "; rolelint reads a JSON object: a policy document (with \"Statement\"), a role definition "
                  "(with \"RoleName\" or \"AssumeRolePolicyDocument\") or an IAM API response";
    } else if (!strict_) {
      p.code = ProblemCode::SkippedFile;
      p.message = "skipped: not a policy document, role definition, IAM API response, CloudFormation template or "
                  "Terraform plan (no \"Statement\", \"RoleName\", \"AssumeRolePolicyDocument\", \"Role\", "
                  "\"RoleDetailList\", \"Resources\" or \"planned_values\" at the top)";
    } else {
      p.code = ProblemCode::UnsupportedDocument;
      p.message = "not a policy document, role definition, IAM API response, CloudFormation template or Terraform "
                  "plan: expected \"Statement\", \"RoleName\", \"AssumeRolePolicyDocument\", \"Role\", "
                  "\"RoleDetailList\", \"Resources\" or \"planned_values\" at the top level";
    }
    f.problems.push_back(std::move(p));
  }
  return f;
}

namespace {

unsigned hexDigit(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return 16;
}

// Decoded text plus, for each decoded byte, the offset of the raw bytes it came from.
struct Mapped {
  std::string text;
  std::vector<size_t> origin;  // size text.size() + 1; the last entry is the end
};

void push(Mapped& m, char c, size_t at) {
  m.text += c;
  m.origin.push_back(at);
}

// Decodes the raw bytes of a JSON string literal (without its quotes), keeping
// the origin of every decoded byte. The reader has already validated the escapes.
Mapped decodeJsonString(std::string_view raw, size_t base) {
  Mapped m;
  m.text.reserve(raw.size());
  m.origin.reserve(raw.size() + 1);
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      push(m, raw[i], base + i);
      ++i;
      continue;
    }
    const size_t at = base + i;
    const char e = raw[i + 1];
    if (e != 'u') {
      char c = e;
      switch (e) {
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        default: break;
      }
      push(m, c, at);
      i += 2;
      continue;
    }
    unsigned cp = 0;
    size_t len = 6;
    for (size_t k = 0; k < 4 && i + 2 + k < raw.size(); ++k) cp = cp * 16 + hexDigit(raw[i + 2 + k]);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 11 < raw.size() + 0 && raw[i + 6] == '\\' && raw[i + 7] == 'u') {
      unsigned lo = 0;
      for (size_t k = 0; k < 4; ++k) lo = lo * 16 + hexDigit(raw[i + 8 + k]);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        len = 12;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    std::string enc;
    core::appendUtf8(enc, cp);
    for (char c : enc) push(m, c, at);
    i += len;
  }
  m.origin.push_back(base + raw.size());
  return m;
}

bool looksUrlEncoded(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
  return s.substr(i, 3) == "%7B" || s.substr(i, 3) == "%7b";
}

Mapped urlDecode(const Mapped& in) {
  Mapped m;
  const std::string& s = in.text;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '%' && i + 2 < s.size() + 0 && hexDigit(s[i + 1]) < 16 && hexDigit(s[i + 2]) < 16) {
      push(m, static_cast<char>(hexDigit(s[i + 1]) * 16 + hexDigit(s[i + 2])), in.origin[i]);
      i += 3;
    } else {
      push(m, s[i], in.origin[i]);
      ++i;
    }
  }
  m.origin.push_back(in.origin.back());
  return m;
}

}  // namespace

std::shared_ptr<const Tree> parseEmbedded(const std::shared_ptr<const Source>& source, const json::Value& str) {
  const size_t rawBegin = str.begin + 1;
  const size_t rawEnd = str.end > rawBegin ? str.end - 1 : rawBegin;
  Mapped m = decodeJsonString(std::string_view(source->text).substr(rawBegin, rawEnd - rawBegin), rawBegin);
  if (looksUrlEncoded(m.text)) m = urlDecode(m);
  auto tree = std::make_shared<Tree>();
  tree->source = source;
  tree->doc = json::read(m.text);
  auto mapPos = [&](core::Pos& p) {
    const size_t off = std::min<size_t>(p.offset, m.origin.size() - 1);
    p = source->position(m.origin[off]);
  };
  auto mapOffset = [&](uint32_t& o) { o = static_cast<uint32_t>(m.origin[std::min<size_t>(o, m.origin.size() - 1)]); };
  for (json::Problem& p : tree->doc.problems) {
    mapPos(p.range.begin);
    mapPos(p.range.end);
    if (p.related) {
      mapPos(p.related->begin);
      mapPos(p.related->end);
    }
  }
  if (tree->doc.root) {
    std::vector<json::Value*> stack{&*tree->doc.root};
    while (!stack.empty()) {
      json::Value* v = stack.back();
      stack.pop_back();
      mapOffset(v->begin);
      mapOffset(v->end);
      for (json::Value& e : v->elements) stack.push_back(&e);
      for (json::Member& mem : v->members) {
        mapOffset(mem.keyBegin);
        mapOffset(mem.keyEnd);
        stack.push_back(&mem.value);
      }
    }
  }
  return tree;
}


std::optional<Resolved> Loader::resolveDocument(const LoadedFile& file, const std::shared_ptr<const Tree>& tree,
                                                const json::Value& v, std::vector<Problem>& out) {
  if (v.isObject()) return Resolved{tree, &v};
  if (!v.isString()) return std::nullopt;
  const std::string s = v.text.str();
  static constexpr std::string_view kFile = "file://";
  if (s.compare(0, kFile.size(), kFile) == 0) {
    const fs::path rel(s.substr(kFile.size()));
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(file.directory / rel, ec);
    const fs::path boundary = fs::weakly_canonical(file.boundary, ec);
    if (rel.is_absolute() || !isInside(target, boundary)) {
      Problem p;
      p.code = ProblemCode::FileEscape;
      p.message = "\"" + s + "\" points outside the directory tree being linted (" +
                  fs::relative(boundary, fs::current_path(), ec).generic_string() +
                  "); file:// references must be relative paths inside it";
      p.location = locate(*tree, v, tree->root());
      out.push_back(std::move(p));
      return std::nullopt;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = fileCache_.find(target); it != fileCache_.end()) {
        if (it->second->root() == nullptr) return std::nullopt;
        return Resolved{it->second, it->second->root()};
      }
    }
    auto text = readFileBounded(target.string(), kMaxReferencedBytes, true);
    if (!text) {
      std::string err = text.error().message;
      Problem p;
      p.code = ProblemCode::UnresolvedFile;
      // The reason without the absolute path (the reference is already named).
      if (err.rfind(target.string() + ": ", 0) == 0) err.erase(0, target.string().size() + 2);
      p.message = "cannot read \"" + s + "\": " + (fs::exists(target, ec) ? err : "no such file");
      p.location = locate(*tree, v, tree->root());
      out.push_back(std::move(p));
      return std::nullopt;
    }
    // Display the referenced file relative to the referring one's display path.
    fs::path display = fs::path(file.source->path).parent_path() / rel;
    auto source = std::make_shared<Source>(display.lexically_normal().generic_string(), std::move(*text));
    auto t = std::make_shared<Tree>();
    t->source = source;
    t->doc = json::read(source->text, kBorrow);
    addReaderProblems(*t, out);
    {
      std::lock_guard<std::mutex> lock(mu_);
      fileCache_.emplace(target, t);
    }
    if (t->root() == nullptr) return std::nullopt;
    if (!t->root()->isObject()) {
      Problem p;
      p.code = ProblemCode::UnsupportedDocument;
      p.message = std::string("the referenced document is ") + std::string(json::kindName(t->root()->kind)) +
                  "; a policy document is a JSON object";
      p.location = locate(*t, *t->root(), t->root());
      out.push_back(std::move(p));
      return std::nullopt;
    }
    return Resolved{t, t->root()};
  }
  auto inner = parseEmbedded(tree->source, v);
  addReaderProblems(*inner, out);
  if (inner->root() == nullptr) return std::nullopt;
  if (!inner->root()->isObject()) {
    Problem p;
    p.code = ProblemCode::UnsupportedDocument;
    p.message = std::string("the embedded document is ") + std::string(json::kindName(inner->root()->kind)) +
                "; a policy document is a JSON object";
    p.location = locate(*inner, *inner->root(), inner->root());
    out.push_back(std::move(p));
    return std::nullopt;
  }
  return Resolved{inner, inner->root()};
}

core::Result<Resolved> Loader::loadPolicyFile(const fs::path& path) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(path, ec);
  const auto notPolicy = [&] { return core::Error{path.generic_string() + ": not a JSON policy document"}; };
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = fileCache_.find(target); it != fileCache_.end()) {
      if (it->second->root() == nullptr || !it->second->root()->isObject()) return notPolicy();
      return Resolved{it->second, it->second->root()};
    }
  }
  auto text = readFileBounded(path.string(), kMaxReferencedBytes, true);
  if (!text) return text.error();
  auto source = std::make_shared<Source>(path.lexically_normal().generic_string(), std::move(*text));
  auto t = std::make_shared<Tree>();
  t->source = source;
  t->doc = json::read(source->text, kBorrow);
  {
    std::lock_guard<std::mutex> lock(mu_);
    fileCache_.emplace(target, t);
  }
  if (t->root() == nullptr || !t->root()->isObject()) return notPolicy();
  return Resolved{t, t->root()};
}

std::vector<fs::path> Loader::referencedFiles() const {
  std::vector<fs::path> out;
  for (const auto& [path, tree] : fileCache_) out.push_back(path);
  for (const fs::path& p : referencedByModules()) out.push_back(p);
  return out;
}

// A YAML file found by walking is read only when it looks like a CloudFormation
// template, so that other YAML in a repository (CI, compose files) is not reported as skipped.
static bool looksLikeTemplate(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::string line;
  for (int n = 0; n < 10000 && std::getline(in, line); ++n) {
    const size_t i = line.find_first_not_of(" \t\"");
    if (i == std::string::npos) continue;
    std::string_view l = std::string_view(line).substr(i);
    if (l.rfind("AWSTemplateFormatVersion", 0) == 0 || l.rfind("Resources", 0) == 0 ||
        (i == 0 && l.rfind("Transform:", 0) == 0))
      return true;
  }
  return false;
}

// A CDK cloud assembly (cdk.out): CDK writes a file named "cdk.out" (its schema
// version) and manifest.json into it. Only its *.template.json files are
// templates; manifest.json, tree.json, *.assets.json and asset.* directories are
// CDK's own files, not input to report.
// https://docs.aws.amazon.com/cdk/v2/guide/deploy.html (cloud assembly)
static bool isCloudAssembly(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "manifest.json", ec) &&
         (dir.filename() == "cdk.out" || fs::is_regular_file(dir / "cdk.out", ec));
}

std::vector<std::string> walkJson(const std::string& dir) { return walkTree(dir, nullptr, true); }

bool insideDirectory(const fs::path& path, const fs::path& directory) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(path, ec);
  if (ec) return false;
  const fs::path root = fs::weakly_canonical(directory, ec);
  return !ec && isInside(target, root);
}

std::vector<std::string> walkTree(const std::string& dir, std::vector<std::string>* errors, bool gitignore) {
  std::vector<std::string> out;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(dir, ec);
  // Inside a git work tree, what its .gitignore files ignore is not walked (input/gitignore.h).
  std::optional<GitIgnore> ignore;
  if (gitignore) {
    if (auto top = GitIgnore::workTreeTop(dir)) ignore.emplace(*top, fs::path(dir));
  }
  auto problem = [&](const fs::path& p, const std::string& why) {
    if (errors) errors->push_back(p.lexically_normal().generic_string() + ": " + why);
  };
  // Explicit stack of directories: an unreadable one is reported and the others still walked.
  std::vector<fs::path> pending{fs::path(dir)};
  // A directory of .tf files is a Terraform module: it is one input (input/terraform.h).
  std::vector<fs::path> modules;
  if (isTerraformModuleDir(dir)) {
    modules.push_back(fs::path(dir).lexically_normal());
    out.push_back(modules.back().generic_string());
  }
  std::vector<fs::path> assemblies;  // CDK cloud assembly directories met so far
  if (isCloudAssembly(dir)) assemblies.push_back(fs::path(dir).lexically_normal());
  auto inAssembly = [&](const fs::path& p) {
    if (assemblies.empty()) return false;
    const std::string s = p.lexically_normal().generic_string();
    for (const fs::path& a : assemblies) {
      const std::string as = a.generic_string();
      if (s.size() > as.size() && s.compare(0, as.size(), as) == 0 && (as.back() == '/' || s[as.size()] == '/'))
        return true;
    }
    return false;
  };
  while (!pending.empty()) {
    const fs::path current = std::move(pending.back());
    pending.pop_back();
    if (ignore) ignore->enter(current);
    fs::directory_iterator it(current, ec), end;
    if (ec) {
      problem(current, "cannot read the directory: " + ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      const std::string name = p.filename().string();
      const std::string_view ext = extensionOf(name);
      const bool yaml = isYamlPath(name) || ext == ".template";
      // Inside a cloud assembly only the *.template.json files are input; manifest.json,
      // tree.json and *.assets.json are CDK's own.
      const bool assembly = inAssembly(p);
      const std::string suffix = ".template.json";
      const bool templateJson =
          name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
      // TypeScript's tsconfig*.json and jsconfig*.json are JSON with comments, never IAM.
      const bool jsConfig = (name.rfind("tsconfig", 0) == 0 || name.rfind("jsconfig", 0) == 0) && ext == ".json";
      const bool named = name != ".rolelint.json" && !jsConfig && (assembly ? templateJson : (ext == ".json" || yaml));
      std::error_code sec;
      const fs::file_status link = it->symlink_status(sec);
      if (fs::is_symlink(link)) {
        const fs::path target = fs::weakly_canonical(p, sec);
        if (sec) {
          if (named) problem(p, "cannot follow the symbolic link: " + sec.message());
          continue;
        }
        if (!isInside(target, root)) {
          // Never read; Loader::load reports it as skipped. A link to a
          // directory inside the tree is walked where it really is.
          if (named || fs::is_directory(target, sec)) out.push_back(p.lexically_normal().generic_string());
          continue;
        }
        if (fs::is_directory(target, sec)) continue;
      } else if (fs::is_directory(link)) {
        // Hidden directories (.git, .terraform, .aws-sam) and node_modules hold no IAM
        // the user writes: their JSON is other tools' (issue 20).
        if (name.empty() || name[0] == '.' || name == "node_modules") continue;
        if (assembly && name.rfind("asset.", 0) == 0) continue;  // bundled code of a CDK asset
        if (ignore && ignore->ignored(p, true)) continue;
        if (isCloudAssembly(p)) assemblies.push_back(p.lexically_normal());
        if (isTerraformModuleDir(p)) {
          modules.push_back(p.lexically_normal());
          out.push_back(modules.back().generic_string());
        }
        pending.push_back(p);
        continue;
      }
      if (!named) continue;
      if (ignore && ignore->ignored(p, false)) continue;
      // A link's target needs a stat; any other entry's type is the one already read.
      const fs::file_status st = fs::is_symlink(link) ? it->status(sec) : link;
      if (sec) {
        problem(p, "cannot read: " + sec.message());
        continue;
      }
      if (!fs::is_regular_file(st)) continue;
      if (yaml && !assembly && !looksLikeTemplate(p)) continue;
      out.push_back(p.lexically_normal().generic_string());
    }
    if (ec) problem(current, "cannot read the directory: " + ec.message());
  }
  // A Terraform module that another module of the walk calls is read through that caller,
  // with its arguments (input/terraform.h); on its own its inputs would all be unknown.
  if (!modules.empty()) {
    std::set<std::string> called;
    for (const fs::path& m : modules)
      for (const fs::path& c : localModuleDirs(m)) called.insert(c.generic_string());
    std::erase_if(out, [&](const std::string& p) {
      return called.count(fs::path(p).lexically_normal().generic_string()) != 0;
    });
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace rolelint::input
