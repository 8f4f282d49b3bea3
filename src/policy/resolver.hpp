#pragma once
// Resolves profiles over their bases (overlay over base, any depth), keeping every layer of
// every key so provenance is never lost, and checks what needs the base: unknown base, cycles,
// overlay keys the base does not define (unless under [extends]), type and unit mismatches.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "policy/profile_file.hpp"
#include "policy/rule.hpp"
#include "policy/sources.hpp"

namespace youjun::policy {

struct ResolvedProfile {
  std::string name, title, base, note, file;
  std::vector<std::string> chain;                   // root first, this profile last
  std::map<std::string, std::vector<Rule>> layers;  // key -> values, root's first, effective last
  bool complete = false;                            // false when the base chain could not be resolved
};

class Resolver {
 public:
  explicit Resolver(std::vector<PolicySource> sources);

  bool has_source(const std::string& name) const;
  std::vector<std::string> names() const;
  // Parsed header and own rules of one file (parsed once; problems recorded once).
  const ProfileFile* file(const std::string& name);
  // Profile merged over its bases; nullptr when there is no such file.
  const ResolvedProfile* resolve(const std::string& name);
  // Every problem found so far, in the order found.
  const std::vector<Problem>& problems() const { return problems_; }
  // Problems in the files of `name`'s chain (itself and its bases).
  std::vector<Problem> problems_for(const std::string& name);

 private:
  const ResolvedProfile* resolve(const std::string& name, std::vector<std::string>& visiting);
  void apply_overlay(const ProfileFile& f, ResolvedProfile& into);

  std::map<std::string, PolicySource> sources_;
  std::map<std::string, std::unique_ptr<ProfileFile>> files_;
  std::map<std::string, std::unique_ptr<ResolvedProfile>> resolved_;
  std::vector<Problem> problems_;
};

}  // namespace youjun::policy
