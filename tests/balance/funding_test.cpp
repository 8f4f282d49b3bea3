// Funding floors by hand, with the national per-pupil standards (小学 720, 初中 940 元; tagged R).
#include <gtest/gtest.h>

#include "balance/funding.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {
namespace {

FundingRules rules_of(const std::string& profile) {
  auto p = policy::load_policy(profile);
  auto r = funding_rules(*p, 2025);
  EXPECT_TRUE(r) << r.error().message;
  return *r;
}

std::vector<BudgetLine> lines() {
  return {
      // rural, 76 pupils: funded as 100 → 100 × 720 = 72,000; budget 70,000 → 2,000 short.
      {"R1", "村小", "县A", "rural", 76, 0, 70000, 3500, 1000000},
      // the same size in town: no small-school floor → 76 × 720 = 54,720, budget covers it.
      {"T1", "镇小", "县A", "town", 76, 0, 70000, 4000, 1000000},
      // rural, 150 pupils: national has one tier (< 100) → 150 × 720 = 108,000; 聊城's second tier → 200 × 720.
      {"R2", "村小二", "县A", "rural", 150, 0, 120000, 6000, 1000000},
      // 九年一贯制 in the country: 60 primary + 30 junior = 90 < 100 → (60×720 + 30×940) × 100/90 = 79,333.34.
      {"N1", "九年", "县B", "rural", 60, 30, 80000, 4000, 200000},
  };
}

TEST(BalanceFunding, SmallRuralSchoolsAndTrainingShare) {
  auto l = lines();
  auto national = check_funding(l, rules_of("national"));
  ASSERT_EQ(national.schools.size(), 4u);
  EXPECT_EQ(*national.schools[0].funded_as, 100);
  EXPECT_DOUBLE_EQ(national.schools[0].required_public, 72000);
  EXPECT_DOUBLE_EQ(national.schools[0].public_shortfall, 2000);
  // Training: 5 % of 70,000 = 3,500: exactly enough for R1, and T1 has more.
  EXPECT_DOUBLE_EQ(national.schools[0].training_shortfall, 0);
  EXPECT_FALSE(national.schools[1].funded_as.has_value());
  EXPECT_DOUBLE_EQ(national.schools[1].required_public, 54720);
  EXPECT_FALSE(national.schools[2].funded_as.has_value());
  EXPECT_DOUBLE_EQ(national.schools[2].required_public, 108000);
  EXPECT_NEAR(national.schools[3].required_public, (60 * 720.0 + 30 * 940.0) * 100 / 90, 1e-9);
  EXPECT_DOUBLE_EQ(national.schools[3].public_shortfall, 0);  // 80,000 ≥ 79,333.33
  ASSERT_EQ(national.counties.size(), 2u);
  EXPECT_EQ(national.counties[0].county, "县A");
  EXPECT_EQ(national.counties[0].public_short, 1u);
  EXPECT_DOUBLE_EQ(national.counties[0].public_shortfall, 2000);
  EXPECT_FALSE(national.counties[0].payroll_target_met.has_value());  // no payroll target nationally

  auto liaocheng = check_funding(l, rules_of("liaocheng"));
  EXPECT_EQ(*liaocheng.schools[2].funded_as, 200);
  EXPECT_DOUBLE_EQ(liaocheng.schools[2].required_public, 144000);
  EXPECT_DOUBLE_EQ(liaocheng.schools[2].public_shortfall, 24000);

  // 钦州: 教师培训经费 ≥ 2 % of 工资总额 per county. 县B: 4,000 / 200,000 = 2 %: met. 县A: 13,500 / 3,000,000 = 0.45 %.
  auto qinzhou = check_funding(l, rules_of("qinzhou"));
  EXPECT_FALSE(*qinzhou.counties[0].payroll_target_met);
  EXPECT_TRUE(*qinzhou.counties[1].payroll_target_met);
  EXPECT_NEAR(*qinzhou.counties[0].training_payroll_share, 13500.0 / 3000000.0, 1e-12);
}

TEST(BalanceFunding, TrainingBelowFivePercent) {
  std::vector<BudgetLine> l = {{"S1", "校", "县A", "urban", 500, 0, 400000, 19999.99, 0}};
  auto r = check_funding(l, rules_of("national"));
  EXPECT_DOUBLE_EQ(r.schools[0].training_required, 20000);
  EXPECT_DOUBLE_EQ(r.schools[0].training_shortfall, 0.01);
  EXPECT_FALSE(r.counties[0].training_payroll_share.has_value());  // no payroll given
}

}  // namespace
}  // namespace youjun::balance
