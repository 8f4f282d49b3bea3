#pragma once
// Parses one profile file (TOML) into its header and its own rules, checking the file on its
// own: syntax, [profile] header, rule tables (value + cite, known fields, value types).
// Checks that need the base profile (unknown keys, type mismatches) are in resolver.hpp.
#include <map>
#include <string>
#include <vector>

#include "policy/rule.hpp"
#include "policy/sources.hpp"

namespace youjun::policy {

struct ProfileFile {
  std::string name;   // [profile] name (= file name without .toml)
  std::string title;  // Chinese title
  std::string base;   // "" for a root profile such as national
  std::string note;
  std::string file;   // PolicySource::file
  bool parsed = false;                     // false when the TOML itself could not be read
  std::map<std::string, Rule> overrides;   // plain [a.b.c] tables: set or override a base key
  std::map<std::string, Rule> extensions;  // [extends.a.b.c] tables: keys the base does not have
};

// Problems are appended to `problems`; rules with a usable value are kept even when the file
// has other problems, so later checks can still run.
ProfileFile parse_profile_file(const PolicySource& src, std::vector<Problem>& problems);

}  // namespace youjun::policy
