// 多校划片 matching: hand-worked DA and Boston examples, bad shapes (empty lists, zero seats), and
// brute force on small random instances: DA's result must be the student-optimal stable matching.
#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "enroll/enroll_report.hpp"
#include "enroll/matching.hpp"
#include "enroll/enroll_test_util.hpp"
#include "enroll/heap_da_baseline.hpp"
#include "enroll/match_instance.hpp"

namespace youjun::enroll {
namespace {

using test::hand_problem;
using test::outcome;
using Strings = std::vector<std::string>;

// One tier, lottery order a < b < c. a wants X; b wants X then Y; c wants Y.
// DA (serial dictatorship a, b, c): a→X, b finds X full → Y, c finds Y full → none.
// Boston: round 1 a and b apply to X (a wins), c applies to Y and is admitted for good; round 2 b
// applies to Y, which is full → none.
MatchProblem da_boston_example() {
  return hand_problem({{"X", 1}, {"Y", 1}},
                      {{"a", {"X"}, {}, 1, 0}, {"b", {"X", "Y"}, {}, 1, 1}, {"c", {"Y"}, {}, 1, 2}});
}

TEST(Matching, DeferredAcceptanceHandExample) {
  auto p = da_boston_example();
  auto m = deferred_acceptance(p);
  EXPECT_EQ(outcome(p, m), (Strings{"X@1", "Y@2", "-"}));
  EXPECT_TRUE(m.stats.serial_dictatorship);
  EXPECT_EQ(m.stats.proposals, 4u);  // a: X; b: X, Y; c: Y
  EXPECT_EQ(stability_problem(p, m), "");
}

TEST(Matching, BostonHandExampleAndComparison) {
  auto p = da_boston_example();
  auto boston = immediate_acceptance(p);
  EXPECT_EQ(outcome(p, boston), (Strings{"X@1", "-", "Y@1"}));
  EXPECT_NE(stability_problem(p, boston), "");  // b prefers Y and outranks c there
  auto c = compare_mechanisms(deferred_acceptance(p), boston);
  EXPECT_EQ(c.better_under_da, 1u);      // b
  EXPECT_EQ(c.better_under_boston, 1u);  // c
  EXPECT_EQ(c.same, 1u);                 // a
}

// Per-school tiers force the general algorithm. Lottery order a < b < c.
// a: X, Y (tier 2 at both); b: X (tier 1), Y (tier 2); c: Y (tier 2).
// a holds X; b (tier 1 at X) displaces a; c holds Y; a applies to Y and beats c on the lottery.
TEST(Matching, DeferredAcceptanceWithPerSchoolTiers) {
  auto p = hand_problem({{"X", 1}, {"Y", 1}}, {{"a", {"X", "Y"}, {2, 2}, 2, 0},
                                               {"b", {"X", "Y"}, {1, 2}, 2, 1},
                                               {"c", {"Y"}, {}, 2, 2}});
  EXPECT_FALSE(has_common_priority(p));
  auto m = deferred_acceptance(p);
  EXPECT_FALSE(m.stats.serial_dictatorship);
  EXPECT_EQ(outcome(p, m), (Strings{"Y@2", "X@1", "-"}));
  EXPECT_EQ(stability_problem(p, m), "");
  auto outcomes = school_outcomes(p, m);
  EXPECT_EQ(*outcomes[0].cutoff_key, (uint64_t{1} << 32) | 1);  // X: b, tier 1, rank 1
  EXPECT_EQ(*outcomes[1].cutoff_key, (uint64_t{2} << 32) | 0);  // Y: a, tier 2, rank 0
  // Boston: round 1 a and b to X (b wins on tier), c to Y; round 2 a finds Y full.
  EXPECT_EQ(outcome(p, immediate_acceptance(p)), (Strings{"-", "X@1", "Y@1"}));
}

// Two stable matchings: both students in their first choice, or both where they have tier 1.
// DA gives the students' side: a→X, b→Y.
TEST(Matching, PicksTheStudentOptimalOfTwoStableMatchings) {
  auto p = hand_problem({{"X", 1}, {"Y", 1}}, {{"a", {"X", "Y"}, {2, 1}, 1, 0}, {"b", {"Y", "X"}, {2, 1}, 1, 1}});
  auto m = deferred_acceptance(p);
  EXPECT_EQ(outcome(p, m), (Strings{"X@1", "Y@1"}));
  Matching schools_side = m;
  schools_side.school_of = {1, 0};
  schools_side.choice_rank = {2, 2};
  EXPECT_EQ(stability_problem(p, schools_side), "");  // also stable, but worse for both students
}

TEST(Matching, EmptyListsAndZeroSeatSchools) {
  // Z has no seats: everyone listing it moves on. d lists nothing and stays unassigned.
  auto p = hand_problem({{"X", 1}, {"Z", 0}}, {{"a", {"Z", "X"}, {}, 1, 1},
                                               {"b", {"Z"}, {}, 1, 0},
                                               {"d", {}, {}, 1, 2}});
  for (auto m : {deferred_acceptance(p), immediate_acceptance(p)}) {
    EXPECT_EQ(outcome(p, m), (Strings{"X@2", "-", "-"}));
    auto outcomes = school_outcomes(p, m);
    EXPECT_FALSE(outcomes[1].cutoff_key.has_value());
    EXPECT_EQ(outcomes[1].filled, 0u);
  }
}

TEST(Matching, StabilityCheckRejectsBrokenMatchings) {
  auto p = da_boston_example();
  auto m = deferred_acceptance(p);
  auto over = m;
  over.school_of[2] = 1;  // c into Y as well: Y over its one seat
  over.choice_rank[2] = 1;
  EXPECT_EQ(stability_problem(p, over), "学校 Y 录取人数超过学位数");
  auto unlisted = m;
  unlisted.school_of[0] = 1;  // a never listed Y
  unlisted.choice_rank[0] = 1;
  EXPECT_NE(stability_problem(p, unlisted).find("未填报"), std::string::npos);
  auto wasteful = m;
  wasteful.school_of[1] = -1;  // Y left empty while b wants it
  wasteful.choice_rank[1] = 0;
  EXPECT_NE(stability_problem(p, wasteful).find("仍有空位"), std::string::npos);
}

// ── brute force ────────────────────────────────────────────────────────────────

// Independent definition: no student s and school j that s ranks above their own, where j has a
// free seat or admitted someone j ranks below s.
bool stable_by_definition(const MatchProblem& p, const std::vector<int>& choice) {
  std::vector<uint32_t> filled(p.school_count(), 0);
  for (size_t s = 0; s < p.student_count(); ++s)
    if (choice[s] >= 0) ++filled[p.pref_school[p.pref_begin[s] + choice[s]]];
  for (size_t j = 0; j < p.school_count(); ++j)
    if (filled[j] > p.seats[j]) return false;
  for (size_t s = 0; s < p.student_count(); ++s) {
    int limit = choice[s] < 0 ? static_cast<int>(p.choice_count(s)) : choice[s];
    for (int k = 0; k < limit; ++k) {
      uint32_t j = p.pref_school[p.pref_begin[s] + k];
      if (filled[j] < p.seats[j]) return false;
      for (size_t t = 0; t < p.student_count(); ++t)
        if (choice[t] >= 0 && p.pref_school[p.pref_begin[t] + choice[t]] == j &&
            p.key(t, p.pref_begin[t] + choice[t]) > p.key(s, p.pref_begin[s] + k))
          return false;
    }
  }
  return true;
}

MatchProblem random_problem(std::mt19937& rng) {
  int n = std::uniform_int_distribution<int>(2, 6)(rng);
  int m = std::uniform_int_distribution<int>(2, 3)(rng);
  bool common = rng() % 4 == 0;
  std::vector<std::pair<std::string, uint32_t>> schools;
  for (int j = 0; j < m; ++j) schools.push_back({"S" + std::to_string(j), rng() % 5 == 0 ? 0u : 1 + rng() % 2});
  std::vector<uint32_t> ranks(n);
  for (int i = 0; i < n; ++i) ranks[i] = i;
  std::shuffle(ranks.begin(), ranks.end(), rng);
  std::vector<test::HandStudent> students;
  for (int i = 0; i < n; ++i) {
    std::vector<std::string> all;
    for (int j = 0; j < m; ++j) all.push_back("S" + std::to_string(j));
    std::shuffle(all.begin(), all.end(), rng);
    all.resize(rng() % 5 == 0 ? 0 : 1 + rng() % m);
    test::HandStudent s{"s" + std::to_string(i), all, {}, static_cast<uint16_t>(1 + rng() % 2), ranks[i]};
    if (!common)
      for (size_t k = 0; k < all.size(); ++k) s.tiers.push_back(static_cast<uint16_t>(1 + rng() % 3));
    students.push_back(s);
  }
  return hand_problem(schools, students);
}

TEST(Matching, BruteForceDeferredAcceptanceIsStudentOptimalStable) {
  std::mt19937 rng(20261123);
  int instances_with_several_stable = 0;
  for (int round = 0; round < 2000; ++round) {
    auto p = random_problem(rng);
    // Every assignment of each student to one of their choices or none.
    std::vector<int> best(p.student_count(), INT32_MAX);  // best stable choice index per student
    std::vector<int> choice(p.student_count(), -1);
    int stable_count = 0;
    std::function<void(size_t)> visit = [&](size_t s) {
      if (s == p.student_count()) {
        if (!stable_by_definition(p, choice)) return;
        ++stable_count;
        for (size_t t = 0; t < p.student_count(); ++t)
          best[t] = std::min(best[t], choice[t] < 0 ? INT32_MAX : choice[t]);
        return;
      }
      for (int k = -1; k < static_cast<int>(p.choice_count(s)); ++k) {
        choice[s] = k;
        visit(s + 1);
      }
    };
    visit(0);
    ASSERT_GE(stable_count, 1) << "round " << round;
    instances_with_several_stable += stable_count > 1;
    auto m = deferred_acceptance(p);
    EXPECT_EQ(stability_problem(p, m), "") << "round " << round;
    for (size_t s = 0; s < p.student_count(); ++s) {
      int got = m.school_of[s] < 0 ? INT32_MAX : m.choice_rank[s] - 1;
      EXPECT_EQ(got, best[s]) << "round " << round << " student " << s;
    }
    // The verifier agrees with the definition on DA's and Boston's results.
    auto boston = immediate_acceptance(p);
    std::vector<int> boston_choice(p.student_count());
    for (size_t s = 0; s < p.student_count(); ++s) boston_choice[s] = boston.choice_rank[s] - 1;
    EXPECT_EQ(stability_problem(p, boston) == "", stable_by_definition(p, boston_choice)) << "round " << round;
  }
  EXPECT_GT(instances_with_several_stable, 10) << "the optimality check was vacuous";
}

}  // namespace
}  // namespace youjun::enroll

namespace youjun::enroll {
namespace {

// At city shape (smaller): the same assignment as the textbook heap-per-school DA, on both the
// common-priority instance (serial dictatorship path) and the per-school-tier one.
TEST(Matching, EqualsHeapPerSchoolBaselineOnCityShapedInstances) {
  for (bool tiers : {false, true}) {
    auto p = bench::match_instance(30'000, 300, 10, tiers, 7);
    auto m = deferred_acceptance(p);
    EXPECT_EQ(m.stats.serial_dictatorship, !tiers);
    EXPECT_EQ(m.school_of, bench::heap_per_school_da(p)) << (tiers ? "per-school tiers" : "common priority");
    EXPECT_EQ(stability_problem(p, m), "");
    size_t unassigned = std::count(m.school_of.begin(), m.school_of.end(), -1);
    EXPECT_LT(unassigned, p.student_count() / 5);  // the instance is not degenerate
  }
}

}  // namespace
}  // namespace youjun::enroll
