#pragma once
// Funding floors (issue 4 §4) from the schools' budget lines (school_facts):
//  - 公用经费 of small rural schools: a school with fewer than funding.small_school.below[i] pupils is funded as
//    funding.small_school.funded_as[i] pupils (national: < 100 → 100, 教督〔2017〕6号 第七条(六); 聊城 adds
//    100–199 → 200, 003 二(二)), at the per-pupil standard funding.public_per_student.<level>;
//  - 教师培训经费 ≥ funding.teacher_training.min_share_of_public_funds (5 %) of the school's 公用经费预算
//    (教督〔2017〕6号 第八条(四); 001 钦州 二(七));
//  - per county, 教师培训经费 against funding.teacher_training.payroll_share_target (钦州: 2 % of 工资总额) when
//    the profile has it.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "policy/policy.hpp"
#include "store/connection.hpp"

namespace youjun::balance {

struct BudgetLine {
  std::string school_id, name, county, locale;  // locale: urban, town, rural
  long primary_students = 0, junior_students = 0;
  double public_budget = 0, training_budget = 0, payroll = 0;  // 元
};

// Compulsory-level schools with facts for `school_year`, by district and code.
Result<std::vector<BudgetLine>> budget_lines(store::Connection& db, const std::string& school_year);

struct FundingRules {
  std::vector<double> small_below, small_funded_as;
  double per_student_primary = 0, per_student_junior = 0, training_share = 0;
  std::optional<double> payroll_share_target;
  std::vector<policy::Rule> applied;
};
Result<FundingRules> funding_rules(const policy::Policy& policy, int year);

struct SchoolFunding {
  const BudgetLine* line = nullptr;
  long students = 0;
  std::optional<long> funded_as;  // the small-school tier it falls in (rural only)
  double required_public = 0;     // standard × pupils (or the tier's count, split over levels by their pupils)
  double public_shortfall = 0;    // max(0, required − budget)
  double training_required = 0;   // share × public budget
  double training_shortfall = 0;
};

struct CountyFunding {
  std::string county;
  size_t schools = 0, public_short = 0, training_short = 0;
  double public_budget = 0, public_shortfall = 0, training_budget = 0, training_shortfall = 0, payroll = 0;
  std::optional<double> training_payroll_share;  // Σ training / Σ payroll, when payroll > 0
  std::optional<bool> payroll_target_met;
};

struct FundingReport {
  std::vector<SchoolFunding> schools;
  std::vector<CountyFunding> counties;
};

FundingReport check_funding(const std::vector<BudgetLine>& lines, const FundingRules& rules);

}  // namespace youjun::balance
