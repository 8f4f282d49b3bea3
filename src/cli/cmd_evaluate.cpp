// `youjun evaluate fitness | fitness-graduation` — 国家学生体质健康标准（2014年修订）scoring of a school
// year's test records and the graduation score (issue 8 §1).
#include <algorithm>
#include <cstdio>

#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "core/json_writer.hpp"
#include "evaluate/fitness_graduation.hpp"
#include "evaluate/fitness_report.hpp"
#include "evaluate/fitness_tables_index.hpp"
#include "evaluate/vision_report.hpp"
#include "policy/policy_report.hpp"

namespace youjun::cli {

void add_value_added_command(CLI::App* evaluate, Runner& selected);
void add_wuyu_command(CLI::App* evaluate, Runner& selected);  // cmd_evaluate_wuyu.cpp

namespace {

struct FitnessArgs {
  std::string records, profile = "national", out, csv;
  bool json = false, timings = false, grades_only = false;
};

std::optional<evaluate::FitnessRules> fitness_rules_or_report(const policy::Policy& policy) {
  auto rules = evaluate::fitness_rules(policy);
  if (!rules) {
    std::fprintf(stderr, "%s\n", rules.error().message.c_str());
    return std::nullopt;
  }
  return std::move(*rules);
}

std::string fitness_text(const evaluate::FitnessRules& rules, const evaluate::FitnessAggregate& all, const std::string& profile) {
  std::string out = "体质健康测试评分（国家学生体质健康标准 2014 年修订；策略 " + profile + "）：" + std::to_string(all.students) +
                    " 名学生，" + std::to_string(all.students - all.complete) + " 名有缺测项目\n";
  for (int l = 0; l < 4; ++l) out += "  " + std::string(evaluate::kLevelNames[l]) + " " + std::to_string(all.levels[l]) + " 人\n";
  char line[160];
  std::snprintf(line, sizeof line, "  合格率 %.1f%%，优良率 %.1f%%，平均学年总分 %.1f\n", 100 * all.pass_rate(),
                100 * all.good_rate(), all.mean_total());
  out += line;
  if (rules.target_pass_rate > 0 || rules.target_good_rate > 0) {
    std::snprintf(line, sizeof line, "  目标：合格率 ≥ %.0f%%（%s），优良率 ≥ %.0f%%（%s）\n", 100 * rules.target_pass_rate,
                  all.pass_rate() >= rules.target_pass_rate ? "达到" : "未达到", 100 * rules.target_good_rate,
                  all.good_rate() >= rules.target_good_rate ? "达到" : "未达到");
    out += line;
  }
  return out;
}

int run_fitness(const FitnessArgs& a) {
  auto start = Clock::now();
  auto policy = load_profile(a.profile);
  if (!policy) return kExitFailure;
  auto rules = fitness_rules_or_report(*policy);
  if (!rules) return kExitFailure;
  auto table = read_input_table(a.records);
  if (!table) return kExitBadInput;
  double t_read = seconds_since(start);
  evaluate::RecordColumns columns;
  std::vector<evaluate::FitnessRecord> records;
  RowErrors errors = evaluate::read_fitness_records(*table, *rules, columns, records);
  if (!errors.empty()) return report_row_errors(errors);
  double t_check = seconds_since(start);
  auto results = evaluate::score_records(*rules, records);
  double t_scored = seconds_since(start);
  auto aggregates = evaluate::aggregate_fitness(*table, columns, *rules, records, results);
  double t_score = seconds_since(start);
  if (!a.csv.empty()) {
    std::vector<std::vector<std::string>> rows;
    rows.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i)
      rows.push_back(a.grades_only ? evaluate::fitness_grade_row(*table, columns, records[i], results[i])
                                   : evaluate::fitness_csv_row(*table, columns, *rules, records[i], results[i]));
    // Grades go out in student_id order: the input's order may itself be a ranking.
    if (a.grades_only) std::sort(rows.begin(), rows.end());
    auto header = a.grades_only ? evaluate::fitness_grade_header() : evaluate::fitness_csv_header(*rules);
    if (auto st = io::write_csv(a.csv, header, rows); !st) return fail(st.error().message);
  }
  if (a.json || !a.out.empty()) {
    auto cited = cited_rules(*policy, rules->keys);
    if (!cited) return kExitFailure;
    OutputFile out(a.out);
    if (!out) return kExitFailure;
    JsonWriter w;
    w.set_sink(out.get());
    evaluate::write_fitness_json(w, {*table, columns, *rules, records, results, aggregates}, policy->name(), *cited);
    if (!w.flush() || !out.close()) return kExitFailure;
  } else if (!write_output("", fitness_text(*rules, aggregates.front(), policy->name()))) {
    return kExitFailure;
  }
  if (a.timings)
    std::fprintf(stderr, "用时 timings: read %.3f s, check %.3f s, score %.3f s, summary %.3f s, output %.3f s\n", t_read,
                 t_check - t_read, t_scored - t_check, t_score - t_scored, seconds_since(start) - t_score);
  return kExitOk;
}

struct GraduationArgs {
  std::string scores, profile = "national", out;
  bool json = false;
};

int run_graduation(const GraduationArgs& a) {
  auto policy = load_profile(a.profile);
  if (!policy) return kExitFailure;
  auto rules = fitness_rules_or_report(*policy);
  if (!rules) return kExitFailure;
  auto table = read_input_table(a.scores);
  if (!table) return kExitBadInput;
  std::vector<evaluate::GraduationScore> scores;
  RowErrors errors = evaluate::graduation_scores(*table, *rules, scores);
  if (!errors.empty()) return report_row_errors(errors);
  if (a.json || !a.out.empty()) {
    auto cited = cited_rules(*policy, {"fitness.graduation.final_year_weight", "fitness.total.decimals", "fitness.level.excellent",
                                       "fitness.level.good", "fitness.level.pass"});
    if (!cited) return kExitFailure;
    nlohmann::json students = nlohmann::json::array();
    for (const auto& g : scores) {
      nlohmann::json s = {{"student_id", g.student_id},
                          {"final_year", g.final_year},
                          {"final_total", nlohmann::json::parse(evaluate::score_text(g.final_total))},
                          {"other_years", g.other_years},
                          {"graduation_score", nlohmann::json::parse(evaluate::score_text(g.score))},
                          {"level", evaluate::kLevelNames[g.level]}};
      s["other_mean"] = g.other_years ? nlohmann::json::parse(evaluate::score_text(g.other_mean)) : nlohmann::json(nullptr);
      students.push_back(std::move(s));
    }
    nlohmann::json result = {{"profile", policy->name()}, {"rules", *cited}, {"students", students}};
    return write_output(a.out, result.dump(2) + "\n") ? kExitOk : kExitFailure;
  }
  std::string text = "体质健康毕业成绩（毕业当年 × " + evaluate::score_text(std::llround(rules->final_year_weight * 1000)) +
                     " + 其他学年平均 × " + evaluate::score_text(1000 - std::llround(rules->final_year_weight * 1000)) + "）：\n";
  for (const auto& g : scores)
    text += "  " + g.student_id + "  " + evaluate::score_text(g.score) + "  " + evaluate::kLevelNames[g.level] + "\n";
  return write_output("", text) ? kExitOk : kExitFailure;
}

struct VisionArgs {
  std::string screenings, profile = "national", out;
  int year = 0;
  bool json = false, students = false;
};

int run_vision(const VisionArgs& a) {
  auto policy = load_profile(a.profile);
  if (!policy) return kExitFailure;
  auto table = read_input_table(a.screenings);
  if (!table) return kExitBadInput;
  RowErrors errors;
  auto in = evaluate::read_vision(*table, *policy, a.year, errors);  // --year 0: the latest screening year's target
  if (!errors.empty()) return report_row_errors(errors);
  if (!in) return fail(in.error().message);
  const auto* rules = &in->rules;
  auto report = evaluate::vision_report(*table, in->columns, *rules, in->screenings);
  if (a.json || !a.out.empty()) {
    auto cited = cited_rules(*policy, rules->keys);
    if (!cited) return kExitFailure;
    auto j = evaluate::vision_json(*table, in->columns, *rules, in->screenings, report, a.students);
    j["profile"] = policy->name();
    j["rules"] = *cited;
    return write_output(a.out, j.dump(2) + "\n") ? kExitOk : kExitFailure;
  }
  return write_output("", evaluate::vision_text(*rules, report)) ? kExitOk : kExitFailure;
}

int run_tables(const std::string& out) {
  const auto& tables = evaluate::fitness_tables();
  if (!tables) return fail(tables.error().message);
  if (!write_output(out, evaluate::fitness_tables_markdown(*tables))) return kExitFailure;
  if (!out.empty()) std::fprintf(stderr, "已生成评分表来源索引 / wrote %s\n", out.c_str());
  return kExitOk;
}

}  // namespace

void register_evaluate_commands(CLI::App& app, Runner& selected) {
  auto* evaluate = app.add_subcommand("evaluate", "学生发展评价：体质健康评分、毕业成绩、近视率 / student development evaluation");
  evaluate->require_subcommand(1);

  auto f = std::make_shared<FitnessArgs>();
  auto* fitness = evaluate->add_subcommand("fitness", "按国家学生体质健康标准（2014年修订）评分 / score fitness test records");
  fitness->add_option("--records", f->records,
                      "测试成绩文件 student_id,grade,sex,height_cm,weight_kg,vital_capacity_ml,run_50m_s,sit_reach_cm,"
                      "rope_skip_1min,sit_ups_1min,run_50x8_s,long_jump_cm,pull_ups,run_800m_s,run_1000m_s"
                      "（可选 year,school_id,class_id,district）")
      ->required();
  fitness->add_option("--profile,--policy", f->profile, "策略配置（缺省 national；宜昌 yichang 带合格率/优良率目标）");
  fitness->add_flag("--json", f->json, "输出 JSON（每名学生的 BMI、各项得分、标准分、附加分、学年总分、等级，以及汇总）");
  fitness->add_option("--out", f->out, "把 JSON 写入文件");
  fitness->add_option("--csv", f->csv, "另写每名学生一行的 CSV");
  fitness->add_flag("--grades-only", f->grades_only,
                    "CSV 只含学号、年级、班级、等级（发给学校的个人结果：以等级呈现，不含分数，001）");
  fitness->add_flag("--timings", f->timings, "在标准错误输出各阶段用时");
  on_run(fitness, selected, [f] { return run_fitness(*f); });

  auto g = std::make_shared<GraduationArgs>();
  auto* grad = evaluate->add_subcommand("fitness-graduation", "体质健康毕业成绩：毕业当年 50% + 其他学年平均 50% / graduation score");
  grad->add_option("--scores", g->scores, "学年总分文件 student_id,year,total（每名学生每学年一行）")->required();
  grad->add_option("--profile,--policy", g->profile, "策略配置（缺省 national）");
  grad->add_flag("--json", g->json, "输出 JSON");
  grad->add_option("--out", g->out, "把 JSON 写入文件");
  on_run(grad, selected, [g] { return run_graduation(*g); });

  auto v = std::make_shared<VisionArgs>();
  auto* vision = evaluate->add_subcommand("vision", "近视率：按年级、学校、区县、年份，逐年变化与目标、同一批学生 / myopia rates and trends");
  vision->add_option("--screenings", v->screenings,
                     "视力筛查文件 student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,"
                     "spherical_equivalent_right（可选 year,grade,school_id,district,ortho_k）")
      ->required();
  vision->add_option("--profile,--policy", v->profile, "策略配置（缺省 national；绍兴、聊城、铜陵每年降 1 个百分点，诸城 0.5）");
  vision->add_option("--year", v->year, "按哪一年的目标（缺省：文件中最近的筛查年份）");
  vision->add_flag("--json", v->json, "输出 JSON");
  vision->add_flag("--students", v->students, "JSON 中列出每次筛查的判定");
  vision->add_option("--out", v->out, "把 JSON 写入文件");
  on_run(vision, selected, [v] { return run_vision(*v); });

  auto tables_out = std::make_shared<std::string>();
  auto* tables = evaluate->add_subcommand("tables", "体质健康评分表的来源与交叉核对索引（Markdown）/ sources of the scoring tables");
  tables->add_option("--out", *tables_out, "写入文件（如 docs/fitness-tables-index.md）");
  on_run(tables, selected, [tables_out] { return run_tables(*tables_out); });

  add_wuyu_command(evaluate, selected);
  add_value_added_command(evaluate, selected);  // cmd_evaluate_value_added.cpp
}

}  // namespace youjun::cli
