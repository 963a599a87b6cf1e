// Terraform source (.tf) read directly: each module folder of testdata/terraform/
// is linted with every rule and the text output must equal its expected.txt
// (ROLELINT_UPDATE_GOLDEN=1 writes them); the plan path and the source path
// agree on one module; a .tf file named on the command line stands for its module.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "support.h"

namespace fs = std::filesystem;
using rolelint::test::readFile;
using rolelint::test::runRolelint;

TEST_CASE("terraform source: every module case gives its expected located findings", "[terraform][golden]") {
  const bool update = std::getenv("ROLELINT_UPDATE_GOLDEN") != nullptr;
  const fs::path dir = fs::path(rolelint::test::sourceDir()) / "testdata" / "terraform";
  std::vector<std::string> cases;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory()) cases.push_back(e.path().filename().string());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 7);
  for (const std::string& c : cases) {
    DYNAMIC_SECTION(c) {
      const std::string rel = "testdata/terraform/" + c;
      const auto run = runRolelint({"check", "--no-config", "--color", "never", rel});
      const std::string expected = rolelint::test::sourceDir() + "/" + rel + "/expected.txt";
      if (update) {
        rolelint::test::writeFile(expected, run.out);
      } else {
        CHECK(run.out == readFile(expected));
      }
    }
  }
}

namespace {
std::set<std::tuple<std::string, std::string, std::string>> findings(const std::string& out) {
  std::set<std::tuple<std::string, std::string, std::string>> s;
  const auto j = nlohmann::json::parse(out);
  for (const auto& d : j.at("diagnostics")) {
    if (d.at("rule").get<std::string>().rfind("RL0", 0) == 0) continue;  // input notes differ by nature
    s.emplace(d.at("rule").get<std::string>(), d.at("role").get<std::string>(), d.at("message").get<std::string>());
  }
  return s;
}
}  // namespace

TEST_CASE("terraform source: the plan and the source of one module give the same findings", "[terraform]") {
  const auto source = runRolelint({"check", "--no-config", "--format", "json", "testdata/terraform/jsonencode-locals"});
  const auto plan = runRolelint({"check", "--no-config", "--format", "json", "testdata/terraform-plans/jsonencode-locals.json"});
  const auto a = findings(source.out), b = findings(plan.out);
  CHECK(!a.empty());
  CHECK(a == b);
  bool passRole = false;
  for (const auto& f : a) passRole = passRole || std::get<0>(f) == "RL156";
  CHECK(passRole);
}

TEST_CASE("terraform source: a .tf file named stands for its module, read once", "[terraform]") {
  const auto one = runRolelint({"check", "--no-config", "--color", "never", "testdata/terraform/jsonencode-locals"});
  const auto files = runRolelint({"check", "--no-config", "--color", "never",
                                  "testdata/terraform/jsonencode-locals/main.tf",
                                  "testdata/terraform/jsonencode-locals/variables.tf"});
  CHECK(files.out == one.out);
}

TEST_CASE("terraform source: --var-file wins over tfvars", "[terraform]") {
  const std::string dir = rolelint::test::tempDir("tf-varfile");
  rolelint::test::writeFile(dir + "/main.tf",
                            "variable \"action\" {\n  default = \"s3:GetObject\"\n}\n"
                            "resource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n  policy = jsonencode({\n"
                            "    Version = \"2012-10-17\"\n"
                            "    Statement = [{ Effect = \"Allow\", Action = var.action, Resource = \"*\" }]\n  })\n}\n");
  rolelint::test::writeFile(dir + "/terraform.tfvars", "action = \"s3:GetObjectt\"\n");
  rolelint::test::writeFile(dir + "/prod.tfvars", "action = \"s3:GetObjecttt\"\n");
  const auto plain = runRolelint({"check", "--no-config", "--select", "RL202", "--color", "never", "."}, dir);
  CHECK(plain.out.find("terraform.tfvars:1:10") != std::string::npos);
  const auto withFile = runRolelint(
      {"check", "--no-config", "--select", "RL202", "--color", "never", "--var-file", dir + "/prod.tfvars", "."}, dir);
  CHECK(withFile.out.find("s3:GetObjecttt") != std::string::npos);
  CHECK(withFile.out.find("prod.tfvars:1:10") != std::string::npos);
}

TEST_CASE("terraform source: hostile .tf files give located errors and the run goes on", "[terraform]") {
  const std::string dir = rolelint::test::tempDir("tf-hostile");
  std::string deep = "a = ";
  for (int i = 0; i < 200000; ++i) deep += "[";
  rolelint::test::writeFile(dir + "/deep.tf", deep);
  rolelint::test::writeFile(dir + "/heredoc.tf", "b = <<EOT\nnever closed\n");
  rolelint::test::writeFile(dir + "/utf8.tf", "c = \"\xC3\x28\"\n");
  rolelint::test::writeFile(dir + "/ok.tf",
                            "resource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n  policy = jsonencode({\n"
                            "    Version = \"2012-10-17\"\n"
                            "    Statement = [{ Effect = \"Allow\", Action = \"s3:GetObjekt\", Resource = \"*\" }]\n  })\n}\n");
  const auto run = runRolelint({"check", "--no-config", "--color", "never", "."}, dir);
  CHECK(run.out.find("deep.tf:1:") != std::string::npos);
  CHECK(run.out.find("[RL008 ") != std::string::npos);
  CHECK(run.out.find("heredoc.tf:1:5: error: unterminated heredoc") != std::string::npos);
  CHECK(run.out.find("utf8.tf:1:6: error: invalid UTF-8") != std::string::npos);
  CHECK(run.out.find("ok.tf:5:47") != std::string::npos);  // the finding of the good file
}

TEST_CASE("terraform source: the MediaConvert example is clean and can do what its JSON twin can", "[terraform]") {
  const auto check = runRolelint({"check", "--no-config", "--fail-on", "note", "examples/mediaconvert-terraform-source"});
  INFO(check.out << check.err);
  CHECK(check.exitCode == 0);
  const auto tf = nlohmann::json::parse(
      runRolelint({"effective", "--format", "json", "examples/mediaconvert-terraform-source"}).out);
  const auto js = nlohmann::json::parse(runRolelint({"effective", "--format", "json", "examples/mediaconvert/role.json"}).out);
  REQUIRE(tf.size() == 1);
  REQUIRE(js.size() == 1);
  CHECK(tf[0]["role"] == js[0]["role"]);
  CHECK(tf[0]["services"] == js[0]["services"]);
  CHECK(tf[0]["services"].size() == 1);
}

TEST_CASE("terraform source: values that double and counts in the millions are bounded and said", "[terraform]") {
  // Locals that double sixty times (2^60 bytes) and count = 100000000 ran until killed:
  // a value past 4 MiB becomes an unknown (an RL012 note where it grows too large),
  // and only the first 10,000 instances of a resource are analysed (a note says so).
  const std::string dir = rolelint::test::tempDir("tf-bounded");
  std::string locals = "locals {\n  l0 = \"aaaaaaaaaa\"\n";
  for (int i = 1; i <= 60; ++i)
    locals += "  l" + std::to_string(i) + " = \"${local.l" + std::to_string(i - 1) + "}${local.l" +
              std::to_string(i - 1) + "}\"\n";
  locals += "}\n";
  const std::string trust =
      "  assume_role_policy = jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", "
      "Principal = { Service = \"ec2.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })\n}\n";
  rolelint::test::writeFile(dir + "/main.tf", locals +  // lines 1-63
                                                  "resource \"aws_iam_role\" \"big\" {\n  name = \"big\"\n"
                                                  "  description = local.l60\n" +
                                                  trust +  // lines 64-68
                                                  "resource \"aws_iam_role\" \"r\" {\n  count = 100000000\n"
                                                  "  name = \"r-${count.index}\"\n" +
                                                  trust);  // lines 69-
  const auto run = runRolelint({"check", "--no-config", "--format", "json", "."}, dir);
  INFO(run.err);
  REQUIRE(run.exitCode == 0);
  const auto j = nlohmann::json::parse(run.out);
  std::set<std::tuple<std::string, int, std::string>> found;
  for (const auto& d : j["diagnostics"])
    found.insert({d["rule"], d["line"], d["message"].get<std::string>().substr(0, 30)});
  INFO(j["diagnostics"].dump(1));
  // lN is on line N + 2; l17, 10 * 2^17 bytes with a 4-byte offset each, is the first past 4 MiB.
  CHECK(found.count({"RL012", 19, "a value here is larger than 4 "}) == 1);
  CHECK(found.count({"RL012", 69, "aws_iam_role.r: only the first"}) == 1);
  CHECK(found.size() == 2);  // no RL306 on the description's unknown parts
  CHECK(j["summary"]["roles"] == 10001);
}
