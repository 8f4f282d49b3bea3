#include <cstdio>

#include "cli/cli.hpp"

namespace youjun::cli {

int fail(const std::string& message) {
  std::fprintf(stderr, "错误: %s\n", message.c_str());
  return kExitFailure;
}

void register_version_command(CLI::App& app, Runner& selected) {
  auto* sub = app.add_subcommand("version", "显示版本 / print the version");
  on_run(sub, selected, [] {
    std::printf("youjun %s\n", YOUJUN_VERSION);
    return kExitOk;
  });
}

}  // namespace youjun::cli
