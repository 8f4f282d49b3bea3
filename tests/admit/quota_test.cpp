// 指标到校 by hand: the ceil rule, largest remainders with both tie rules, the 保底 minimum and the
// same-county restriction (values worked out on paper in the comments).
#include <gtest/gtest.h>

#include "admit/admit_rules.hpp"
#include "admit/quota.hpp"
#include "policy/policy.hpp"

namespace youjun::admit {
namespace {

TEST(AdmitQuota, CeilOfPlanTimesShareIsExact) {
  Share sixty = *share_from(0.6);
  EXPECT_EQ(sixty.ceil_of(5), 3);    // 5 × 0.6 = 3 exactly; doubles give 3.0000000000000004 → 4
  EXPECT_EQ(sixty.ceil_of(16), 10);  // 9.6 → 10 ("不少于")
  EXPECT_EQ(sixty.ceil_of(0), 0);
  EXPECT_EQ(share_from(0.85)->ceil_of(300), 255);  // 255 exactly
  EXPECT_EQ(share_from(0.85)->ceil_of(301), 256);  // 255.85 → 256
  EXPECT_FALSE(share_from(1.5).has_value());
  EXPECT_FALSE(share_from(0.1234567).has_value());
}

TEST(AdmitQuota, LargestRemainderStandardsExample) {
  // standards.md §4.1: 10 seats over 120, 95, 40, 245 graduates → 2.4, 1.9, 0.8, 4.9 → 2, 2, 1, 5.
  EXPECT_EQ(largest_remainder(10, {120, 95, 40, 245}, {"A", "B", "C", "D"}), (std::vector<uint32_t>{2, 2, 1, 5}));
}

TEST(AdmitQuota, RemainderTiesGoToMoreGraduatesThenSmallerId) {
  // 2 seats over 2, 7, 1 (of 10): 0.4, 1.4, 0.2 → floors 0, 1, 0; remainders (2·g mod 10) 4, 4, 2: the
  // tie between A and B goes to B (7 graduates) → 0, 2, 0.
  EXPECT_EQ(largest_remainder(2, {2, 7, 1}, {"A", "B", "C"}), (std::vector<uint32_t>{0, 2, 0}));
  // 2 seats over J2 10, J1 10, J3 20: floors 0, 0, 1; remainders 20, 20, 0 → equal graduates, J1 first.
  EXPECT_EQ(largest_remainder(2, {10, 10, 20}, {"J2", "J1", "J3"}), (std::vector<uint32_t>{0, 1, 1}));
  EXPECT_EQ(largest_remainder(5, {0, 0}, {"A", "B"}), (std::vector<uint32_t>{0, 0}));
}

std::vector<JuniorSchool> juniors() {
  return {{"A", "甲", "X", 300}, {"B", "乙", "X", 150}, {"C", "丙", "X", 40}, {"D", "丁", "Y", 10}};
}

TEST(AdmitQuota, AllocationWithCeilShareAndLargestRemainder) {
  // plan 17 × 0.6 = 10.2 → 11 seats over 300, 150, 40, 10 (of 500): 6.6, 3.3, 0.88, 0.22 →
  // floors 6, 3, 0, 0; remainders (11·g mod 500) 300, 150, 440, 110 → the 2 left go to C and A.
  QuotaRules rules{*share_from(0.6), 0, false};
  auto a = allocate_quotas({{"H1", "一中", "X", 17, true}, {"H2", "职高", "X", 300, false}}, juniors(), rules);
  EXPECT_EQ(a[0].quota_total, 11u);
  EXPECT_EQ(a[0].seats, (std::vector<uint32_t>{7, 3, 1, 0}));
  EXPECT_EQ(a[0].graduates_pool, 500u);
  EXPECT_EQ(a[1].quota_total, 0u);  // not a quality school
}

TEST(AdmitQuota, MinimumPerJuniorPinsSmallSchoolsFirst) {
  // 10 seats, at least 1 each: C (10·40 < 500) and D (10·10 < 500) get 1; 8 left over A, B (450):
  // 5.33, 2.67 → floors 5, 2; remainders 150, 300 → B → 5, 3, 1, 1.
  QuotaRules rules{*share_from(0.5), 1, false};
  auto a = allocate_quotas({{"H1", "一中", "X", 20, true}}, juniors(), rules);
  EXPECT_EQ(a[0].quota_total, 10u);
  EXPECT_EQ(a[0].seats, (std::vector<uint32_t>{5, 3, 1, 1}));
  EXPECT_EQ(a[0].minimum_juniors, (std::vector<uint32_t>{2, 3}));
  // 3 seats cannot give 4 juniors one each: the minimum is not applied and the note says so.
  auto small = allocate_quotas({{"H1", "一中", "X", 6, true}}, juniors(), rules);
  EXPECT_TRUE(small[0].minimum_not_applied);
  EXPECT_EQ(small[0].seats, (std::vector<uint32_t>{2, 1, 0, 0}));  // 1.8, 0.9, 0.24, 0.06 → rem to B
}

TEST(AdmitQuota, SameCountyKeepsSeatsInTheHighSchoolsCounty) {
  // Only X's juniors (490 graduates) share 10 seats: 6.12, 3.06, 0.82 → 6, 3, 1; D in Y gets none.
  QuotaRules rules{*share_from(0.5), 0, true};
  auto a = allocate_quotas({{"H1", "一中", "X", 20, true}}, juniors(), rules);
  EXPECT_EQ(a[0].seats, (std::vector<uint32_t>{6, 3, 1, 0}));
  EXPECT_EQ(a[0].graduates_pool, 490u);
}

TEST(AdmitQuota, ProfilesSetShareByYearAndCounty) {
  auto jinhua = policy::load_policy("jinhua");
  EXPECT_DOUBLE_EQ(quota_policy(*jinhua, 2024)->share, 0.50);  // national until 2025
  EXPECT_DOUBLE_EQ(quota_policy(*jinhua, 2025)->share, 0.85);
  auto shaoxing = quota_policy(*policy::load_policy("shaoxing"), 2026);
  EXPECT_DOUBLE_EQ(shaoxing->share, 0.60);
  EXPECT_TRUE(shaoxing->rules.same_county);
  EXPECT_DOUBLE_EQ(quota_policy(*policy::load_policy("yichang"), 2026)->share, 0.80);
}

}  // namespace
}  // namespace youjun::admit
