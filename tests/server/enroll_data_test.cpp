// 招生基础数据 through the real server on both backends: uploads checked row by row (nothing stored on
// error), versions, 学区预警 from the stored files worked out by hand, and 学区查询 for a parent.
#include <gtest/gtest.h>

#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

// C1 (school A, primary) is the square [120.5, 120.7] × [29.9, 30.1]; C2 (school B, junior) lies east of it.
const std::string kMap = std::string(R"({"type":"FeatureCollection","features":[)") +
                         R"({"type":"Feature","properties":{"catchment_id":"C1","school_code":")" + kSchoolA +
                         R"(","stage":"primary"},"geometry":{"type":"Polygon","coordinates":[[[120.5,29.9],[120.7,29.9],[120.7,30.1],[120.5,30.1],[120.5,29.9]]]}},)" +
                         R"({"type":"Feature","properties":{"catchment_id":"C2","school_code":")" + kSchoolB +
                         R"(","stage":"junior"},"geometry":{"type":"Polygon","coordinates":[[[120.7,29.9],[120.9,29.9],[120.9,30.1],[120.7,30.1],[120.7,29.9]]]}}]})";

Call upload_call(const std::string& kind, const std::string& content, const std::string& file) {
  return Call{"POST", "/api/v1/enroll/data/" + kind, "", "", upload(content, file)};
}

}  // namespace

class EnrollDataTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, EnrollDataTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(EnrollDataTest, UploadsWarningsAndLookup) {
  Login staff = h.login("staff");
  // Before a map, cohorts cannot be checked; a broken map is refused whole.
  auto early = h.send(upload_call("birth_cohorts", "catchment_id,birth_year,children\nC1,2020,10\n", "c.csv"), &staff);
  EXPECT_EQ(early->status, 422) << early->body;
  auto broken = h.send(upload_call("catchments", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"catchment_id":"X"},"geometry":{"type":"Point","coordinates":[1,2]}}]})", "bad.geojson"), &staff);
  EXPECT_EQ(broken->status, 422) << broken->body;
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_datasets"), 0);

  auto map = h.send(upload_call("catchments", kMap, "学区.geojson"), &staff);
  ASSERT_EQ(map->status, 201) << map->body;
  EXPECT_EQ(h.json_of(map)["dataset"]["version"], 1);
  EXPECT_EQ(h.json_of(map)["dataset"]["item_count"], 2);
  // A cohort of an unknown catchment: the row is named, nothing stored.
  auto unknown = h.send(upload_call("birth_cohorts", "catchment_id,birth_year,children\nC1,2020,10\nC9,2020,5\n", "c.csv"), &staff);
  ASSERT_EQ(unknown->status, 422) << unknown->body;
  EXPECT_EQ(h.json_of(unknown)["errors"][0]["row"], 3);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_datasets WHERE kind = 'birth_cohorts'"), 0);
  // 学区预警 before the other files: 422 naming what is missing.
  auto missing = h.send({"GET", "/api/v1/enroll/warnings?year=2026"}, &staff);
  EXPECT_EQ(missing->status, 422) << missing->body;

  // Primary 2026 ← born 2020, junior 2026 ← born 2014 (national profile: entry ages 6 and 12).
  ASSERT_EQ(h.send(upload_call("birth_cohorts", "catchment_id,birth_year,children\nC1,2020,38\nC2,2014,55\n", "c.csv"), &staff)->status, 201);
  ASSERT_EQ(h.send(upload_call("new_housing", "catchment_id,year,homes\nC1,2025,200\n", "h.csv"), &staff)->status, 201);
  std::string seats = "school_id,seats,stage\n" + std::string(kSchoolA) + ",40,primary\n" + kSchoolB + ",50,junior\n";
  ASSERT_EQ(h.send(upload_call("intake_seats", seats, "s.csv"), &staff)->status, 201);
  auto w = h.json_of(h.send({"GET", "/api/v1/enroll/warnings?year=2026&years=1"}, &staff));
  ASSERT_EQ(w["schools"].size(), 2u) << w.dump();
  // A: 38 + 0.03 × 200 homes = 44 > 40 seats → red. B: 55 > 50 → red as well; C2 alone has no housing.
  EXPECT_DOUBLE_EQ(w["schools"][0]["years"][0]["demand"].get<double>(), 44.0);
  EXPECT_EQ(w["schools"][0]["light"], "red");
  EXPECT_EQ(w["schools"][1]["years"][0]["demand"], 55.0);
  // The seat map's coordinates: school A's from the school table; B has none (null, not 0).
  for (const auto& s : w["schools"]) {
    if (s["school_id"] == kSchoolA) EXPECT_EQ(s["lon"], 120.58) << s.dump();
    if (s["school_id"] == kSchoolB) EXPECT_TRUE(s["lon"].is_null()) << s.dump();
  }
  EXPECT_EQ(w["datasets"], (nlohmann::json{"catchments v1", "birth_cohorts v1", "new_housing v1", "intake_seats v1"}));
  auto primary = h.json_of(h.send({"GET", "/api/v1/enroll/warnings?year=2026&years=1&stage=primary"}, &staff));
  EXPECT_EQ(primary["schools"].size(), 1u);
  // More seats as a second version: A turns amber (44 / 48 = 0.917 > 0.9).
  std::string more = "school_id,seats,stage\n" + std::string(kSchoolA) + ",48,primary\n" + kSchoolB + ",50,junior\n";
  auto v2 = h.send(upload_call("intake_seats", more, "s.csv"), &staff);
  EXPECT_EQ(h.json_of(v2)["dataset"]["version"], 2);
  auto w2 = h.json_of(h.send({"GET", "/api/v1/enroll/warnings?year=2026&years=1&stage=primary"}, &staff));
  EXPECT_EQ(w2["schools"][0]["light"], "amber");
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'enroll.data.%'"), 5);

  // 学区查询 as a parent: inside C1 → school A with its name; on the C1/C2 border → both, flagged.
  Login mum = h.login("mum");
  auto in = h.json_of(h.send({"GET", "/api/v1/enroll/locate?lon=120.6&lat=30.0"}, &mum));
  ASSERT_EQ(in["catchments"].size(), 1u) << in.dump();
  EXPECT_EQ(in["catchments"][0]["catchment_id"], "C1");
  EXPECT_EQ(in["catchments"][0]["schools"][0]["name"], "越城区第一小学");
  auto border = h.json_of(h.send({"GET", "/api/v1/enroll/locate?lon=120.7&lat=30.0"}, &mum));
  EXPECT_EQ(border["catchments"].size(), 2u);
  EXPECT_EQ(border["on_border"], true);
  auto only_junior = h.json_of(h.send({"GET", "/api/v1/enroll/locate?lon=120.7&lat=30.0&stage=junior"}, &mum));
  EXPECT_EQ(only_junior["catchments"].size(), 1u);
  auto outside = h.json_of(h.send({"GET", "/api/v1/enroll/locate?lon=121.5&lat=30.0"}, &mum));
  EXPECT_TRUE(outside["catchments"].empty());
  EXPECT_EQ(h.send({"GET", "/api/v1/enroll/locate?lon=abc&lat=30"}, &mum)->status, 400);
}

TEST_P(EnrollDataTest, AddressBookLookup) {
  Login staff = h.login("staff");
  Login mum = h.login("mum");
  ASSERT_EQ(h.send(upload_call("catchments", kMap, "学区.geojson"), &staff)->status, 201);
  EXPECT_EQ(h.send({"GET", "/api/v1/enroll/addresses?q=%E8%A7%A3%E6%94%BE%E8%B7%AF"}, &mum)->status, 409);  // no address book yet
  // Bad rows: a repeated id, a missing address, a latitude out of range — all reported, nothing stored.
  auto bad = h.send(upload_call("addresses", "address_id,address,lon,lat\nA1,解放路1号,120.6,30.0\nA1,,120.6,30.0\nA3,人民路2号,120.6,95\n", "a.csv"), &staff);
  ASSERT_EQ(bad->status, 422) << bad->body;
  EXPECT_EQ(h.json_of(bad)["errors"].size(), 3u) << bad->body;
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_datasets WHERE kind = 'addresses'"), 0);
  // Declared GCJ-02: 120.7040 E lies in C2 as typed, but the WGS-84 point (about 0.0045° further west) is in C1.
  auto form = upload("address_id,address,lon,lat\nA1,浙江省绍兴市越城区解放路１２号,120.6,30.0\nA2,\"越城区人民路8号, 3幢\",120.7040,30.0\n", "地址.csv");
  form.push_back({"crs", "GCJ-02", "", ""});
  auto stored = h.send({"POST", "/api/v1/enroll/data/addresses", "", "", form}, &staff);
  ASSERT_EQ(stored->status, 201) << stored->body;
  EXPECT_EQ(h.json_of(stored)["dataset"]["item_count"], 2);
  // Search: every word must occur; full-width digits and spaces do not matter.
  auto found = h.json_of(h.send({"GET", "/api/v1/enroll/addresses?q=%E8%A7%A3%E6%94%BE%E8%B7%AF%2012%E5%8F%B7"}, &mum));
  ASSERT_EQ(found["items"].size(), 1u) << found.dump();
  EXPECT_EQ(found["items"][0]["address_id"], "A1");
  EXPECT_EQ(found["items"][0]["catchments"][0]["catchment_id"], "C1");
  EXPECT_EQ(found["items"][0]["catchments"][0]["schools"][0]["name"], "越城区第一小学");
  auto converted = h.json_of(h.send({"GET", "/api/v1/enroll/addresses?q=%E4%BA%BA%E6%B0%91%E8%B7%AF"}, &mum));
  ASSERT_EQ(converted["items"].size(), 1u) << converted.dump();
  EXPECT_EQ(converted["items"][0]["address"], "越城区人民路8号, 3幢");
  double lon = converted["items"][0]["lon"], lat = converted["items"][0]["lat"];
  EXPECT_GT(lon, 120.7040 - 0.0060);
  EXPECT_LT(lon, 120.7040 - 0.0030);
  EXPECT_GT(lat, 30.0 + 0.0010);
  EXPECT_LT(lat, 30.0 + 0.0040);
  ASSERT_EQ(converted["items"][0]["catchments"].size(), 1u);
  EXPECT_EQ(converted["items"][0]["catchments"][0]["catchment_id"], "C1");
  EXPECT_TRUE(h.json_of(h.send({"GET", "/api/v1/enroll/addresses?q=%E8%83%9C%E5%88%A9%E8%B7%AF"}, &mum))["items"].empty());
  EXPECT_EQ(h.send({"GET", "/api/v1/enroll/addresses?q="}, &mum)->status, 400);
  // The stored file is the WGS-84 form with the id, the address and 6 decimals.
  auto content = h.count("SELECT COUNT(*) FROM enroll_datasets WHERE kind = 'addresses' AND content LIKE 'address_id,address,lon,lat%'");
  EXPECT_EQ(content, 1);
}
