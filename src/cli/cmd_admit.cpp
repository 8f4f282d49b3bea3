// `youjun admit quota | score` — 指标到校 quota allocation and the 中考 composite score (issue 7 §1–2).
// `youjun admit match | verify` live in cmd_admit_match.cpp.
#include <cstdio>

#include "admit/admit_files.hpp"
#include "admit/admit_run.hpp"
#include "admit/admit_report.hpp"
#include "admit/admit_rules.hpp"
#include "admit/quota.hpp"
#include "admit/score.hpp"
#include "cli/admit_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"

namespace youjun::cli {

std::optional<policy::Policy> load_profile(const std::string& name) {
  auto policy = policy::load_policy(name);
  if (!policy) {
    std::fprintf(stderr, "%s\n", policy.error().message.c_str());
    return std::nullopt;
  }
  return std::move(*policy);
}

std::optional<nlohmann::json> quota_from_files(const std::string& high_schools_path, const std::string& juniors_path,
                                               const policy::Policy& policy, int year, int& exit_code) {
  exit_code = kExitBadInput;
  auto hs_table = read_input_table(high_schools_path);
  auto js_table = read_input_table(juniors_path);
  if (!hs_table || !js_table) return std::nullopt;
  RowErrors errors;
  auto result = admit::compute_quota(*hs_table, *js_table, policy, year, errors);
  if (!errors.empty()) {
    report_row_errors(errors);
    return std::nullopt;
  }
  if (!result) {
    exit_code = kExitFailure;
    std::fprintf(stderr, "%s\n", result.error().message.c_str());
    return std::nullopt;
  }
  exit_code = kExitOk;
  return std::move(*result);
}

namespace {

struct QuotaArgs {
  std::string high_schools, juniors, profile = "national", out;
  int year = 0;
  bool json = false;
};

std::string quota_summary(const nlohmann::json& r) {
  std::string out = "名额分配（指标到校）：策略 " + r["profile"].get<std::string>() + "，" + r["year"].dump() + " 年，比例不低于 " +
                    r["share"].dump() + "\n";
  for (const auto& h : r["high_schools"]) {
    if (!h["quality"].get<bool>()) continue;
    out += "  " + h["hs_id"].get<std::string>() + " " + h["name"].get<std::string>() + "：计划 " + h["plan"].dump() +
           "，分配名额 " + h["quota_total"].dump() + "，分到 " + std::to_string(h["by_junior"].size()) + " 所初中\n";
  }
  return out;
}

int run_quota(const QuotaArgs& a) {
  auto policy = load_profile(a.profile);
  if (!policy) return kExitFailure;
  int code = kExitOk;
  auto result = quota_from_files(a.high_schools, a.juniors, *policy, a.year ? a.year : this_year(), code);
  if (!result) return code;
  std::string text = a.json || !a.out.empty() ? result->dump(2) + "\n" : quota_summary(*result);
  return write_output(a.out, text) ? kExitOk : kExitFailure;
}

struct ScoreArgs {
  std::string students, profile = "national", out, csv;
  int year = 0;
  bool json = false;
};

int run_score(const ScoreArgs& a) {
  auto policy = load_profile(a.profile);
  if (!policy) return kExitFailure;
  auto scheme = admit::score_scheme(*policy, a.year ? a.year : this_year());
  if (!scheme) return fail("策略 " + policy->name() + "：" + scheme.error().message);
  auto table = read_input_table(a.students);
  if (!table) return kExitBadInput;
  std::vector<admit::StudentScore> scores;
  RowErrors errors = admit::score_students(*table, *scheme, scores);
  if (!errors.empty()) return report_row_errors(errors);
  auto rules = cited_rules(*policy, scheme->keys);
  if (!rules) return kExitFailure;
  if (!a.csv.empty() && !write_output(a.csv, scores_csv(*table, *scheme, scores))) return kExitFailure;
  auto result = admit::scores_to_json(*scheme, scores, policy->name(), *rules);
  std::string text;
  if (a.json || !a.out.empty()) text = result.dump(2) + "\n";
  else {
    admit::Milli full = 0;
    for (const auto& c : scheme->components) full += c.max_points();
    text = "中考总分：策略 " + policy->name() + "，" + std::to_string(scores.size()) + " 名考生，满分 " + admit::milli_text(full) + "\n";
    for (const auto& c : scheme->components)
      text += "  " + c.label + "（" + c.name + "）" + admit::milli_text(c.max_points()) + " 分\n";
  }
  return write_output(a.out, text) ? kExitOk : kExitFailure;
}

}  // namespace

std::string scores_csv(const io::Table& input, const admit::ScoreScheme& scheme, const std::vector<admit::StudentScore>& scores) {
  // The input's columns that are not components pass through (js_id, prefs …), so the file feeds
  // `admit match` directly; components hold their points, and total is added.
  std::vector<size_t> passthrough;
  for (size_t c = 0; c < input.header.size(); ++c) {
    bool component = input.header[c] == "total";
    for (const auto& k : scheme.components) component = component || k.name == input.header[c];
    if (!component && input.header[c] != "student_id") passthrough.push_back(c);
  }
  std::vector<std::string> cells{"student_id", "total"};
  for (const auto& k : scheme.components) cells.push_back(k.name);
  for (size_t c : passthrough) cells.push_back(input.header[c]);
  std::string out;
  io::append_csv_row(out, cells, "\n");
  for (size_t r = 0; r < scores.size(); ++r) {
    const auto& s = scores[r];
    cells = {s.student_id, admit::milli_text(s.total)};
    for (admit::Milli p : s.points) cells.push_back(admit::milli_text(p));
    for (size_t c : passthrough) cells.emplace_back(input.cell(r, c));
    io::append_csv_row(out, cells, "\n");
  }
  return out;
}

void register_admit_commands(CLI::App& app, Runner& selected) {
  auto* admit = app.add_subcommand("admit", "高中阶段招生：指标到校、中考总分、平行志愿录取 / high-school admission");
  admit->require_subcommand(1);

  auto q = std::make_shared<QuotaArgs>();
  auto* quota = admit->add_subcommand("quota", "优质高中名额分配到初中（指标到校，最大余数法）/ quota allocation");
  quota->add_option("--high-schools", q->high_schools, "高中文件 hs_id,name,plan,quality[,county]")->required();
  quota->add_option("--juniors", q->juniors, "初中文件 js_id,name,county,graduates")->required();
  quota->add_option("--profile,--policy", q->profile, "策略配置（缺省 national）");
  quota->add_option("--year", q->year, "招生年份（决定适用的比例，缺省今年）");
  quota->add_flag("--json", q->json, "输出 JSON");
  quota->add_option("--out", q->out, "把 JSON 结果写入文件");
  on_run(quota, selected, [q] { return run_quota(*q); });

  auto s = std::make_shared<ScoreArgs>();
  auto* score = admit->add_subcommand("score", "按策略计算中考总分（各科、体育、综合素质）/ composite score");
  score->add_option("--students", s->students, "成绩文件 student_id,<各组成部分的列>")->required();
  score->add_option("--profile,--policy", s->profile, "策略配置（缺省 national）");
  score->add_option("--year", s->year, "招生年份（缺省今年）");
  score->add_flag("--json", s->json, "输出 JSON");
  score->add_option("--out", s->out, "把 JSON 结果写入文件");
  score->add_option("--csv", s->csv, "另写 CSV：student_id,total,各部分得分，以及输入的其他列（可直接用于 admit match）");
  on_run(score, selected, [s] { return run_score(*s); });

  add_admit_match_commands(admit, selected);
  add_admit_export_command(admit, selected);
}

}  // namespace youjun::cli
