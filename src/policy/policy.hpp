#pragma once
// Policy profiles: the numbers engines apply, each with its citation and the profile it came from.
//
//   auto p = policy::load_policy("shaoxing");            // shaoxing.toml over national.toml
//   if (!p) return p.error();
//   auto limit = p->rule("resource.cv.max.junior");      // Result<Rule>: 0.3, "<", cite, "shaoxing"
//   double max45 = *p->number("class_size.max.primary"); // Result<double>
//
// Engines never hold policy literals: they take a Policy and put Rule::citation() of every rule
// they applied into their results. Format of the files: docs/policy.md.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "policy/rule.hpp"
#include "policy/sources.hpp"

namespace youjun::policy {

struct ResolvedProfile;

class Policy {
 public:
  explicit Policy(const ResolvedProfile& resolved);

  const std::string& name() const { return name_; }
  const std::string& title() const { return title_; }
  const std::string& base() const { return base_; }  // "" for the national baseline
  const std::vector<std::string>& chain() const { return chain_; }  // "national", …, name()

  bool has(const std::string& key) const { return layers_.count(key) > 0; }
  // Sorted; with a prefix, only the keys that start with it ("fitness.weights.").
  std::vector<std::string> keys(std::string_view prefix = "") const;

  // The effective rule (the value set by the most specific profile).
  Result<Rule> rule(const std::string& key) const;
  // The most specific value whose from/until years include `year`
  // (e.g. Shaoxing's 2025 CV target applies from 2025; earlier years get the national value).
  Result<Rule> rule_at(const std::string& key, int year) const;
  // Every value set for `key`, the base's first and the effective one last; empty if unknown.
  std::vector<Rule> layers(const std::string& key) const;

  Result<double> number(const std::string& key) const;
  Result<CitedNumber> cited_number(const std::string& key) const;
  Result<bool> flag(const std::string& key) const;
  Result<std::string> text(const std::string& key) const;
  Result<std::vector<double>> numbers(const std::string& key) const;

 private:
  std::string name_, title_, base_;
  std::vector<std::string> chain_;
  std::map<std::string, std::vector<Rule>> layers_;
};

struct ProfileInfo {
  std::string name;
  std::string title;
  std::string base;  // "" for a root profile
  std::string file;  // "policy/x.toml" or a file in YOUJUN_POLICY_DIR
};

// Loads `name` merged over its bases. Fails for an unknown name, or when any file of its
// chain has a problem (the message lists them as FILE:KEY: message lines).
Result<Policy> load_policy(const std::string& name);

// Names of all profiles (embedded, plus YOUJUN_POLICY_DIR), sorted.
std::vector<std::string> list_policies();
// Name, title and base of every profile; a file that cannot be parsed still appears (title "").
Result<std::vector<ProfileInfo>> policy_infos();

// Checks every profile; empty when all pass. Problems are in file order.
std::vector<Problem> check_policies();
// Number of profile files check_policies() looks at.
size_t policy_file_count();

}  // namespace youjun::policy
