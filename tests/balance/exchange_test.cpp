// Teacher exchange planning on small counties worked by hand.
#include <gtest/gtest.h>

#include "balance/exchange.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {
namespace {

ExchangeRules rules_of(const std::string& profile) {
  auto p = policy::load_policy(profile);
  auto r = exchange_rules(*p, 2026);
  EXPECT_TRUE(r) << r.error().message;
  return *r;
}

// Two schools of 100 pupils, math teachers only.
//   A: a1, a2 above-degree and backbone (10 years), a3 above-degree (10 years), a4 neither (2 years: not eligible)
//   B: b1, b2 neither (10 years), b3 above-degree (10 years)
// Above-degree per 100: 3 and 1 → x̄ 2, S 1, CV 0.5. Backbone: 2 and 0 → CV 1.
// Swapping one backbone+above teacher of A with a plain teacher of B makes both 2 | 2 and 1 | 1: CV 0 and 0.
// Eligible 6 (national: ≥ 6 years), 10 % → 1 move required; the swap moves 2, one of them backbone (50 % ≥ 20 %).
std::vector<ExchangeSchool> schools() { return {{"A", "甲校", 100}, {"B", "乙校", 100}}; }
std::vector<ExchangeTeacher> teachers() {
  return {{"a1", "A", "数学", "", true, true, 10},  {"a2", "A", "数学", "", true, true, 10},
          {"a3", "A", "数学", "", true, false, 10}, {"a4", "A", "数学", "", false, false, 2},
          {"b1", "B", "数学", "", false, false, 10}, {"b2", "B", "数学", "", false, false, 10},
          {"b3", "B", "数学", "", true, false, 10}};
}

TEST(BalanceExchange, OneSwapBalancesBothIndicators) {
  auto t = teachers();
  auto plan = plan_exchange(schools(), t, rules_of("national"));
  EXPECT_EQ(plan.eligible, 6u);
  EXPECT_EQ(plan.required_moves, 1u);
  ASSERT_EQ(plan.moves.size(), 2u);
  EXPECT_EQ(t[plan.moves[0].teacher].teacher_id, "a2");  // longest stay first; a1 and a2 tie, the later one goes
  EXPECT_EQ(plan.moves[0].to, 1u);
  EXPECT_EQ(t[plan.moves[1].teacher].teacher_id, "b2");
  EXPECT_EQ(plan.moves[1].to, 0u);
  EXPECT_EQ(plan.moves[0].reason, MoveReason::Balance);
  EXPECT_DOUBLE_EQ(plan.cv_above_degree_before, 0.5);
  EXPECT_DOUBLE_EQ(plan.cv_backbone_before, 1.0);
  EXPECT_NEAR(plan.cv_above_degree_after, 0.0, 1e-12);
  EXPECT_NEAR(plan.cv_backbone_after, 0.0, 1e-12);
  EXPECT_EQ(plan.backbone_moved, 1u);
  EXPECT_TRUE(plan.share_met);
  EXPECT_TRUE(plan.backbone_share_met);
}

// Title needs: a1, a2 高级 (above-degree, backbone), a3 一级 (above-degree); b1, b2 一级 (plain), b3 高级
// (above-degree). Keeping titles, the first test's swap (a backbone 高级 for a plain 一级) is not allowed. By hand,
// objective Σ CV² = 0.5² + 1² = 1.25 before:
//   a2 ↔ b3 (高级): above-degree stays 3 | 1, backbone 1 | 1 → 0.25 + 0 = 0.25;
//   a3 ↔ b1 (一级): above-degree 2 | 2, backbone 2 | 0 → 0 + 1 = 1;
// the planner takes a2 ↔ b3 first, then a3 ↔ b1 brings above-degree to 2 | 2 as well: both CVs 0, 4 moves.
TEST(BalanceExchange, KeepingTitlesOnlySwapsTeachersOfTheSameTitle) {
  auto t = teachers();
  const char* titles[] = {"高级", "高级", "一级", "一级", "一级", "一级", "高级"};
  for (size_t i = 0; i < t.size(); ++i) t[i].title = titles[i];
  auto rules = rules_of("national");
  rules.same_title = true;
  auto plan = plan_exchange(schools(), t, rules);
  ASSERT_EQ(plan.moves.size(), 4u);
  for (const auto& m : plan.moves) EXPECT_EQ(t[m.teacher].title, t[m.partner].title);
  EXPECT_EQ(t[plan.moves[0].teacher].teacher_id, "a2");
  EXPECT_EQ(t[plan.moves[1].teacher].teacher_id, "b3");
  EXPECT_EQ(t[plan.moves[2].teacher].teacher_id, "a3");
  EXPECT_EQ(t[plan.moves[3].teacher].teacher_id, "b2");  // b1 and b2 tie; the later one goes (as a1/a2 above)
  EXPECT_NEAR(plan.cv_above_degree_after, 0.0, 1e-12);
  EXPECT_NEAR(plan.cv_backbone_after, 0.0, 1e-12);
  // Without the title rule the same teachers need one swap only (the first test).
  rules.same_title = false;
  EXPECT_EQ(plan_exchange(schools(), t, rules).moves.size(), 2u);
}

// 诸城: eligible after 9 years, and a teacher at 12 years must move. A's a4 now has 13 years (plain teacher):
// it must swap; its best partner is B's above-degree b3 (A: above 3→... no: A gains an above-degree teacher,
// which worsens the CV) or a plain b1/b2 (no change). The planner takes the plain partner (Δ = 0), then the
// balancing swap of the first test.
TEST(BalanceExchange, TeacherAtTheMaximumStayMoves) {
  auto t = teachers();
  t[3].years_at_school = 13;
  auto plan = plan_exchange(schools(), t, rules_of("zhucheng"));
  EXPECT_EQ(plan.must_move, 1u);
  EXPECT_EQ(plan.eligible, 7u);
  ASSERT_GE(plan.moves.size(), 4u);
  EXPECT_EQ(t[plan.moves[0].teacher].teacher_id, "a4");
  EXPECT_EQ(plan.moves[0].reason, MoveReason::MaxYears);
  EXPECT_FALSE(t[plan.moves[1].teacher].above_degree);  // a plain partner: no change to the indicators
  EXPECT_EQ(plan.moves[2].reason, MoveReason::Balance);
  EXPECT_NEAR(plan.cv_backbone_after, 0.0, 1e-12);
  EXPECT_EQ(plan.unplaced_must_move, 0u);
}

// Nobody of the same subject elsewhere: the must-move teacher is reported, not moved.
TEST(BalanceExchange, NoPartnerOfTheSameSubject) {
  std::vector<ExchangeTeacher> t = {{"x", "A", "音乐", "", false, false, 13}, {"y", "B", "数学", "", false, false, 13}};
  auto plan = plan_exchange(schools(), t, rules_of("zhucheng"));
  EXPECT_EQ(plan.must_move, 2u);
  EXPECT_EQ(plan.unplaced_must_move, 2u);
  EXPECT_TRUE(plan.moves.empty());
  EXPECT_FALSE(plan.share_met);
}

TEST(BalanceExchange, GreedyBaselineMakesTheRequiredMoves) {
  auto t = teachers();
  auto plan = greedy_exchange(schools(), t, rules_of("national"));
  ASSERT_EQ(plan.moves.size(), 2u);
  EXPECT_EQ(t[plan.moves[0].teacher].teacher_id, "a2");  // backbone from the richest to the poorest school
  EXPECT_NEAR(plan.cv_backbone_after, 0.0, 1e-12);
}

}  // namespace
}  // namespace youjun::balance
