#include "enroll/postgis_locate.hpp"

#include <algorithm>
#include <cstdio>

namespace youjun::enroll {

namespace {

// Points per INSERT: each batch goes as two float8[] parameters.
constexpr size_t kPointBatch = 50000;

// A PostgreSQL array literal of doubles printed to round-trip exactly ("{1.5,-2.25}").
std::string float_array(const std::vector<geo::LonLat>& points, size_t begin, size_t end, bool lon) {
  std::string out = "{";
  char buf[32];
  for (size_t i = begin; i < end; ++i) {
    std::snprintf(buf, sizeof buf, "%.17g", lon ? points[i].lon : points[i].lat);
    if (i > begin) out += ',';
    out += buf;
  }
  return out + "}";
}

Status load_polygons(store::Connection& pg, const CatchmentMap& map) {
  auto s = pg.exec_script(
      "CREATE TEMP TABLE yj_locate_polygons (catchment integer NOT NULL, geom geometry(Polygon, 4326) NOT NULL) "
      "ON COMMIT DROP");
  if (!s) return s;
  auto insert = pg.prepare("INSERT INTO yj_locate_polygons VALUES (?, ST_GeomFromText(?, 4326))");
  if (!insert) return insert.error();
  for (size_t i = 0; i < map.polygon_count(); ++i) {
    s = (*insert)->execute({static_cast<int64_t>(map.polygon_catchment(i)), map.polygon_wkt(i)});
    if (!s) return s;
  }
  return pg.exec_script("CREATE INDEX ON yj_locate_polygons USING gist (geom); ANALYZE yj_locate_polygons");
}

Status load_points(store::Connection& pg, const std::vector<geo::LonLat>& points) {
  auto s = pg.exec_script(
      "CREATE TEMP TABLE yj_locate_points (i integer NOT NULL, geom geometry(Point, 4326) NOT NULL) ON COMMIT DROP");
  if (!s) return s;
  for (size_t begin = 0; begin < points.size(); begin += kPointBatch) {
    size_t end = std::min(points.size(), begin + kPointBatch);
    s = pg.exec(
        "INSERT INTO yj_locate_points SELECT ? + n - 1, ST_SetSRID(ST_MakePoint(lon, lat), 4326) "
        "FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS u(lon, lat, n)",
        {static_cast<int64_t>(begin), float_array(points, begin, end, true), float_array(points, begin, end, false)});
    if (!s) return s;
  }
  return pg.exec_script("ANALYZE yj_locate_points");  // temporary tables are never auto-analysed
}

}  // namespace

Result<std::string> ensure_postgis(store::Connection& pg) {
  if (pg.backend() != "postgresql") return make_error("PostGIS 只能用于 PostgreSQL 数据库（--db postgresql://…）");
  auto installed = pg.query("SELECT extversion FROM pg_extension WHERE extname = 'postgis'");
  if (!installed) return installed.error();
  if (!installed->empty()) return installed->front().text(0);
  auto available = pg.query("SELECT default_version FROM pg_available_extensions WHERE name = 'postgis'");
  if (!available) return available.error();
  if (available->empty())
    return make_error(
        "该 PostgreSQL 服务器未安装 PostGIS（Debian：apt-get install postgresql-15-postgis-3）；"
        "不加 --postgis 即用内置的几何计算");
  auto created = pg.exec_script("CREATE EXTENSION IF NOT EXISTS postgis");
  if (!created)
    return make_error("无法在该数据库启用 PostGIS（CREATE EXTENSION postgis，需要数据库的 CREATE 权限）：" +
                      created.error().message);
  return available->front().text(0);
}

Result<std::vector<Located>> locate_with_postgis(store::Connection& pg, const CatchmentMap& map,
                                                 const std::vector<geo::LonLat>& points) {
  auto version = ensure_postgis(pg);
  if (!version) return version.error();
  store::Transaction tx(pg);  // never committed: the temporary tables go with the rollback
  if (!tx.started()) return tx.start_error();
  if (auto s = load_polygons(pg, map); !s) return s.error();
  if (auto s = load_points(pg, points); !s) return s.error();
  // Covered = inside or on the boundary (Boost: covered_by); covered but not contained = on the boundary
  // (Boost: not within).
  auto rows = pg.query(
      "SELECT p.i, c.catchment, CASE WHEN ST_Contains(c.geom, p.geom) THEN 0 ELSE 1 END "
      "FROM yj_locate_points p JOIN yj_locate_polygons c ON ST_Covers(c.geom, p.geom)");
  if (!rows) return rows.error();
  std::vector<Located> out(points.size());
  for (const auto& row : *rows) {
    Located& l = out.at(static_cast<size_t>(row.integer(0)));
    l.catchments.push_back(static_cast<uint32_t>(row.integer(1)));
    if (row.integer(2)) l.on_border = true;
  }
  for (auto& l : out) l.sort_catchments();
  return out;
}

}  // namespace youjun::enroll
