// Reading enrollment input files: every bad cell is reported with its row and column.
#include <gtest/gtest.h>

#include "enroll/enroll_test_util.hpp"
#include "import/import_fixtures.hpp"
#include "enroll/enroll_files.hpp"

namespace youjun::enroll {
namespace {

using test::csv;
using test::lines;

TEST(EnrollFiles, SeatsRejectDuplicatesAndNegativeOrTextSeats) {
  std::vector<SchoolSeats> seats;
  auto errors = read_seats(csv("school_id,seats\nS1,10\nS1,5\nS2,-1\nS3,ten\nS|4,1\n", "seats.csv"), seats);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{
                               "seats.csv:3:school_id: 学校 S1 重复（第 2 行已有）",
                               "seats.csv:4:seats: 应为非负整数学位数",
                               "seats.csv:5:seats: 应为非负整数学位数",
                               "seats.csv:6:school_id: 编号不能含逗号、引号、竖线或控制字符",
                           }));
  ASSERT_EQ(seats.size(), 1u);
  EXPECT_EQ(seats[0].seats, 10u);
}

TEST(EnrollFiles, SelectionCriteriaColumnsAreFound) {
  const std::string terms = "考试|面试|成绩|exam|test|score";
  auto t = csv("applicant_id,school_id,tier,面试成绩,Exam_Score,contestant,latest,test\nA,S,1,90,1,x,y,z\n", "a.csv");
  EXPECT_EQ(selection_criteria_columns(t, terms), (std::vector<std::string>{"面试成绩", "Exam_Score", "test"}));
  EXPECT_TRUE(selection_criteria_columns(csv("applicant_id,school_id,tier\nA,S,1\n", "a.csv"), terms).empty());
}

TEST(EnrollFiles, SectorAndFallbackColumns) {
  std::vector<SchoolSeats> seats;
  auto errors = read_seats(csv("school_id,seats,sector\nS1,10,民办\nS2,5,public\nS3,1,\nS4,1,charter\n", "s.csv"), seats);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{"s.csv:5:sector: 应为 public（公办）或 private（民办），或留空"}));
  ASSERT_EQ(seats.size(), 3u);
  EXPECT_EQ(seats[0].sector, "private");
  EXPECT_EQ(seats[1].sector, "public");
  EXPECT_EQ(seats[2].sector, "");
  std::vector<LotteryApplicant> applicants;
  errors = read_applicants(csv("applicant_id,school_id,tier,fallback_school_id\nA,S1,1,P1\nB,S1,1,S1\nC,S1,1,\n", "a.csv"),
                           seats, applicants);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{"a.csv:3:fallback_school_id: 兜底学校不能与报名学校相同"}));
  ASSERT_EQ(applicants.size(), 2u);
  EXPECT_EQ(applicants[0].fallback_school_id, "P1");
  EXPECT_EQ(applicants[1].fallback_school_id, "");
}

TEST(EnrollFiles, IdNumbersAreRefusedAsIds) {
  std::string id = test::make_id("330602", "20190901", 12);  // a valid 身份证号 (checksum and date)
  std::string wrong_check = id.substr(0, 17) + (id.back() == '0' ? "1" : "0");  // the same digits, not an ID number
  std::vector<SchoolSeats> seats = {{"S1", 1, ""}};
  std::vector<LotteryApplicant> applicants;
  auto errors = read_applicants(csv("applicant_id,school_id,tier\n" + id + ",S1,1\n" + wrong_check + ",S1,1\n", "a.csv"),
                                seats, applicants);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{
                               "a.csv:2:applicant_id: 编号不能是身份证号（派位结果会公开公布）：请改用报名编号等不含个人信息的编号"}));
  ASSERT_EQ(applicants.size(), 1u);
  EXPECT_EQ(applicants[0].applicant_id, wrong_check);
}

TEST(EnrollFiles, ApplicantsReportEveryBadRow) {
  std::vector<SchoolSeats> seats = {{"S1", 2}};
  std::vector<LotteryApplicant> applicants;
  auto errors = read_applicants(csv("applicant_id,school_id,tier\nA1,S1,1\nA1,S1,2\nA2,S9,1\nA3,S1,0\n,S1,1\n", "a.csv"),
                                seats, applicants);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{
                               "a.csv:3:applicant_id: 申请人 A1 重复（第 2 行已有；每人每次派位只能出现一次）",
                               "a.csv:4:school_id: 学校 S9 不在学位文件中",
                               "a.csv:5:tier: 应为正整数类别 1、2、3…（1 最先录取）",
                               "a.csv:6:applicant_id: 编号不能为空",
                           }));
  EXPECT_EQ(applicants.size(), 1u);
}

TEST(EnrollFiles, MissingColumnsAreNamed) {
  std::vector<SchoolSeats> seats;
  auto errors = read_seats(csv("school,seats\nS1,1\n", "seats.csv"), seats);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{"seats.csv:1:school_id: 缺少必填列“school_id”"}));
}

TEST(EnrollFiles, MatchInputParsesPrefsAndPerSchoolTiers) {
  MatchProblem p;
  auto errors = read_match_input(csv("student_id,prefs,tier,tiers\ns1,X|Y,2,\ns2,Y | X,2,1|2\ns3,,1,\n", "st.csv"),
                                 csv("school_id,seats\nX,1\nY,0\n", "sc.csv"), p);
  ASSERT_TRUE(errors.empty()) << errors[0].to_string();
  EXPECT_EQ(p.student_ids, (std::vector<std::string>{"s1", "s2", "s3"}));
  EXPECT_EQ(p.pref_begin, (std::vector<uint32_t>{0, 2, 4, 4}));
  EXPECT_EQ(p.pref_school, (std::vector<uint32_t>{0, 1, 1, 0}));
  EXPECT_EQ(p.pref_tier, (std::vector<uint16_t>{2, 2, 1, 2}));
  EXPECT_EQ(p.seats, (std::vector<uint32_t>{1, 0}));
}

TEST(EnrollFiles, MatchInputRejectsRepeatedSchoolsAndMisalignedTiers) {
  MatchProblem p;
  auto errors = read_match_input(
      csv("student_id,prefs,tier,tiers\ns1,X|Y|X,1,\ns2,X|Q,1,\ns3,X|Y,1,1\ns1,X,1,\ns4,X,1,a\n", "st.csv"),
      csv("school_id,seats\nX,1\nY,1\n", "sc.csv"), p);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{
                               "st.csv:2:prefs: 志愿中学校 X 填报了两次",
                               "st.csv:3:prefs: 志愿学校 Q 不在学校文件中",
                               "st.csv:4:tiers: 类别个数（1）应与志愿个数（2）相同",
                               "st.csv:5:student_id: 学生 s1 重复（第 2 行已有）",
                               "st.csv:6:tiers: 每一项应为正整数类别 1、2、3…（1 最先录取），用 | 分隔",
                           }));
}

}  // namespace
}  // namespace youjun::enroll
