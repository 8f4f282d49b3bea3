// `youjun balance funding` — 公用经费 and 教师培训经费 floors per school and county, from the budget lines of
// school_facts in the database (issue 4 §4).
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "balance/facts_records.hpp"
#include "balance/funding.hpp"
#include "cli/balance_inputs.hpp"
#include "cli/enroll_inputs.hpp"
#include "policy/policy_report.hpp"
#include "store/migrations.hpp"

namespace youjun::cli {

namespace {

struct FundingArgs {
  DbArgs db;
  std::string school_year, profile = "national", out;
  int year = 0;
  bool json = false;
};

double money(double v) { return std::round(v * 100) / 100; }
nlohmann::json optional_json(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

nlohmann::json funding_json(const balance::FundingReport& r, const balance::FundingRules& rules) {
  nlohmann::json schools = nlohmann::json::array(), counties = nlohmann::json::array(), applied = nlohmann::json::array();
  for (const auto& s : r.schools)
    schools.push_back({{"school_id", s.line->school_id},
                       {"name", s.line->name},
                       {"county", s.line->county},
                       {"locale", s.line->locale},
                       {"students", s.students},
                       {"funded_as", s.funded_as ? nlohmann::json(*s.funded_as) : nlohmann::json(nullptr)},
                       {"public_required", money(s.required_public)},
                       {"public_budget", money(s.line->public_budget)},
                       {"public_shortfall", money(s.public_shortfall)},
                       {"training_budget", money(s.line->training_budget)},
                       {"training_required", money(s.training_required)},
                       {"training_shortfall", money(s.training_shortfall)}});
  for (const auto& c : r.counties)
    counties.push_back({{"county", c.county},
                        {"schools", c.schools},
                        {"schools_public_short", c.public_short},
                        {"schools_training_short", c.training_short},
                        {"public_budget", money(c.public_budget)},
                        {"public_shortfall", money(c.public_shortfall)},
                        {"training_budget", money(c.training_budget)},
                        {"training_shortfall", money(c.training_shortfall)},
                        {"payroll", money(c.payroll)},
                        {"training_payroll_share", optional_json(c.training_payroll_share)},
                        {"payroll_share_target", optional_json(rules.payroll_share_target)},
                        {"payroll_target_met", c.payroll_target_met ? nlohmann::json(*c.payroll_target_met) : nullptr}});
  for (const auto& rule : rules.applied) applied.push_back(policy::cited_rule_json(rule));
  return {{"schools", schools}, {"counties", counties}, {"rules", applied}};
}

int run_funding(const FundingArgs& a) {
  auto policy = policy::load_policy(a.profile);
  if (!policy) return fail(policy.error().message);
  int code = kExitOk;
  auto facts_db = open_facts_db(a.db, a.school_year, 0, code);
  if (!facts_db) return code;
  auto& db = facts_db->db;
  const std::string& school_year = facts_db->school_year;
  auto rules = balance::funding_rules(*policy, a.year ? a.year : balance::rules_year_of(school_year));
  if (!rules) return fail(rules.error().message);
  auto lines = balance::budget_lines(*db, school_year);
  if (!lines) return fail(lines.error().message);
  auto report = balance::check_funding(*lines, *rules);
  auto body = funding_json(report, *rules);
  body["profile"] = policy->name();
  body["school_year"] = school_year;
  std::string text;
  if (a.json || !a.out.empty()) {
    text = body.dump(2) + "\n";
  } else {
    text = "区县\t学校\t公用经费缺口学校\t缺口（元）\t培训经费缺口学校\t缺口（元）\t培训经费占工资总额\n";
    for (const auto& c : report.counties)
      text += fmt::format("{}\t{}\t{}\t{:.2f}\t{}\t{:.2f}\t{}\n", c.county, c.schools, c.public_short, c.public_shortfall,
                          c.training_short, c.training_shortfall,
                          c.training_payroll_share ? fmt::format("{:.2f}%", *c.training_payroll_share * 100) : "—");
  }
  if (!write_output(a.out, text)) return kExitFailure;
  size_t short_public = 0, short_training = 0;
  for (const auto& c : report.counties) short_public += c.public_short, short_training += c.training_short;
  std::fprintf(stderr, "经费（%s）：%zu 所学校公用经费低于核定数，%zu 所学校教师培训经费不足 %.0f%%\n", school_year.c_str(),
               short_public, short_training, rules->training_share * 100);
  return kExitOk;
}

}  // namespace

void add_balance_funding_command(CLI::App* balance, Runner& selected) {
  auto a = std::make_shared<FundingArgs>();
  auto* cmd = balance->add_subcommand("funding", "经费底线：小规模学校公用经费、教师培训经费 / funding floors");
  add_db_options(cmd, a->db);
  cmd->add_option("--school-year", a->school_year, "学年，如 2025-2026（缺省最新）");
  cmd->add_option("--profile,--policy", a->profile, "策略配置（缺省 national；聊城 liaocheng 有 200 人档，钦州 qinzhou 有 2% 工资总额目标）");
  cmd->add_option("--year", a->year, "按哪一年的规则（缺省学年起始年）");
  cmd->add_flag("--json", a->json, "输出 JSON");
  cmd->add_option("--out", a->out, "把结果写入文件（JSON）");
  on_run(cmd, selected, [a] { return run_funding(*a); });
}

}  // namespace youjun::cli
