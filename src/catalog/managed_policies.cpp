// AWS managed policies: the embedded index and documents, parsed on first use.
#include "catalog/catalog.h"

#include <atomic>
#include <mutex>

#include "catalog/text_format.h"
#include "core/text.h"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <utility>

namespace rolelint::catalog {

using namespace internal;

// ---- ManagedPolicies ----------------------------------------------------------------

namespace {

struct PolicyEntry {
  std::string_view arn;
  std::string_view versionId;
  std::string_view document;
};

}  // namespace

struct ManagedPolicies::Impl {
  std::string_view source;
  std::string_view version;
  std::size_t count = 0;
  std::string_view indexText;
  std::string_view body;
  std::once_flag once;
  bool indexOk = false;
  std::vector<PolicyEntry> entries;
  std::string error;

  void parseIndex() {
    LineReader reader(indexText);
    std::string_view line;
    std::string_view f[4];
    entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t offset = 0;
      std::uint64_t length = 0;
      if (!reader.next(line) || splitFields(line, '\t', f, 4) != 4 || f[0].empty() || f[1].empty() ||
          !parseUnsigned(f[2], offset) || !parseUnsigned(f[3], length)) {
        error = "managed policies: bad index line " + std::to_string(i + 1);
        return;
      }
      if (!entries.empty() && entries.back().arn >= f[0]) {
        error = "managed policies: index not sorted at line " + std::to_string(i + 1);
        return;
      }
      // Each document is followed by '\n' in the body.
      if (length == 0 || offset >= body.size() || length >= body.size() - offset || body[offset + length] != '\n') {
        error = "managed policies: bad document offset for " + std::string(f[0]);
        return;
      }
      entries.push_back({f[0], f[1], body.substr(offset, length)});
    }
    if (!reader.atEnd()) {
      error = "managed policies: index has more lines than its count";
      entries.clear();
      return;
    }
    indexOk = true;
  }
};

ManagedPolicies::ManagedPolicies(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ManagedPolicies::ManagedPolicies(ManagedPolicies&&) noexcept = default;
ManagedPolicies& ManagedPolicies::operator=(ManagedPolicies&&) noexcept = default;
ManagedPolicies::~ManagedPolicies() = default;

core::Result<ManagedPolicies> ManagedPolicies::parse(std::string_view text) {
  auto impl = std::make_unique<Impl>();
  LineReader reader(text);
  std::string_view line;
  std::string_view f[3];
  auto fail = [&](std::string_view what) -> core::Error {
    return core::Error{"managed policies: " + std::string(what)};
  };
  if (!reader.next(line) || splitFields(line, '\t', f, 2) != 2 || f[0] != kPoliciesMagic) {
    return fail("not a rolelint managed-policies file (bad magic line)");
  }
  if (f[1] != kFormatVersion) return fail("unsupported format version " + std::string(f[1]));
  if (!reader.next(line) || splitFields(line, '\t', f, 3) != 3 || f[0] != "data" || f[1].empty() || f[2].empty()) {
    return fail("bad 'data' line");
  }
  impl->source = f[1];
  impl->version = f[2];
  std::uint64_t indexBytes = 0;
  if (!reader.next(line) || splitFields(line, '\t', f, 3) != 3 || f[0] != "I" ||
      !parseUnsigned(f[1], impl->count) || !parseUnsigned(f[2], indexBytes)) {
    return fail("bad 'I' line");
  }
  const std::size_t indexStart = reader.position();
  if (indexBytes > text.size() - indexStart || impl->count > indexBytes ||
      (indexBytes > 0 && text[indexStart + indexBytes - 1] != '\n')) {
    return fail("index out of bounds (truncated file?)");
  }
  impl->indexText = text.substr(indexStart, indexBytes);
  LineReader tail(text.substr(indexStart + indexBytes));
  std::uint64_t bodyLength = 0;
  if (!tail.next(line) || splitFields(line, '\t', f, 2) != 2 || f[0] != "B" || !parseUnsigned(f[1], bodyLength)) {
    return fail("bad 'B' line (truncated file?)");
  }
  impl->body = text.substr(indexStart + indexBytes + tail.position());
  if (impl->body.size() != bodyLength) {
    return fail("body is " + std::to_string(impl->body.size()) + " bytes, header says " + std::to_string(bodyLength) +
                " (truncated or altered file)");
  }
  return ManagedPolicies(std::move(impl));
}

const ManagedPolicies::Impl* ManagedPolicies::loadedIndex() const {
  std::call_once(impl_->once, [this] { impl_->parseIndex(); });
  return impl_->indexOk ? impl_.get() : nullptr;
}

core::Status ManagedPolicies::loadIndex() const {
  if (loadedIndex() != nullptr) return core::Ok{};
  return core::Error{impl_->error};
}

std::string_view ManagedPolicies::version() const { return impl_->version; }
std::string_view ManagedPolicies::source() const { return impl_->source; }
std::size_t ManagedPolicies::size() const { return impl_->count; }

std::string ManagedPolicies::normalizeArn(std::string_view arn) {
  // Partitions: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, … (ARN format,
  // IAM User Guide "IAM identifiers"); AWS managed policies live under
  // account "aws" in each partition.
  constexpr std::string_view kArn = "arn:";
  constexpr std::string_view kRest = ":iam::aws:policy/";
  if (arn.substr(0, kArn.size()) != kArn) return std::string(arn);
  const std::size_t end = arn.find(':', kArn.size());
  if (end == std::string_view::npos) return std::string(arn);
  const std::string_view partition = arn.substr(kArn.size(), end - kArn.size());
  const bool awsPartition =
      partition == "aws" ||
      (partition.size() > 4 && partition.substr(0, 4) == "aws-" &&
       std::all_of(partition.begin() + 4, partition.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; }));
  if (!awsPartition || arn.substr(end, kRest.size()) != kRest) return std::string(arn);
  return "arn:aws" + std::string(arn.substr(end));
}

std::optional<ManagedPolicy> ManagedPolicies::find(std::string_view arn) const {
  const Impl* impl = loadedIndex();
  if (impl == nullptr) return std::nullopt;
  const std::string normalized = normalizeArn(arn);
  const auto it = std::lower_bound(impl->entries.begin(), impl->entries.end(), std::string_view(normalized),
                                   [](const PolicyEntry& e, std::string_view a) { return e.arn < a; });
  if (it == impl->entries.end() || it->arn != normalized) return std::nullopt;
  return ManagedPolicy{it->arn, it->versionId, it->document};
}

std::optional<std::string_view> ManagedPolicies::findDocument(std::string_view arn) const {
  const auto policy = find(arn);
  return policy ? std::optional<std::string_view>(policy->document) : std::nullopt;
}

std::optional<std::string_view> ManagedPolicies::findVersionId(std::string_view arn) const {
  const auto policy = find(arn);
  return policy ? std::optional<std::string_view>(policy->versionId) : std::nullopt;
}

std::optional<ManagedPolicy> ManagedPolicies::at(std::size_t index) const {
  const Impl* impl = loadedIndex();
  if (impl == nullptr || index >= impl->entries.size()) return std::nullopt;
  const PolicyEntry& e = impl->entries[index];
  return ManagedPolicy{e.arn, e.versionId, e.document};
}

}  // namespace rolelint::catalog