// Seat warning (学区预警): a small city worked out by hand, the seat-plan precedence, and the readers'
// row errors. Expected numbers are in the comments next to each check.
#include <gtest/gtest.h>

#include "enroll/enroll_test_util.hpp"
#include "enroll/seat_warning.hpp"
#include "enroll/warning_files.hpp"
#include "enroll/warning_report.hpp"
#include "io/table.hpp"

namespace youjun::enroll {
namespace {

using test::csv;
using test::lines;

Catchment catchment(std::string id, std::string stage, std::vector<std::string> schools) {
  Catchment c;
  c.id = std::move(id);
  c.stage = std::move(stage);
  c.schools = std::move(schools);
  return c;
}

WarningParams hand_params() {
  WarningParams p;
  p.first_entry_year = 2027;
  p.years = 3;
  p.entry_age_primary = 6;
  p.entry_age_junior = 12;
  p.children_per_home = 0.01;
  p.amber_ratio = 0.9;
  p.red_ratio = 1.0;
  return p;
}

// A: S1 alone.  B: 多校划片 over S2 (60 seats) and S3 (40).  C: S3 alone (so S3 serves B and C).
// D: junior J1.  E: S4, which has no seats in 2027.
struct HandCity {
  std::vector<Catchment> catchments = {catchment("A", "primary", {"S1"}), catchment("B", "primary", {"S2", "S3"}),
                                       catchment("C", "primary", {"S3"}), catchment("D", "junior", {"J1"}),
                                       catchment("E", "primary", {"S4"})};
  std::vector<CohortCount> cohorts = {
      {"A", 2021, 95}, {"A", 2022, 90},                                       // A has no 2023 count
      {"B", 2021, 120}, {"B", 2022, 80}, {"B", 2023, 50},                     //
      {"C", 2021, 30}, {"C", 2022, 30}, {"C", 2023, 30},                      //
      {"D", 2015, 150}, {"D", 2016, 210}, {"D", 2017, 180},                   // junior: born 12 years before
      {"E", 2021, 10}, {"E", 2022, 0}, {"E", 2023, 0},                        //
  };
  std::vector<HousingDelivery> housing = {{"A", 2028, 1000}, {"A", 2030, 5000}, {"D", 2026, 2000}};
  std::vector<SeatPlan> seats = {{"S1", 0, "", 100}, {"S1", 2029, "", 120}, {"S2", 0, "", 60}, {"S3", 0, "", 40},
                                 {"J1", 0, "junior", 200}, {"S4", 0, "", 30}, {"S4", 2027, "", 0}};
};

const SchoolForecast& school(const WarningResult& r, const std::string& id) {
  for (const auto& s : r.schools)
    if (s.school_id == id) return s;
  throw std::runtime_error("no school " + id);
}

TEST(SeatWarning, HandWorkedCity) {
  HandCity city;
  SeatBook book(city.seats);
  auto r = forecast_seats(city.catchments, city.cohorts, city.housing, book, hand_params());
  ASSERT_EQ(r.catchments.size(), 5u);
  ASSERT_EQ(r.schools.size(), 5u);

  // A 2027: born 2021 = 95, no homes yet → 95 / 100 = 0.95 → amber.
  const auto& a = r.catchments[0].years;
  EXPECT_EQ(a[0].birth_year, 2021);
  EXPECT_DOUBLE_EQ(a[0].demand, 95);
  EXPECT_EQ(a[0].light, Light::Amber);
  // A 2028: 90 + 0.01 × 1000 homes = 100 / 100 = 1.0 → not above the red line → amber.
  EXPECT_EQ(a[1].homes, 1000u);
  EXPECT_DOUBLE_EQ(a[1].demand, 100);
  EXPECT_DOUBLE_EQ(*a[1].ratio, 1.0);
  EXPECT_EQ(a[1].light, Light::Amber);
  // A 2029: no count for 2023 → no data (the 2030 estate is later than every intake and never counts).
  EXPECT_FALSE(a[2].births.has_value());
  EXPECT_EQ(a[2].homes, 1000u);
  EXPECT_EQ(a[2].seats, 120u);  // the 2029 row beats the general row
  EXPECT_EQ(a[2].light, Light::NoData);
  const auto& s1 = school(r, "S1");
  EXPECT_EQ(s1.light, Light::Amber);  // amber is worse than no data
  EXPECT_FALSE(s1.first_red_year.has_value());

  // B 2027: 120 / (60 + 40) = 1.2 → red; 2028: 0.8 → green.
  EXPECT_DOUBLE_EQ(*r.catchments[1].years[0].ratio, 1.2);
  EXPECT_EQ(r.catchments[1].years[0].light, Light::Red);
  EXPECT_EQ(r.catchments[1].years[1].light, Light::Green);
  // C: 30 / 40 = 0.75 every year → green as a catchment …
  EXPECT_EQ(r.catchments[2].years[0].light, Light::Green);
  // … but S3 takes 40 % of B and all of C. 2027: 48 + 30 = 78 / 40 = 1.95; 2028: 32 + 30 = 62;
  // 2029: 20 + 30 = 50 → red in all three.
  const auto& s3 = school(r, "S3");
  EXPECT_EQ(s3.catchments, (std::vector<std::string>{"B", "C"}));
  EXPECT_DOUBLE_EQ(s3.years[0].demand, 78);
  EXPECT_DOUBLE_EQ(s3.years[1].demand, 62);
  EXPECT_DOUBLE_EQ(s3.years[2].demand, 50);
  EXPECT_DOUBLE_EQ(*s3.years[0].ratio, 1.95);
  EXPECT_EQ(s3.light, Light::Red);
  EXPECT_EQ(*s3.first_red_year, 2027);
  // S2 takes 60 %: 72 / 60 = 1.2 red, then 48 and 30 → green.
  const auto& s2 = school(r, "S2");
  EXPECT_DOUBLE_EQ(s2.years[0].demand, 72);
  EXPECT_EQ(s2.years[0].light, Light::Red);
  EXPECT_EQ(s2.years[1].light, Light::Green);
  EXPECT_DOUBLE_EQ(s2.years[2].demand, 30);

  // D (junior, born 2015–2017) + 0.01 × 2000 homes delivered 2026 = 20 every year:
  // 170 / 200 green, 230 red, 200 = 1.0 amber.
  const auto& j1 = school(r, "J1");
  EXPECT_EQ(j1.stage, "junior");
  EXPECT_EQ(r.catchments[3].years[0].birth_year, 2015);
  EXPECT_DOUBLE_EQ(j1.years[0].demand, 170);
  EXPECT_EQ(j1.years[0].light, Light::Green);
  EXPECT_DOUBLE_EQ(j1.years[1].demand, 230);
  EXPECT_EQ(j1.years[1].light, Light::Red);
  EXPECT_EQ(j1.years[2].light, Light::Amber);
  EXPECT_EQ(*j1.first_red_year, 2028);

  // E 2027: 10 children, 0 seats → no ratio, red; the unplaced 10 land on S4. 2028: 0 / 30 → green.
  EXPECT_FALSE(r.catchments[4].years[0].ratio.has_value());
  EXPECT_EQ(r.catchments[4].years[0].light, Light::Red);
  const auto& s4 = school(r, "S4");
  EXPECT_DOUBLE_EQ(s4.years[0].demand, 10);
  EXPECT_EQ(s4.years[0].light, Light::Red);
  EXPECT_EQ(s4.years[1].light, Light::Green);

  auto sum = summarize(r);
  EXPECT_EQ(sum.red, 4u);  // S2, S3, J1, S4
  EXPECT_EQ(sum.amber, 1u);
  EXPECT_EQ(sum.green, 0u);
  EXPECT_EQ(sum.no_data, 0u);

  auto j = warning_to_json(r, hand_params());
  EXPECT_EQ(j["years"], (nlohmann::json{2027, 2028, 2029}));
  EXPECT_EQ(j["summary"]["red"], 4);
  EXPECT_EQ(j["catchments"][0]["years"][2]["demand"], nullptr);
  EXPECT_EQ(j["catchments"][0]["years"][2]["light"], "no_data");
  EXPECT_EQ(j["schools"][2]["school_id"], "S2");  // schools by id: J1, S1, S2, …
  EXPECT_EQ(j["schools"][2]["first_red_year"], 2027);
}

TEST(SeatWarning, MostSpecificSeatRowWins) {
  std::vector<SeatPlan> plans = {{"N", 0, "", 10}, {"N", 2027, "", 20}, {"N", 0, "junior", 30}, {"N", 2027, "junior", 40}};
  SeatBook book(plans);
  EXPECT_EQ(*book.seats("N", "primary", 2026), 10u);
  EXPECT_EQ(*book.seats("N", "primary", 2027), 20u);
  EXPECT_EQ(*book.seats("N", "junior", 2026), 30u);
  EXPECT_EQ(*book.seats("N", "junior", 2027), 40u);
  EXPECT_FALSE(book.seats("M", "primary", 2027).has_value());
  SeatBook only_year(std::vector<SeatPlan>{{"N", 2027, "", 5}});
  EXPECT_FALSE(only_year.seats("N", "primary", 2028).has_value());
}

TEST(SeatWarning, ReadersReportEveryBadRow) {
  std::unordered_set<std::string> known = {"A", "B"};
  std::vector<CohortCount> cohorts;
  auto errors = read_cohorts(
      csv("catchment_id,birth_year,children\nA,2021,95\nA,2021,90\nZ,2021,5\nB,21,5\nB,2022,-3\n", "c.csv"), known, cohorts);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{
                               "c.csv:3:birth_year: 学区 A 的 2021 年出生人数重复（第 2 行已有）",
                               "c.csv:4:catchment_id: 学区 Z 不在学区文件中",
                               "c.csv:5:birth_year: 应为 1950–2150 之间的四位年份",
                               "c.csv:6:children: 应为非负整数人数",
                           }));
  ASSERT_EQ(cohorts.size(), 1u);

  std::vector<HousingDelivery> housing;
  errors = read_housing(csv("catchment_id,year,homes\nA,2027,300\nA,2027,200\n,2027,1\n", "h.csv"), known, housing);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{"h.csv:4:catchment_id: 学区编号不能为空"}));
  EXPECT_EQ(housing.size(), 2u);  // two estates in one year are two rows, both kept

  std::vector<SeatPlan> seats;
  errors = read_seat_plans(
      csv("school_id,seats,entry_year,stage\nS1,100,,\nS1,90,,\nS1,80,2027,\nS2,10,,senior\nS3,x,1900,\n", "s.csv"), seats);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{
                               "s.csv:3:school_id: 学校 S1 的通用学位数重复（第 2 行已有）",
                               "s.csv:5:stage: 应为 primary（小学）或 junior（初中），或留空表示各学段",
                               "s.csv:6:seats: 应为非负整数学位数",
                               "s.csv:6:entry_year: 应为 1950–2150 之间的四位年份，或留空表示每年",
                           }));
  EXPECT_EQ(seats.size(), 2u);

  errors = read_cohorts(csv("catchment_id,children\nA,1\n", "m.csv"), known, cohorts);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{"m.csv:1:birth_year: 缺少必填列“birth_year”"}));
}

TEST(SeatWarning, EverySchoolNeedsSeatsForEveryYear) {
  std::vector<Catchment> cs = {catchment("A", "primary", {"S1", "S2"}), catchment("B", "junior", {"S1"})};
  std::vector<SeatPlan> plans = {{"S1", 0, "primary", 50}, {"S2", 2027, "", 10}};
  SeatBook book(plans);
  auto errors = check_seat_coverage(cs, book, hand_params(), "s.csv");
  EXPECT_EQ(lines(errors), (std::vector<std::string>{
                               "s.csv:0:school_id: 学区 A 的学校 S2 没有 2028、2029 年的学位数（加一行 S2,学位数 即对每年有效）",
                               "s.csv:0:school_id: 学区 B 的学校 S1 没有 2027、2028、2029 年的学位数（加一行 S1,学位数 即对每年有效）",
                           }));
}

}  // namespace
}  // namespace youjun::enroll
