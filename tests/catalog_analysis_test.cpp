// Unit tests of the analysis helpers the catalog rules use: action sets over
// the catalog's action numbering and ARN template matching.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include "analysis/action_set.h"
#include "analysis/arn_template.h"
#include "catalog/catalog.h"

namespace {

using rolelint::analysis::ActionSet;
using rolelint::analysis::arnMatchesTemplate;
using rolelint::analysis::splitArn;
using rolelint::catalog::Catalog;
using rolelint::catalog::Service;

const Catalog& analysisCatalog() {
  static const std::string text = [] {
    std::ifstream in(std::string(ROLELINT_SOURCE_DIR) + "/rules/catalog/iam-catalog.txt", std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }();
  static const Catalog catalog = [] {
    auto c = Catalog::parse(text);
    if (!c) throw std::runtime_error(c.error().message);
    return std::move(*c);
  }();
  return catalog;
}

// A small deterministic random source for the set tests (a linear congruential generator).
struct Lcg {
  std::uint64_t seed;
  std::uint32_t operator()() {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(seed >> 33);
  }
};

}  // namespace

TEST_CASE("action set: patterns, union, intersection, subset", "[analysis]") {
  const Catalog& c = analysisCatalog();
  const ActionSet get = ActionSet::fromPattern(c, "s3:Get*");
  const ActionSet all = ActionSet::fromPattern(c, "s3:*");
  const ActionSet one = ActionSet::fromPattern(c, "S3:getobject");
  CHECK(one.knownCount() == 1);
  CHECK(one.containsName("s3:GetObject"));
  CHECK(get.knownCount() > 10);
  CHECK(one.isSubsetOf(get));
  CHECK(get.isSubsetOf(all));
  CHECK_FALSE(all.isSubsetOf(get));
  CHECK_FALSE(get.containsName("s3:PutObject"));

  ActionSet both = ActionSet::fromPattern(c, "s3:Get*");
  both.intersect(ActionSet::fromPattern(c, "s3:*Object"));
  CHECK(both.containsName("s3:GetObject"));
  CHECK_FALSE(both.containsName("s3:PutObject"));
  CHECK_FALSE(both.containsName("s3:GetBucketPolicy"));

  ActionSet u = ActionSet::fromPatterns(c, {"sqs:SendMessage", "sqs:ReceiveMessage"});
  CHECK(u.knownCount() == 2);
  u.unite(one);
  CHECK(u.knownCount() == 3);
  u.subtract(ActionSet::fromPattern(c, "sqs:*"));
  CHECK(u.knownCount() == 1);
  CHECK(u.refs().size() == 1);
  CHECK(c.actionName(u.refs()[0]) == "s3:GetObject");

  const ActionSet star = ActionSet::fromPattern(c, "*");
  CHECK(star.knownCount() == c.actionCount());
  CHECK(all.isSubsetOf(star));
  CHECK(ActionSet::fromPattern(c, "*:Get*").containsName("s3:GetObject"));

  // Walking the refs in order, as far as the caller wants.
  const ActionSet sqs = ActionSet::fromPattern(c, "sqs:*"), empty(c);
  for (const ActionSet* start : {&empty, &one, &sqs}) {
    ActionSet atOnce = *start;
    for (const ActionSet* o : {&sqs, &empty, &get, &one}) atOnce.uniteKnown(*o);
    std::vector<rolelint::catalog::ActionRef> walked;
    atOnce.forEachRef([&](rolelint::catalog::ActionRef r) {
      walked.push_back(r);
      return walked.size() < 5;
    });
    const auto all = atOnce.refs();
    REQUIRE(all.size() >= 5);
    CHECK(walked == std::vector<rolelint::catalog::ActionRef>(all.begin(), all.begin() + 5));
  }
}

TEST_CASE("action set: unknown literal actions are kept aside", "[analysis]") {
  const Catalog& c = analysisCatalog();
  const ActionSet unknown = ActionSet::fromPattern(c, "s3:GetBrandNewThing");
  CHECK(unknown.knownCount() == 0);
  CHECK_FALSE(unknown.empty());
  REQUIRE(unknown.unknownActions().size() == 1);
  CHECK(unknown.unknownActions()[0] == "s3:getbrandnewthing");
  CHECK(unknown.isSubsetOf(ActionSet::fromPattern(c, "s3:Get*")));
  CHECK(unknown.isSubsetOf(ActionSet::fromPattern(c, "S3:GETBRANDNEWTHING")));
  CHECK_FALSE(unknown.isSubsetOf(ActionSet::fromPattern(c, "s3:Put*")));
  CHECK(ActionSet::fromPattern(c, "newsvc:Get*").empty());
}

TEST_CASE("action set: intersection equals a copy intersected in place", "[analysis]") {
  const Catalog& c = analysisCatalog();
  const std::vector<std::vector<std::string>> patterns = {
      {"s3:Get*", "sqs:*"},  {"s3:*Object", "s3:GetBrandNewThing"}, {"*"}, {"sqs:SendMessage"},
      {"s3:GetBrandNewThing", "s3:Get*"}, {}, {"iam:*", "s3:ListBucket"}, {"*:Get*"}};
  for (const auto& pa : patterns)
    for (const auto& pb : patterns) {
      INFO(pa.size() << " x " << pb.size());
      const ActionSet a = ActionSet::fromPatterns(c, pa), b = ActionSet::fromPatterns(c, pb);
      ActionSet inPlace = a;
      inPlace.intersect(b);
      const ActionSet made = ActionSet::intersection(a, b);
      CHECK(made.refs() == inPlace.refs());
      CHECK(made.unknownActions() == inPlace.unknownActions());
      CHECK(made.patterns() == inPlace.patterns());
      CHECK(made.firstRef() == inPlace.firstRef());
      CHECK(made.knownCount() == inPlace.knownCount());
      CHECK(made.isSubsetOf(inPlace));
      CHECK(inPlace.isSubsetOf(made));
    }
}

TEST_CASE("action set: unionKnown equals uniting set by set", "[analysis]") {
  // Random sets whose word ranges nest, overlap, lie apart or are empty, united three
  // to six at a time, with empty sets among them; and the catalog-wide "*".
  const Catalog& c = analysisCatalog();
  const auto n = static_cast<std::uint32_t>(c.actionCount());
  Lcg next{777};
  for (int round = 0; round < 300; ++round) {
    std::vector<ActionSet> sets;
    const std::uint32_t k = 3 + next() % 4;
    for (std::uint32_t j = 0; j < k; ++j) {
      ActionSet s(c);
      const std::uint32_t from = next() % n, span = 1 + next() % 3000, count = (round + j) % 5 == 0 ? 0 : next() % 30;
      for (std::uint32_t i = 0; i < count; ++i) s.add(std::min(n - 1, from + next() % span));
      sets.push_back(std::move(s));
    }
    if (round % 50 == 0) sets.push_back(ActionSet::fromPattern(c, "*"));
    if (round % 9 == 0) sets.push_back(ActionSet::fromPattern(c, "s3:GetBrandNewThing"));  // an unknown literal only
    std::vector<const ActionSet*> ptrs;
    ActionSet oneByOne(c);
    for (const ActionSet& s : sets) {
      ptrs.push_back(&s);
      oneByOne.uniteKnown(s);
    }
    const ActionSet united = ActionSet::unionKnown(c, ptrs.data(), ptrs.size());
    INFO("round " << round);
    CHECK(united.refs() == oneByOne.refs());
    CHECK(united.knownCount() == oneByOne.knownCount());
    CHECK(united.firstRef() == oneByOne.firstRef());
    CHECK(united.unknownActions().empty());
    CHECK(united.patterns().empty());
    CHECK(united.empty() == oneByOne.empty());
  }
  CHECK(ActionSet::unionKnown(c, nullptr, 0).empty());
}

TEST_CASE("action set: access levels", "[analysis]") {
  const Catalog& c = analysisCatalog();
  using rolelint::catalog::AccessLevel;
  CHECK(rolelint::analysis::accessLevelOf(c, c.findAction("s3:GetObject")->ref) == AccessLevel::Read);
  CHECK(rolelint::analysis::accessLevelOf(c, c.findAction("s3:ListAllMyBuckets")->ref) == AccessLevel::List);
  CHECK(rolelint::analysis::actionGlobMatch("s3:?et*", "S3:GetObject"));
  CHECK_FALSE(rolelint::analysis::actionGlobMatch("s3:?et", "s3:GetObject"));
}

TEST_CASE("arn template: split and match", "[analysis]") {
  const auto parts = splitArn("arn:aws:lambda:us-east-1:111122223333:function:fn:prod");
  REQUIRE(parts.has_value());
  CHECK(parts->service == "lambda");
  CHECK(parts->region == "us-east-1");
  CHECK(parts->account == "111122223333");
  CHECK(parts->resource == "function:fn:prod");
  CHECK_FALSE(splitArn("arn:aws:s3").has_value());
  CHECK_FALSE(splitArn("*").has_value());

  const std::string_view bucket = "arn:${Partition}:s3:::${BucketName}";
  const std::string_view object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  CHECK(arnMatchesTemplate("arn:aws:s3:::media-in", bucket));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:s3:::media-in/*", bucket));
  CHECK(arnMatchesTemplate("arn:aws:s3:::media-in/*", object));
  CHECK(arnMatchesTemplate("arn:aws:s3:::media-in/a/b/c.mp4", object));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:s3:::media-in", object));
  CHECK(arnMatchesTemplate("arn:aws:s3:::*", bucket));
  CHECK(arnMatchesTemplate("arn:aws:s3:::*", object));  // `*` spans `/`
  CHECK(arnMatchesTemplate("arn:aws:s3:::media-??", bucket));
  CHECK(arnMatchesTemplate("*", bucket));
  CHECK(arnMatchesTemplate("arn:*:s3:::media-in", bucket));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:s3:us-east-1::media-in", bucket));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:s3::111122223333:media-in", bucket));
  CHECK(arnMatchesTemplate("arn:aws:s3:::${aws:username}-home", bucket));

  const std::string_view role = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
  CHECK(arnMatchesTemplate("arn:aws:iam::111122223333:role/service/media", role));
  CHECK(arnMatchesTemplate("arn:aws:iam::*:role/*", role));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:iam::111122223333:user/alice", role));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:iam:us-east-1:111122223333:role/x", role));

  const std::string_view stream =
      "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
  CHECK(arnMatchesTemplate("arn:aws:logs:us-east-1:111122223333:log-group:/aws/mediaconvert:*", stream));
  CHECK(arnMatchesTemplate("arn:aws:logs:us-east-1:111122223333:log-group:/aws/mc:log-stream:job-1", stream));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:logs:us-east-1:111122223333:log-group:/aws/mc", stream));

  const std::string_view queue = "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}";
  CHECK(arnMatchesTemplate("arn:aws:sqs:us-east-1:111122223333:jobs", queue));
  CHECK(arnMatchesTemplate("arn:aws:sqs:*:*:*", queue));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:sqs:::jobs", queue));
  CHECK_FALSE(arnMatchesTemplate("arn:aws:sns:us-east-1:111122223333:jobs", queue));
}

TEST_CASE("action set: intersection, difference and subset agree with std::set on random sets", "[analysis]") {
  // Sets whose stored word ranges overlap partly, nest, touch or are disjoint.
  const Catalog& c = analysisCatalog();
  const auto n = static_cast<std::uint32_t>(c.actionCount());
  Lcg next{12345};
  auto randomSet = [&](std::set<std::uint32_t>& ref) {
    ActionSet s(c);
    const std::uint32_t from = next() % n, span = 1 + next() % 2000, count = next() % 40;
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::uint32_t r = std::min(n - 1, from + next() % span);
      s.add(r);
      ref.insert(r);
    }
    return s;
  };
  auto asSet = [](const ActionSet& s) {
    const auto v = s.refs();
    return std::set<std::uint32_t>(v.begin(), v.end());
  };
  for (int round = 0; round < 500; ++round) {
    std::set<std::uint32_t> ra, rb;
    const ActionSet a = randomSet(ra), b = round % 7 == 0 ? a : randomSet(rb);
    if (round % 7 == 0) rb = ra;
    std::set<std::uint32_t> inter, diff;
    std::set_intersection(ra.begin(), ra.end(), rb.begin(), rb.end(), std::inserter(inter, inter.end()));
    std::set_difference(ra.begin(), ra.end(), rb.begin(), rb.end(), std::inserter(diff, diff.end()));
    ActionSet i = a;
    i.intersect(b);
    ActionSet d = a;
    d.subtract(b);
    INFO("round " << round);
    CHECK(asSet(i) == inter);
    CHECK(asSet(d) == diff);
    CHECK(i.knownCount() == inter.size());
    CHECK(a.isSubsetOf(b) == std::includes(rb.begin(), rb.end(), ra.begin(), ra.end()));
    CHECK(i.isSubsetOf(a));
    CHECK(i.isSubsetOf(b));
    CHECK(a.intersectsKnown(b) == !inter.empty());
    // A range of numbers, as a service's actions are: word edges, single numbers, empty.
    const std::uint32_t first = round % 5 == 0 && !ra.empty() ? *ra.begin() : next() % n;
    const std::uint32_t count = round % 11 == 0 ? 0 : std::min(n - first, 1 + next() % 300);
    const auto hit = ra.lower_bound(first);
    CHECK(a.intersectsRange(first, count) == (hit != ra.end() && *hit < first + count));
  }
}

TEST_CASE("action set: holdsAllKnown is knownCount() == actionCount()", "[analysis]") {
  const Catalog& c = analysisCatalog();
  ActionSet all = ActionSet::all(c);
  CHECK(all.holdsAllKnown());
  CHECK(all.knownCount() == c.actionCount());
  for (const std::uint32_t gone : {0u, 63u, 64u, static_cast<std::uint32_t>(c.actionCount() - 1)}) {
    ActionSet less = all;
    ActionSet one(c);
    one.add(gone);
    less.subtract(one);
    INFO("without " << gone);
    CHECK_FALSE(less.holdsAllKnown());
    CHECK(less.knownCount() + 1 == c.actionCount());
  }
  CHECK_FALSE(ActionSet(c).holdsAllKnown());
  CHECK_FALSE(ActionSet::fromPattern(c, "s3:*").holdsAllKnown());
}

TEST_CASE("catalog: a service's action range comes from the index and matches its actions", "[analysis]") {
  const Catalog& c = analysisCatalog();
  const auto iam = c.serviceActions("IAM");
  REQUIRE(iam);
  const Service* svc = c.findService("iam");
  REQUIRE(svc != nullptr);
  CHECK(iam->first == svc->firstAction());
  CHECK(iam->count == svc->actions().size());
  CHECK(c.servicePrefixOf(iam->first) == "iam");
  CHECK(c.servicePrefixOf(iam->first + iam->count - 1) == "iam");
  CHECK(c.servicePrefixOf(iam->first + iam->count) != "iam");
  CHECK_FALSE(c.serviceActions("no-such-service"));
}
