#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "cli/cli.hpp"
#include "cli/cli_db.hpp"
#include "import/exporter.hpp"
#include "import/formats_doc.hpp"
#include "core/time_util.hpp"
#include "import/importer.hpp"

namespace youjun::cli {

namespace {

struct ImportArgs {
  std::string kind;
  std::vector<std::string> files;
  std::string sheet;
  DbArgs db;
  bool json = false;
};

// Files are imported in the order given, each validated completely and written in its own
// transaction; the first rejected file stops the run (earlier files stay imported).
int run_import(const ImportArgs& a) {
  if (!import::find_import_kind(a.kind)) {  // bad input: refused before the database (or its key) is touched
    std::string kinds;
    for (const auto& k : import::import_kinds()) kinds += (kinds.empty() ? "" : "、") + k.name;
    std::fprintf(stderr, "未知的导入类型 %s（可用：%s）\n", a.kind.c_str(), kinds.c_str());
    return kExitBadInput;
  }
  auto opened = open_db_and_key(a.db);
  if (!opened) return fail(opened.error().message);
  auto& [db, key] = *opened;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& file : a.files) {
    io::ReadOptions read;
    read.sheet = a.sheet;
    import::ImportOptions options;
    options.before_commit = [&](store::Connection& c, const import::ImportReport& r) {
      nlohmann::json detail = {{"file", file}, {"rows", r.rows}, {"inserted", r.inserted}, {"updated", r.updated}};
      return auth::append_audit(c, {cli_actor(), "import." + a.kind, a.kind, detail.dump()}, now_unix());
    };
    auto started = std::chrono::steady_clock::now();
    std::string last_phase;
    double last_print = -1;
    options.allow_exclusive = true;
    options.progress = [&](const char* phase, size_t done, size_t total) {
      if (total < 100000) return;  // small files finish before anyone waits
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (phase == last_phase && s - last_print < 1.0) return;  // at most one line per second per phase
      last_phase = phase;
      last_print = s;
      std::string p = phase;
      const char* zh = p == "validate" ? "校验" : p == "write" ? "写入" : p == "index" ? "建索引" : p == "commit" ? "提交" : "准备";
      std::fprintf(stderr, "  %s %s %zu/%zu 行 (%.1f s)\n", zh, phase, done, total, s);
    };
    auto report = import::import_file(*db, key, a.kind, file, read, options);
    if (!report) return fail(report.error().message);
    if (!report->ok()) {
      std::fputs(format_row_errors(report->errors).c_str(), stderr);
      std::fprintf(stderr, "导入失败：%s 共 %zu 处错误，未写入任何数据\n", file.c_str(), report->errors.size());
      return kExitBadInput;
    }
    results.push_back({{"file", file}, {"kind", a.kind}, {"rows", report->rows}, {"inserted", report->inserted},
                       {"updated", report->updated}, {"unchanged", report->unchanged()}});
    if (!a.json)
      std::printf("%s: %zu 行，新增 %zu，更新 %zu，未变 %zu\n", file.c_str(), report->rows, report->inserted, report->updated,
                  report->unchanged());
  }
  if (a.json) std::printf("%s\n", results.dump(2).c_str());
  return kExitOk;
}

int run_export(const std::string& kind, const DbArgs& dba, const std::string& out) {
  auto opened = open_db_and_key(dba);
  if (!opened) return fail(opened.error().message);
  auto n = import::export_kind_to_file(*opened->first, kind, out);
  if (!n) return fail(n.error().message);
  // An export carries names of minors out of the database: it leaves a trace like every other access.
  nlohmann::json detail = {{"file", out}, {"rows", *n}};
  auto audited = auth::record_audit(*opened->first, {cli_actor(), "export." + kind, kind, detail.dump()}, now_unix());
  if (!audited) return fail("导出已完成，但写审计日志失败: " + audited.error().message);
  std::printf("已导出 %zu 行到 %s\n", *n, out.c_str());
  return kExitOk;
}

std::string kind_names() {
  std::string out;
  for (const auto& k : import::import_kinds()) out += (out.empty() ? "" : ", ") + k.name + "(" + k.zh + ")";
  return out;
}

}  // namespace

void register_import_export_commands(CLI::App& app, Runner& selected) {
  auto args = std::make_shared<ImportArgs>();
  auto* imp = app.add_subcommand("import", "导入 CSV/XLSX 文件（先校验全部行，再一次性写入）/ import files");
  imp->add_option("kind", args->kind, "类型 kind: " + kind_names())->required();
  imp->add_option("files", args->files, "CSV（UTF-8 或 GBK）或 XLSX 文件")->required();
  imp->add_option("--sheet", args->sheet, "XLSX 工作表名（默认第一个）");
  imp->add_flag("--json", args->json, "以 JSON 输出结果");
  add_db_options(imp, args->db);
  on_run(imp, selected, [args] { return run_import(*args); });

  auto kind = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto dba = std::make_shared<DbArgs>();
  auto* exp = app.add_subcommand("export", "导出为 CSV/XLSX（中文表头，身份证号脱敏）/ export a table");
  exp->add_option("kind", *kind, "类型 kind: " + kind_names())->required();
  exp->add_option("--out", *out, "输出文件 .csv 或 .xlsx")->required();
  add_db_options(exp, *dba);
  on_run(exp, selected, [kind, dba, out] { return run_export(*kind, *dba, *out); });

  auto doc_out = std::make_shared<std::string>();
  auto* fmt = app.add_subcommand("import-formats", "输出各导入类型的列简表（Markdown，由代码生成；详见 docs/import-formats.md）/ column reference");
  fmt->add_option("--out", *doc_out, "输出文件（默认标准输出）");
  on_run(fmt, selected, [doc_out] {
    std::string md = import::import_formats_markdown();
    if (doc_out->empty()) return std::fputs(md.c_str(), stdout) >= 0 ? kExitOk : kExitFailure;
    FILE* f = std::fopen(doc_out->c_str(), "w");
    if (!f) return fail("无法写入 " + *doc_out);
    std::fputs(md.c_str(), f);
    std::fclose(f);
    return kExitOk;
  });
}

}  // namespace youjun::cli
