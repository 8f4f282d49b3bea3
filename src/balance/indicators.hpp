#pragma once
// The seven 优质均衡 resource-allocation indicators (教督〔2017〕6号 第六条; issue 4 §1): what each one
// is, how it is computed from a school part's counts, and which policy rule holds its floor.
#include <array>
#include <string>

namespace youjun::balance {

// A school part of one level: a 九年一贯制 school is evaluated as a primary and a junior part.
enum class Stage { Primary = 0, Junior = 1 };
const char* stage_key(Stage s);  // "primary" / "junior"
const char* stage_zh(Stage s);   // 小学 / 初中

constexpr int kIndicatorCount = 7;

struct Indicator {
  const char* key;        // JSON key, fixed by issue 4: "teachers_above_degree_per100", …
  const char* rule_name;  // policy key stem: resource.<rule_name>.min.<stage>
  const char* zh;         // 每百名学生拥有高于规定学历教师数, …
  const char* short_zh;   // 高学历教师, … (table headers)
  const char* unit;       // 人/百名学生, m²/生, 元/生, 间/百名学生
  bool per100;            // value = amount × 100 / students (else amount / students)
  bool whole_units;       // teachers and rooms come in whole numbers (what a plan may add)
};

// In the order of 第六条: above-degree teachers, backbone teachers, PE/art teachers, teaching area,
// sports area, equipment value, multimedia rooms.
extern const std::array<Indicator, kIndicatorCount> kIndicators;

// The amounts behind the seven indicators for one part (teacher counts, m², 元, rooms), in kIndicators order.
using Amounts = std::array<double, kIndicatorCount>;

// Indicator values of a part with `students` pupils (> 0).
std::array<double, kIndicatorCount> indicator_values(const Amounts& amounts, double students);
// The amount a part with `students` pupils needs for indicator i to reach `target` (the inverse).
double amount_for(int i, double target, double students);

// Comparisons of computed values against policy numbers tolerate rounding noise (1e-9 relative):
// 382.5 m² for 100 pupils is exactly 85 % of 4.5, even though 0.85 × 4.5 is not exact in binary.
bool at_least(double x, double floor);
bool within(double x, const std::string& compare, double limit);  // x <compare> limit, same tolerance

}  // namespace youjun::balance
