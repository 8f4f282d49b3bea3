// 五育 综合评价 by hand with the national example scheme (policy/national.toml wuyu.*) and 成都's 20 % weights.
#include <gtest/gtest.h>

#include "evaluate/wuyu.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {
namespace {

const char* kHeader =
    "student_id,term,school_id,class_id,conduct_grade,service_hours,academic_grade,fitness_total,exercise_days,art_grade,"
    "art_practice_hours,labour_hours,labour_grade\n";

struct Run {
  io::Table table;
  WuyuRules rules;
  WuyuColumns columns;
  std::vector<WuyuStudent> students;
  RowErrors errors;
};

Run run(const std::string& rows, const std::string& profile = "chengdu") {
  Run r{*io::parse_csv(kHeader + rows, "wuyu.csv"), *wuyu_rules(*policy::load_policy(profile)), {}, {}, {}};
  r.errors = read_wuyu(r.table, r.rules, r.columns, r.students);
  return r;
}

TEST(Wuyu, ChengduDimensionsAreTwentyPercentEachInOrder) {
  auto p = *policy::load_policy("chengdu");
  auto rules = wuyu_rules(p);
  ASSERT_TRUE(rules) << rules.error().message;
  ASSERT_EQ(rules->dimensions.size(), 5u);
  EXPECT_EQ(rules->dimensions[0].label, "德");
  EXPECT_EQ(rules->dimensions[4].label, "劳");
  for (const auto& d : rules->dimensions) EXPECT_EQ(d.weight, 20);
  EXPECT_NE(p.rule("wuyu.dimension.moral")->cite.find("002 成都, 五(七)一"), std::string::npos);
  EXPECT_EQ(rules->grade_cuts, (std::vector<double>{90, 75, 60}));
}

// W2 by hand: 德 (B 85 × 60 + 10/20 h = 50 × 40) / 100 = 71; 智 C = 70; 体 (80 × 70 + 45/90 = 50 × 30) / 100 = 71;
// 美 (85 × 60 + 8/16 = 50 × 40) / 100 = 71; 劳 (16/32 = 50 × 60 + 85 × 40) / 100 = 64; index = 347 / 5 = 69.4 → 合格.
// W3: 德 55 × 0.6 = 33, 智 55, 体 50 × 0.7 = 35, 美 33, 劳 55 × 0.4 = 22 → 35.6 → 待合格. W1 all top → 100, 优秀.
TEST(Wuyu, StudentsByHand) {
  auto r = run("W1,2026-1,S1,1,A,20,A,100,90,A,16,32,A\n"
               "W2,2026-1,S1,1,b,10,C,80,45,B,8,16,B\n"
               "W3,2026-1,S2,1,D,0,D,50,0,D,0,0,D\n");
  ASSERT_TRUE(r.errors.empty()) << format_row_errors(r.errors);
  EXPECT_EQ(r.students[1].dimensions, (std::vector<double>{71, 70, 71, 71, 64}));
  EXPECT_DOUBLE_EQ(r.students[1].index, 69.4);
  EXPECT_EQ(r.students[1].level, 2);
  EXPECT_DOUBLE_EQ(r.students[2].index, 35.6);
  EXPECT_EQ(r.students[2].level, 3);
  EXPECT_DOUBLE_EQ(r.students[0].index, 100);
  EXPECT_EQ(r.students[0].level, 0);
  // Linear indicators stop at their top: 40 volunteer hours count as 20.
  auto capped = run("W4,2026-1,S1,1,A,40,A,100,90,A,16,32,A\n");
  EXPECT_DOUBLE_EQ(capped.students[0].index, 100);
  auto groups = wuyu_groups(r.table, r.columns, r.rules, r.students);
  ASSERT_EQ(groups.size(), 5u);  // all, S1, S2, S1/1, S2/1
  EXPECT_EQ(groups[1].key, "S1");
  EXPECT_DOUBLE_EQ(groups[1].index_mean, 84.7);  // (100 + 69.4) / 2
  EXPECT_DOUBLE_EQ(groups[1].dimension_means[4], 82);  // 劳 (100 + 64) / 2
}

TEST(Wuyu, EmptyIndicatorsScoreZeroAndAreListed) {
  // 志愿服务 empty: 德 = 100 × 0.6 = 60 → index (60 + 400) / 5 = 92.
  auto r = run("W5,2026-1,S1,1,A,,A,100,90,A,16,32,A\n");
  ASSERT_TRUE(r.errors.empty()) << format_row_errors(r.errors);
  EXPECT_EQ(r.students[0].missing, (std::vector<std::string>{"service_hours"}));
  EXPECT_DOUBLE_EQ(r.students[0].index, 92);
}

TEST(Wuyu, BadCellsAreReportedAndNothingIsScored) {
  auto r = run("W1,2026-1,S1,1,E,20,A,100,90,A,16,32,A\n"
               "W2,2026-1,S1,1,A,-3,A,100,90,A,16,32,A\n"
               "W1,2026-1,S1,1,A,20,A,100,90,A,16,32,A\n"
               "W1,2026-2,S1,1,A,20,A,100,90,A,16,32,A\n");
  EXPECT_TRUE(r.students.empty());
  std::string text = format_row_errors(r.errors);
  EXPECT_NE(text.find("wuyu.csv:2:conduct_grade: 思想品德等级应为等级 A、B、C、D，或留空"), std::string::npos) << text;
  EXPECT_NE(text.find("wuyu.csv:3:service_hours: "), std::string::npos) << text;
  EXPECT_NE(text.find("wuyu.csv:4:student_id: 学生 W1 在 2026-1 学期重复（第 2 行已有）"), std::string::npos) << text;
  EXPECT_EQ(r.errors.size(), 3u) << text;  // another term is fine
  auto missing = *io::parse_csv("student_id,conduct_grade\nW1,A\n", "short.csv");
  WuyuColumns c;
  std::vector<WuyuStudent> out;
  auto errors = read_wuyu(missing, r.rules, c, out);
  EXPECT_NE(format_row_errors(errors).find("short.csv:1:service_hours: 缺少必填列"), std::string::npos);
}

}  // namespace
}  // namespace youjun::evaluate
