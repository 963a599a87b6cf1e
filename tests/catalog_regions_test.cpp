// rules/catalog/regions.txt and its loader (src/analysis/regions):
// the embedded file parses, its facts hold, malformed texts are refused.
#include <catch2/catch.hpp>
#include <string>

#include "analysis/regions.h"

using rolelint::analysis::lookup::embeddedRegions;
using rolelint::analysis::lookup::RegionData;

TEST_CASE("regions: the embedded partitions data parses and classifies Regions", "[catalog]") {
  const RegionData* data = embeddedRegions();
  REQUIRE(data != nullptr);
  CHECK(data->source() == "@aws-sdk/core");
  const auto* aws = data->find("aws");
  const auto* cn = data->find("aws-cn");
  const auto* gov = data->find("aws-us-gov");
  REQUIRE(aws != nullptr);
  REQUIRE(cn != nullptr);
  REQUIRE(gov != nullptr);
  CHECK(aws->knows("us-east-1"));
  CHECK(!aws->knows("aws-global"));  // the SDK's endpoint pseudo-region is left out
  CHECK(aws->fits("us-west-9"));     // future Regions fit the pattern
  CHECK(!aws->fits("cn-north-1"));
  CHECK(!aws->fits("us-gov-west-1"));
  CHECK(!aws->fits("us-east-1a"));
  CHECK(!aws->fits("US-EAST-1"));
  CHECK(cn->fits("cn-north-1"));
  CHECK(gov->fits("us-gov-west-1"));
  CHECK(data->owner("cn-north-1") == cn);
  CHECK(data->owner("us-gov-east-1") == gov);
  CHECK(data->owner("global") == nullptr);
  // Only known Regions count for RL217 and RL162: a code of the right shape is no Region.
  CHECK(data->knownOwner("us-east-1") == aws);
  CHECK(data->knownOwner("cn-north-1") == cn);
  CHECK(data->knownOwner("us-east-7") == nullptr);
  CHECK(data->knownOwner("us-west-9") == nullptr);
  CHECK(data->nearest("eu-westt-1") == "eu-west-1");
  CHECK(data->nearest("us-east-7") == "us-east-1");
  CHECK(data->nearest("xx-nowhere-9").empty());
}

TEST_CASE("regions: malformed texts are refused with the line", "[catalog]") {
  const std::string ok = "rolelint-regions\t1\ndata\tpkg\t1.0\nN\t2\naws\t^us\\-\\w+\\-\\d+$\tus-east-1,us-west-2\n"
                         "aws-cn\t^cn\\-\\w+\\-\\d+$\tcn-north-1\n";
  REQUIRE(RegionData::parse(ok).ok());
  const std::pair<std::string, std::string> bad[] = {
      {"", "line 1"},
      {"rolelint-regions\t2\n", "line 1"},
      {"rolelint-regions\t1\ndata\tpkg\n", "line 2"},
      {"rolelint-regions\t1\ndata\tpkg\t1.0\nN\t3\naws\t^a$\tus-east-1\n", "line 3"},
      {"rolelint-regions\t1\ndata\tpkg\t1.0\nN\t1\naws\t^(a$\tus-east-1\n", "does not compile"},
      {"rolelint-regions\t1\ndata\tpkg\t1.0\nN\t1\naws\t^a$\tus-west-2,us-east-1\n", "unsorted"},
      {"rolelint-regions\t1\ndata\tpkg\t1.0\nN\t2\naws-cn\t^a$\tx\naws\t^a$\ty\n", "not sorted"},
      {ok.substr(0, ok.size() - 1), "newline"},
  };
  for (const auto& [text, message] : bad) {
    INFO(text);
    const auto parsed = RegionData::parse(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message.find(message) != std::string::npos);
  }
}
