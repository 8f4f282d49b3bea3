#include "policy/sources.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "core/embedded_files.hpp"

namespace youjun::policy {

namespace fs = std::filesystem;

namespace {

std::string stem_of(std::string_view file_name) {
  constexpr std::string_view ext = ".toml";
  if (file_name.size() > ext.size() && file_name.substr(file_name.size() - ext.size()) == ext)
    file_name.remove_suffix(ext.size());
  return std::string(file_name);
}

Status add_dir_sources(const std::string& dir, std::map<std::string, PolicySource>& by_name) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return make_error(std::string(kPolicyDirEnv) + "=" + dir + ": 不是可读的目录 / not a readable directory");
  fs::directory_iterator it(dir, ec), end;
  if (ec) return make_error(dir + ": 无法读取目录 / cannot list directory: " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return make_error(dir + ": 无法读取目录 / cannot list directory: " + ec.message());
    const auto& path = it->path();
    if (path.extension() != ".toml" || !it->is_regular_file(ec)) continue;
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(path.string() + ": 无法读取文件 / cannot read file");
    std::ostringstream text;
    text << in.rdbuf();
    std::string name = stem_of(path.filename().string());
    by_name[name] = PolicySource{name, path.string(), text.str(), true};
  }
  return ok_status();
}

}  // namespace

Result<std::vector<PolicySource>> policy_sources() {
  std::map<std::string, PolicySource> by_name;
  for (const auto& f : embedded_policies()) {
    std::string name = stem_of(f.name);
    by_name[name] = PolicySource{name, "policy/" + std::string(f.name), std::string(f.content), false};
  }
  if (const char* dir = std::getenv(kPolicyDirEnv); dir && *dir) {
    if (auto st = add_dir_sources(dir, by_name); !st) return st.error();
  }
  std::vector<PolicySource> out;
  out.reserve(by_name.size());
  for (auto& [name, src] : by_name) out.push_back(std::move(src));
  return out;
}

}  // namespace youjun::policy
