// 五大创建 progress against 004's schedule (附件 进度安排), judged by hand for each kind of target.
#include <gtest/gtest.h>

#include "balance/creations.hpp"
#include "enroll/enroll_test_util.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {
namespace {

std::vector<CreationTarget> schedule() {
  auto p = policy::load_policy("shaoxing");
  auto s = creation_schedule(*p);
  EXPECT_TRUE(s) << s.error().message;
  return *s;
}

Progress progress_of(const std::vector<CreationStatus>& statuses, const std::string& district, const std::string& creation) {
  for (const auto& s : statuses)
    if (s.target->district_code == district && s.target->creation == creation) return s.progress;
  ADD_FAILURE() << "no target for " << district << " " << creation;
  return Progress::NoData;
}

TEST(BalanceCreations, ScheduleIsTheTableOf004) {
  auto s = schedule();
  // 5 creations: 7 + 6 + 7 + 7 + 7 cells (新昌县 has none for 省教育现代化县).
  EXPECT_EQ(s.size(), 34u);
  const CreationTarget* keqiao = nullptr;
  for (const auto& t : s)
    if (t.district_code == "330603" && t.creation == "national_quality_balanced_county") keqiao = &t;
  ASSERT_NE(keqiao, nullptr);
  EXPECT_EQ(keqiao->year, 2021);
  EXPECT_EQ(keqiao->target, "通过评估验收");
  EXPECT_EQ(keqiao->district_name, "柯桥区");
  EXPECT_EQ(s.front().district_code, "330602");  // 越城区 first, 全市 last
  EXPECT_EQ(s.back().district_code, "city");
  EXPECT_TRUE(policy::load_policy("national") && creation_schedule(*policy::load_policy("national"))->empty());
}

TEST(BalanceCreations, EachKindOfTargetAsOfAYear) {
  auto s = schedule();
  std::vector<Achievement> achieved;
  auto errors = read_achievements(
      test::csv("district,creation,achieved_year,rate,province_average,province_rank\n"
                "柯桥区,national_quality_balanced_county,2021,,,\n"       // on time
                "330604,全国义务教育优质均衡发展县,2023,,,\n"              // due 2022: late
                "柯桥区,city_demo_towns,,90%,,\n"                           // 2021 target 100 %: behind
                "上虞区,city_demo_towns,,1,,\n"                             // 100 %: achieved
                "柯桥区,provincial_modern_schools,,0.55,0.50,\n"            // needs 0.50 + 0.10
                "越城区,provincial_modern_schools,,0.50,0.50,\n"            // 达到全省平均: met
                "全市,provincial_modern_county,,,,3\n",                     // 前四位: 3rd
                "a.csv"),
      s, achieved);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  auto y2023 = track_creations(s, achieved, 2023);
  EXPECT_EQ(progress_of(y2023, "330603", "national_quality_balanced_county"), Progress::Achieved);
  EXPECT_EQ(progress_of(y2023, "330604", "national_quality_balanced_county"), Progress::AchievedLate);
  EXPECT_EQ(progress_of(y2023, "330602", "national_quality_balanced_county"), Progress::Due);     // 2023, no row
  EXPECT_EQ(progress_of(y2023, "330681", "national_quality_balanced_county"), Progress::Behind);  // 2021, no row
  EXPECT_EQ(progress_of(y2023, "330683", "national_quality_balanced_county"), Progress::Pending); // 2024
  EXPECT_EQ(progress_of(y2023, "330603", "city_demo_towns"), Progress::Behind);
  EXPECT_EQ(progress_of(y2023, "330604", "city_demo_towns"), Progress::Achieved);
  EXPECT_EQ(progress_of(y2023, "330681", "city_demo_towns"), Progress::NoData);  // due 2022, no rate given
  auto y2025 = track_creations(s, achieved, 2025);
  EXPECT_EQ(progress_of(y2025, "330603", "provincial_modern_schools"), Progress::Due);  // 0.55 < 0.60
  EXPECT_EQ(progress_of(y2025, "330602", "provincial_modern_schools"), Progress::Achieved);
  EXPECT_EQ(progress_of(y2025, "city", "provincial_modern_county"), Progress::Achieved);
  for (const auto& st : y2025)
    if (st.target->district_code == "330603" && st.target->creation == "provincial_modern_schools")
      EXPECT_NEAR(*st.required_rate, 0.60, 1e-12);
  EXPECT_EQ(progress_of(track_creations(s, achieved, 2026), "330603", "provincial_modern_schools"), Progress::Behind);
}

TEST(BalanceCreations, BadRowsAreReported) {
  std::vector<Achievement> out;
  auto errors = read_achievements(test::csv("district,creation,rate\n西湖区,city_demo_towns,0.5\n柯桥区,五大,120%\n", "a.csv"),
                                  schedule(), out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(test::lines(errors), (std::vector<std::string>{
                                     "a.csv:2:district: 区县“西湖区”不在进度安排中（用行政区划代码或区县名称）",
                                     "a.csv:3:creation: 创建项目“五大”未知（用 national_quality_balanced_county 等或中文名称）",
                                     "a.csv:3:rate: 应为 0 到 1 的比例或百分数，如 0.85 或 85%",
                                 }));
}

}  // namespace
}  // namespace youjun::balance
