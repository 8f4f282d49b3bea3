#include "cli/demo_load.hpp"

#include <chrono>
#include <cstdio>

#include "import/importer.hpp"

namespace youjun::cli {

int run_demo_load(const DbArgs& dba, const std::string& dir) {
  auto opened = open_db_and_key(dba);
  if (!opened) return fail(opened.error().message);
  auto& [db, key] = *opened;
  for (const char* kind : {"schools", "school_facts", "teachers", "students"}) {
    auto start = std::chrono::steady_clock::now();
    std::string path = dir + "/" + kind + ".csv";
    auto report = import::import_file(*db, key, kind, path);
    if (!report) return fail(report.error().message);
    if (!report->ok()) {
      std::fputs(format_row_errors(report->errors).c_str(), stderr);
      return kExitBadInput;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "已导入 %s: %zu 行 (%.2f s)\n", path.c_str(), report->rows, s);
  }
  return kExitOk;
}

}  // namespace youjun::cli

namespace youjun::cli {

// Adds `demo load` under the `demo` command registered by cmd_demo.cpp.
void register_demo_load_command(CLI::App& app, Runner& selected) {
  CLI::App* demo = app.get_subcommand("demo");
  auto args = std::make_shared<DbArgs>();
  auto dir = std::make_shared<std::string>();
  auto* load = demo->add_subcommand("load", "把演示文件导入数据库并创建演示账号 / import the demo files");
  add_db_options(load, *args);
  load->add_option("--dir", *dir, "demo generate 的输出目录")->required();
  on_run(load, selected, [args, dir] { return run_demo_load(*args, *dir); });
}

}  // namespace youjun::cli
