#include "analysis/regions.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>

#include "core/embedded.h"
#include "analysis/catalog_lookup.h"

namespace rolelint::analysis::lookup {
namespace {

constexpr std::string_view kMagic = "rolelint-regions";
constexpr std::string_view kFormatVersion = "1";

std::vector<std::string_view> splitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

core::Error fail(std::size_t line, const std::string& message) {
  return core::Error{"line " + std::to_string(line) + ": " + message};

}

}  // namespace

bool Partition::knows(std::string_view region) const {
  return std::binary_search(regions.begin(), regions.end(), region,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

bool Partition::fits(std::string_view region) const {
  return knows(region) || (re != nullptr && RE2::PartialMatch(region, *re));
}

core::Result<RegionData> RegionData::parse(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return fail(1, "the text must end with a newline");
  }
  std::vector<std::string_view> lines = splitOn(text.substr(0, text.size() - 1), '\n');
  RegionData out;
  auto header = [&](std::size_t i, std::string_view tag, std::size_t fields) -> std::vector<std::string_view> {
    if (i >= lines.size()) return {};
    auto f = splitOn(lines[i], '\t');
    if (f.size() != fields || f[0] != tag) return {};
    return f;
  };
  const auto magic = header(0, kMagic, 2);
  if (magic.empty() || magic[1] != kFormatVersion) {
    return fail(1, "expected `" + std::string(kMagic) + "\\t" + std::string(kFormatVersion) + "`");
  }
  const auto data = header(1, "data", 3);
  if (data.empty() || data[1].empty() || data[2].empty()) {
    return fail(2, "expected `data\\t<package>\\t<version>`");
  }
  out.source_ = std::string(data[1]);
  out.version_ = std::string(data[2]);
  const auto count = header(2, "N", 2);
  std::size_t n = 0;
  if (count.empty() ||
      std::from_chars(count[1].data(), count[1].data() + count[1].size(), n).ptr != count[1].data() + count[1].size() ||
      n == 0 || lines.size() != 3 + n) {
    return fail(3, "expected `N\\t<partitions>` followed by exactly that many partition lines");
  }
  for (std::size_t i = 3; i < lines.size(); ++i) {
    const auto f = splitOn(lines[i], '\t');
    if (f.size() != 3 || f[0].empty() || f[1].empty() || f[2].empty()) {
      return fail(i + 1, "expected `<partition>\\t<region pattern>\\t<region>,…`");
    }
    Partition p;
    p.id = std::string(f[0]);
    if (!out.partitions_.empty() && !(out.partitions_.back().id < p.id)) {
      return fail(i + 1, "partitions are not sorted or repeat `" + p.id + "`");
    }
    p.pattern = std::string(f[1]);
    RE2::Options o;
    o.set_log_errors(false);
    auto re = std::make_shared<RE2>(p.pattern, o);
    if (!re->ok()) {
      return fail(i + 1, "region pattern of `" + p.id + "` does not compile: " + re->error());
    }
    p.re = std::move(re);
    for (const std::string_view r : splitOn(f[2], ',')) {
      if (r.empty() || (!p.regions.empty() && !(p.regions.back() < r))) {
        return fail(i + 1, "Regions of `" + p.id + "` are empty, unsorted or repeated");
      }
      p.regions.emplace_back(r);
    }
    out.partitions_.push_back(std::move(p));
  }
  return out;
}

const Partition* RegionData::find(std::string_view id) const {
  for (const Partition& p : partitions_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Partition* RegionData::owner(std::string_view region) const {
  for (const Partition& p : partitions_) {
    if (p.knows(region)) return &p;
  }
  for (const Partition& p : partitions_) {
    if (p.re != nullptr && RE2::PartialMatch(region, *p.re)) return &p;
  }
  return nullptr;
}

const Partition* RegionData::knownOwner(std::string_view region) const {
  for (const Partition& p : partitions_) {
    if (p.knows(region)) return &p;
  }
  return nullptr;
}

namespace {
// The known Region of `regions` nearest to `region` within two edits, and its distance (3: none).
std::pair<std::string, std::size_t> nearestOf(const std::vector<std::string>& regions, std::string_view region,
                                              std::size_t bestDistance = 3) {
  std::string best;
  for (const std::string& known : regions) {
    const std::size_t d = editDistance(region, known);
    if (d < bestDistance) {
      bestDistance = d;
      best = known;
    }
  }
  return {best, bestDistance};
}
}  // namespace

std::string Partition::nearest(std::string_view region) const { return nearestOf(regions, region).first; }

std::string RegionData::nearest(std::string_view region) const {
  std::pair<std::string, std::size_t> best{std::string(), 3};
  for (const Partition& p : partitions_) {
    auto candidate = nearestOf(p.regions, region, best.second);
    if (!candidate.first.empty()) best = std::move(candidate);
  }
  return best.first;
}

const RegionData* embeddedRegions() {
  static const std::optional<RegionData> data = []() -> std::optional<RegionData> {
    const auto text = embedded::find("rules/catalog/regions.txt");
    if (!text) return std::nullopt;
    auto parsed = RegionData::parse(*text);
    if (!parsed) return std::nullopt;
    return std::move(*parsed);
  }();
  return data ? &*data : nullptr;
}

}  // namespace rolelint::analysis::lookup
