#pragma once
// The generator's own, simplified reading of the 7 优质均衡 resource indicators (教督〔2017〕6号
// 第六条), used to calibrate the demo city and to describe it in manifest.json. It is NOT the
// product's balance engine: floors and limits are the national ones, 一贯制 schools share their
// areas, equipment and rooms by the split weights of standards.md (九年 1:1.1, 完全中学 1:1.2,
// 十二年 1:1.1:1.32), and parts with fewer than 50 pupils are left out (教学点 rule).
#include <array>
#include <vector>

#include "demo/city.hpp"

namespace youjun::demo {

// Floors per stage (primary, junior) in indicator order: above-degree teachers /100 pupils,
// backbone teachers /100, PE+art teachers /100, teaching area m²/pupil, sports area m²/pupil,
// equipment 元/pupil, multimedia rooms /100 pupils.
extern const std::array<std::array<double, kIndicators>, 2> kFloors;
extern const std::array<double, 2> kCvLimits;  // 0.50 primary, 0.45 junior
extern const std::array<const char*, kIndicators> kIndicatorNames;  // Chinese

// One stage of one school (a 九年一贯制 school has a primary and a junior part).
struct SchoolPart {
  size_t school = 0;  // index into City::schools
  int district = 0;
  int stage = kPrimary;
  int students = 0;
  std::array<double, kIndicators> value{};

  int indicators_met() const;
  // 6 of 7 met and the 7th at least 85 % of its floor.
  bool passes() const;
  // Any indicator below half its floor, or three or more unmet.
  bool fails_badly() const;
};

// Parts with at least `min_students` pupils, from the facts of `year`.
std::vector<SchoolPart> school_parts(const City& city, int year = kLatest, int min_students = 50);

// Student-weighted coefficient of variation (教督〔2012〕3号 附件2) of one indicator over the parts of
// one district and stage; 0 when fewer than two parts.
double weighted_cv(const std::vector<SchoolPart>& parts, int district, int stage, int indicator);

// Weights by which a multi-stage school's shared resources are split (primary, junior, senior).
std::array<double, 3> split_weights(Level level);

}  // namespace youjun::demo
