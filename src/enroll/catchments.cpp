#include "enroll/catchments.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include "core/parallel.hpp"
#include "enroll/enroll_files.hpp"

namespace youjun::enroll {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using json = nlohmann::json;

namespace {

using Point = bg::model::d2::point_xy<double>;  // x = longitude, y = latitude (WGS-84)
using Polygon = bg::model::polygon<Point>;
using Box = bg::model::box<Point>;
using Entry = std::pair<Box, uint32_t>;  // bounding box → polygon number

const std::string kFeatureColumn = "features";

std::string text_property(const json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return "";
}

// One ring: an array of [lon, lat] positions, at least 4 and closed (RFC 7946 §3.1.6).
std::string read_ring(const json& ring, geo::Crs crs, bg::model::ring<Point>& out) {
  if (!ring.is_array() || ring.size() < 4) return "每个环至少要有 4 个坐标点（首尾相同）";
  for (const auto& pos : ring) {
    if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number())
      return "坐标应为 [经度, 纬度] 数字对";
    double lon = pos[0].get<double>(), lat = pos[1].get<double>();
    if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
      return "坐标超出范围（经度 -180…180，纬度 -90…90）";
    geo::LonLat w = geo::to_wgs84({lon, lat}, crs);
    out.push_back(Point(w.lon, w.lat));
  }
  if (!bg::equals(out.front(), out.back())) return "环的首尾坐标应相同（闭合）";
  return "";
}

std::string read_polygon(const json& rings, geo::Crs crs, Polygon& out) {
  if (!rings.is_array() || rings.empty()) return "Polygon 的坐标应为至少一个环";
  for (size_t i = 0; i < rings.size(); ++i) {
    bg::model::ring<Point> ring;
    auto problem = read_ring(rings[i], crs, ring);
    if (!problem.empty()) return problem;
    if (i == 0) out.outer() = std::move(ring);
    else out.inners().push_back(std::move(ring));
  }
  bg::correct(out);  // GeoJSON writers disagree on ring orientation; Boost needs one
  std::string why;
  if (!bg::is_valid(out, why)) return "多边形无效（自相交或环的关系不对）：" + why;
  return "";
}

std::optional<geo::Crs> crs_of_file(const json& doc, std::string& problem) {
  auto it = doc.find("crs");
  if (it == doc.end()) return std::nullopt;
  std::string name;
  if (it->is_string()) name = it->get<std::string>();
  else if (it->is_object() && it->contains("properties") && (*it)["properties"].contains("name") &&
           (*it)["properties"]["name"].is_string())
    name = (*it)["properties"]["name"].get<std::string>();
  auto crs = geo::parse_crs(name);
  if (!crs) problem = "不认识的坐标系“" + name + "”：应为 WGS-84 (EPSG:4326) 或 GCJ-02";
  return crs;
}

}  // namespace

struct CatchmentMap::Index {
  std::vector<Polygon> polygons;
  std::vector<uint32_t> catchment_of;  // polygon → catchment
  bgi::rtree<Entry, bgi::rstar<16>> tree;
};

CatchmentMap::CatchmentMap() : index_(std::make_unique<Index>()) {}
CatchmentMap::~CatchmentMap() = default;
CatchmentMap::CatchmentMap(CatchmentMap&&) noexcept = default;
CatchmentMap& CatchmentMap::operator=(CatchmentMap&&) noexcept = default;

size_t CatchmentMap::polygon_count() const { return index_->polygons.size(); }

std::string CatchmentMap::polygon_wkt(size_t i) const {
  std::ostringstream out;
  out << std::setprecision(17) << bg::wkt(index_->polygons.at(i));
  return out.str();
}

uint32_t CatchmentMap::polygon_catchment(size_t i) const { return index_->catchment_of.at(i); }

CatchmentMap CatchmentMap::from_geojson(const std::string& text, const std::string& file,
                                        std::optional<geo::Crs> declared, RowErrors& errors,
                                        const std::string& only_stage) {
  CatchmentMap map;
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    errors.push_back({file, 0, "", "不是有效的 JSON（应为 GeoJSON FeatureCollection）"});
    return map;
  }
  std::string crs_problem;
  auto file_crs = crs_of_file(doc, crs_problem);
  if (!declared && !crs_problem.empty()) errors.push_back({file, 0, "crs", crs_problem});
  map.source_crs_ = declared ? *declared : file_crs.value_or(geo::Crs::Wgs84);
  if (doc.value("type", "") != "FeatureCollection" || !doc.contains(kFeatureColumn) || !doc[kFeatureColumn].is_array()) {
    errors.push_back({file, 0, "type", "应为 GeoJSON FeatureCollection（含 features 数组）"});
    return map;
  }
  const json& features = doc[kFeatureColumn];
  std::map<std::string, long> first_feature_with_id;
  for (size_t f = 0; f < features.size(); ++f) {
    const long row = static_cast<long>(f) + 1;
    const json& feature = features[f];
    static const json kNoProperties = json::object();
    const json& props = feature.is_object() && feature.contains("properties") && feature["properties"].is_object()
                            ? feature["properties"] : kNoProperties;
    Catchment c;
    c.id = text_property(props, "catchment_id");
    if (c.id.empty() && feature.is_object() && feature.contains("id")) c.id = text_property(feature, "id");
    if (c.id.empty()) c.id = text_property(props, "school_code");
    if (c.id.empty()) c.id = text_property(props, "name");
    c.name = text_property(props, "name");
    if (c.name.empty()) c.name = text_property(props, "school_name");
    if (auto code = text_property(props, "school_code"); !code.empty()) c.schools.push_back(code);
    if (props.contains("school_codes") && props["school_codes"].is_array())
      for (const auto& s : props["school_codes"])
        if (s.is_string()) c.schools.push_back(s.get<std::string>());
    c.stage = text_property(props, "stage");
    if (!c.stage.empty() && c.stage != "primary" && c.stage != "junior") {
      errors.push_back({file, row, "stage", "学段 stage 应为 primary（小学）或 junior（初中），或不写"});
      continue;
    }
    if (c.id.empty()) {
      errors.push_back({file, row, "catchment_id", "缺少学区编号：properties 中应有 catchment_id、school_code 或 name"});
      continue;
    }
    if (auto problem = id_problem(c.id); !problem.empty()) {
      errors.push_back({file, row, "catchment_id", problem});
      continue;
    }
    auto [it, fresh] = first_feature_with_id.emplace(c.id, row);
    if (!fresh) {
      errors.push_back({file, row, "catchment_id",
                        "学区编号 " + c.id + " 重复（第 " + std::to_string(it->second) + " 个要素已有）"});
      continue;
    }
    const json* geometry = feature.is_object() && feature.contains("geometry") ? &feature["geometry"] : nullptr;
    std::string type = geometry && geometry->is_object() ? geometry->value("type", "") : "";
    if (type != "Polygon" && type != "MultiPolygon") {
      errors.push_back({file, row, "geometry", "几何类型应为 Polygon 或 MultiPolygon"});
      continue;
    }
    const json& coords = (*geometry).contains("coordinates") ? (*geometry)["coordinates"] : json();
    std::vector<Polygon> parts;
    std::string problem;
    if (type == "Polygon") {
      parts.emplace_back();
      problem = read_polygon(coords, map.source_crs_, parts.back());
    } else if (!coords.is_array() || coords.empty()) {
      problem = "MultiPolygon 的坐标应为至少一个多边形";
    } else {
      for (const auto& rings : coords) {
        parts.emplace_back();
        problem = read_polygon(rings, map.source_crs_, parts.back());
        if (!problem.empty()) break;
      }
    }
    if (!problem.empty()) {
      errors.push_back({file, row, "geometry", problem});
      continue;
    }
    if (!in_stage(c, only_stage)) continue;  // checked, not kept
    uint32_t index = static_cast<uint32_t>(map.catchments_.size());
    map.catchments_.push_back(std::move(c));
    for (auto& p : parts) {
      map.index_->polygons.push_back(std::move(p));
      map.index_->catchment_of.push_back(index);
    }
  }
  if (!errors.empty()) return CatchmentMap();
  std::vector<Entry> entries;
  entries.reserve(map.index_->polygons.size());
  for (uint32_t i = 0; i < map.index_->polygons.size(); ++i)
    entries.emplace_back(bg::return_envelope<Box>(map.index_->polygons[i]), i);
  map.index_->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries);  // bulk-loaded (packed)
  return map;
}

Located CatchmentMap::locate(geo::LonLat p) const {
  Located out;
  Point pt(p.lon, p.lat);
  for (auto it = index_->tree.qbegin(bgi::intersects(pt)); it != index_->tree.qend(); ++it) {
    const Polygon& poly = index_->polygons[it->second];
    if (!bg::covered_by(pt, poly)) continue;  // outside (boundary counts as covered)
    if (!bg::within(pt, poly)) out.on_border = true;
    out.catchments.push_back(index_->catchment_of[it->second]);
  }
  out.sort_catchments();
  return out;
}

std::vector<Located> CatchmentMap::locate_all(const std::vector<geo::LonLat>& points) const {
  std::vector<Located> out(points.size());
  for_each_chunk(points.size(), worker_count(points.size()), [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) out[i] = locate(points[i]);
  });
  return out;
}

}  // namespace youjun::enroll
