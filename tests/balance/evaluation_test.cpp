// 优质均衡 resource evaluation: a five-school 差异系数 worked out on paper, the 6-of-7 + 85 % rule at
// its boundaries, the 九年一贯制 split, an overlay tightening a limit, class/school size flags, and the
// reader's row errors. Expected numbers are worked out in the comments.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "balance/balance_report.hpp"
#include "balance/evaluation.hpp"
#include "balance/school_file.hpp"
#include "enroll/enroll_test_util.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {
namespace {

using test::csv;
using test::lines;

const char* kHeader =
    "school_id,name,county,level,students,classes,teachers_above_degree,backbone_teachers,pe_art_teachers,"
    "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms\n";

BalanceRules rules_of(const std::string& profile, int year) {
  auto p = policy::load_policy(profile);
  EXPECT_TRUE(p) << p.error().message;
  auto r = balance_rules(*p, year);
  EXPECT_TRUE(r) << r.error().message;
  return *r;
}

std::vector<SchoolRecord> records_of(const std::string& text) {
  std::vector<SchoolRecord> out;
  auto errors = read_school_records(csv(text, "schools.csv"), out);
  EXPECT_TRUE(errors.empty()) << format_row_errors(errors);
  return out;
}

// A primary school of 100 pupils meeting every floor with room to spare except as overridden.
std::string primary_row(const std::string& id, const std::string& county, int students, double teaching_area) {
  return id + ",学校" + id + "," + county + ",primary," + std::to_string(students) + ",3,10,2,2," +
         std::to_string(teaching_area) + "," + std::to_string(students * 10) + "," + std::to_string(students * 3000) +
         ",5\n";
}

// Five primary schools of 县A with students n = 100, 200, 300, 200, 200 (N = 1000) and teaching area per
// pupil x = 4, 5, 6, 3, 7 m².
//   x̄ = (400 + 1000 + 1800 + 600 + 1400) / 1000 = 5.2
//   Σnᵢ(xᵢ − x̄)² = 100·1.44 + 200·0.04 + 300·0.64 + 200·4.84 + 200·3.24 = 144 + 8 + 192 + 968 + 648 = 1960
//   S = √(1960 / 1000) = 1.4, CV = 1.4 / 5.2 = 0.269231 (≤ 0.50: passes)
TEST(BalanceEvaluation, FiveSchoolCvWorkedOnPaper) {
  std::string text = kHeader;
  const int n[] = {100, 200, 300, 200, 200};
  const double x[] = {4, 5, 6, 3, 7};
  for (int i = 0; i < 5; ++i) text += primary_row("P" + std::to_string(i + 1), "县A", n[i], n[i] * x[i]);
  auto records = records_of(text);
  auto rules = rules_of("national", 2026);
  auto e = evaluate(records, rules);
  ASSERT_EQ(e.counties.size(), 1u);
  const auto& c = e.counties[0];
  EXPECT_EQ(c.county, "县A");
  EXPECT_EQ(c.schools, 5u);
  EXPECT_EQ(c.students, 1000);
  EXPECT_NEAR(c.mean[3], 5.2, 1e-12);
  EXPECT_NEAR(c.cv[3], 1.4 / 5.2, 1e-12);
  EXPECT_TRUE(c.cv_ok[3]);
  // Every school has 10 above-degree teachers: 10, 5, 3.333…, 5, 5 per 100 pupils.
  //   x̄ = (1000 + 1000 + 1000 + 1000 + 1000) / 1000 = 5; deviations 5, 0, −1.667, 0, 0
  //   Σ = 100·25 + 300·2.7778 = 2500 + 833.33 = 3333.33; S = √3.33333 = 1.825742; CV = 0.365148
  EXPECT_NEAR(c.cv[0], std::sqrt(10.0 / 3.0) / 5.0, 1e-12);
  // School P4 (3 m² per pupil) misses the 4.5 floor and is below 85 % (3.825): not compliant.
  EXPECT_FALSE(e.parts[3].compliant);
  EXPECT_EQ(e.parts[3].met_count, 6);
  EXPECT_FALSE(e.parts[3].met[3]);
  // P1 (4 m²) misses it too but is at 88.9 % of the floor with the other six met: compliant.
  EXPECT_TRUE(e.parts[0].compliant);
  // P3 has 3.333 above-degree teachers per 100 pupils, below 85 % of 4.2 (3.57): not compliant either.
  EXPECT_FALSE(e.parts[2].compliant);
  EXPECT_EQ(c.compliant_schools, 3u);

  auto j = nlohmann::json::parse(evaluation_json(records, e, rules, "national"));
  EXPECT_DOUBLE_EQ(j["counties"][0]["cv"]["teaching_area_per_student"].get<double>(), 0.269231);
  EXPECT_DOUBLE_EQ(j["counties"][0]["cv_limit"].get<double>(), 0.5);
  EXPECT_TRUE(j["counties"][0]["cv_pass"].get<bool>());
  EXPECT_FALSE(j["counties"][0]["all_schools_compliant"].get<bool>());
  EXPECT_EQ(j["schools"][3]["failures"][0]["key"], "teaching_area_per_student");
  EXPECT_DOUBLE_EQ(j["schools"][3]["failures"][0]["value"].get<double>(), 3.0);
  EXPECT_DOUBLE_EQ(j["schools"][3]["failures"][0]["floor"].get<double>(), 4.5);
  EXPECT_EQ(j["schools"][3]["failures"][0]["cite"], "教督〔2017〕6号 第六条(四)");
  // 办学条件标准化率: 3 of 5 compliant = 0.6; the national profile sets no minimum, 钦州 (from 2022) 85 %.
  EXPECT_DOUBLE_EQ(j["counties"][0]["standardization_rate"].get<double>(), 0.6);
  EXPECT_FALSE(j["counties"][0].contains("standardization_met"));
  auto qinzhou = rules_of("qinzhou", 2022);
  auto jq = nlohmann::json::parse(evaluation_json(records, evaluate(records, qinzhou), qinzhou, "qinzhou"));
  EXPECT_DOUBLE_EQ(jq["counties"][0]["standardization_min"].get<double>(), 0.85);
  EXPECT_FALSE(jq["counties"][0]["standardization_met"].get<bool>());
  EXPECT_EQ(jq["counties"][0]["standardization_cite"], "001 钦州, 二(十五)");
}

// 100 pupils; backbone teachers exactly 1 per 100 (the floor itself: met). Teaching area 382.5 m² is
// exactly 85 % of 4.5 m² × 100: still compliant. 382.4 m² is not. Two indicators short: not compliant
// however close they are.
TEST(BalanceEvaluation, SixOfSevenAndEightyFivePercentAtTheBoundary) {
  std::string text = kHeader;
  text += "B1,边界一,县A,primary,100,3,5,1,1,382.5,750,200000,3\n";
  text += "B2,边界二,县A,primary,100,3,5,1,1,382.4,750,200000,3\n";
  text += "B3,边界三,县A,primary,100,3,5,0,1,449,750,200000,3\n";  // backbone 0 and area 4.49
  text += "B4,全达标,县A,primary,100,3,5,1,1,450,750,200000,3\n";
  auto e = evaluate(records_of(text), rules_of("national", 2026));
  ASSERT_EQ(e.parts.size(), 4u);
  EXPECT_EQ(e.parts[0].met_count, 6);
  EXPECT_TRUE(e.parts[0].met[1]);  // 1.0 ≥ 1.0
  EXPECT_TRUE(e.parts[0].compliant);
  EXPECT_EQ(e.parts[1].met_count, 6);
  EXPECT_FALSE(e.parts[1].compliant);  // 3.824 < 3.825
  EXPECT_EQ(e.parts[2].met_count, 5);
  EXPECT_FALSE(e.parts[2].compliant);
  EXPECT_EQ(e.parts[3].met_count, 7);
  EXPECT_TRUE(e.parts[3].compliant);
}

// 九年一贯制: 600 primary and 400 junior pupils. Shared resources split 1 : 1.1 by weighted enrolment:
// 600 : 440, so the primary part gets 600/1040 = 0.576923 and the junior part 440/1040 = 0.423077.
// Teaching area 5200 m² → 3000 m² (5.0 per pupil) and 2200 m² (5.5 per pupil: below the junior 5.8).
// Teachers count where they teach: 30 above-degree primary teachers (5.0 /100), 20 junior (5.0 /100,
// below 5.3 but above 85 % of it, 4.505).
TEST(BalanceEvaluation, NineYearSchoolIsSplitByWeightedEnrolment) {
  std::string text =
      "school_id,name,county,level,students,classes,teachers_above_degree,backbone_teachers,pe_art_teachers,"
      "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,students_junior,classes_junior,"
      "teachers_above_degree_junior,backbone_teachers_junior,pe_art_teachers_junior\n"
      "N1,九年一贯,县B,nine_year,600,14,30,6,6,5200,10400,2600000,26,400,8,20,4,4\n";
  auto records = records_of(text);
  auto e = evaluate(records, rules_of("national", 2026));
  ASSERT_EQ(e.parts.size(), 2u);
  const auto& p = e.parts[0];
  const auto& j = e.parts[1];
  EXPECT_EQ(p.stage, Stage::Primary);
  EXPECT_EQ(j.stage, Stage::Junior);
  EXPECT_NEAR(p.share, 600.0 / 1040.0, 1e-12);
  EXPECT_NEAR(j.share, 440.0 / 1040.0, 1e-12);
  EXPECT_NEAR(p.values[3], 5.0, 1e-12);
  EXPECT_NEAR(j.values[3], 5.5, 1e-12);
  EXPECT_NEAR(p.values[0], 5.0, 1e-12);
  EXPECT_NEAR(j.values[0], 5.0, 1e-12);
  // Sports 10400 m²: 6000 (10 per pupil) and 4400 (11); equipment 2.6M: 1.5M (2500) and 1.1M (2750);
  // rooms 26: 15 (2.5 /100) and 11 (2.75 /100).
  EXPECT_NEAR(j.values[4], 11.0, 1e-12);
  EXPECT_NEAR(j.values[5], 2750.0, 1e-9);
  EXPECT_NEAR(j.values[6], 2.75, 1e-12);
  EXPECT_TRUE(p.compliant);
  EXPECT_EQ(j.met_count, 5);  // above-degree teachers and teaching area short
  EXPECT_FALSE(j.compliant);
  EXPECT_EQ(e.flags[0].compulsory_students, 1000);
  EXPECT_DOUBLE_EQ(e.flags[0].size_limit, 2500);  // 九年一贯制 limit
  EXPECT_EQ(e.counties.size(), 2u);
}

// Two junior schools in 县C with equipment per pupil 2500 and 5000 and equal enrolment:
// x̄ = 3750, S = 1250, CV = 1/3 = 0.3333. National junior limit 0.45: passes. 绍兴 from 2025 requires
// "< 0.30": fails in 2025, but in 2024 the national value still applies.
TEST(BalanceEvaluation, OverlayTightensTheLimitFromItsYear) {
  std::string text = kHeader;
  text += "J1,初一,县C,junior,400,8,30,6,6,2400,4400,1000000,12\n";
  text += "J2,初二,县C,junior,400,8,30,6,6,2400,4400,2000000,12\n";
  auto records = records_of(text);
  auto national = evaluate(records, rules_of("national", 2025));
  auto shaoxing = evaluate(records, rules_of("shaoxing", 2025));
  auto shaoxing_2024 = evaluate(records, rules_of("shaoxing", 2024));
  ASSERT_EQ(national.counties.size(), 1u);
  EXPECT_NEAR(national.counties[0].cv[5], 1.0 / 3.0, 1e-12);
  EXPECT_TRUE(national.counties[0].cv_pass);
  EXPECT_FALSE(shaoxing.counties[0].cv_ok[5]);
  EXPECT_FALSE(shaoxing.counties[0].cv_pass);
  EXPECT_TRUE(shaoxing_2024.counties[0].cv_pass);
  auto j = nlohmann::json::parse(evaluation_json(records, shaoxing, rules_of("shaoxing", 2025), "shaoxing"));
  EXPECT_DOUBLE_EQ(j["counties"][0]["cv_limit"].get<double>(), 0.30);
  EXPECT_EQ(j["counties"][0]["cv_compare"], "<");
  EXPECT_EQ(j["counties"][0]["cv_failing"], nlohmann::json::array({"equipment_value_per_student"}));
}

// A CV exactly at the limit passes "≤": weights 1:1 and values 1 and 3 give x̄ = 2, S = 1, CV = 0.5.
TEST(BalanceEvaluation, CvExactlyAtTheLimitPasses) {
  EXPECT_NEAR(weighted_cv({1, 3}, {1, 1}), 0.5, 1e-15);
  EXPECT_TRUE(within(weighted_cv({1, 3}, {1, 1}), "<=", 0.5));
  EXPECT_FALSE(within(0.30000000000000004, "<", 0.3));
  EXPECT_EQ(weighted_cv({0, 0}, {5, 5}), 0.0);
}

// 班额 from the largest class when known (56 > 55: 大班额; 66 > 65: 超大班额), else the average.
// 校额: 2001 primary pupils > 2000. 小规模: 99 < 100 (national); 绍兴 also counts 100, and a zero entry grade
// (150 pupils, none in grade 1).
TEST(BalanceEvaluation, ClassAndSchoolSizeFlags) {
  std::string text =
      "school_id,name,county,level,students,classes,teachers_above_degree,backbone_teachers,pe_art_teachers,"
      "teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,largest_class,entry_grade_students\n"
      "S1,大班,县D,primary,2001,40,90,21,19,9005,15008,4002000,47,56,\n"
      "S2,超大,县D,primary,660,10,30,7,6,2970,4950,1320000,16,66,\n"
      "S3,平均,县D,primary,460,10,30,7,6,2970,4950,1320000,16,,\n"
      "S4,小校,县D,primary,99,6,5,1,1,450,750,200000,3,,20\n"
      "S5,百人,县D,primary,100,6,5,1,1,450,750,200000,3,,20\n"
      "S6,零招生,县D,primary,150,6,8,2,2,700,1200,300000,4,,0\n";
  auto records = records_of(text);
  auto national = evaluate(records, rules_of("national", 2026));
  auto shaoxing = evaluate(records, rules_of("shaoxing", 2026));
  EXPECT_TRUE(national.parts[0].large_class);
  EXPECT_FALSE(national.parts[0].super_large_class);
  EXPECT_FALSE(national.parts[0].class_size_ok);  // 56 > 45
  EXPECT_TRUE(national.flags[0].large_school);    // 2001 > 2000
  EXPECT_TRUE(national.parts[1].super_large_class);
  EXPECT_FALSE(national.parts[2].largest_class.has_value());
  EXPECT_NEAR(*national.parts[2].average_class, 46.0, 1e-12);
  EXPECT_FALSE(national.parts[2].class_size_ok);  // average 46 > 45
  EXPECT_FALSE(national.parts[2].large_class);
  EXPECT_TRUE(national.flags[3].small_school);
  EXPECT_FALSE(national.flags[4].small_school);  // 100 is not "不足100"
  EXPECT_TRUE(shaoxing.flags[4].small_school);   // 绍兴: 100人以下 includes 100
  EXPECT_TRUE(national.flags[5].zero_entry);
  EXPECT_FALSE(national.flags[5].small_school);  // 150 pupils: the national rule has no zero-entry clause
  EXPECT_TRUE(shaoxing.flags[5].small_school);   // 绍兴: 起始年级零招生 is a small school too
}

// A 教学点 under 50 pupils is listed but left out of the county CV (教学点 rule of the profile).
TEST(BalanceEvaluation, SmallTeachingPointIsLeftOutOfTheCv) {
  std::string text = std::string(kHeader).insert(std::string(kHeader).size() - 1, ",teaching_point");
  text += "T1,教学点,县E,primary,40,2,2,1,1,100,300,80000,1,是\n";
  text += "T2,中心校,县E,primary,400,10,20,4,4,1800,3000,800000,10,否\n";
  auto e = evaluate(records_of(text), rules_of("national", 2026));
  EXPECT_TRUE(e.parts[0].excluded);
  ASSERT_EQ(e.counties.size(), 1u);
  EXPECT_EQ(e.counties[0].schools, 1u);
  EXPECT_EQ(e.counties[0].cv[3], 0.0);
}

TEST(BalanceSchoolFile, EveryBadCellIsReported) {
  std::string text = kHeader;
  text += "A1,甲,县A,primary,0,3,5,1,1,450,750,200000,3\n";       // zero students
  text += "A2,乙,县A,kindergarten,100,3,5,1,1,450,750,200000,3\n";  // unknown level
  text += "A3,丙,县A,junior,100,3,5,1,1,abc,750,-5,3\n";          // non-numeric area, negative money
  text += "A1,丁,县A,nine_year,100,3,5,1,1,450,750,200000,3\n";   // duplicate id; no junior columns
  std::vector<SchoolRecord> out;
  auto errors = read_school_records(csv(text, "s.csv"), out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(lines(errors),
            (std::vector<std::string>{
                "s.csv:2:students: 应为正整数，实际为“0”",
                "s.csv:3:level: 应为 primary、junior、nine_year、twelve_year、complete_secondary（小学、初中、九年一贯制、十二年一贯制、完全中学）之一，实际为“kindergarten”",
                "s.csv:4:teaching_area_m2: 应为非负数，实际为“abc”",
                "s.csv:4:equipment_value_yuan: 应为非负数，实际为“-5”",
                "s.csv:5:school_id: 学校代码“A1”重复",
                "s.csv:5:students_junior: 此学段需要这一列",
                "s.csv:5:classes_junior: 此学段需要这一列",
                "s.csv:5:teachers_above_degree_junior: 此学段需要这一列",
                "s.csv:5:backbone_teachers_junior: 此学段需要这一列",
                "s.csv:5:pe_art_teachers_junior: 此学段需要这一列",
            }));
}

TEST(BalanceSchoolFile, MissingColumnsAndChineseHeaders) {
  std::vector<SchoolRecord> out;
  auto errors = read_school_records(csv("school_id,name\nA,甲\n", "s.csv"), out);
  ASSERT_EQ(errors.size(), 11u);
  EXPECT_EQ(errors[0].to_string(), "s.csv:1:county: 缺少必填列“county”（或中文表头“区县”）");

  std::string zh =
      "学校代码,学校名称,区县,学段,在校生数,班级数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,"
      "教学及辅助用房面积（平方米）,体育运动场馆面积(平方米),教学仪器设备值(元),网络多媒体教室数\n"
      "Z1,中文表头小学,越城区,小学,100,3,5,1,1,450,750,200000,3\n";
  auto records = records_of(zh);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].kind, SchoolKind::Primary);
  EXPECT_EQ(records[0].county, "越城区");
  EXPECT_DOUBLE_EQ(records[0].teaching_area_m2, 450);
}

}  // namespace
}  // namespace youjun::balance
