// `youjun timetable inspect` — reads a school's FET timetable file (.fet) and summarises it: sizes,
// weekly hours per teacher, subject and class, constraint counts, loads that cannot fit in the week.
#include <cstdio>

#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "io/table.hpp"
#include "timetable/fet_file.hpp"

namespace youjun::cli {

namespace {

struct InspectArgs {
  std::string file, out;
  bool json = false;
};

std::string text_summary(const nlohmann::json& s) {
  std::string out =
      "学校 " + s["institution"].get<std::string>() + "（FET " + s["fet_version"].get<std::string>() + "）\n";
  out += "每周 " + std::to_string(s["days"].get<int64_t>()) + " 天 × 每天 " +
         std::to_string(s["hours_per_day"].get<int64_t>()) +
         " 节，共 " + std::to_string(s["slots_per_week"].get<int64_t>()) + " 个时段\n";
  out += "科目 " + std::to_string(s["subjects"].get<int64_t>()) + "，教师 " +
         std::to_string(s["teachers"].get<int64_t>()) + "，年级 " +
         std::to_string(s["students"]["years"].get<int64_t>()) + "，班（组）" +
         std::to_string(s["students"]["groups"].get<int64_t>()) + "，教室 " +
         std::to_string(s["rooms"].get<int64_t>()) + "\n";
  out += "活动 " + std::to_string(s["activities"]["total"].get<int64_t>()) + "（启用 " +
         std::to_string(s["activities"]["active"].get<int64_t>()) + "，共 " +
         std::to_string(s["activities"]["active_hours"].get<int64_t>()) + " 课时）；时间约束 " +
         std::to_string(s["constraints"]["time"].get<int64_t>()) + "，空间约束 " +
         std::to_string(s["constraints"]["space"].get<int64_t>()) + "\n";
  for (const auto& p : s["problems"]) out += "问题: " + p.get<std::string>() + "\n";
  return out;
}

int run_inspect(const InspectArgs& a) {
  auto text = io::read_file(a.file, a.file);
  if (!text) return fail(text.error().message);
  RowErrors errors;
  auto fet = timetable::read_fet(*text, a.file, errors);
  if (!errors.empty()) return report_row_errors(errors);
  auto summary = timetable::fet_summary(fet);
  summary["file"] = a.file;
  // A name with bytes that are not UTF-8 (a file saved in another encoding) prints as U+FFFD, not a crash.
  std::string out =
      a.json ? summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n" : text_summary(summary);
  return write_output(a.out, out) ? kExitOk : kExitFailure;
}

}  // namespace

void register_timetable_commands(CLI::App& app, Runner& selected) {
  auto* timetable = app.add_subcommand("timetable", "课表：读取与检查 FET 课表文件 / timetables");
  timetable->require_subcommand(1);
  auto a = std::make_shared<InspectArgs>();
  auto* inspect =
      timetable->add_subcommand("inspect", "读取 FET 课表文件（.fet）：规模、每周课时、约束数、排不下的负荷");
  inspect->add_option("file", a->file, "FET 文件（.fet）")->required();
  inspect->add_flag("--json", a->json, "输出 JSON");
  inspect->add_option("--out", a->out, "把结果写入文件");
  on_run(inspect, selected, [a] { return run_inspect(*a); });
}

}  // namespace youjun::cli
