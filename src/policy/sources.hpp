#pragma once
// Where profile files come from: the policy/*.toml files embedded at build time, and,
// when the environment variable YOUJUN_POLICY_DIR names a directory, the *.toml files in it
// (a file there replaces the embedded profile of the same name; new names are added).
#include <string>
#include <vector>

#include "core/result.hpp"

namespace youjun::policy {

inline constexpr const char* kPolicyDirEnv = "YOUJUN_POLICY_DIR";

struct PolicySource {
  std::string name;     // profile name = file name without ".toml"
  std::string file;     // shown in messages: "policy/national.toml" or "<dir>/x.toml"
  std::string content;  // TOML text
  bool from_dir = false;
};

// One problem found in a profile; printed as "FILE:KEY: message".
struct Problem {
  std::string file;
  std::string key;  // dotted rule key, "profile.base", or "行:列" for syntax errors
  std::string message;
  std::string to_string() const { return file + ":" + key + ": " + message; }
};

// All profile sources sorted by name. Fails when YOUJUN_POLICY_DIR is set but cannot be read.
Result<std::vector<PolicySource>> policy_sources();

}  // namespace youjun::policy
