#pragma once
// 毕业成绩 of 国家学生体质健康标准（2014年修订）说明: 毕业当年学年总分 × 50 % + 其他学年总分平均得分 × 50 %
// (the weight is the profile's fitness.graduation.final_year_weight). Input: student_id,year,total — one
// row per student and school year; the latest year is the graduation year.
#include <string>
#include <vector>

#include "core/row_error.hpp"
#include "evaluate/fitness_rules.hpp"
#include "io/table.hpp"

namespace youjun::evaluate {

struct GraduationScore {
  std::string student_id;
  int final_year = 0;
  Milli final_total = 0;
  size_t other_years = 0;
  Milli other_mean = 0;   // rounded to the profile's decimals, for display
  Milli score = 0;        // computed from the exact mean, then rounded
  int level = 3;
};

// Every bad row is reported (id, year as a 4-digit year, total 0–120 … the profile's maximum, a year
// repeated for one student) and then nothing is computed. A student with one year only: that year's total.
RowErrors graduation_scores(const io::Table& table, const FitnessRules& rules, std::vector<GraduationScore>& out);

}  // namespace youjun::evaluate
