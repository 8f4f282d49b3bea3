#pragma once
// Helpers for policy tests: point YOUJUN_POLICY_DIR somewhere for one test, write profile files.
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "policy/sources.hpp"
#include "test_util.hpp"

namespace youjun::test {

// Sets (or, with nullopt, unsets) YOUJUN_POLICY_DIR and restores the old value on destruction.
class PolicyDirGuard {
 public:
  explicit PolicyDirGuard(const std::optional<std::string>& dir) {
    if (const char* old = std::getenv(policy::kPolicyDirEnv)) old_ = old;
    if (dir) ::setenv(policy::kPolicyDirEnv, dir->c_str(), 1);
    else ::unsetenv(policy::kPolicyDirEnv);
  }
  ~PolicyDirGuard() {
    if (old_) ::setenv(policy::kPolicyDirEnv, old_->c_str(), 1);
    else ::unsetenv(policy::kPolicyDirEnv);
  }
  PolicyDirGuard(const PolicyDirGuard&) = delete;
  PolicyDirGuard& operator=(const PolicyDirGuard&) = delete;

 private:
  std::optional<std::string> old_;
};

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// Copies the repository's profiles (policy/*.toml) into `dir`.
inline void copy_real_profiles(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  for (const auto& e : fs::directory_iterator(source_path("policy")))
    if (e.path().extension() == ".toml")
      fs::copy_file(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
}

}  // namespace youjun::test
