// Catchment lookup (issue 6 §1): hand-placed points on small maps, a brute-force cross-check on a
// jittered grid, GCJ-02 against published vectors, and every kind of bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "enroll/catchments.hpp"
#include "enroll/enroll_files.hpp"
#include "enroll/postgis_locate.hpp"
#include "geo/coords.hpp"
#include "store/test_databases.hpp"

using namespace youjun;
using enroll::CatchmentMap;

namespace {

std::string ring(const std::vector<std::pair<double, double>>& pts) {
  std::string s = "[";
  for (size_t i = 0; i < pts.size(); ++i)
    s += (i ? ",[" : "[") + std::to_string(pts[i].first) + "," + std::to_string(pts[i].second) + "]";
  return s + "]";
}

std::string square(double x0, double y0, double x1, double y1) {
  return ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
}

std::string feature(const std::string& id, const std::string& type, const std::string& coords) {
  return R"({"type":"Feature","properties":{"catchment_id":")" + id + R"(","school_codes":["S)" + id +
         R"("]},"geometry":{"type":")" + type + R"(","coordinates":)" + coords + "}}";
}

std::string collection(const std::vector<std::string>& features, const std::string& crs = "") {
  std::string s = R"({"type":"FeatureCollection",)";
  if (!crs.empty()) s += R"("crs":{"type":"name","properties":{"name":")" + crs + R"("}},)";
  s += R"("features":[)";
  for (size_t i = 0; i < features.size(); ++i) s += (i ? "," : "") + features[i];
  return s + "]}";
}

std::vector<std::string> ids(const CatchmentMap& map, const enroll::Located& l) {
  std::vector<std::string> out;
  for (auto c : l.catchments) out.push_back(map.catchments()[c].id);
  return out;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST(Coords, Gcj02MatchesPublishedVectorsAndInverts) {
  // (wgs lat, wgs lon, gcj lat, gcj lon): Shanghai, Shenzhen, Beijing, the test vectors published with
  // the open eviltransform implementations.
  const double v[3][4] = {{31.1774276, 121.5272106, 31.17530398364597, 121.531541859215},
                          {22.543847, 113.912316, 22.540796131694766, 113.9171764808363},
                          {39.911954, 116.377817, 39.91334545536069, 116.38404722455657}};
  for (auto& t : v) {
    auto g = geo::gcj02_from_wgs84({t[1], t[0]});
    EXPECT_NEAR(g.lat, t[2], 1e-9);
    EXPECT_NEAR(g.lon, t[3], 1e-9);
    auto w = geo::wgs84_from_gcj02({t[3], t[2]});
    EXPECT_NEAR(w.lat, t[0], 1e-8);
    EXPECT_NEAR(w.lon, t[1], 1e-8);
  }
  auto paris = geo::gcj02_from_wgs84({2.35, 48.85});  // outside China: unchanged
  EXPECT_EQ(paris.lon, 2.35);
  EXPECT_EQ(paris.lat, 48.85);
  EXPECT_EQ(geo::parse_crs("EPSG:4326"), geo::Crs::Wgs84);
  EXPECT_EQ(geo::parse_crs("urn:ogc:def:crs:OGC:1.3:CRS84"), geo::Crs::Wgs84);
  EXPECT_EQ(geo::parse_crs("gcj-02"), geo::Crs::Gcj02);
  EXPECT_FALSE(geo::parse_crs("BD-09").has_value());
}

namespace {

// A = [0,1]², B = [1,2]×[0,1] share the edge x = 1; C = [10,14]² with the hole [11,13]²;
// D = two separate squares in one MultiPolygon.
std::string hand_map_text() {
  std::string c_rings = "[" + square(10, 10, 14, 14) + "," + square(11, 11, 13, 13) + "]";
  std::string d_parts = "[[" + square(20, 0, 21, 1) + "],[" + square(22, 0, 23, 1) + "]]";
  return collection({feature("A", "Polygon", "[" + square(0, 0, 1, 1) + "]"),
                     feature("B", "Polygon", "[" + square(1, 0, 2, 1) + "]"), feature("C", "Polygon", c_rings),
                     feature("D", "MultiPolygon", d_parts)});
}

struct HandCase {
  double lon, lat;
  Ids expected;
  bool border;
};
const HandCase kHandCases[] = {
    {0.5, 0.5, {"A"}, false},     {1.5, 0.5, {"B"}, false},    {1.0, 0.5, {"A", "B"}, true},
    {1.0, 1.0, {"A", "B"}, true}, {0.0, 0.3, {"A"}, true},     {3.0, 3.0, {}, false},
    {12, 12, {}, false},          {11, 12, {"C"}, true},       {10.5, 10.5, {"C"}, false},
    {22.5, 0.5, {"D"}, false},    {21.5, 0.5, {}, false},      {-0.000001, 0.5, {}, false},
};

}  // namespace

TEST(Catchments, InsideBorderVertexHoleAndOutside) {
  RowErrors errors;
  auto map = CatchmentMap::from_geojson(hand_map_text(), "t.geojson", std::nullopt, errors);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  ASSERT_EQ(map.catchments().size(), 4u);
  EXPECT_EQ(map.polygon_count(), 5u);
  EXPECT_EQ(map.catchments()[3].schools, Ids{"SD"});
  for (const auto& c : kHandCases) {
    auto l = map.locate({c.lon, c.lat});
    EXPECT_EQ(ids(map, l), c.expected) << c.lon << "," << c.lat;
    EXPECT_EQ(l.on_border, c.border) << c.lon << "," << c.lat;
  }
}

TEST(Catchments, Gcj02FileIsConvertedToWgs84) {
  // A square drawn on a GCJ-02 map around Shaoxing; a WGS-84 point just inside its converted west edge
  // is inside, the same point read as if it were GCJ-02 is not.
  RowErrors errors;
  auto map = CatchmentMap::from_geojson(
      collection({feature("G", "Polygon", "[" + square(120.50, 29.90, 120.60, 30.00) + "]")}, "GCJ-02"), "g.geojson",
      std::nullopt, errors);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  EXPECT_EQ(map.source_crs(), geo::Crs::Gcj02);
  auto west = geo::wgs84_from_gcj02({120.50, 29.95});  // about 0.0046° further west in WGS-84
  EXPECT_LT(west.lon, 120.4960);
  EXPECT_EQ(map.locate({west.lon + 0.0001, 29.95}).catchments.size(), 1u);
  EXPECT_EQ(map.locate({120.4970, 29.95}).catchments.size(), 1u);
  EXPECT_EQ(map.locate({120.5980, 29.95}).catchments.size(), 0u);  // east edge moved west too
  // --catchments-crs overrides the file's declaration.
  auto as_wgs = CatchmentMap::from_geojson(
      collection({feature("G", "Polygon", "[" + square(120.50, 29.90, 120.60, 30.00) + "]")}, "GCJ-02"), "g.geojson",
      geo::Crs::Wgs84, errors);
  EXPECT_EQ(as_wgs.locate({120.4970, 29.95}).catchments.size(), 0u);
}

TEST(Catchments, BadFeaturesAreAllReportedAndNothingIsLoaded) {
  RowErrors errors;
  auto map = CatchmentMap::from_geojson(
      collection({feature("A", "Polygon", "[" + square(0, 0, 1, 1) + "]"),
                  feature("A", "Polygon", "[" + square(2, 0, 3, 1) + "]"),                        // 2: duplicate id
                  feature("B", "Polygon", "[" + ring({{0, 0}, {1, 0}, {1, 1}, {0, 1}}) + "]"),  // 3: not closed
                  feature("C", "Point", "[0,0]"),                                                 // 4: wrong type
                  feature("D", "Polygon", "[" + ring({{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}) + "]"),  // 5: bow-tie
                  feature("E", "Polygon", "[" + ring({{0, 0}, {200, 0}, {1, 1}, {0, 0}}) + "]"),  // 6: lon > 180
                  R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}})"},  // 7: no id
                 "BD-09"),
      "bad.geojson", std::nullopt, errors);
  ASSERT_EQ(errors.size(), 7u) << format_row_errors(errors);
  EXPECT_EQ(errors[0].row, 0);
  EXPECT_EQ(errors[0].column, "crs");
  std::vector<long> rows;
  for (size_t i = 1; i < errors.size(); ++i) rows.push_back(errors[i].row);
  EXPECT_EQ(rows, (std::vector<long>{2, 3, 4, 5, 6, 7}));
  EXPECT_NE(errors[1].message.find("第 1 个要素"), std::string::npos) << errors[1].message;
  EXPECT_TRUE(map.catchments().empty());
  RowErrors not_json;
  CatchmentMap::from_geojson("{oops", "x.geojson", std::nullopt, not_json);
  EXPECT_EQ(not_json.size(), 1u);
}

namespace {

// A 12×12 grid of quadrilaterals whose shared inner corners are jittered by up to ±0.3.
struct JitteredGrid {
  static constexpr int n = 12;
  std::vector<std::vector<std::pair<double, double>>> corner, cells;
  CatchmentMap map;
};

JitteredGrid jittered_grid(std::mt19937_64& rng) {
  JitteredGrid g;
  const int n = JitteredGrid::n;
  std::uniform_real_distribution<double> jitter(-0.3, 0.3);
  g.corner.assign(n + 1, std::vector<std::pair<double, double>>(n + 1));
  for (int i = 0; i <= n; ++i)
    for (int j = 0; j <= n; ++j) {
      bool edge = i == 0 || j == 0 || i == n || j == n;
      // Rounded to the 6 decimals the GeoJSON text carries, so a corner queried is the corner stored.
      auto six = [](double v) { return std::round(v * 1e6) / 1e6; };
      g.corner[i][j] = {six(i + (edge ? 0 : jitter(rng))), six(j + (edge ? 0 : jitter(rng)))};
    }
  std::vector<std::string> features;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      g.cells.push_back({g.corner[i][j], g.corner[i + 1][j], g.corner[i + 1][j + 1], g.corner[i][j + 1], g.corner[i][j]});
      features.push_back(feature("c" + std::to_string(g.cells.size() - 1), "Polygon", "[" + ring(g.cells.back()) + "]"));
    }
  RowErrors errors;
  g.map = CatchmentMap::from_geojson(collection(features), "grid.geojson", std::nullopt, errors);
  EXPECT_TRUE(errors.empty()) << format_row_errors(errors);
  return g;
}

}  // namespace

// Independent check: 20,000 random points on the jittered grid. A crossing-number test over every
// polygon (no index) must agree for every point that is not within 1e-9 of an edge; grid corners
// themselves must be in all 2–4 cells around them, flagged.
TEST(Catchments, AgreesWithBruteForceOnAJitteredGrid) {
  std::mt19937_64 rng(7);
  auto grid = jittered_grid(rng);
  const int n = JitteredGrid::n;
  const auto& corner = grid.corner;
  const auto& cells = grid.cells;
  const auto& map = grid.map;

  auto near_edge = [](const std::vector<std::pair<double, double>>& poly, double x, double y) {
    for (size_t k = 0; k + 1 < poly.size(); ++k) {
      auto [x0, y0] = poly[k];
      auto [x1, y1] = poly[k + 1];
      double len = std::hypot(x1 - x0, y1 - y0);
      double t = std::clamp(((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / (len * len), 0.0, 1.0);
      if (std::hypot(x - (x0 + t * (x1 - x0)), y - (y0 + t * (y1 - y0))) < 1e-9) return true;
    }
    return false;
  };
  auto crossing_inside = [](const std::vector<std::pair<double, double>>& poly, double x, double y) {
    bool in = false;
    for (size_t k = 0, l = poly.size() - 2; k + 1 < poly.size(); l = k++) {
      auto [xi, yi] = poly[k];
      auto [xj, yj] = poly[l];
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
    }
    return in;
  };
  std::uniform_real_distribution<double> coord(-0.5, n + 0.5);
  int checked = 0;
  for (int p = 0; p < 20000; ++p) {
    double x = coord(rng), y = coord(rng);
    bool skip = false;
    std::vector<uint32_t> expected;
    for (uint32_t c = 0; c < cells.size(); ++c) {
      if (near_edge(cells[c], x, y)) skip = true;
      if (crossing_inside(cells[c], x, y)) expected.push_back(c);
    }
    if (skip) continue;
    ++checked;
    auto got = map.locate({x, y});
    EXPECT_EQ(got.catchments, expected) << x << "," << y;
    EXPECT_FALSE(got.on_border);
  }
  EXPECT_GT(checked, 19900);
  for (int i = 1; i < n; ++i)
    for (int j = 1; j < n; ++j) {
      auto got = map.locate({corner[i][j].first, corner[i][j].second});
      EXPECT_EQ(got.catchments.size(), 4u) << i << "," << j;
      EXPECT_TRUE(got.on_border);
    }
}

TEST(Catchments, OnlyStageKeepsThatStageAndUnstagedFeatures) {
  auto staged = [](const std::string& id, const std::string& stage) {
    std::string f = feature(id, "Polygon", "[" + square(0, 0, 2, 2) + "]");
    if (!stage.empty()) f.replace(f.find(R"("school_codes")"), 0, R"("stage":")" + stage + R"(",)");
    return f;
  };
  std::string text = collection({staged("P", "primary"), staged("J", "junior"), staged("U", "")});
  RowErrors errors;
  auto all = CatchmentMap::from_geojson(text, "s.geojson", std::nullopt, errors);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  EXPECT_EQ(all.locate({1, 1}).catchments.size(), 3u);
  EXPECT_EQ(all.catchments()[1].stage, "junior");
  auto primary = CatchmentMap::from_geojson(text, "s.geojson", std::nullopt, errors, "primary");
  ASSERT_EQ(primary.catchments().size(), 2u);
  EXPECT_EQ(primary.catchments()[0].id, "P");
  EXPECT_EQ(primary.catchments()[1].id, "U");
  EXPECT_EQ(primary.locate({1, 1}).catchments, (std::vector<uint32_t>{0, 1}));
  // A bad stage is an error in the file, whatever is filtered.
  CatchmentMap::from_geojson(collection({staged("X", "senior")}), "s.geojson", std::nullopt, errors, "primary");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].column, "stage");
}

TEST(Catchments, PointsFileErrors) {
  io::Table t;
  t.file = "p.csv";
  t.header = {"point_id", "lon", "lat"};
  long line = 2;
  for (auto row : std::vector<std::vector<std::string>>{{"a", "120.5", "30"}, {"a", "120.5", "30"}, {"b", "181", "30"},
                                                        {"c", "120", "x"}, {"d", "120.25", "29.5"}}) {
    t.start_row(line++);
    for (auto& c : row) t.add_cell(c);
  }
  t.finish();
  enroll::AddressPoints points;
  auto errors = enroll::read_points(t, geo::Crs::Wgs84, points);
  ASSERT_EQ(errors.size(), 3u) << format_row_errors(errors);
  EXPECT_EQ(errors[0].row, 3);
  EXPECT_EQ(errors[0].column, "point_id");
  EXPECT_EQ(errors[1].column, "lon");
  EXPECT_EQ(errors[2].column, "lat");
}

// The optional PostGIS path (issue 5 §1) on the private test server: the hand-worked answers, then the
// same answers as the C++ path on the jittered grid (random points and every shared corner), and nothing
// left behind in the database.
TEST(CatchmentsPostgis, GivesTheHandWorkedAnswersAndAgreesWithTheCppPath) {
  test::TestDatabase db("postgresql");
  if (!db.available()) GTEST_SKIP() << "PostgreSQL 测试服务器未启动: run via scripts/with-postgres.sh";
  auto pg = db.open();
  auto version = enroll::ensure_postgis(*pg);
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(version->substr(0, 2), "3.");

  RowErrors errors;
  auto hand = CatchmentMap::from_geojson(hand_map_text(), "t.geojson", std::nullopt, errors);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  std::vector<geo::LonLat> hand_points;
  for (const auto& c : kHandCases) hand_points.push_back({c.lon, c.lat});
  auto got = enroll::locate_with_postgis(*pg, hand, hand_points);
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_EQ(got->size(), std::size(kHandCases));
  for (size_t i = 0; i < got->size(); ++i) {
    EXPECT_EQ(ids(hand, (*got)[i]), kHandCases[i].expected) << kHandCases[i].lon << "," << kHandCases[i].lat;
    EXPECT_EQ((*got)[i].on_border, kHandCases[i].border) << kHandCases[i].lon << "," << kHandCases[i].lat;
  }

  std::mt19937_64 rng(11);
  auto grid = jittered_grid(rng);
  std::uniform_real_distribution<double> coord(-0.5, JitteredGrid::n + 0.5);
  std::vector<geo::LonLat> points;
  for (int p = 0; p < 20000; ++p) points.push_back({coord(rng), coord(rng)});
  for (const auto& row : grid.corner)
    for (auto [x, y] : row) points.push_back({x, y});
  auto by_postgis = enroll::locate_with_postgis(*pg, grid.map, points);
  ASSERT_TRUE(by_postgis.ok()) << by_postgis.error().message;
  auto by_cpp = grid.map.locate_all(points);
  size_t in_some = 0, on_border = 0, differ = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    in_some += !by_cpp[i].catchments.empty();
    on_border += by_cpp[i].on_border;
    if (by_cpp[i].catchments != (*by_postgis)[i].catchments || by_cpp[i].on_border != (*by_postgis)[i].on_border) {
      ++differ;
      ADD_FAILURE() << "point " << i << " (" << points[i].lon << "," << points[i].lat << ") differs";
    }
    if (differ > 10) break;
  }
  EXPECT_GT(in_some, 16500u);  // the grid covers [0,12]² of the [-0.5,12.5]² drawn: (12/13)² ≈ 85 %
  EXPECT_EQ(on_border, 13u * 13u);  // every corner, and no random point
  auto left = pg->query("SELECT count(*) FROM pg_class WHERE relname LIKE 'yj_locate%'");
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->front().integer(0), 0);
}

TEST(CatchmentsPostgis, SqliteIsRefusedWithAClearMessage) {
  test::TestDatabase db("sqlite");
  auto lite = db.open();
  auto version = enroll::ensure_postgis(*lite);
  ASSERT_FALSE(version.ok());
  EXPECT_NE(version.error().message.find("PostgreSQL"), std::string::npos) << version.error().message;
}
