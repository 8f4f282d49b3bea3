// `youjun evaluate value-added` — 增值评价 (issue 8 §4; 002 铜陵): each school's value added with an interval,
// shrunk for small schools, against the ranking by raw mean score. Method: docs/value-added.md.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "enroll/table_cells.hpp"
#include "evaluate/value_added.hpp"

namespace youjun::cli {

namespace {

struct ValueAddedArgs {
  std::string scores, context, profile = "national", out;
  size_t list = 10;
  bool json = false;
};

std::vector<std::string> context_names(const std::string& option) {
  std::vector<std::string> names;
  if (option.empty()) return names;
  enroll::split_on(option, ',', [&](std::string_view part) { names.emplace_back(part); });
  return names;
}

nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json school_json(const evaluate::SchoolEffect& e, long min_students) {
  return {{"school_id", e.school_id},
          {"students", e.students},
          {"mean_prior", e.mean_prior},
          {"mean_current", e.mean_current},
          {"raw_effect", e.raw_effect},
          {"se", e.se},
          {"raw_interval", {e.raw_lo, e.raw_hi}},
          {"reliability", e.shrunk.reliability},
          {"shrunken_effect", e.shrunk.effect},
          {"posterior_sd", e.shrunk.posterior_sd},
          {"interval", {e.lo, e.hi}},
          {"flag", evaluate::flag_name(e.flag)},
          {"below_min_students", static_cast<long>(e.students) < min_students},
          {"rank_raw_mean", e.rank_raw_mean},
          {"rank_value_added", e.rank_value_added}};
}

nlohmann::json report_json(const evaluate::ValueAddedReport& r, const evaluate::ValueAddedRules& rules, size_t movers) {
  nlohmann::json coefficients = nlohmann::json::object();
  for (size_t c = 0; c < r.model.names.size(); ++c) coefficients[r.model.names[c]] = r.model.coefficients[c];
  nlohmann::json schools = nlohmann::json::array(), moves = nlohmann::json::array();
  for (const auto& e : r.schools) schools.push_back(school_json(e, rules.min_students));
  for (size_t k : evaluate::largest_moves(r, movers)) {
    const auto& e = r.schools[k];
    moves.push_back({{"school_id", e.school_id}, {"rank_raw_mean", e.rank_raw_mean}, {"rank_value_added", e.rank_value_added},
                     {"change", e.rank_raw_mean - e.rank_value_added}});
  }
  return {{"model", {{"coefficients", coefficients}, {"r2", number_or_null(r.model.r2)}, {"residual_sd", r.model.residual_sd},
                     {"students", r.students}, {"method", "OLS, Eigen ColPivHouseholderQR"}}},
          {"shrinkage", {{"tau2", r.tau2}, {"tau", std::sqrt(r.tau2)}, {"method", "τ² = max(0, var(raw) − mean(SE²))"}}},
          {"interval_z", rules.interval_z},
          {"min_students", rules.min_students},
          {"schools", schools},
          {"spearman_raw_vs_value_added", number_or_null(r.spearman_raw_vs_value_added)},
          {"largest_moves", moves}};
}

std::string format(const char* fmt, double a, double b = 0, double c = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

// " + 0.8000 × " / " − 0.8000 × ": a term of the fitted equation.
std::string term(double coefficient) { return format(coefficient < 0 ? " − %.4f × " : " + %.4f × ", std::fabs(coefficient)); }

// "3 所：S01 +6.11 [4.43, 7.79]、…", the largest effects first, at most `limit` named.
std::string flagged_text(const evaluate::ValueAddedReport& r, evaluate::Flag flag, size_t limit) {
  std::vector<const evaluate::SchoolEffect*> flagged;
  for (const auto& e : r.schools)
    if (e.flag == flag) flagged.push_back(&e);
  std::stable_sort(flagged.begin(), flagged.end(), [](const auto* a, const auto* b) {
    return std::fabs(a->shrunk.effect) > std::fabs(b->shrunk.effect);
  });
  std::string list;
  for (size_t k = 0; k < flagged.size() && k < limit; ++k)
    list += (k ? "、" : "") + flagged[k]->school_id + format(" %+.2f [%.2f, %.2f]", flagged[k]->shrunk.effect, flagged[k]->lo, flagged[k]->hi);
  if (flagged.size() > limit) list += " 等";
  return std::to_string(flagged.size()) + " 所" + (flagged.empty() ? "" : "：" + list);
}

std::string report_text(const evaluate::ValueAddedReport& r, const evaluate::ValueAddedRules& rules, const std::string& profile,
                        size_t list) {
  const auto& m = r.model;
  std::string t = "增值评价（策略 " + profile + "）：" + std::to_string(r.students) + " 名学生，" + std::to_string(r.schools.size()) +
                  " 所学校\n" + format("  回归：本次成绩 = %.3f", m.coefficients[0]) + term(m.coefficients[1]) + "入学成绩";
  for (size_t c = 2; c < m.names.size(); ++c) t += term(m.coefficients[c]) + m.names[c];
  t += std::isfinite(m.r2) ? format("；R² = %.3f", m.r2) : std::string("；R² 无定义（本次成绩全部相同）");
  t += format("，残差标准差 σ = %.3f\n", m.residual_sd);
  t += format("  学校间方差 τ² = %.3f（τ = %.3f）；经验贝叶斯收缩：学生越少的学校，估计越向 0 收缩\n", r.tau2, std::sqrt(r.tau2));
  double level = 100 * std::erf(rules.interval_z / std::sqrt(2.0));
  t += format("  %.1f%% 区间不含 0 的学校（z = %.2f，至少 ", level, rules.interval_z) + std::to_string(rules.min_students) +
       " 名学生）：\n    高于预期 " + flagged_text(r, evaluate::Flag::above, list) + "\n    低于预期 " +
       flagged_text(r, evaluate::Flag::below, list) + "\n";
  t += std::isfinite(r.spearman_raw_vs_value_added)
           ? format("  原始均分名次与增值名次的 Spearman 相关系数：%.3f\n", r.spearman_raw_vs_value_added)
           : std::string("  原始均分名次与增值名次的 Spearman 相关系数无定义（一方全部相同）\n");
  auto moved = evaluate::largest_moves(r, list);
  if (!moved.empty()) t += "  名次变化最大的学校（原始均分名次 → 增值名次）：\n";
  for (size_t k : moved) {
    const auto& e = r.schools[k];
    t += "    " + e.school_id + "：第 " + std::to_string(e.rank_raw_mean) + " → 第 " + std::to_string(e.rank_value_added) +
         format("（入学均分 %.1f，本次均分 %.1f，增值 %+.2f）\n", e.mean_prior, e.mean_current, e.shrunk.effect);
  }
  t += "  说明：原始均分主要反映生源起点；增值扣除了入学成绩（及背景变量）的影响，衡量学校让学生比预期多进步了多少。\n";
  return t;
}

int run_value_added(const ValueAddedArgs& a) {
  auto policy = load_profile(a.profile);
  if (!policy) return kExitFailure;
  auto rules = evaluate::value_added_rules(*policy);
  if (!rules) return fail(rules.error().message);
  auto table = read_input_table(a.scores);
  if (!table) return kExitBadInput;
  evaluate::ValueAddedData data;
  RowErrors errors = evaluate::read_value_added(*table, context_names(a.context), data);
  if (!errors.empty()) return report_row_errors(errors);
  evaluate::ValueAddedReport report;
  errors = evaluate::estimate_value_added(data, *rules, report);
  if (!errors.empty()) return report_row_errors(errors);
  if (!a.json && a.out.empty())
    return write_output("", report_text(report, *rules, policy->name(), a.list)) ? kExitOk : kExitFailure;
  auto cited = cited_rules(*policy, rules->keys);
  if (!cited) return kExitFailure;
  nlohmann::json result = report_json(report, *rules, a.list);
  result["profile"] = policy->name();
  result["rules"] = *cited;
  return write_output(a.out, result.dump(2) + "\n") ? kExitOk : kExitFailure;
}

}  // namespace

void add_value_added_command(CLI::App* evaluate, Runner& selected) {
  auto v = std::make_shared<ValueAddedArgs>();
  auto* cmd = evaluate->add_subcommand(
      "value-added", "增值评价：扣除入学成绩后各校的增值、区间与收缩估计，并与原始均分排名对比 / school value added");
  cmd->add_option("--scores", v->scores, "成绩文件 student_id,school_id,prior,current（入学成绩与本次成绩；可另含背景变量列）")
      ->required();
  cmd->add_option("--context", v->context, "作为回归自变量的背景变量列（数值），逗号分隔，如 ses,migrant");
  cmd->add_option("--profile,--policy", v->profile, "策略配置（缺省 national：区间 z = 1.96，至少 10 名学生才标注）");
  cmd->add_flag("--json", v->json, "输出 JSON（回归系数、各校增值、区间、收缩估计、两种名次）");
  cmd->add_option("--out", v->out, "把 JSON 写入文件");
  cmd->add_option("--list", v->list, "名次变化最大的学校、高于/低于预期的学校，各列出几所（缺省 10；JSON 的 schools 总是全部）");
  on_run(cmd, selected, [v] { return run_value_added(*v); });
}

}  // namespace youjun::cli
