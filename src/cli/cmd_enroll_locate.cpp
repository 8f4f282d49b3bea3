// `youjun enroll locate` — which catchment(s) each address point falls in (issue 6 §1).
#include <cstdio>

#include "cli/cli.hpp"
#include "cli/cli_db.hpp"
#include "cli/enroll_inputs.hpp"
#include "enroll/catchments.hpp"
#include "enroll/datasets.hpp"
#include "enroll/locate_report.hpp"
#include "enroll/postgis_locate.hpp"

namespace youjun::cli {

namespace {

struct LocateArgs {
  DbArgs db;
  std::string catchments, points, out, catchments_crs, points_crs = "WGS-84", stage;
  bool json = false, timings = false, postgis = false;
};

int run_locate(const LocateArgs& a) {
  auto started = Clock::now();
  std::optional<geo::Crs> catchments_crs;
  if (!a.catchments_crs.empty() && !(catchments_crs = crs_option(a.catchments_crs, "--catchments-crs")))
    return kExitBadInput;
  auto points_crs = crs_option(a.points_crs, "--points-crs");
  if (!points_crs || !stage_option_ok(a.stage)) return kExitBadInput;

  RowErrors errors;
  std::optional<enroll::CatchmentMap> map;
  // --postgis: --db is the PostgreSQL server that computes; the catchments come from --catchments, else
  // from that database. Without it, exactly one of the two names the catchments.
  if (a.postgis ? a.db.url.empty() : a.catchments.empty() == a.db.url.empty()) {
    std::fprintf(stderr, a.postgis ? "--postgis 需要 --db postgresql://…（装有 PostGIS 的服务器）\n"
                                   : "请给出 --catchments（学区文件）或 --db（数据库中的学区范围），二者选一\n");
    return kExitBadInput;
  }
  std::unique_ptr<store::Connection> db;
  if (!a.db.url.empty()) {
    auto opened = open_db_and_key(a.db);
    if (!opened) return fail(opened.error().message);
    db = std::move(opened->first);
  }
  if (a.catchments.empty()) {  // the catchment map in force in the database
    auto stored = enroll::current_dataset(*db, "catchments");
    if (!stored) return fail(stored.error().message);
    if (!*stored) return fail("数据库中尚未上传学区范围");
    map = enroll::CatchmentMap::from_geojson((*stored)->content, (*stored)->file_name, std::nullopt, errors, a.stage);
  } else {
    map = read_catchments(a.catchments, catchments_crs, errors, a.stage);
    if (!map) return kExitBadInput;
  }
  auto table = read_input_table(a.points);
  if (!table) return kExitBadInput;
  enroll::AddressPoints points;
  RowErrors point_errors = enroll::read_points(*table, *points_crs, points);
  errors.insert(errors.end(), point_errors.begin(), point_errors.end());
  if (!errors.empty()) return report_row_errors(errors);
  double read_seconds = seconds_since(started);

  auto t = Clock::now();
  std::vector<enroll::Located> located;
  if (a.postgis) {
    auto by_postgis = enroll::locate_with_postgis(*db, *map, points.wgs84);
    if (!by_postgis) return fail(by_postgis.error().message);
    located = std::move(*by_postgis);
  } else {
    located = map->locate_all(points.wgs84);
  }
  double locate_seconds = seconds_since(t);

  t = Clock::now();
  auto n = enroll::count_located(located);
  std::string text = a.json ? enroll::locate_to_json(*map, points, located, n, geo::crs_name(*points_crs))
                            : enroll::locate_to_csv(*map, points, located);
  bool written = write_output(a.out, text);
  std::fprintf(stderr, "%zu 个地点（%s），%zu 个学区（%s，%zu 个多边形）：在学区内 %zu，在边界上 %zu（须人工核对），同属多个学区 %zu，不在任何学区 %zu\n",
               n.points, geo::crs_name(*points_crs), map->catchments().size(), geo::crs_name(map->source_crs()),
               map->polygon_count(), n.inside, n.on_border, n.in_several, n.outside);
  if (a.timings)
    std::fprintf(stderr, "用时 timings: read %.3f s, locate %.3f s, output %.3f s\n", read_seconds, locate_seconds,
                 seconds_since(t));
  return written ? kExitOk : kExitFailure;
}

}  // namespace

void add_enroll_locate_command(CLI::App* enroll, Runner& selected) {
  auto a = std::make_shared<LocateArgs>();
  auto* locate = enroll->add_subcommand("locate", "学区查询：地点落在哪个学区（边界上的点同属两边并标记）/ catchment lookup");
  add_db_options(locate, a->db, false);
  locate->add_option("--catchments", a->catchments, "学区 GeoJSON（Polygon / MultiPolygon）；或用 --db 中的学区范围");
  locate->add_option("--points", a->points, "地点文件 point_id,lon,lat")->required();
  locate->add_option("--catchments-crs", a->catchments_crs, "学区坐标系 WGS-84 或 GCJ-02（缺省：文件的 crs，否则 WGS-84）");
  locate->add_option("--points-crs", a->points_crs, "地点坐标系 WGS-84（缺省）或 GCJ-02");
  locate->add_option("--stage", a->stage, "只查 primary（小学）或 junior（初中）学区（没写 stage 的学区都查）");
  locate->add_flag("--json", a->json, "输出 JSON（缺省输出 CSV：point_id,catchment_ids,on_border）");
  locate->add_option("--out", a->out, "把结果写入文件");
  locate->add_flag("--postgis", a->postgis,
                   "用 --db 所指 PostgreSQL 服务器的 PostGIS 计算（可选；缺省用内置的 R 树 + 点在多边形内判断）");
  locate->add_flag("--timings", a->timings, "在标准错误输出各阶段用时");
  on_run(locate, selected, [a] { return run_locate(*a); });
}

}  // namespace youjun::cli
