// 增值评价 by hand: OLS on data built so the fit is known (residuals orthogonal to 1 and prior by
// construction), school means, the method-of-moments τ², shrinkage, flags, ranks and bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "evaluate/value_added.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {
namespace {

struct Case {
  io::Table table;
  ValueAddedData data;
  ValueAddedReport report;
  RowErrors errors;
};

ValueAddedRules national_rules() { return *value_added_rules(*policy::load_policy("national")); }

Case run(const std::string& csv, const std::vector<std::string>& context = {}) {
  Case r{*io::parse_csv(csv, "va.csv"), {}, {}, {}};
  r.errors = read_value_added(r.table, context, r.data);
  if (r.errors.empty()) r.errors = estimate_value_added(r.data, national_rules(), r.report);
  return r;
}

bool has_error(const RowErrors& errors, long row, const std::string& column) {
  for (const auto& e : errors)
    if (e.row == row && e.column == column) return true;
  return false;
}

// current = 10 + 0.8·prior + e with e chosen so that Σe = 0 and Σ prior·e = 0: then (10, 0.8) solves the normal
// equations and e are the residuals.
//   A (low intake):  prior 40, 50, 60        e +4, +6, +5        current 46, 56, 63     Σe 15,  Σxe 760
//   B:               prior 30, 110, 70, 70   e −7, +5, −2, −2    current 27, 103, 64, 64 Σe −6, Σxe 60
//   C (high intake): prior 80, 90, 100       e −3, −2, −4        current 71, 80, 86     Σe −9,  Σxe −820
// Σe = 15 − 6 − 9 = 0; Σxe = 760 + 60 − 820 = 0.
const char* kHand =
    "student_id,school_id,prior,current\n"
    "A1,A,40,46\nA2,A,50,56\nA3,A,60,63\n"
    "B1,B,30,27\nB2,B,110,103\nB3,B,70,64\nB4,B,70,64\n"
    "C1,C,80,71\nC2,C,90,80\nC3,C,100,86\n";

// RSS = Σe² = 16+36+25 + 49+25+4+4 + 9+4+16 = 188; σ² = 188 / (10 − 2) = 23.5.
// ȳ = 660/10 = 66, Σy² = 47588, TSS = 47588 − 10·66² = 4028, R² = 1 − 188/4028 = 960/1007.
TEST(ValueAdded, HandWorkedFit) {
  auto r = run(kHand);
  ASSERT_TRUE(r.errors.empty()) << format_row_errors(r.errors);
  const auto& m = r.report.model;
  ASSERT_EQ(m.names, (std::vector<std::string>{"intercept", "prior"}));
  EXPECT_NEAR(m.coefficients[0], 10, 1e-9);
  EXPECT_NEAR(m.coefficients[1], 0.8, 1e-12);
  EXPECT_NEAR(m.r2, 960.0 / 1007.0, 1e-12);
  EXPECT_NEAR(m.residual_sd, std::sqrt(23.5), 1e-12);
  EXPECT_NEAR(m.residuals[3], -7, 1e-9);
  EXPECT_EQ(r.report.students, 10u);
}

// Raw effects = mean residuals: A 15/3 = 5, B −6/4 = −1.5, C −9/3 = −3. SE² = 23.5/n: 47/6, 5.875, 47/6.
// mean raw = 0.5/3 = 1/6; deviations 29/6, −10/6, −19/6; Σ² = 1302/36; var = 1302/72.
// mean SE² = 23.5·(1/3 + 1/4 + 1/3)/3 = 258.5/36 = 517/72. τ² = (1302 − 517)/72 = 785/72.
// λ_A = λ_C = (785/72)/(785/72 + 564/72) = 785/1349; λ_B = 785/(785 + 423) = 785/1208.
// shrunken A = 5·785/1349 = 3925/1349, B = −1.5·785/1208, C = −3·785/1349; posterior SD A = √(785/1349 · 47/6).
TEST(ValueAdded, HandWorkedSchoolsAndShrinkage) {
  auto r = run(kHand);
  ASSERT_TRUE(r.errors.empty()) << format_row_errors(r.errors);
  const auto& s = r.report.schools;
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].school_id, "A");
  EXPECT_EQ(s[1].students, 4u);
  EXPECT_DOUBLE_EQ(s[0].mean_prior, 50);
  EXPECT_DOUBLE_EQ(s[0].mean_current, 55);
  EXPECT_DOUBLE_EQ(s[1].mean_current, 64.5);
  EXPECT_DOUBLE_EQ(s[2].mean_current, 79);
  EXPECT_NEAR(s[0].raw_effect, 5, 1e-9);
  EXPECT_NEAR(s[1].raw_effect, -1.5, 1e-9);
  EXPECT_NEAR(s[2].raw_effect, -3, 1e-9);
  EXPECT_NEAR(s[0].se, std::sqrt(23.5 / 3), 1e-12);
  EXPECT_NEAR(s[1].se, std::sqrt(23.5 / 4), 1e-12);
  EXPECT_NEAR(s[0].raw_lo, 5 - 1.96 * std::sqrt(23.5 / 3), 1e-9);
  EXPECT_NEAR(r.report.tau2, 785.0 / 72, 1e-9);
  EXPECT_NEAR(s[0].shrunk.reliability, 785.0 / 1349, 1e-12);
  EXPECT_NEAR(s[0].shrunk.effect, 3925.0 / 1349, 1e-9);
  EXPECT_NEAR(s[1].shrunk.effect, -1.5 * 785 / 1208, 1e-9);
  EXPECT_NEAR(s[2].shrunk.effect, -3.0 * 785 / 1349, 1e-9);
  double sd_a = std::sqrt(785.0 / 1349 * 47 / 6);
  EXPECT_NEAR(s[0].shrunk.posterior_sd, sd_a, 1e-9);
  EXPECT_NEAR(s[0].lo, 3925.0 / 1349 - 1.96 * sd_a, 1e-9);
  EXPECT_NEAR(s[0].hi, 3925.0 / 1349 + 1.96 * sd_a, 1e-9);
  // Fewer than value_added.min_students (10): never flagged (A's interval −1.28…7.09 contains 0 anyway).
  for (const auto& e : s) EXPECT_EQ(e.flag, Flag::none) << e.school_id;
}

// A took the weakest intake (mean prior 50) and has the lowest mean score (55) but added the most; C took the
// strongest (90), has the highest mean (79) and added the least. Raw ranks C 1, B 2, A 3; value added A 1, B 2, C 3.
// Spearman: d = 2, 0, −2 → 1 − 6·8/(3·(9 − 1)) = −1.
TEST(ValueAdded, RawRankingAndValueAddedDisagree) {
  auto r = run(kHand);
  ASSERT_TRUE(r.errors.empty());
  const auto& s = r.report.schools;
  EXPECT_EQ(s[0].rank_raw_mean, 3);
  EXPECT_EQ(s[0].rank_value_added, 1);
  EXPECT_EQ(s[1].rank_raw_mean, 2);
  EXPECT_EQ(s[1].rank_value_added, 2);
  EXPECT_EQ(s[2].rank_raw_mean, 1);
  EXPECT_EQ(s[2].rank_value_added, 3);
  EXPECT_NEAR(r.report.spearman_raw_vs_value_added, -1, 1e-12);
  // Largest moves: A and C both move 2 places (by school_id), B does not move.
  EXPECT_EQ(largest_moves(r.report, 5), (std::vector<size_t>{0, 2}));
  EXPECT_EQ(largest_moves(r.report, 1), (std::vector<size_t>{0}));
}

// A context column z (随迁 0/1) = 1 for A1, B3, B4, whose residuals 4, −2, −2 sum to 0, so Σz·e = 0; with
// current + 2z the fit is (10, 0.8, 2) and the residuals, hence the school effects, are those above.
TEST(ValueAdded, ContextColumnEntersTheRegression) {
  auto r = run("student_id,school_id,prior,current,migrant\n"
               "A1,A,40,48,1\nA2,A,50,56,0\nA3,A,60,63,0\n"
               "B1,B,30,27,0\nB2,B,110,103,0\nB3,B,70,66,1\nB4,B,70,66,1\n"
               "C1,C,80,71,0\nC2,C,90,80,0\nC3,C,100,86,0\n",
               {"migrant"});
  ASSERT_TRUE(r.errors.empty()) << format_row_errors(r.errors);
  const auto& m = r.report.model;
  ASSERT_EQ(m.names, (std::vector<std::string>{"intercept", "prior", "migrant"}));
  EXPECT_NEAR(m.coefficients[0], 10, 1e-9);
  EXPECT_NEAR(m.coefficients[1], 0.8, 1e-12);
  EXPECT_NEAR(m.coefficients[2], 2, 1e-9);
  EXPECT_NEAR(m.residual_sd, std::sqrt(188.0 / 7), 1e-12);  // 10 − 3 degrees of freedom
  EXPECT_NEAR(r.report.schools[0].raw_effect, 5, 1e-9);
  EXPECT_NEAR(r.report.schools[2].raw_effect, -3, 1e-9);
}

// current = 5 + 0.5·prior exactly: residuals, σ, effects, τ² all 0; R² = 1; nothing flagged.
TEST(ValueAdded, PerfectlyLinearDataHasNoEffects) {
  std::string csv = "student_id,school_id,prior,current\n";
  for (int i = 0; i < 36; ++i) {
    double prior = 40 + 3 * i;
    char row[80];
    std::snprintf(row, sizeof row, "S%d,K%d,%g,%g\n", i, i % 3, prior, 5 + 0.5 * prior);
    csv += row;
  }
  auto r = run(csv);
  ASSERT_TRUE(r.errors.empty()) << format_row_errors(r.errors);
  EXPECT_NEAR(r.report.model.coefficients[0], 5, 1e-9);
  EXPECT_NEAR(r.report.model.coefficients[1], 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(r.report.model.r2, 1);
  EXPECT_DOUBLE_EQ(r.report.model.residual_sd, 0);
  EXPECT_DOUBLE_EQ(r.report.tau2, 0);
  for (const auto& e : r.report.schools) {
    EXPECT_EQ(e.students, 12u);
    EXPECT_DOUBLE_EQ(e.raw_effect, 0);
    EXPECT_DOUBLE_EQ(e.shrunk.effect, 0);
    EXPECT_DOUBLE_EQ(e.lo, 0);
    EXPECT_DOUBLE_EQ(e.hi, 0);
    EXPECT_EQ(e.flag, Flag::none);
  }
}

// Three schools with the same priors 10, 20, …, 100 and offsets u = +10, 0, −10 (sum 0, and each school has
// the same priors, so the offsets are orthogonal to 1 and prior); within-school e = +1, −1, −1, +1, 0… for
// priors 10, 20, 30, 40, … (Σe = 0, Σxe = 10 − 20 − 30 + 40 = 0). current = 20 + 0.6·prior + u + e.
// Residuals u + e: RSS = (121 + 81 + 81 + 121 + 600)·2 + 4 = 2012; σ² = 2012/28; SE² = σ²/10 = 2012/280.
// var(raw) = (100 + 0 + 100)/2 = 100; τ² = 100 − 2012/280 = 25988/280; λ = τ²/(τ² + SE²) = τ²/100.
// P: 10λ ± 1.96·√(λ·SE²) = 9.281 ± 5.062 → above; R symmetric → below; Q 0 → none.
TEST(ValueAdded, SchoolsWhoseIntervalExcludesZeroAreFlagged) {
  std::string csv = "student_id,school_id,prior,current\n";
  const char* names[3] = {"P", "Q", "R"};
  const int offsets[3] = {10, 0, -10}, e[10] = {1, -1, -1, 1, 0, 0, 0, 0, 0, 0};
  for (int s = 0; s < 3; ++s)
    for (int i = 0; i < 10; ++i) {
      int prior = 10 * (i + 1);
      csv += std::string(names[s]) + std::to_string(i) + "," + names[s] + "," + std::to_string(prior) + "," +
             std::to_string(20 + 6 * prior / 10 + offsets[s] + e[i]) + "\n";
    }
  auto r = run(csv);
  ASSERT_TRUE(r.errors.empty()) << format_row_errors(r.errors);
  EXPECT_NEAR(r.report.model.coefficients[0], 20, 1e-9);
  EXPECT_NEAR(r.report.model.coefficients[1], 0.6, 1e-12);
  EXPECT_NEAR(r.report.model.residual_sd, std::sqrt(2012.0 / 28), 1e-12);
  double tau2 = 25988.0 / 280, lambda = tau2 / 100, se2 = 2012.0 / 280;
  EXPECT_NEAR(r.report.tau2, tau2, 1e-9);
  const auto& p = r.report.schools[0];
  EXPECT_NEAR(p.raw_effect, 10, 1e-9);
  EXPECT_NEAR(p.shrunk.effect, 10 * lambda, 1e-9);
  EXPECT_NEAR(p.lo, 10 * lambda - 1.96 * std::sqrt(lambda * se2), 1e-9);
  EXPECT_EQ(p.flag, Flag::above);
  EXPECT_EQ(r.report.schools[1].flag, Flag::none);
  EXPECT_EQ(r.report.schools[2].flag, Flag::below);
  EXPECT_NEAR(r.report.spearman_raw_vs_value_added, 1, 1e-12);
}

// var({2, −2, 0}) = (4 + 4 + 0)/2 = 4, mean SE² = 1 → τ² = 3; λ = 3/4; 2 → 1.5, posterior SD √(3/4).
// var({0.1, −0.1}) = 0.02 < mean SE² 1 → τ² = 0: everything shrinks to 0. SE = 0: no shrinkage.
TEST(ValueAdded, ShrinkageOnKnownNumbers) {
  EXPECT_DOUBLE_EQ(between_school_variance({2, -2, 0}, {1, 1, 1}), 3);
  auto s = shrink(2, 1, 3);
  EXPECT_DOUBLE_EQ(s.reliability, 0.75);
  EXPECT_DOUBLE_EQ(s.effect, 1.5);
  EXPECT_DOUBLE_EQ(s.posterior_sd, std::sqrt(0.75));
  EXPECT_DOUBLE_EQ(between_school_variance({0.1, -0.1}, {1, 1}), 0);
  auto none = shrink(0.1, 1, 0);
  EXPECT_DOUBLE_EQ(none.effect, 0);
  EXPECT_DOUBLE_EQ(none.posterior_sd, 0);
  auto exact = shrink(0.5, 0, 0);
  EXPECT_DOUBLE_EQ(exact.reliability, 1);
  EXPECT_DOUBLE_EQ(exact.effect, 0.5);
}

TEST(ValueAdded, FlagsNeedTheIntervalToExcludeZeroAndEnoughStudents) {
  EXPECT_EQ(flag_of(0.1, 2, 10, 10), Flag::above);
  EXPECT_EQ(flag_of(-3, -0.1, 10, 10), Flag::below);
  EXPECT_EQ(flag_of(-1, 1, 500, 10), Flag::none);
  EXPECT_EQ(flag_of(0, 1, 500, 10), Flag::none);  // touching 0 is not excluding it
  EXPECT_EQ(flag_of(0.1, 2, 9, 10), Flag::none);
  EXPECT_STREQ(flag_name(Flag::below), "below");
}

// Ranks 1 = largest, ties share the smallest rank. Spearman with ties: a = 1, 2, 3, 4 → average ranks 4, 3, 2, 1;
// b = 1, 2, 2, 4 → 4, 2.5, 2.5, 1; centred (1.5, .5, −.5, −1.5) and (1.5, 0, 0, −1.5): 4.5 / √(5 · 4.5) = 3/√10.
TEST(ValueAdded, RanksAndSpearmanWithTies) {
  EXPECT_EQ(ranks_descending({3, 1, 3, 2}), (std::vector<int>{1, 4, 1, 3}));
  EXPECT_NEAR(spearman({1, 2, 3, 4}, {1, 2, 2, 4}), 3 / std::sqrt(10.0), 1e-12);
  EXPECT_NEAR(spearman({1, 2, 3}, {30, 20, 10}), -1, 1e-12);
  EXPECT_TRUE(std::isnan(spearman({1, 2, 3}, {5, 5, 5})));
}

TEST(ValueAdded, NationalRulesAreCited) {
  auto p = *policy::load_policy("national");
  auto rules = value_added_rules(p);
  ASSERT_TRUE(rules) << rules.error().message;
  EXPECT_DOUBLE_EQ(rules->interval_z, 1.96);
  EXPECT_EQ(rules->min_students, 10);
  EXPECT_NE(p.rule("value_added.interval_z")->cite.find("002 铜陵, 五(四)1"), std::string::npos);
  EXPECT_EQ(p.rule("value_added.min_students")->confidence, "R");
}

TEST(ValueAdded, EveryBadCellIsReportedAndNothingKept) {
  Case r{*io::parse_csv("student_id,school_id,prior,current,ses\n"
                       "S1,K1,50,60,0.2\n"
                       ",K1,50,60,0.1\n"            // row 3: no student_id
                       "S1,K2,abc,60,0.3\n"         // row 4: repeated id, prior not a number
                       "S4,,50,,x\n"                // row 5: no school, no current, ses not a number
                       "S5,K2,nan,1e999,0.5\n",     // row 6: nan and an overflowing number are not scores
                       "va.csv"),
        {}, {}, {}};
  r.errors = read_value_added(r.table, {"ses"}, r.data);
  EXPECT_TRUE(has_error(r.errors, 3, "student_id"));
  EXPECT_TRUE(has_error(r.errors, 4, "student_id"));
  EXPECT_TRUE(has_error(r.errors, 4, "prior"));
  EXPECT_TRUE(has_error(r.errors, 5, "school_id"));
  EXPECT_TRUE(has_error(r.errors, 5, "current"));
  EXPECT_TRUE(has_error(r.errors, 5, "ses"));
  EXPECT_TRUE(has_error(r.errors, 6, "prior"));
  EXPECT_TRUE(has_error(r.errors, 6, "current"));
  EXPECT_EQ(r.errors.size(), 8u) << format_row_errors(r.errors);
  EXPECT_EQ(r.data.students(), 0u);
  EXPECT_NE(r.errors[1].message.find("第 2 行"), std::string::npos) << r.errors[1].message;  // the repeat names row 2
}

TEST(ValueAdded, MissingAndReservedColumnsAreNamed) {
  auto missing = run("student_id,school_id,prior\nS1,K1,50\n");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].column, "current");
  auto no_context = run(kHand, {"ses"});
  EXPECT_TRUE(has_error(no_context.errors, 1, "ses"));
  auto reserved = run(kHand, {"prior"});
  EXPECT_TRUE(has_error(reserved.errors, 1, "prior"));
  auto repeated = run("student_id,school_id,prior,current,z\nS1,K1,1,2,3\n", {"z", "z"});
  EXPECT_EQ(repeated.errors.size(), 1u);
}

// Whole-file problems: one school (value added compares schools), too few students, a constant prior,
// a context column that is 2 × prior.
TEST(ValueAdded, DataThatCannotBeFittedIsRefused) {
  auto one = run("student_id,school_id,prior,current\nS1,K1,1,2\nS2,K1,2,3\nS3,K1,3,5\n");
  ASSERT_EQ(one.errors.size(), 1u);
  EXPECT_EQ(one.errors[0].row, 0);
  EXPECT_EQ(one.errors[0].column, "school_id");
  auto few = run("student_id,school_id,prior,current\nS1,K1,1,2\nS2,K2,2,3\n");
  ASSERT_EQ(few.errors.size(), 1u);
  EXPECT_NE(few.errors[0].message.find("至少需要 3 名学生"), std::string::npos) << few.errors[0].message;
  auto constant = run("student_id,school_id,prior,current\nS1,K1,50,2\nS2,K2,50,3\nS3,K1,50,5\nS4,K2,50,1\n");
  ASSERT_EQ(constant.errors.size(), 1u);
  EXPECT_EQ(constant.errors[0].column, "prior");
  auto twice = run("student_id,school_id,prior,current,p2\nS1,K1,50,2,100\nS2,K2,60,3,120\nS3,K1,70,5,140\nS4,K2,80,1,160\n",
                   {"p2"});
  ASSERT_EQ(twice.errors.size(), 1u);
  EXPECT_EQ(twice.errors[0].column, "p2");
}

}  // namespace
}  // namespace youjun::evaluate
