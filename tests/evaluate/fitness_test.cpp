// 体质健康 scoring with the embedded 2014 tables, checked by hand against table rows (policy/fitness/*.csv,
// the 一年级 rows also in standards.md §2.4) and the 说明's weights, bonus and level rules.
#include <gtest/gtest.h>

#include "evaluate/fitness.hpp"
#include "evaluate/fitness_graduation.hpp"
#include "evaluate/fitness_summary.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {
namespace {

const char* kHeader =
    "student_id,grade,sex,height_cm,weight_kg,vital_capacity_ml,run_50m_s,sit_reach_cm,rope_skip_1min,sit_ups_1min,"
    "run_50x8_s,long_jump_cm,pull_ups,run_800m_s,run_1000m_s\n";

struct Scored {
  io::Table table;
  FitnessRules rules;
  RecordColumns columns;
  std::vector<FitnessRecord> records;
  std::vector<FitnessResult> results;
  RowErrors errors;
};

Scored score(const std::string& rows, const std::string& profile = "national") {
  Scored s{*io::parse_csv(kHeader + rows, "records.csv"), *fitness_rules(*policy::load_policy(profile)), {}, {}, {}, {}};
  s.errors = read_fitness_records(s.table, s.rules, s.columns, s.records);
  s.results = score_records(s.rules, s.records);
  return s;
}

int points(const Scored& s, size_t student, const std::string& item) {
  size_t i = s.rules.item_index(item);
  return s.results[student].state[i] == kScored ? s.results[student].points[i] : -1;
}

TEST(Fitness, NationalRulesAndTablesLoad) {
  auto rules = fitness_rules(*policy::load_policy("national"));
  ASSERT_TRUE(rules) << rules.error().message;
  EXPECT_EQ(rules->items.front().key, "bmi");
  EXPECT_EQ(rules->items.size(), 11u);
  EXPECT_EQ(rules->weights.size(), 5u);
  EXPECT_EQ(rules->bonus_max_total, 20);
  EXPECT_EQ(rules->excellent, 90000);
  EXPECT_TRUE(rules->items[rules->item_index("run_1000m")].table->lower_is_better);
  EXPECT_FALSE(rules->items[rules->item_index("sit_reach")].table->lower_is_better);
}

// 一年级 rows of standards.md §2.4: 男 50m 10.2 → 100, 10.25 → 95 (10.3 row), 12.7 → 50; 女 肺活量 960 → 78.
TEST(Fitness, GradeOneRowsFromTheStandard) {
  auto s = score("A,1,M,120,22,1700,10.2,16.1,109,,,,,,\n"
                 "B,1,M,120,22,1699,10.25,16.0,104,,,,,,\n"
                 "C,1,M,120,22,499,12.7,-4.1,1,,,,,,\n"
                 "D,1,F,120,22,960,13.8,2.4,17,,,,,,\n");
  ASSERT_TRUE(s.errors.empty()) << format_row_errors(s.errors);
  EXPECT_EQ(points(s, 0, "vital_capacity"), 100);
  EXPECT_EQ(points(s, 0, "run_50m"), 100);
  EXPECT_EQ(points(s, 0, "sit_reach"), 100);
  EXPECT_EQ(points(s, 0, "rope_skip"), 100);
  EXPECT_EQ(points(s, 1, "vital_capacity"), 95);  // 1699 < 1700, ≥ 1600
  EXPECT_EQ(points(s, 1, "run_50m"), 95);
  EXPECT_EQ(points(s, 1, "sit_reach"), 95);       // 16.0 < 16.1, ≥ 14.6 (the 95 row)
  EXPECT_EQ(points(s, 1, "rope_skip"), 95);
  EXPECT_EQ(points(s, 2, "vital_capacity"), 0);   // below the 10-point row (500)
  EXPECT_EQ(points(s, 2, "run_50m"), 50);
  EXPECT_EQ(points(s, 2, "sit_reach"), 0);        // below −4.0
  EXPECT_EQ(points(s, 2, "rope_skip"), 0);        // below 2
  EXPECT_EQ(points(s, 3, "vital_capacity"), 78);
  EXPECT_EQ(points(s, 3, "run_50m"), 60);
  EXPECT_EQ(points(s, 3, "sit_reach"), 60);
  EXPECT_EQ(points(s, 3, "rope_skip"), 60);
}

// 一年级女生 by hand: BMI 22 / 1.2² = 15.28 → 15.3, 正常 (13.3–17.3) 100; 肺活量 1000 → 80; 50m 11.9 → 78
// (12.0 row); 坐位体前屈 0.0 → 30; 跳绳 120 → 100 and 加分 1 (117 + 2 per point).
// 标准分 = (15×100 + 15×80 + 20×78 + 30×30 + 20×100) / 100 = 71.6; 学年总分 72.6, 及格.
TEST(Fitness, WholeGradeOneGirlByHand) {
  auto s = score("G1,1,F,120,22,1000,11.9,0.0,120,,,,,,\n");
  ASSERT_TRUE(s.errors.empty()) << format_row_errors(s.errors);
  const auto& r = s.results[0];
  EXPECT_EQ(r.bmi, 15300);
  EXPECT_EQ(s.rules.tables->bmi[slot(1, Sex::female)][r.bmi_band].band, "正常");
  EXPECT_EQ(points(s, 0, "bmi"), 100);
  EXPECT_EQ(points(s, 0, "vital_capacity"), 80);
  EXPECT_EQ(points(s, 0, "run_50m"), 78);
  EXPECT_EQ(points(s, 0, "sit_reach"), 30);
  EXPECT_EQ(points(s, 0, "rope_skip"), 100);
  EXPECT_EQ(r.bonus[s.rules.item_index("rope_skip")], 1);
  EXPECT_EQ(r.standard, 71600);
  EXPECT_EQ(r.bonus_total, 1);
  EXPECT_EQ(r.total, 72600);
  EXPECT_STREQ(kLevelNames[r.level], "及格");
  EXPECT_TRUE(r.complete);
}

// 初二男生 by hand: BMI 50 / 1.65² = 18.37 → 18.4, 正常 (15.7–22.5) 100; 肺活量 3500 → 85 (3450); 50m 7.65
// → 90 (7.7; 7.6 not reached); 坐位体前屈 12.0 → 80 (11.6); 立定跳远 226 → 90; 引体向上 17 → 100 and 加分 3
// (17 = 14 + 3); 1000米 3'40 = 220 s → 100 (230) and 加分 2 (≤ 222, not ≤ 218).
// 标准分 = (1500 + 1275 + 1800 + 800 + 900 + 1000 + 2000) / 100 = 92.75 → 92.8; 总分 97.8, 优秀.
TEST(Fitness, WholeJuniorBoyByHandWithBonus) {
  auto s = score("J1,8,M,165.0,50.0,3500,7.65,12.0,,,,226,17,,3'40\n");
  ASSERT_TRUE(s.errors.empty()) << format_row_errors(s.errors);
  const auto& r = s.results[0];
  EXPECT_EQ(r.bmi, 18400);
  EXPECT_EQ(points(s, 0, "vital_capacity"), 85);
  EXPECT_EQ(points(s, 0, "run_50m"), 90);
  EXPECT_EQ(points(s, 0, "sit_reach"), 80);
  EXPECT_EQ(points(s, 0, "long_jump"), 90);
  EXPECT_EQ(points(s, 0, "pull_ups"), 100);
  EXPECT_EQ(points(s, 0, "run_1000m"), 100);
  EXPECT_EQ(r.bonus[s.rules.item_index("pull_ups")], 3);
  EXPECT_EQ(r.bonus[s.rules.item_index("run_1000m")], 2);
  EXPECT_EQ(r.standard, 92800);
  EXPECT_EQ(r.total, 97800);
  EXPECT_STREQ(kLevelNames[r.level], "优秀");
}

TEST(Fitness, BonusOnlyBeyondTheHundredPointResultAndCapped) {
  // 初二男生: 引体向上 14 is exactly the 100-point count → no bonus; 24 → +10; 30 → still +10 (the item's cap).
  // 1000米 195 s → +10. Total bonus 20 (the 说明's maximum).
  auto s = score("A,8,M,165,50,3940,7.5,19.6,,,,240,14,,230\n"
                 "B,8,M,165,50,3940,7.5,19.6,,,,240,30,,195\n");
  ASSERT_TRUE(s.errors.empty()) << format_row_errors(s.errors);
  EXPECT_EQ(s.results[0].bonus_total, 0);
  EXPECT_EQ(s.results[0].total, 100000);
  EXPECT_EQ(s.results[1].bonus[s.rules.item_index("pull_ups")], 10);
  EXPECT_EQ(s.results[1].bonus[s.rules.item_index("run_1000m")], 10);
  EXPECT_EQ(s.results[1].total, 120000);
}

TEST(Fitness, BmiBandsAtTheirBoundaries) {
  // 初二男生 bands (bmi.csv): 低体重 ≤ 15.6, 正常 15.7–22.5, 超重 22.6–25.2, 肥胖 ≥ 25.3. Height 200 cm, so
  // BMI = weight / 4: 62.6 kg → 15.65 → 15.7 (half up) 正常; 62.5 → 15.625 → 15.6 低体重; 90.4 → 22.6 超重;
  // 101.2 → 25.3 肥胖.
  auto s = score("A,8,M,200,62.6,,,,,,,,,,\nB,8,M,200,62.5,,,,,,,,,,\nC,8,M,200,90.4,,,,,,,,,,\nD,8,M,200,101.2,,,,,,,,,,\n");
  ASSERT_TRUE(s.errors.empty()) << format_row_errors(s.errors);
  auto band = [&](size_t i) { return s.rules.tables->bmi[slot(8, Sex::male)][s.results[i].bmi_band].band; };
  EXPECT_EQ(s.results[0].bmi, 15700);
  EXPECT_EQ(band(0), "正常");
  EXPECT_EQ(s.results[1].bmi, 15600);
  EXPECT_EQ(band(1), "低体重");
  EXPECT_EQ(band(2), "超重");
  EXPECT_EQ(band(3), "肥胖");
  EXPECT_EQ(points(s, 3, "bmi"), 60);
  // Only BMI was measured: 15 % of 100 points, everything else missing.
  EXPECT_EQ(s.results[0].standard, 15000);
  EXPECT_FALSE(s.results[0].complete);
}

TEST(Fitness, MissingAndNotApplicableItemsAreFlagged) {
  // A 初一 girl with a pull-up count (not her item) and no 800米: 800米 is missing (0 points), pull_ups ignored.
  auto s = score("A,7,F,160,50,3000,8.5,20,,40,,190,5,,\n");
  ASSERT_TRUE(s.errors.empty()) << format_row_errors(s.errors);
  const auto& r = s.results[0];
  EXPECT_EQ(r.state[s.rules.item_index("run_800m")], kMissing);
  EXPECT_EQ(r.state[s.rules.item_index("pull_ups")], kNotApplicable);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.points[s.rules.item_index("run_800m")], 0);
}

TEST(Fitness, BadRecordsAreAllReportedAndNothingIsRead) {
  auto s = score("A,13,M,120,22,1700,10.2,16.1,109,,,,,,\n"
                 "B,1,X,12,22,1700,ten,16.1,109,,,,,,\n"
                 "A,1,M,120,22,-5,10.2,16.1,109,,,,,,\n");
  EXPECT_TRUE(s.records.empty());
  std::string text = format_row_errors(s.errors);
  EXPECT_NE(text.find("records.csv:2:grade: 应为年级 1–12"), std::string::npos) << text;
  EXPECT_NE(text.find("records.csv:3:sex: "), std::string::npos) << text;
  EXPECT_NE(text.find("records.csv:3:height_cm: 应为 50–250"), std::string::npos) << text;
  EXPECT_NE(text.find("records.csv:3:run_50m_s: 50米跑应为秒数"), std::string::npos) << text;
  EXPECT_NE(text.find("records.csv:4:student_id: 学生 A 重复（第 2 行已有）"), std::string::npos) << text;
  EXPECT_NE(text.find("records.csv:4:vital_capacity_ml: "), std::string::npos) << text;
  EXPECT_EQ(s.errors.size(), 6u) << text;
}

TEST(Fitness, SummaryRatesAgainstYichangTargets) {
  // Three 一年级 boys: 100 (优秀), a middling one (及格), and one with only BMI (15, 不及格).
  auto s = score("A,1,M,120,22,1700,10.2,16.1,109,,,,,,\n"
                 "B,1,M,120,22,1000,11.6,5.5,52,,,,,,\n"
                 "C,1,M,120,22,,,,,,,,,,\n",
                 "yichang");
  ASSERT_TRUE(s.errors.empty()) << format_row_errors(s.errors);
  // B: every item on its 70-point row (1000 ml, 11.6 s, 5.5 cm, 52): 15×100 + (15 + 20 + 30 + 20)×70 = 7450 → 74.5
  EXPECT_EQ(s.results[1].total, 74500);
  auto all = aggregate_fitness(s.table, s.columns, s.rules, s.records, s.results);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].students, 3u);
  EXPECT_EQ(all[0].levels[0], 1u);
  EXPECT_EQ(all[0].levels[2], 1u);
  EXPECT_EQ(all[0].levels[3], 1u);
  EXPECT_DOUBLE_EQ(all[0].pass_rate(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(all[0].good_rate(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.rules.target_pass_rate, 0.95);  // 002 宜昌 四(二)5
  EXPECT_DOUBLE_EQ(s.rules.target_good_rate, 0.60);
}

TEST(Fitness, GraduationIsHalfFinalYearHalfMeanOfOthers) {
  auto rules = *fitness_rules(*policy::load_policy("national"));
  // S1: final 2026 = 80.0; others 70.0, 75.5, 71.0 → mean 72.1666… → 0.5 × 80 + 0.5 × 72.1666 = 76.0833 → 76.1.
  // S2: one year only → that year's total.  S3: 90 and 89.9 → 89.95 → 90.0 (half up), 优秀.
  auto t = *io::parse_csv("student_id,year,total\nS1,2024,75.5\nS1,2026,80\nS1,2023,70\nS1,2025,71\nS2,2026,65.4\n"
                          "S3,2025,90\nS3,2026,89.9\n",
                          "totals.csv");
  std::vector<GraduationScore> out;
  auto errors = graduation_scores(t, rules, out);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].final_year, 2026);
  EXPECT_EQ(out[0].other_years, 3u);
  EXPECT_EQ(out[0].other_mean, 72200);
  EXPECT_EQ(out[0].score, 76100);
  EXPECT_EQ(out[1].score, 65400);
  EXPECT_EQ(out[2].score, 90000);
  EXPECT_EQ(out[2].level, 0);
  auto bad = *io::parse_csv("student_id,year,total\nS1,2026,121\nS1,26,80\nS2,2026,80\nS2,2026,81\n", "totals.csv");
  std::vector<GraduationScore> none;
  std::string text = format_row_errors(graduation_scores(bad, rules, none));
  EXPECT_NE(text.find("totals.csv:2:total: 应为 0–120"), std::string::npos) << text;
  EXPECT_NE(text.find("totals.csv:3:year: "), std::string::npos) << text;
  EXPECT_NE(text.find("totals.csv:5:year: 学生 S2 的 2026 学年重复（第 4 行已有）"), std::string::npos) << text;
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace youjun::evaluate
