#include "evaluate/fitness_graduation.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "enroll/enroll_files.hpp"
#include "enroll/table_cells.hpp"

namespace youjun::evaluate {

namespace {

struct YearTotal {
  int year;
  Milli total;
  long line;
};

}  // namespace

RowErrors graduation_scores(const io::Table& t, const FitnessRules& rules, std::vector<GraduationScore>& out) {
  RowErrors errors;
  auto cols = enroll::find_columns(t, {"student_id", "year", "total"}, 3, errors);
  if (!cols.ok) return errors;
  // 标准分 ≤ 100: the top table row is 100 points and the weights sum to 100 % (checked in fitness_rules).
  Milli max_total = 100 * kMilli + static_cast<Milli>(rules.bonus_max_total) * kMilli;
  std::map<std::string, std::vector<YearTotal>> by_student;
  for (size_t r = 0; r < t.row_count(); ++r) {
    long line = t.line_number(r);
    std::string_view id = enroll::cell(t, r, cols.index[0]);
    if (auto problem = enroll::id_problem(id); !problem.empty()) errors.push_back({t.file, line, "student_id", problem});
    long year = 0;
    if (!enroll::parse_count(enroll::cell(t, r, cols.index[1]), 9999, year) || year < 1900)
      errors.push_back({t.file, line, "year", "应为学年的四位年份，如 2026"});
    auto total = parse_measure(enroll::cell(t, r, cols.index[2]));
    if (!total || *total < 0 || *total > max_total)
      errors.push_back({t.file, line, "total", "应为 0–" + measure_text(max_total) + " 的学年总分"});
    if (!errors.empty() && errors.back().row == line) continue;
    auto& years = by_student[std::string(id)];
    for (const auto& y : years)
      if (y.year == year) {
        errors.push_back({t.file, line, "year", "学生 " + std::string(id) + " 的 " + std::to_string(year) + " 学年重复（第 " +
                                                    std::to_string(y.line) + " 行已有）"});
        break;
      }
    years.push_back({static_cast<int>(year), *total, line});
  }
  if (!errors.empty()) return errors;
  // The weight as an exact fraction of a million (0.5 → 500000).
  const __int128 w = std::llround(rules.final_year_weight * 1e6), million = 1'000'000;
  for (auto& [id, years] : by_student) {
    std::sort(years.begin(), years.end(), [](const YearTotal& a, const YearTotal& b) { return a.year < b.year; });
    GraduationScore g;
    g.student_id = id;
    g.final_year = years.back().year;
    g.final_total = years.back().total;
    g.other_years = years.size() - 1;
    if (g.other_years == 0) {
      g.score = g.final_total;
    } else {
      __int128 others = 0;
      for (size_t i = 0; i + 1 < years.size(); ++i) others += years[i].total;
      __int128 n = static_cast<__int128>(g.other_years);
      g.other_mean = divide_rounded(others, n, rules.total_decimals);
      // final·w + (others / n)·(1 − w) = (final·w·n + others·(1 − w)) / n, exact before the one rounding
      g.score = divide_rounded(g.final_total * w * n + others * (million - w), n * million, rules.total_decimals);
    }
    g.level = level_of(rules, g.score);
    out.push_back(std::move(g));
  }
  return errors;
}

}  // namespace youjun::evaluate
