// `youjun admit export` — the published admission as the workbook a 招生办 sends to schools: the
// admission list per school, the cutoffs, and who was not admitted, with Chinese headers (issue 7 §4).
#include <algorithm>
#include <cstdio>
#include <map>

#include "admit/admit_files.hpp"
#include "admit/admit_workbook.hpp"
#include "cli/admit_inputs.hpp"
#include "cli/enroll_inputs.hpp"
#include "io/table.hpp"

namespace youjun::cli {

namespace {

struct ExportArgs {
  std::string result, high_schools, school, out;
};

int run_export(const ExportArgs& a) {
  auto text = io::read_file(a.result, a.result);
  if (!text) return fail("无法读取 " + a.result);
  nlohmann::json r;
  try {
    r = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "%s:0:: 不是有效的 JSON：%s\n", a.result.c_str(), e.what());
    return kExitBadInput;
  }
  std::map<std::string, std::string> names;
  if (!a.high_schools.empty()) {
    auto table = read_input_table(a.high_schools);
    if (!table) return kExitBadInput;
    std::vector<admit::HighSchool> schools;
    RowErrors errors = admit::read_high_schools(*table, false, schools);
    if (!errors.empty()) return report_row_errors(errors);
    for (const auto& s : schools) names[s.id] = s.name;
  }
  auto workbook = admit::admission_workbook(r, names, a.school);
  if (!workbook) {
    std::fprintf(stderr, "%s: %s\n", a.result.c_str(), workbook.error().message.c_str());
    return kExitBadInput;
  }
  std::string lower = a.out;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  Status written = lower.size() > 4 && lower.substr(lower.size() - 4) == ".csv"
                       ? io::write_csv(a.out, workbook->list.header, workbook->list.rows)
                       : io::write_xlsx_sheets(a.out, workbook->sheets(!a.school.empty()));
  if (!written) return fail(written.error().message);
  std::printf("已导出 %zu 条录取记录、%zu 所学校的录取线：%s\n", workbook->list.rows.size(), workbook->cutoffs.rows.size(), a.out.c_str());
  return kExitOk;
}

}  // namespace

void add_admit_export_command(CLI::App* admit, Runner& selected) {
  auto a = std::make_shared<ExportArgs>();
  auto* cmd = admit->add_subcommand("export", "导出录取名单与录取线（XLSX 中文表头，或录取名单 CSV）/ export the admission list");
  cmd->add_option("--result", a->result, "admit match 的结果 JSON")->required();
  cmd->add_option("--high-schools", a->high_schools, "高中文件（填入学校名称）");
  cmd->add_option("--school", a->school, "只导出这一所高中");
  cmd->add_option("--out", a->out, "输出文件 .xlsx 或 .csv")->required();
  on_run(cmd, selected, [a] { return run_export(*a); });
}

}  // namespace youjun::cli
