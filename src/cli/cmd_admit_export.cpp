// `youjun admit export` — the published admission as the workbook a 招生办 sends to schools: the
// admission list per school, the cutoffs, and who was not admitted, with Chinese headers (issue 7 §4).
#include <algorithm>
#include <cstdio>
#include <map>

#include "admit/admit_files.hpp"
#include "admit/admit_report.hpp"
#include "cli/admit_inputs.hpp"
#include "cli/enroll_inputs.hpp"
#include "io/table.hpp"

namespace youjun::cli {

namespace {

struct ExportArgs {
  std::string result, high_schools, school, out;
};

std::string batch_label(const std::string& batch) {
  if (batch == "quota") return "名额分配（指标到校）";
  if (batch == "unified") return "统一招生（平行志愿）";
  return batch;
}

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
  if (!r.contains("assignments") || !r.contains("high_schools")) {
    std::fprintf(stderr, "%s 不是 admit match 的结果（缺少 assignments 或 high_schools）\n", a.result.c_str());
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
  bool known = a.school.empty();
  for (const auto& h : r["high_schools"]) known = known || h.value("hs_id", "") == a.school;
  if (!known) {
    std::fprintf(stderr, "结果中没有高中 %s\n", a.school.c_str());
    return kExitBadInput;
  }
  try {
    io::XlsxSheet list{"录取名单", {"录取学校代码", "录取学校", "录取批次", "志愿序号", "考生号", "总分", "全体位次", "同分抽签"}, {}};
    io::XlsxSheet rest{"未录取", {"考生号", "总分", "全体位次"}, {}};
    for (const auto& s : r["assignments"]) {
      if (s["hs_id"].is_null()) {
        if (a.school.empty()) rest.rows.push_back({s["student_id"], admit::number_text(s["total"]), admit::number_text(s["position"])});
        continue;
      }
      std::string hs = s["hs_id"];
      if (!a.school.empty() && hs != a.school) continue;
      list.rows.push_back({hs, names.count(hs) ? names[hs] : "", batch_label(s["batch"]), admit::number_text(s["choice_rank"]),
                           s["student_id"], admit::number_text(s["total"]), admit::number_text(s["position"]),
                           s.value("lottery_tie", false) ? "是" : "否"});
    }
    // By school, then by place: the order a school's list is read in.
    std::sort(list.rows.begin(), list.rows.end(), [](const auto& x, const auto& y) {
      return x[0] != y[0] ? x[0] < y[0] : std::stoll(x[6]) < std::stoll(y[6]);
    });
    std::sort(rest.rows.begin(), rest.rows.end(), [](const auto& x, const auto& y) { return std::stoll(x[2]) < std::stoll(y[2]); });
    io::XlsxSheet cutoffs{"录取线", {"学校代码", "学校", "招生计划", "分配名额", "名额分配录取", "名额退回统招", "统招录取", "统招录取线", "空余"}, {}};
    for (const auto& h : r["high_schools"]) {
      std::string hs = h["hs_id"];
      if (!a.school.empty() && hs != a.school) continue;
      cutoffs.rows.push_back({hs, names.count(hs) ? names[hs] : "", admit::number_text(h["plan"]), admit::number_text(h["quota_seats"]),
                              admit::number_text(h["quota_filled"]), admit::number_text(h["quota_returned"]), admit::number_text(h["unified_filled"]),
                              admit::number_text(h["unified_cutoff_total"]), admit::number_text(h["vacant"])});
    }
    io::XlsxSheet about{"说明", {"项目", "内容"}, {}};
    about.rows.push_back({"策略", r.value("profile", "")});
    about.rows.push_back({"年份", admit::number_text(r.value("year", nlohmann::json()))});
    about.rows.push_back({"公开种子", r.value("seed", "")});
    if (r.contains("quota") && r["quota"].is_object())
      about.rows.push_back({"名额分配比例", admit::number_text(r["quota"].value("share", nlohmann::json())) + "（策略 " +
                                                r["quota"].value("profile", "") + "，" + admit::number_text(r["quota"].value("year", nlohmann::json())) + " 年）"});
    for (const auto& rule : r.value("rules", nlohmann::json::array())) {
      std::string value = rule["value"].is_string() ? rule["value"].get<std::string>() : rule["value"].dump();
      about.rows.push_back({rule.value("key", ""), value + "（" + rule.value("cite", "") + "）"});
    }
    about.rows.push_back({"核对", "youjun admit verify --result 本结果.json --students … --high-schools … --quota … --seed 公开种子"});
    std::string out = a.out;
    std::string lower = out;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    Status written = lower.size() > 4 && lower.substr(lower.size() - 4) == ".csv"
                         ? io::write_csv(out, list.header, list.rows)
                         : io::write_xlsx_sheets(out, a.school.empty() ? std::vector<io::XlsxSheet>{list, cutoffs, rest, about}
                                                                       : std::vector<io::XlsxSheet>{list, cutoffs, about});
    if (!written) return fail(written.error().message);
    std::printf("已导出 %zu 条录取记录、%zu 所学校的录取线：%s\n", list.rows.size(), cutoffs.rows.size(), out.c_str());
    return kExitOk;
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "结果文件的字段类型不对：%s\n", e.what());
    return kExitBadInput;
  }
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
