#include "balance/indicators.hpp"

#include <algorithm>
#include <cmath>

namespace youjun::balance {

const char* stage_key(Stage s) { return s == Stage::Primary ? "primary" : "junior"; }
const char* stage_zh(Stage s) { return s == Stage::Primary ? "小学" : "初中"; }

const std::array<Indicator, kIndicatorCount> kIndicators = {{
    {"teachers_above_degree_per100", "qualified_teachers", "每百名学生拥有高于规定学历教师数", "高学历教师", "人/百名学生", true, true},
    {"backbone_teachers_per100", "backbone_teachers", "每百名学生拥有县级及以上骨干教师数", "骨干教师", "人/百名学生", true, true},
    {"pe_art_teachers_per100", "pe_art_teachers", "每百名学生拥有体育、艺术（美术、音乐）专任教师数", "体艺教师", "人/百名学生", true,
     true},
    {"teaching_area_per_student", "teaching_area", "生均教学及辅助用房面积", "教学用房", "m²/生", false, false},
    {"sports_area_per_student", "sports_area", "生均体育运动场馆面积", "运动场馆", "m²/生", false, false},
    {"equipment_value_per_student", "equipment_value", "生均教学仪器设备值", "仪器设备", "元/生", false, false},
    {"multimedia_rooms_per100", "multimedia_rooms", "每百名学生拥有网络多媒体教室数", "多媒体教室", "间/百名学生", true, true},
}};

std::array<double, kIndicatorCount> indicator_values(const Amounts& amounts, double students) {
  std::array<double, kIndicatorCount> v{};
  for (int i = 0; i < kIndicatorCount; ++i)
    v[i] = kIndicators[i].per100 ? amounts[i] * 100.0 / students : amounts[i] / students;
  return v;
}

double amount_for(int i, double target, double students) {
  return kIndicators[i].per100 ? target * students / 100.0 : target * students;
}

namespace {
double tolerance(double limit) { return 1e-9 * std::max(1.0, std::fabs(limit)); }
}  // namespace

bool at_least(double x, double floor) { return x >= floor - tolerance(floor); }

bool within(double x, const std::string& compare, double limit) {
  double eps = tolerance(limit);
  if (compare == "<") return x < limit - eps;
  if (compare == ">") return x > limit + eps;
  if (compare == ">=") return x >= limit - eps;
  if (compare == "=") return std::fabs(x - limit) <= eps;
  return x <= limit + eps;  // "<=" and a limit without an operator
}

}  // namespace youjun::balance
