#include "balance/funding.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <variant>

#include "balance/indicators.hpp"

namespace youjun::balance {

namespace {

constexpr const char* kSql =
    "SELECT s.code, s.name, d.name, s.locale, "
    "  f.students_g1 + f.students_g2 + f.students_g3 + f.students_g4 + f.students_g5 + f.students_g6, "
    "  f.students_g7 + f.students_g8 + f.students_g9, f.public_budget_fen, f.training_budget_fen, f.payroll_fen "
    "FROM school_facts f JOIN schools s ON s.code = f.school_code JOIN districts d ON d.code = s.district_code "
    "WHERE f.school_year = ? AND s.level <> 'senior' ORDER BY d.code, s.code";

// A whole 元 amount (budgets are kept in 分; shortfalls are reported in 元, rounded up to the 分).
double cents_up(double yuan) { return std::ceil(yuan * 100 - 1e-6) / 100; }

}  // namespace

Result<std::vector<BudgetLine>> budget_lines(store::Connection& db, const std::string& school_year) {
  auto rows = db.query(kSql, {school_year});
  if (!rows) return rows.error();
  std::vector<BudgetLine> out;
  for (const auto& r : *rows) {
    BudgetLine b{r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4), r.integer(5),
                 static_cast<double>(r.integer(6)) / 100, static_cast<double>(r.integer(7)) / 100,
                 static_cast<double>(r.integer(8)) / 100};
    if (b.primary_students + b.junior_students > 0) out.push_back(std::move(b));
  }
  return out;
}

Result<FundingRules> funding_rules(const policy::Policy& p, int year) {
  FundingRules f;
  auto take = [&](const std::string& key) -> Result<policy::Rule> {
    auto r = p.rule_at(key, year);
    if (!r) return make_error("策略 " + p.name() + " 缺少规则 " + key);
    f.applied.push_back(*r);
    return *r;
  };
  for (const char* key : {"funding.small_school.below", "funding.small_school.funded_as"}) {
    auto r = take(key);
    if (!r) return r.error();
    auto* v = std::get_if<std::vector<double>>(&r->value);
    if (!v) return make_error(std::string("策略规则 ") + key + " 应为数值数组");
    (std::string(key).find("below") != std::string::npos ? f.small_below : f.small_funded_as) = *v;
  }
  if (f.small_below.size() != f.small_funded_as.size())
    return make_error("策略规则 funding.small_school.below 与 funded_as 的档数不同");
  const std::pair<const char*, double*> numbers[] = {
      {"funding.public_per_student.primary", &f.per_student_primary},
      {"funding.public_per_student.junior", &f.per_student_junior},
      {"funding.teacher_training.min_share_of_public_funds", &f.training_share}};
  for (const auto& [key, out] : numbers) {
    auto r = take(key);
    if (!r) return r.error();
    if (!std::holds_alternative<double>(r->value)) return make_error(std::string("策略规则 ") + key + " 应为数值");
    *out = std::get<double>(r->value);
  }
  if (p.has("funding.teacher_training.payroll_share_target")) {
    auto r = take("funding.teacher_training.payroll_share_target");
    if (r && std::holds_alternative<double>(r->value)) f.payroll_share_target = std::get<double>(r->value);
  }
  return f;
}

FundingReport check_funding(const std::vector<BudgetLine>& lines, const FundingRules& rules) {
  FundingReport out;
  std::map<std::string, CountyFunding> counties;
  for (const auto& b : lines) {
    SchoolFunding s;
    s.line = &b;
    s.students = b.primary_students + b.junior_students;
    double standard = b.primary_students * rules.per_student_primary + b.junior_students * rules.per_student_junior;
    // 村小学和教学点 (national) / 农村 (聊城): only rural schools get the small-school floor. The first tier
    // whose upper bound the school is under applies.
    if (b.locale == "rural")
      for (size_t i = 0; i < rules.small_below.size(); ++i)
        if (s.students < rules.small_below[i]) {
          s.funded_as = static_cast<long>(rules.small_funded_as[i]);
          break;
        }
    s.required_public = s.funded_as && *s.funded_as > s.students ? standard * *s.funded_as / s.students : standard;
    s.public_shortfall = std::max(0.0, cents_up(s.required_public - b.public_budget));
    s.training_required = rules.training_share * b.public_budget;
    s.training_shortfall = at_least(b.training_budget, s.training_required)
                               ? 0
                               : cents_up(s.training_required - b.training_budget);
    auto& c = counties[b.county];
    c.county = b.county;
    ++c.schools;
    c.public_short += s.public_shortfall > 0;
    c.training_short += s.training_shortfall > 0;
    c.public_budget += b.public_budget;
    c.public_shortfall += s.public_shortfall;
    c.training_budget += b.training_budget;
    c.training_shortfall += s.training_shortfall;
    c.payroll += b.payroll;
    out.schools.push_back(s);
  }
  for (auto& [name, c] : counties) {
    if (c.payroll > 0) c.training_payroll_share = c.training_budget / c.payroll;
    if (rules.payroll_share_target && c.training_payroll_share)
      c.payroll_target_met = at_least(*c.training_payroll_share, *rules.payroll_share_target);
    out.counties.push_back(c);
  }
  return out;
}

}  // namespace youjun::balance
