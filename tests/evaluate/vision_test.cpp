// 近视 screening by hand: the screening definition at its boundaries, rates per year and school, the change
// against the profile's target (绍兴 1 point, 铜陵 1 point in 2021–2023 only), cohorts, bad rows.
#include <gtest/gtest.h>

#include "evaluate/vision.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {
namespace {

const char* kHeader =
    "student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,spherical_equivalent_right,grade,school_id,ortho_k\n";

// 2025: A myopic (4.8 and −0.75), B poor vision only (SE −0.25), C normal, D 角膜塑形镜 → 2 / 4 myopic, 2 / 4 below 5.0.
// 2026: A myopic, B myopic (SE exactly −0.50), C normal, D 塑形镜, E 4.6 without SE (unconfirmed) → 3 / 5, 3 / 5 below.
const char* kRows =
    "A,2025-05-10,4.8,5.0,-0.75,0.00,3,S1,\n"
    "B,2025-05-10,4.9,4.9,-0.25,-0.25,3,S1,\n"
    "C,2025-05-10,5.0,5.1,0.25,0.00,3,S2,\n"
    "D,2025-05-10,5.0,5.0,,,4,S2,1\n"
    "A,2026-05-11,4.7,4.9,-1.00,-0.50,4,S1,\n"
    "B,2026-05-11,4.8,4.9,-0.50,-0.25,4,S1,\n"
    "C,2026-05-11,5.0,5.0,0.00,0.00,4,S2,\n"
    "D,2026-05-11,5.0,5.0,,,5,S2,1\n"
    "E,2026-05-11,4.6,5.0,,,1,S2,\n";

struct Run {
  io::Table table;
  VisionRules rules;
  VisionColumns columns;
  std::vector<Screening> screenings;
  RowErrors errors;
};

Run run(const std::string& rows, const std::string& profile = "national", int year = 2026) {
  Run r{*io::parse_csv(kHeader + rows, "screen.csv"), *vision_rules(*policy::load_policy(profile), year), {}, {}, {}};
  r.errors = read_screenings(r.table, r.rules, r.columns, r.screenings);
  return r;
}

const VisionRate& rate(const VisionReport& rep, const std::string& scope, const std::string& key, int year) {
  for (const auto& r : rep.rates)
    if (r.scope == scope && r.key == key && r.year == year) return r;
  throw std::runtime_error("no rate");
}

TEST(Vision, DefinitionAtItsBoundaries) {
  auto r = run(kRows);
  ASSERT_TRUE(r.errors.empty()) << format_row_errors(r.errors);
  EXPECT_EQ(r.rules.uncorrected_below, 5000);
  EXPECT_EQ(r.rules.se_at_most, -500);
  EXPECT_EQ(r.screenings[0].status, VisionStatus::myopia);
  EXPECT_EQ(r.screenings[1].status, VisionStatus::poor_vision);
  EXPECT_EQ(r.screenings[2].status, VisionStatus::normal);      // 5.0 is not below 5.0
  EXPECT_EQ(r.screenings[3].status, VisionStatus::myopia);      // 角膜塑形镜
  EXPECT_FALSE(r.screenings[3].below);
  EXPECT_EQ(r.screenings[5].status, VisionStatus::myopia);      // SE −0.50 is at the cut
  EXPECT_EQ(r.screenings[8].status, VisionStatus::poor_vision);
  EXPECT_TRUE(r.screenings[8].unconfirmed);
}

TEST(Vision, RatesChangesAndCohortsByHand) {
  auto r = run(kRows, "shaoxing");
  auto rep = vision_report(r.table, r.columns, r.rules, r.screenings);
  EXPECT_EQ(r.rules.annual_drop, 1000);  // 000 绍兴 (五): 每年降低 1 个百分点以上
  const auto& y25 = rate(rep, "all", "", 2025);
  const auto& y26 = rate(rep, "all", "", 2026);
  EXPECT_EQ(y25.screened, 4u);
  EXPECT_EQ(y25.myopia, 2u);
  EXPECT_EQ(y25.poor_vision, 2u);
  EXPECT_EQ(y26.myopia, 3u);
  EXPECT_EQ(y26.poor_vision, 3u);
  EXPECT_EQ(y26.unconfirmed, 1u);
  // S1: 1/2 → 2/2 (+50 points); S2: 1/2 → 1/3 (−16.67).
  EXPECT_DOUBLE_EQ(rate(rep, "school", "S1", 2026).myopia_rate(), 1.0);
  ASSERT_FALSE(rep.behind.empty());
  EXPECT_EQ(rep.behind[0].key, "S1");
  EXPECT_DOUBLE_EQ(rep.behind[0].change_points, 50.0);
  EXPECT_FALSE(rep.behind[0].target_met);
  EXPECT_DOUBLE_EQ(rep.behind[1].change_points, -16.67);
  EXPECT_TRUE(rep.behind[1].target_met);
  const VisionChange* city = nullptr;
  for (const auto& ch : rep.changes)
    if (ch.scope == "all") city = &ch;
  ASSERT_NE(city, nullptr);
  EXPECT_DOUBLE_EQ(city->change_points, 10.0);  // 50 % → 60 %
  // Only grade 4 is screened in both years: 1/1 (D) → 2/3 (A, B, C), weight 3 → −33.33 points.
  ASSERT_TRUE(city->same_grade_mix_change_points);
  EXPECT_DOUBLE_EQ(*city->same_grade_mix_change_points, -33.33);
  // The same four children: 2 / 4 → 3 / 4 (E, new in 2026, is not in the cohort).
  ASSERT_FALSE(rep.cohorts.empty());
  EXPECT_EQ(rep.cohorts[0].grade, 0);
  EXPECT_EQ(rep.cohorts[0].students, 4u);
  EXPECT_EQ(rep.cohorts[0].myopia_before, 2u);
  EXPECT_EQ(rep.cohorts[0].myopia_after, 3u);
}

TEST(Vision, TargetsByCityAndYear) {
  auto drop = [](const std::string& profile, int year) { return vision_rules(*policy::load_policy(profile), year)->annual_drop; };
  EXPECT_EQ(drop("national", 2026), 500);   // 教体艺〔2018〕3号 0.5 (R)
  EXPECT_EQ(drop("liaocheng", 2026), 1000);  // 003 聊城
  EXPECT_EQ(drop("zhucheng", 2026), 500);    // 002 诸城
  EXPECT_EQ(drop("tongling", 2022), 1000);   // 002 铜陵, 2021—2023
  EXPECT_EQ(drop("tongling", 2024), 500);    // after 2023 the national value
}

TEST(Vision, BadRowsAreAllReported) {
  auto r = run("A,2026-05-11,6.0,4.9,-1,-1,3,S1,\n"
               "B,yesterday,4.9,4.9,x,-1,3,S1,2\n"
               "A,2026-06-01,4.9,4.9,-1,-1,3,S1,\n");
  EXPECT_TRUE(r.screenings.empty());
  std::string text = format_row_errors(r.errors);
  EXPECT_NE(text.find("screen.csv:2:left_uncorrected: 应为五分记录"), std::string::npos) << text;
  EXPECT_NE(text.find("screen.csv:3:date: "), std::string::npos) << text;
  EXPECT_NE(text.find("screen.csv:3:spherical_equivalent_left: "), std::string::npos) << text;
  EXPECT_NE(text.find("screen.csv:3:ortho_k: "), std::string::npos) << text;
  EXPECT_NE(text.find("screen.csv:4:student_id: 学生 A 在 2026 年重复（第 2 行已有）"), std::string::npos) << text;
}

}  // namespace
}  // namespace youjun::evaluate
