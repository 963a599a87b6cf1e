// Service profiles (rules/profiles/<service>.json, format in docs/profiles.md):
// what a role trusted by one AWS service must look like — its service
// principals, the trust actions, the ARN form aws:SourceArn takes, the
// capabilities the role needs and the AWS managed policies that are broader
// than needed. Profiles are data, embedded at build time; extra or overriding
// profiles can be read from the directory named by ROLELINT_PROFILES_DIR.
// A malformed profile is a located problem (rule RL413), never an exception.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/source.h"

namespace rolelint::analysis::trust {

struct Capability {
  std::string name;                  // "read job inputs from S3"
  std::vector<std::string> actions;  // each action is needed ("s3:GetObject")
  bool required = false;             // needed by every role of the service, not only for a feature
  std::string source;                // URL
};

struct BroadPolicy {
  std::string arn;      // "arn:aws:iam::aws:policy/AmazonS3FullAccess"
  std::string instead;  // what to use instead
  std::string source;
};

// One service profile. Copyable value type.
struct Profile {
  std::string file;                      // where it was read from
  std::string service;                   // "mediaconvert"
  std::string title;                     // "AWS Elemental MediaConvert"
  std::vector<std::string> principals;   // "mediaconvert.amazonaws.com"
  std::vector<std::string> trustActions; // "sts:AssumeRole"
  // ARN patterns aws:SourceArn must match; upper-case words (PARTITION, REGION,
  // ACCOUNT, NAME) are placeholders. Empty: the profile says nothing.
  std::vector<std::string> sourceArns;
  // Whether the service documents aws:SourceArn / aws:SourceAccount for its
  // role's trust policy (confused-deputy prevention).
  bool confusedDeputyKeys = true;
  std::vector<Capability> capabilities;
  std::vector<BroadPolicy> broadManagedPolicies;
};

struct ProfileProblem {
  std::string file;
  core::Range range;
  std::string message;
};

// Every profile and the curated list of known service principals.
struct ProfileSet {
  std::vector<Profile> profiles;
  std::vector<std::string> knownPrincipals;  // from every profile and rules/profiles/service-principals.json; sorted
  std::vector<ProfileProblem> problems;

  const Profile* forPrincipal(std::string_view principal) const;
  bool isKnownPrincipal(std::string_view principal) const;
};

// Parses one profile text (`file` is the name used in problems). Returns
// nullopt and appends located problems when the profile is malformed.
std::optional<Profile> parseProfile(const std::string& file, std::string_view text,
                                    std::vector<ProfileProblem>& problems);
// Parses the curated principal list (service-principals.json).
std::vector<std::string> parsePrincipalList(const std::string& file, std::string_view text,
                                            std::vector<ProfileProblem>& problems);

// The embedded profiles plus those in $ROLELINT_PROFILES_DIR (a profile there
// replaces an embedded one of the same service). Loaded once per process.
const ProfileSet& profiles();

}  // namespace rolelint::analysis::trust
