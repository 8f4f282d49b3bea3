// 中考 composite score by hand: raw scores, a converted component, grade letters, half-up rounding,
// the 长治 weights and bad cells.
#include <gtest/gtest.h>

#include "admit/score.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::admit {
namespace {

io::Table csv(const std::string& text) { return *io::parse_csv(text, "scores.csv"); }

TEST(AdmitScore, ComponentsParseAndConvert) {
  auto c = *parse_component("comprehensive", "score full=100 points=20 label=综合素质");
  EXPECT_EQ(c.label, "综合素质");
  EXPECT_EQ(*component_points(c, "87", 1), 17400);     // 87 × 20 / 100 = 17.4
  EXPECT_EQ(*component_points(c, "87.25", 1), 17500);  // 17.45 → half up → 17.5
  EXPECT_EQ(*component_points(c, "87.24", 1), 17400);  // 17.448 → 17.4
  EXPECT_EQ(*component_points(c, "87.25", 2), 17450);
  EXPECT_FALSE(component_points(c, "100.5", 1));
  auto g = *parse_component("q", "grade A=20 B=16 C=12 D=8");
  EXPECT_EQ(*component_points(g, "b", 1), 16000);
  EXPECT_EQ(component_points(g, "E", 1).error().message, "应为等级 A、B、C、D");
  EXPECT_FALSE(parse_component("x", "score points=20"));  // no full marks
  EXPECT_FALSE(parse_component("x", "weighted full=20"));
  EXPECT_FALSE(parse_component("x", "grade A=1 A=2"));
}

TEST(AdmitScore, NationalExampleScheme) {
  auto scheme = *score_scheme(*policy::load_policy("national"), 2026);
  ASSERT_EQ(scheme.components.size(), 7u);
  std::vector<StudentScore> out;
  auto errors = score_students(csv("student_id,chinese,math,english,science,social,pe,comprehensive\n"
                                   "K1,110,120,99.5,140,88,40,b\n"
                                   "K2,0,0,0,0,0,0,D\n"),
                               scheme, out);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  // 110 + 120 + 99.5 + 140 + 88 + 40 + 16 = 613.5
  EXPECT_EQ(out[0].total, 613500);
  EXPECT_EQ(out[1].total, 8000);
}

TEST(AdmitScore, ChangzhiWeighsPeAndComprehensiveQuality) {
  auto scheme = *score_scheme(*policy::load_policy("changzhi"), 2026);
  Milli full = 0;
  for (const auto& c : scheme.components) full += c.max_points();
  // 120 × 3 + 150 + 100 + 体育 70 + 综合素质 20 + 5 + 25 = 730
  EXPECT_EQ(full, 730000);
  std::vector<StudentScore> out;
  auto errors = score_students(csv("student_id,chinese,math,english,science,social,pe,physical_quality,arts_literacy,comprehensive_other\n"
                                   "K1,100,100,100,100,80,65,18,5,20\n"),
                               scheme, out);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  EXPECT_EQ(out[0].total, 588000);
}

TEST(AdmitScore, EveryBadCellIsReported) {
  auto scheme = *score_scheme(*policy::load_policy("national"), 2026);
  std::vector<StudentScore> out;
  auto errors = score_students(csv("student_id,chinese,math,english,science,social,pe,comprehensive\n"
                                   "K1,121,120,99.5,140,88,40,B\n"
                                   "K2,100,abc,99,140,88,40,E\n"
                                   "K1,100,100,99,140,88,40,A\n"),
                               scheme, out);
  ASSERT_EQ(errors.size(), 4u) << format_row_errors(errors);
  EXPECT_EQ(errors[0].row, 2);
  EXPECT_EQ(errors[0].column, "chinese");
  EXPECT_NE(errors[0].message.find("超过满分 120"), std::string::npos);
  EXPECT_EQ(errors[1].column, "math");
  EXPECT_EQ(errors[2].column, "comprehensive");
  EXPECT_EQ(errors[3].column, "student_id");  // K1 twice
}

}  // namespace
}  // namespace youjun::admit
