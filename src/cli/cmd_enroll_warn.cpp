// `youjun enroll warn` — seat warning (学区预警, issue 6 §1): the next intakes of each catchment from its
// birth cohorts and new housing, against its schools' seats; red/amber/green per school.
#include <cstdio>
#include <ctime>
#include <unordered_set>

#include "cli/cli.hpp"
#include "cli/cli_db.hpp"
#include "cli/enroll_inputs.hpp"
#include "enroll/catchments.hpp"
#include "enroll/datasets.hpp"
#include "enroll/warning_files.hpp"
#include "enroll/warning_report.hpp"

namespace youjun::cli {

namespace {

struct WarnArgs {
  DbArgs db;
  std::string catchments, cohorts, housing, seats, out, stage, catchments_crs, policy = "national";
  int year = 0, years = 3;  // the "next 3 intakes"
  bool json = false;
};

// The next intake: this year's until it starts in September, then next year's.
int next_entry_year() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return 1900 + local.tm_year + (local.tm_mon >= 8 ? 1 : 0);
}

// The inputs from files, checked the way the upload route checks them; nullopt when a file is unreadable.
std::optional<enroll::WarningInputs> read_warning_files(const WarnArgs& a, std::optional<geo::Crs> crs, RowErrors& errors) {
  if (a.catchments.empty() || a.cohorts.empty() || a.seats.empty()) {
    std::fprintf(stderr, "请给出 --db，或 --catchments、--cohorts 与 --seats（--housing 可选）\n");
    return std::nullopt;
  }
  auto map = read_catchments(a.catchments, crs, errors);
  if (!map) return std::nullopt;
  enroll::WarningInputs in;
  in.map = std::move(*map);
  in.catchments_file = a.catchments;
  in.seats_file = a.seats;
  std::unordered_set<std::string> known;
  for (const auto& c : in.map.catchments()) known.insert(c.id);
  auto add = [&](const RowErrors& more) { errors.insert(errors.end(), more.begin(), more.end()); };
  auto cohort_table = read_input_table(a.cohorts);
  auto seat_table = read_input_table(a.seats);
  if (!cohort_table || !seat_table) return std::nullopt;
  add(enroll::read_cohorts(*cohort_table, known, in.cohorts));
  add(enroll::read_seat_plans(*seat_table, in.seats));
  if (!a.housing.empty()) {
    auto housing_table = read_input_table(a.housing);
    if (!housing_table) return std::nullopt;
    add(enroll::read_housing(*housing_table, known, in.housing));
  }
  return in;
}

int run_warn(const WarnArgs& a) {
  if (a.years < 1 || a.years > 12) {
    std::fprintf(stderr, "--years 应为 1 到 12 之间的整数\n");
    return kExitBadInput;
  }
  if (!stage_option_ok(a.stage)) return kExitBadInput;
  std::optional<geo::Crs> crs;
  if (!a.catchments_crs.empty() && !(crs = crs_option(a.catchments_crs, "--catchments-crs"))) return kExitBadInput;
  auto policy = policy::load_policy(a.policy);
  if (!policy) return fail(policy.error().message);
  auto params = enroll::warning_params(*policy, a.year ? a.year : next_entry_year(), a.years);
  if (!params) return fail(params.error().message);
  auto rules = cited_rules(*policy, enroll::warning_rule_keys());
  if (!rules) return kExitFailure;

  RowErrors errors;
  std::optional<enroll::WarningInputs> in;
  if (!a.db.url.empty()) {
    auto opened = open_db_and_key(a.db);
    if (!opened) return fail(opened.error().message);
    auto stored = enroll::warning_inputs(*opened->first, errors);
    if (!stored) return fail(stored.error().message);
    in = std::move(*stored);
  } else {
    in = read_warning_files(a, crs, errors);
    if (!in) return kExitBadInput;
  }
  auto selected = enroll::catchments_for_stage(in->map, a.stage, in->catchments_file, errors);
  enroll::SeatBook book(in->seats);
  if (errors.empty()) {
    auto more = enroll::check_seat_coverage(selected, book, *params, in->seats_file);
    errors.insert(errors.end(), more.begin(), more.end());
  }
  if (!errors.empty()) return report_row_errors(errors);

  auto result = enroll::forecast_seats(selected, in->cohorts, in->housing, book, *params);
  auto s = enroll::summarize(result);
  std::string text;
  if (a.json || !a.out.empty()) {
    auto j = enroll::warning_to_json(result, *params);
    j["stage"] = a.stage.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.stage);
    j["rules"] = *rules;
    if (!a.db.url.empty()) j["datasets"] = in->versions;
    text = j.dump(2) + "\n";
  } else {
    text = enroll::warning_to_table(result, *params);
  }
  bool written = write_output(a.out, text);
  std::fprintf(stderr, "学区预警 %d–%d 年入学：%zu 个学区、%zu 所学校：红 %zu，黄 %zu，绿 %zu，无数据 %zu\n",
               params->first_entry_year, params->first_entry_year + params->years - 1, selected.size(),
               result.schools.size(), s.red, s.amber, s.green, s.no_data);
  return written ? kExitOk : kExitFailure;
}

}  // namespace

void add_enroll_warn_command(CLI::App* enroll, Runner& selected) {
  auto a = std::make_shared<WarnArgs>();
  auto* warn = enroll->add_subcommand("warn", "学区预警：按出生人口和新建住房预测今后几届入学需求，对比学位，红黄绿灯 / seat warning");
  add_db_options(warn, a->db, false);
  warn->add_option("--catchments", a->catchments, "学区 GeoJSON（properties：catchment_id、school_code 或 school_codes、stage）");
  warn->add_option("--cohorts", a->cohorts, "出生人口文件 catchment_id,birth_year,children");
  warn->add_option("--seats", a->seats, "起始年级（一年级、初一）学位文件 school_id,seats[,entry_year][,stage]");
  warn->add_option("--housing", a->housing, "新交付住房文件 catchment_id,year,homes（可选）");
  warn->add_option("--year", a->year, "预测的第一届入学年份（缺省：下一次秋季入学）");
  warn->add_option("--years", a->years, "预测几届（缺省 3）");
  warn->add_option("--stage", a->stage, "只看 primary（小学）或 junior（初中）学区；也用于没写 stage 的学区");
  warn->add_option("--catchments-crs", a->catchments_crs, "学区坐标系 WGS-84 或 GCJ-02");
  warn->add_option("--policy", a->policy, "策略配置（缺省 national）");
  warn->add_flag("--json", a->json, "输出 JSON（缺省输出表格）");
  warn->add_option("--out", a->out, "把 JSON 结果写入文件");
  on_run(warn, selected, [a] { return run_warn(*a); });
}

}  // namespace youjun::cli
