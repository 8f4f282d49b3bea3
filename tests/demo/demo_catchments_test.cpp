// catchments.geojson: one polygon per public primary/junior/nine-year school and stage, a few
// 多校划片 zones, and per district and stage the polygons tile the district without overlap.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "demo/catchments.hpp"
#include "demo/demo_fixture.hpp"
#include "demo/geometry.hpp"

using namespace youjun;
using namespace youjun::demo;
using youjun::test::demo_file;
using youjun::test::DemoTable;
using youjun::test::file_bytes;

namespace {

Polygon ring_of(const nlohmann::json& feature) {
  Polygon ring;
  auto& coords = feature["geometry"]["coordinates"][0];
  for (size_t i = 0; i + 1 < coords.size(); ++i) ring.push_back(to_plane(coords[i][0], coords[i][1]));
  return ring;
}

}  // namespace

TEST(DemoCatchments, EveryPublicSchoolHasOneCatchmentPerStage) {
  auto gj = nlohmann::json::parse(file_bytes(demo_file("catchments.geojson")));
  ASSERT_EQ(gj["type"], "FeatureCollection");
  DemoTable schools("schools.csv");
  std::map<std::string, std::string> level, ownership;
  for (size_t r = 0; r < schools.rows(); ++r) {
    level[schools.at(r, "学校代码")] = schools.at(r, "学段");
    ownership[schools.at(r, "学校代码")] = schools.at(r, "办学性质");
  }
  std::set<std::pair<std::string, std::string>> single;
  for (auto& f : gj["features"]) {
    auto& p = f["properties"];
    EXPECT_EQ(f["geometry"]["type"], "Polygon");
    auto& ring = f["geometry"]["coordinates"][0];
    EXPECT_EQ(ring.front(), ring.back());
    EXPECT_GT(signed_area(ring_of(f)), 0) << "rings are counter-clockwise (RFC 7946)";
    if (p["kind"] == "single") {
      std::string code = p["school_code"];
      EXPECT_TRUE(single.insert({code, p["stage"]}).second) << code;
      EXPECT_EQ(ownership[code], "公办");
      EXPECT_EQ(p["district_code"], code.substr(0, 6));
    } else {
      EXPECT_EQ(p["kind"], "multi");
      EXPECT_GE(p["school_codes"].size(), 2u);
      for (auto& c : p["school_codes"]) EXPECT_TRUE(level.count(c.get<std::string>()));
    }
  }
  for (auto& [code, lv] : level) {
    if (ownership[code] != "公办") continue;
    bool primary = lv == "小学" || lv == "九年一贯制", junior = lv == "初中" || lv == "九年一贯制";
    EXPECT_EQ(single.count({code, "primary"}), primary ? 1u : 0u) << code;
    EXPECT_EQ(single.count({code, "junior"}), junior ? 1u : 0u) << code;
  }
}

TEST(DemoCatchments, CellsTileEachDistrictWithoutOverlap) {
  City city = build_demo_city(5, 1.0);
  auto catchments = build_catchments(city);
  size_t multi = 0;
  for (auto& c : catchments) multi += c.multi();
  EXPECT_GE(multi, 4u);
  for (int d = 0; d < 6; ++d) {
    const Polygon& area = city.district_areas[d];
    double area_sum[2] = {0, 0};
    for (auto& c : catchments)
      if (c.district == d) area_sum[c.stage] += signed_area(c.ring);
    for (int st = 0; st < 2; ++st)
      if (area_sum[st] > 0) {
        EXPECT_NEAR(area_sum[st], signed_area(area), 1e-6 * signed_area(area)) << d << " " << st;
      }
    // Points of the district lie in exactly one polygon of each stage.
    double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
    for (auto& p : area) minx = std::min(minx, p.x), maxx = std::max(maxx, p.x), miny = std::min(miny, p.y), maxy = std::max(maxy, p.y);
    for (int i = 0; i < 40; ++i)
      for (int j = 0; j < 40; ++j) {
        Point p{minx + (maxx - minx) * (i + 0.5) / 40, miny + (maxy - miny) * (j + 0.37) / 40};
        if (!contains(area, p)) continue;
        for (int st = 0; st < 2; ++st) {
          if (area_sum[st] == 0) continue;
          int hits = 0;
          for (auto& c : catchments) hits += c.district == d && c.stage == st && contains(c.ring, p);
          EXPECT_EQ(hits, 1) << "district " << d << " stage " << st << " at " << p.x << "," << p.y;
        }
      }
  }
  // Each school lies inside its own catchment.
  for (auto& c : catchments) {
    if (!c.multi()) {
      EXPECT_TRUE(contains(c.ring, city.schools[c.schools[0]].pos)) << city.schools[c.schools[0]].name;
    }
  }
}
