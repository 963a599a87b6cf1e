// Input layer: reads files (or stdin), detects what kind of document each is,
// and resolves documents that are given inline, as JSON strings (possibly
// URL-encoded, as the IAM API returns them) or as file:// references. Every
// position it hands out points into the file a person can open.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"
#include "core/source.h"
#include "core/unknown.h"
#include "json/reader.h"

namespace rolelint::input {

// What went wrong reading input. Rules in rules/input/ turn these into findings.
enum class ProblemCode {
  JsonSyntax,               // RL001
  DuplicateKey,             // RL002
  Encoding,                 // RL003: invalid UTF-8, BOM, UTF-16
  UnsupportedDocument,      // RL004: empty, not an object, unknown format
  FileEscape,               // RL005: file:// leaves the linted tree
  UnresolvedFile,           // RL006: file:// target missing or unreadable
  UnresolvedManagedPolicy,  // RL007: a managed policy ARN no source defines
  TooDeep,                  // RL008
  InvalidRoleField,         // RL009: a role-definition field of the wrong shape or unknown
  SkippedFile,              // RL010: a file found by walking that is no known format
  TerraformSyntax,          // RL011: a .tf/.tfvars file or template that is not valid HCL
  TerraformNote,            // RL012: a part of a Terraform module not analysed, or deprecated
};

struct Problem {
  ProblemCode code = ProblemCode::JsonSyntax;
  std::string message;
  core::Location location;
  std::optional<core::Location> related;
  std::string relatedMessage;
};

// The bytes of one file as read, with its line table. Immutable once built.
struct Source {
  std::string path;  // display path: as given, or as found when walking ("<stdin>" for -)
  std::string text;
  core::LineIndex lines;
  Source(std::string p, std::string t) : path(std::move(p)), text(std::move(t)), lines(text) {}
  core::Pos position(size_t offset) const { return lines.position(text, offset); }
};

// A JSON tree whose positions are in `source` coordinates.
struct Tree {
  std::shared_ptr<const Source> source;
  json::Document doc;
  // Origins of the unknown parts written into this tree's strings (core/unknown.h):
  // a builder that evaluates CloudFormation or Terraform expressions fills it.
  // Shared and immutable: the trees built from one input file refer to one table
  // instead of each holding a copy (a copy per role is quadratic in memory).
  std::shared_ptr<const std::vector<core::UnknownOrigin>> unknowns;
  const json::Value* root() const { return doc.root ? &*doc.root : nullptr; }
};

enum class Format {
  Unknown,
  PolicyDocument,        // has Statement
  RoleBundle,            // RoleName / AssumeRolePolicyDocument (create-role skeleton + Policies…)
  GetRole,               // aws iam get-role output
  GetRolePolicy,         // aws iam get-role-policy output: one inline policy of a role
  AuthorizationDetails,  // aws iam get-account-authorization-details output
  CloudFormation,
  TerraformPlan,
};
std::string_view formatName(Format f);
Format detectFormat(const json::Value& root);
// The --input-format names: policy, role, get-role, get-role-policy, dump,
// cloudformation, terraform; nullopt for another name.
std::optional<Format> parseFormatOption(std::string_view name);
std::string_view formatOption(Format f);

struct LoadedFile {
  std::shared_ptr<const Source> source;
  std::shared_ptr<const Tree> tree;  // null when nothing could be read as JSON
  Format format = Format::Unknown;
  bool foundByWalk = false;
  std::filesystem::path boundary;    // file:// references must stay inside this directory
  std::filesystem::path directory;   // where relative file:// paths start
  std::vector<Problem> problems;
};

// Converts reader problems into input problems located in `source`.
void addReaderProblems(const Tree& tree, std::vector<Problem>& out);

// A document resolved from a value: an object in place, a parsed string, or a file.
struct Resolved {
  std::shared_ptr<const Tree> tree;
  const json::Value* root = nullptr;  // the document object
  bool awsManaged = false;            // an AWS managed policy from the embedded catalog
};

// Reads files and resolves references. One per run; file:// targets are cached
// so that a policy shared by several roles is read once.
class Loader {
 public:
  // Reads and parses `path` ("-" = stdin). Returns an Error when the path
  // cannot be read at all (the caller exits 2 for it after linting the rest).
  core::Result<LoadedFile> load(const std::string& path, bool foundByWalk, const std::filesystem::path& boundary);
  // Read every file as this format instead of detecting it (--input-format).
  // A file without what that format needs at the top gets an RL004 problem.
  void forceFormat(std::optional<Format> f) { forced_ = f; }
  // A JSON or YAML file that holds nothing rolelint reads (no policy, role,
  // template, plan or dump shape; an object or an array) is skipped with an RL010
  // note, whether named or found by a walk; strict makes it an RL004 error
  // (`check --strict`; simulate and diff, which need their files to be IAM).
  void setStrict(bool strict) { strict_ = strict; }
  // Threads that read one large JSON text (json::readSplit: an account dump's roles
  // in parallel); the driver gives them when there are fewer files than threads.
  void setReadThreads(unsigned threads) { readThreads_ = threads; }

  // Parses an in-memory text as if it were a file (tests, stdin).
  LoadedFile loadText(std::string displayPath, std::string text, const std::filesystem::path& boundary,
                      const std::filesystem::path& directory);

  // Resolves a document given by `v` inside `file`: an object is used in place;
  // a string is parsed as JSON (URL-decoded first when it is URL-encoded) with
  // positions mapped back into the file; "file://rel/path.json" is read relative
  // to the file's directory and must stay inside its boundary. Problems go to `out`.
  std::optional<Resolved> resolveDocument(const LoadedFile& file, const std::shared_ptr<const Tree>& tree,
                                          const json::Value& v, std::vector<Problem>& out);
  // Reads a policy file named by configuration (e.g. the config's "policies" map).
  // An Error when it cannot be read or is not a JSON object.
  core::Result<Resolved> loadPolicyFile(const std::filesystem::path& path);

  // Canonical paths of every file read through file:// or loadPolicyFile, so a
  // directory walk does not lint them a second time as standalone policies.
  std::vector<std::filesystem::path> referencedFiles() const;

 private:
  std::mutex mu_;
  std::map<std::filesystem::path, std::shared_ptr<const Tree>> fileCache_;
  std::optional<Format> forced_;
  bool strict_ = false;
  unsigned readThreads_ = 1;
};

// Parses `inner` (decoded text of a JSON string value whose raw bytes are
// source->text[rawBegin, rawEnd)) with positions mapped into the source.
std::shared_ptr<const Tree> parseEmbedded(const std::shared_ptr<const Source>& source, const json::Value& str);

// Location of a value of `tree`, with a JSON pointer relative to `root`.
core::Location locate(const Tree& tree, const json::Value& v, const json::Value* root);
// Location of the key of the member that holds `v` (or of `v` itself for array elements).
core::Location locateKey(const Tree& tree, const json::Value& v, const json::Value* root);

// Lists *.json, and *.yaml/*.yml files that look like CloudFormation templates,
// under `dir` recursively in a deterministic (byte-wise sorted) order, skipping
// hidden directories and .rolelint.json.
std::vector<std::string> walkJson(const std::string& dir);

}  // namespace rolelint::input
