// `balance plan`: the cheapest additions for a school part and the water-filling raise of a county's CV,
// worked out by hand with the national unit costs (150,000 元 per teacher-year, 4,000 元/m² teaching area).
#include <gtest/gtest.h>

#include "balance/evaluation.hpp"
#include "balance/plan.hpp"
#include "balance/school_file.hpp"
#include "enroll/enroll_test_util.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {
namespace {

const char* kHeader =
    "school_id,name,county,level,students,classes,teachers_above_degree,backbone_teachers,pe_art_teachers,"
    "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n";

struct Fixture {
  std::vector<SchoolRecord> records;
  BalanceRules rules;
  UnitCosts costs;
  Evaluation evaluation;
  Plan plan;
};

Fixture planned(const std::string& rows, const std::string& profile, int year) {
  Fixture f;
  auto errors = read_school_records(test::csv(std::string(kHeader) + rows, "s.csv"), f.records);
  EXPECT_TRUE(errors.empty()) << format_row_errors(errors);
  auto p = policy::load_policy(profile);
  f.rules = *balance_rules(*p, year);
  auto costs = unit_costs(*p, year);
  EXPECT_TRUE(costs) << costs.error().message;
  f.costs = *costs;
  f.evaluation = evaluate(f.records, f.rules);
  f.plan = make_plan(f.records, f.evaluation, f.rules, f.costs);
  return f;
}

// 100 pupils; 3 above-degree teachers (3.0 per 100: below 4.2 and below 85 % of it, 3.57) and 400 m² of
// teaching area (4.0: below 4.5 but above 85 %, 3.825); everything else met.
//   To the floors: teachers +2 (5 ≥ 4.2) = 300,000 元; area +50 m² = 200,000 元.
//   To 85 %: teachers +1 (4 ≥ 3.57) = 150,000 元; area +0.
//   Savings if left below the floor: teachers 150,000, area 200,000 → leave the area: +2 teachers, 300,000 元.
TEST(BalancePlan, CheapestWayToSixOfSeven) {
  auto f = planned("P1,甲,县A,primary,100,3,3,2,2,400,800,250000,3\n", "national", 2026);
  ASSERT_EQ(f.plan.parts.size(), 1u);
  const auto& pp = f.plan.parts[0];
  ASSERT_EQ(pp.additions.size(), 1u);
  EXPECT_EQ(pp.additions[0].indicator, 0);
  EXPECT_DOUBLE_EQ(pp.additions[0].amount, 2);
  EXPECT_DOUBLE_EQ(pp.cost, 300000);
  ASSERT_TRUE(pp.left_below_floor.has_value());
  EXPECT_EQ(*pp.left_below_floor, 3);
  EXPECT_TRUE(pp.compliant_after);
  EXPECT_DOUBLE_EQ(f.plan.cost, 300000);
}

// 九年一贯制 part: shared resources cost 1/share per unit of the part. 600 primary + 400 junior pupils share
// 5200 m² of teaching area (junior share 440/1040: 2200 m², 5.5 per pupil, below 5.8). The junior part needs
// 5.8 × 400 − 2200 = 120 m², i.e. 120 / (440/1040) = 283.6 m² built by the school. Its above-degree
// teachers (20, 5.0 per 100 < 5.3) need +2 (22 → 5.5) = 300,000 元, or +0 to 85 % (4.505).
//   Savings: teachers 300,000; area 120 × 4000 × 1040/440 = 1,134,545 → leave the area below the floor
//   (5.5 ≥ 85 % × 5.8 = 4.93): +2 teachers, 300,000 元.
TEST(BalancePlan, NineYearSharedResourcesCostMoreForOnePart) {
  std::string header_extra = "school_id,name,county,level,students,classes,teachers_above_degree,backbone_teachers,"
                             "pe_art_teachers,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,"
                             "students_junior,classes_junior,teachers_above_degree_junior,backbone_teachers_junior,"
                             "pe_art_teachers_junior\n";
  Fixture f;
  auto errors = read_school_records(
      test::csv(header_extra + "N1,九年一贯,县B,nine_year,600,14,30,6,6,5200,10400,2600000,26,400,8,20,4,4\n", "s.csv"),
      f.records);
  ASSERT_TRUE(errors.empty());
  auto p = policy::load_policy("national");
  f.rules = *balance_rules(*p, 2026);
  f.costs = *unit_costs(*p, 2026);
  f.evaluation = evaluate(f.records, f.rules);
  f.plan = make_plan(f.records, f.evaluation, f.rules, f.costs);
  ASSERT_EQ(f.plan.parts.size(), 1u);
  const auto& pp = f.plan.parts[0];
  EXPECT_EQ(f.evaluation.parts[pp.part].stage, Stage::Junior);
  ASSERT_EQ(pp.additions.size(), 1u);
  EXPECT_EQ(pp.additions[0].indicator, 0);
  EXPECT_DOUBLE_EQ(pp.additions[0].amount, 2);
  EXPECT_EQ(*pp.left_below_floor, 3);
  EXPECT_TRUE(pp.compliant_after);
}

// Two compliant junior schools of 400 pupils with 2,500 and 5,000 元 of equipment per pupil: CV 1/3. 绍兴
// 2025 requires < 0.30, which the plan meets with CV ≤ 0.29995 (so that four decimals show 0.2999). Raising
// the first to L gives CV (5000 − L)/(5000 + L) ≤ 0.29995 ⇔ L ≥ 3500.25 / 1.29995 = 2692.6036, i.e.
// (L − 2500) × 400 ≥ 77,041.42 元 → 77,042 元 (whole 元). Then L = 2692.605 and CV = 0.2999498.
TEST(BalancePlan, CountyCvRaisedFromTheBottom) {
  auto f = planned("J1,初一,县C,junior,400,8,30,6,6,2400,4400,1000000,12\n"
                   "J2,初二,县C,junior,400,8,30,6,6,2400,4400,2000000,12\n",
                   "shaoxing", 2025);
  EXPECT_TRUE(f.plan.parts.empty());
  ASSERT_EQ(f.plan.counties.size(), 1u);
  const auto& cp = f.plan.counties[0];
  EXPECT_EQ(cp.failing_before, std::vector<int>{5});
  ASSERT_EQ(cp.pullers.size(), 1u);
  ASSERT_EQ(cp.pullers[0].size(), 2u);
  EXPECT_NEAR(cp.pullers[0][0].variance_share, 0.5, 1e-12);  // equal deviations either side
  EXPECT_NEAR(cp.cv_after_school_plans[5], 1.0 / 3.0, 1e-12);
  ASSERT_EQ(cp.raises.size(), 1u);
  const auto& r = cp.raises[0];
  ASSERT_EQ(r.additions.size(), 1u);
  EXPECT_EQ(f.records[f.evaluation.parts[r.additions[0].first].school].school_id, "J1");
  EXPECT_DOUBLE_EQ(r.additions[0].second, 77042);
  EXPECT_DOUBLE_EQ(r.cost, 77042);
  EXPECT_NEAR(r.cv_after, 0.2999497569, 1e-9);
  EXPECT_TRUE(cp.pass_after);
  EXPECT_DOUBLE_EQ(f.plan.cost, 77042);
}

}  // namespace
}  // namespace youjun::balance
