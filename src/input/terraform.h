// Terraform source (.tf) read directly: a module (a directory of .tf files) is
// evaluated as far as IAM needs (see docs/inputs.md, "Terraform source") and
// turned into a synthetic Terraform-plan-shaped tree that the plan builder
// (src/model/terraform_builder.cpp) reads like `terraform show -json` output.
//
// Positions: the files of a module (its .tf files, .tfvars files, child
// modules, files read by file()/templatefile()) are parts of one composite
// Source (Source::parts); every value of the tree keeps the position where it is
// *written* (a variable default, a tfvars value, a local, a template file), and
// input::locate names the part's file.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "input/input.h"

namespace rolelint::input {

// Problem codes of Terraform source (aliases of input::ProblemCode values).
inline constexpr ProblemCode kTerraformSyntax = ProblemCode::TerraformSyntax;  // RL011
inline constexpr ProblemCode kTerraformNote = ProblemCode::TerraformNote;  // RL012

// A composite source: the files of a module as parts of one text. Offsets of the
// composite text belong to the part that starts at or before them.
struct SourcePart {
  size_t base = 0;
  std::shared_ptr<const Source> source;
};
// Registers the parts of a composite source (thread-safe; kept for the run).
void registerParts(const Source* composite, std::vector<SourcePart> parts);
// The parts of `s` (empty for a plain source).
const std::vector<SourcePart>& partsOf(const Source& s);
// The file a composite offset is in (the source's own path for a plain source).
const std::string& pathAt(const Source& s, size_t offset);
// The position of a composite offset in its part's file (the offset stays the composite one).
core::Pos positionAt(const Source& s, size_t offset);
// The positions of a value's span (json::Value keeps offsets only): positionAt of each end.
core::Range rangeAt(const Source& s, json::Span span);

struct TerraformOptions {
  std::vector<std::string> varFiles;  // --var-file, applied after terraform.tfvars and *.auto.tfvars
};

// Run-wide Terraform settings and results (the Loader reads them; kept out of
// its class so that input.h stays as it is):
// -var-file files, applied to every root module after its tfvars;
void setVarFiles(std::vector<std::string> files);
std::vector<std::string> varFiles();
// canonical paths of the files modules read through file()/templatefile(), so a
// directory walk does not lint them again (Loader::referencedFiles includes them).
void addReferenced(const std::vector<std::filesystem::path>& files);
std::vector<std::filesystem::path> referencedByModules();

// Whether `dir` holds at least one .tf file.
bool isTerraformModuleDir(const std::filesystem::path& dir);
// The local child modules `dir`'s .tf files call (module blocks whose source is a
// plain "./…" or "../…" string), as normalised paths: a directory walk reads them
// through their caller, with its arguments, not again on their own.
std::vector<std::filesystem::path> localModuleDirs(const std::filesystem::path& dir);

// Reads and evaluates the module in `dir` (display path `display`). Files read
// through file()/templatefile() are added to `referenced` (canonical paths).
LoadedFile loadTerraformModule(const std::string& display, const std::filesystem::path& boundary,
                               const TerraformOptions& options, std::vector<std::filesystem::path>& referenced);

}  // namespace rolelint::input
