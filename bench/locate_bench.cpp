// Catchment lookup benchmark (issue 6 §1): 1,000,000 address points against 5,040 catchment polygons
// (a 70 × 72 grid of 8-vertex cells whose shared corners and edge midpoints are jittered, over about
// 140 km × 140 km around Shaoxing). Ours: R-tree + exact test, on all cores. Baseline: the same exact
// test against every polygon (no index), timed on 1,000 points; compare the per-point times.
#include <benchmark/benchmark.h>

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>

#include <cstdlib>
#include <random>
#include <string>

#include "enroll/catchments.hpp"
#include "enroll/postgis_locate.hpp"
#include "store/connection.hpp"

namespace {

namespace bg = boost::geometry;
using Pt = bg::model::d2::point_xy<double>;
using Poly = bg::model::polygon<Pt>;

constexpr int kCols = 70, kRows = 72;
constexpr double kLon0 = 120.0, kLat0 = 29.4, kStep = 0.02;

struct Instance {
  youjun::enroll::CatchmentMap map;
  std::vector<Poly> polygons;  // the same cells, for the baseline
  std::vector<youjun::geo::LonLat> points;
};

const Instance& instance() {
  static const Instance inst = [] {
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> jitter(-0.3 * kStep, 0.3 * kStep);
    // Lattice at half steps: (2*kCols+1) × (2*kRows+1) nodes; inner nodes jittered, shared by neighbours.
    std::vector<std::vector<std::pair<double, double>>> node(2 * kCols + 1, std::vector<std::pair<double, double>>(2 * kRows + 1));
    for (int i = 0; i <= 2 * kCols; ++i)
      for (int j = 0; j <= 2 * kRows; ++j) {
        bool edge = i == 0 || j == 0 || i == 2 * kCols || j == 2 * kRows;
        node[i][j] = {kLon0 + i * kStep / 2 + (edge ? 0 : jitter(rng) / 2), kLat0 + j * kStep / 2 + (edge ? 0 : jitter(rng) / 2)};
      }
    Instance out;
    std::string text = R"({"type":"FeatureCollection","features":[)";
    char buf[64];
    for (int c = 0; c < kCols; ++c)
      for (int r = 0; r < kRows; ++r) {
        int i = 2 * c, j = 2 * r;
        std::pair<int, int> ring[] = {{i, j}, {i + 1, j}, {i + 2, j}, {i + 2, j + 1}, {i + 2, j + 2}, {i + 1, j + 2}, {i, j + 2}, {i, j + 1}, {i, j}};
        text += (c || r ? "," : "");
        text += R"({"type":"Feature","properties":{"catchment_id":"c)" + std::to_string(c * kRows + r) +
                R"("},"geometry":{"type":"Polygon","coordinates":[[)";
        Poly poly;
        for (size_t k = 0; k < std::size(ring); ++k) {
          auto [x, y] = node[ring[k].first][ring[k].second];
          std::snprintf(buf, sizeof buf, "%s[%.7f,%.7f]", k ? "," : "", x, y);
          text += buf;
          bg::append(poly.outer(), Pt(x, y));
        }
        text += "]]}}";
        bg::correct(poly);
        out.polygons.push_back(poly);
      }
    text += "]}";
    youjun::RowErrors errors;
    out.map = youjun::enroll::CatchmentMap::from_geojson(text, "bench.geojson", std::nullopt, errors);
    if (!errors.empty()) std::abort();
    std::uniform_real_distribution<double> lon(kLon0 - 0.05, kLon0 + kCols * kStep + 0.05), lat(kLat0 - 0.05, kLat0 + kRows * kStep + 0.05);
    out.points.resize(1'000'000);
    for (auto& p : out.points) p = {lon(rng), lat(rng)};
    return out;
  }();
  return inst;
}

void BM_Locate_1M_Points_5040_Polygons(benchmark::State& state) {
  const auto& inst = instance();
  size_t found = 0;
  for (auto _ : state) {
    auto located = inst.map.locate_all(inst.points);
    found = 0;
    for (const auto& l : located) found += l.catchments.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["points"] = static_cast<double>(inst.points.size());
  state.counters["hits"] = static_cast<double>(found);
}
BENCHMARK(BM_Locate_1M_Points_5040_Polygons)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// No index: every polygon tested for each of the first 1,000 points (the per-point cost × 1,000 is
// what 1M points would take).
void BM_Locate_NoIndex_1000_Points(benchmark::State& state) {
  const auto& inst = instance();
  for (auto _ : state) {
    size_t found = 0;
    for (size_t i = 0; i < 1000; ++i) {
      Pt pt(inst.points[i].lon, inst.points[i].lat);
      for (const auto& poly : inst.polygons) found += bg::covered_by(pt, poly);
    }
    benchmark::DoNotOptimize(found);
  }
}
BENCHMARK(BM_Locate_NoIndex_1000_Points)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// The optional PostGIS path (issue 5 §1) on the same instance: polygons and points loaded into temporary
// tables, GiST index, ST_Covers join. Needs a PostgreSQL server with PostGIS in YOUJUN_TEST_PG_URL (run
// through scripts/with-postgres.sh, as scripts/bench_enroll.sh does). "differ" counts the points whose
// answer is not the C++ path's (expected 0).
void BM_Locate_PostGIS_1M_Points_5040_Polygons(benchmark::State& state) {
  const char* url = std::getenv("YOUJUN_TEST_PG_URL");
  if (!url) {
    state.SkipWithError("YOUJUN_TEST_PG_URL not set: run through scripts/with-postgres.sh");
    return;
  }
  auto pg = youjun::store::open_database(url);
  if (!pg) {
    state.SkipWithError(pg.error().message.c_str());
    return;
  }
  const auto& inst = instance();
  std::vector<youjun::enroll::Located> located;
  for (auto _ : state) {
    auto got = youjun::enroll::locate_with_postgis(**pg, inst.map, inst.points);
    if (!got) {
      state.SkipWithError(got.error().message.c_str());
      return;
    }
    located = std::move(*got);
  }
  auto by_cpp = inst.map.locate_all(inst.points);
  size_t found = 0, differ = 0;
  for (size_t i = 0; i < located.size(); ++i) {
    found += located[i].catchments.size();
    differ += located[i].catchments != by_cpp[i].catchments || located[i].on_border != by_cpp[i].on_border;
  }
  state.counters["points"] = static_cast<double>(inst.points.size());
  state.counters["hits"] = static_cast<double>(found);
  state.counters["differ"] = static_cast<double>(differ);
}
BENCHMARK(BM_Locate_PostGIS_1M_Points_5040_Polygons)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
