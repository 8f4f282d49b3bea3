// 五大创建 through the real server on both backends (issue 4 §4–5): the progress table against 004's schedule in
// the 绍兴 profile, before and after the bureau uploads what the districts achieved; a bad file is refused row by
// row and changes nothing; the same file again is not a new version.
#include <gtest/gtest.h>

#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

Call upload_creations(const std::string& csv) { return Call{"POST", "/api/v1/balance/creations", "", "", upload(csv, "创建.csv")}; }

// The status of one (district, creation) in the answer.
std::string status_of(const nlohmann::json& body, const std::string& district, const std::string& creation) {
  for (const auto& d : body["districts"])
    if (d["district_code"] == district)
      for (const auto& c : d["creations"])
        if (c["creation"] == creation) return c["status"];
  return "absent";
}

}  // namespace

class CreationsTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, CreationsTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(CreationsTest, ProgressBeforeAndAfterTheAchievementsFile) {
  Login staff = h.login("staff");
  // No file: every 达到创建标准 / 通过评估验收 target whose year has passed is behind. 004's table has 12 of
  // them with a year ≤ 2025 (越城 2, 柯桥 2, 上虞 2, 新昌 1, 诸暨 2, 嵊州 2, 全市 1); rate targets lack data.
  auto before = h.json_of(h.send({"GET", "/api/v1/balance/creations?year=2026"}, &staff));
  EXPECT_EQ(before["profile"], "shaoxing");
  EXPECT_EQ(before["behind"], 12) << before.dump();
  EXPECT_TRUE(before["file"].is_null());
  EXPECT_EQ(status_of(before, "330624", "city_demo_towns"), "no_data");
  EXPECT_EQ(h.send({"GET", "/api/v1/balance/creations?profile=national"}, &staff)->status, 400);  // no schedule there

  // An unknown district, a rate that is not a number, a pair given twice: each named, nothing stored.
  auto bad = h.send(upload_creations("district,creation,achieved_year,rate\n越城区,全国义务教育优质均衡发展县,2023,\n"
                                     "临安区,city_demo_towns,,1\n新昌县,city_demo_towns,,abc\n越城区,national_quality_balanced_county,2023,\n"),
                    &staff);
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(h.json_of(bad)["errors"].size(), 3u) << bad->body;
  // A target 004's table does not have (新昌县 has no 省教育现代化县 cell) is refused, not stored unused.
  auto no_target = h.send(upload_creations("district,creation,achieved_year\n新昌县,provincial_modern_county,2024\n"), &staff);
  ASSERT_EQ(no_target->status, 422) << no_target->body;
  EXPECT_EQ(h.json_of(no_target)["errors"][0]["column"], "creation");
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM balance_creation_files"), 0);

  const std::string good = "district,creation,achieved_year,rate,province_average\n"
                           "越城区,全国义务教育优质均衡发展县,2023,,\n"           // target 2023: achieved
                           "330603,national_quality_balanced_county,2022,,\n"  // target 2021: achieved late
                           "新昌县,city_demo_towns,,0.8,\n"                    // target 2025 达到100%: behind in 2026
                           "越城区,provincial_modern_schools,,72%,0.70\n";     // 2025 达到全省平均: achieved
  auto stored = h.send(upload_creations(good), &staff);
  ASSERT_EQ(stored->status, 201) << stored->body;
  EXPECT_EQ(h.json_of(stored)["file"]["version"], 1);
  EXPECT_EQ(h.json_of(stored)["file"]["item_count"], 4);
  EXPECT_EQ(h.json_of(h.send(upload_creations(good), &staff))["file"]["version"], 1);  // the same file again

  Login auditor = h.login("auditor");
  auto after = h.json_of(h.send({"GET", "/api/v1/balance/creations?year=2026"}, &auditor));
  EXPECT_EQ(status_of(after, "330602", "national_quality_balanced_county"), "achieved");
  EXPECT_EQ(status_of(after, "330603", "national_quality_balanced_county"), "achieved_late");
  EXPECT_EQ(status_of(after, "330624", "city_demo_towns"), "behind");
  EXPECT_EQ(status_of(after, "330602", "provincial_modern_schools"), "achieved");
  for (const auto& d : after["districts"])  // 越城区: 达到全省平均 = the file's 0.70, printed as given
    for (const auto& c : d["creations"])
      if (d["district_code"] == "330602" && c["creation"] == "provincial_modern_schools") EXPECT_EQ(c["required_rate"], 0.7);
  EXPECT_EQ(after["behind"], 12 - 2 + 1);
  EXPECT_EQ(after["file"]["version"], 1);
  // As of 2025 新昌's 示范乡镇 target is due this year, not yet behind.
  auto in_2025 = h.json_of(h.send({"GET", "/api/v1/balance/creations?year=2025"}, &auditor));
  EXPECT_EQ(status_of(in_2025, "330624", "city_demo_towns"), "due");
  EXPECT_EQ(h.send(upload_creations(good), &auditor)->status, 403);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'balance.creations.upload'"), 1);
}
