#include "demo/catchments.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "demo/names.hpp"
#include "demo/phases.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

namespace {

bool serves(const School& s, int stage) {
  if (s.is_private) return false;
  if (stage == kPrimary) return s.level == Level::Primary || s.level == Level::NineYear;
  return s.level == Level::Junior || s.level == Level::NineYear;
}

// Index i of the longest edge ring[i] -> ring[i+1] lying on the bisector of sites a and b; -1 if none.
int shared_edge(const Polygon& ring, const Point& a, const Point& b) {
  double ax = b.x - a.x, ay = b.y - a.y;
  double len = std::sqrt(ax * ax + ay * ay);
  double c = ((b.x * b.x + b.y * b.y) - (a.x * a.x + a.y * a.y)) / 2;
  auto on = [&](const Point& p) { return std::abs(ax * p.x + ay * p.y - c) / len < 1e-6; };
  int best = -1;
  double best_len = 0.3;  // km: shorter shared borders are not worth a zone
  for (size_t i = 0, n = ring.size(); i < n; ++i) {
    const Point& p = ring[i];
    const Point& q = ring[(i + 1) % n];
    if (on(p) && on(q) && distance(p, q) > best_len) {
      best = static_cast<int>(i);
      best_len = distance(p, q);
    }
  }
  return best;
}

int matching_edge(const Polygon& ring, const Point& p, const Point& q) {
  for (size_t i = 0, n = ring.size(); i < n; ++i)
    if (distance(ring[i], q) < 1e-6 && distance(ring[(i + 1) % n], p) < 1e-6) return static_cast<int>(i);
  return -1;
}

// Cuts a diamond around the shared edge of cells a and b; returns false when they share none.
bool cut_multi_zone(std::vector<Catchment>& layer, size_t a, size_t b, const std::vector<Point>& sites,
                    Polygon& zone) {
  Polygon& ra = layer[a].ring;
  Polygon& rb = layer[b].ring;
  int ia = shared_edge(ra, sites[a], sites[b]);
  if (ia < 0) return false;
  Point p = ra[ia], q = ra[(ia + 1) % ra.size()];
  int ib = matching_edge(rb, p, q);
  if (ib < 0) return false;
  rb[ib] = q;
  rb[(ib + 1) % rb.size()] = p;
  Point mid{(p.x + q.x) / 2, (p.y + q.y) / 2};
  Point in_a{mid.x + 0.5 * (sites[a].x - mid.x), mid.y + 0.5 * (sites[a].y - mid.y)};
  Point in_b{mid.x + 0.5 * (sites[b].x - mid.x), mid.y + 0.5 * (sites[b].y - mid.y)};
  ra.insert(ra.begin() + ia + 1, in_a);
  rb.insert(rb.begin() + ib + 1, in_b);
  zone = {p, in_b, q, in_a};
  if (signed_area(zone) < 0) std::reverse(zone.begin(), zone.end());
  return true;
}

void add_multi_zones(const City& city, int district, int stage, std::vector<Catchment>& layer,
                     const std::vector<Point>& sites, Rng& rng, std::vector<Catchment>& out) {
  std::vector<size_t> urban;
  for (size_t i = 0; i < layer.size(); ++i)
    if (city.schools[layer[i].schools[0]].locale == Locale::Urban) urban.push_back(i);
  size_t wanted = stage == kPrimary ? (urban.size() >= 12 ? 2 : urban.size() >= 4 ? 1 : 0)
                                    : (urban.size() >= 5 && district == 0 ? 1 : 0);
  // A small city's centre (district 0) still gets one primary zone, from its urban and town schools, so every
  // demo city has a 多校划片 match to show.
  if (wanted == 0 && stage == kPrimary && district == 0) {
    urban.clear();
    for (size_t i = 0; i < layer.size(); ++i)
      if (city.schools[layer[i].schools[0]].locale != Locale::Rural) urban.push_back(i);
    if (urban.size() >= 2) wanted = 1;
  }
  std::vector<bool> used(layer.size(), false);
  rng.shuffle(urban);
  size_t made = 0;
  for (size_t a : urban) {
    if (made == wanted) break;
    if (used[a]) continue;
    std::vector<size_t> near;
    for (size_t b : urban)
      if (b != a && !used[b]) near.push_back(b);
    std::sort(near.begin(), near.end(), [&](size_t x, size_t y) {
      double dx = distance(sites[a], sites[x]), dy = distance(sites[a], sites[y]);
      return dx != dy ? dx < dy : x < y;
    });
    for (size_t k = 0; k < near.size() && k < 3; ++k) {
      size_t b = near[k];
      Catchment zone;
      if (!cut_multi_zone(layer, a, b, sites, zone.ring)) continue;
      zone.district = district;
      zone.stage = stage;
      zone.schools = {layer[a].schools[0], layer[b].schools[0]};
      // Sometimes a third nearby school joins the zone (a 多校划片 list need not be adjacent schools).
      for (size_t c : near)
        if (c != b && !used[c] && rng.chance(0.4)) {
          zone.schools.push_back(layer[c].schools[0]);
          used[c] = true;
          break;
        }
      used[a] = used[b] = true;
      out.push_back(std::move(zone));
      ++made;
      break;
    }
  }
}

double round6(double v) { return std::round(v * 1e6) / 1e6; }

nlohmann::ordered_json ring_json(const Polygon& ring) {
  nlohmann::ordered_json coords = nlohmann::ordered_json::array();
  for (size_t i = 0; i <= ring.size(); ++i) {
    double lon, lat;
    to_lonlat(ring[i % ring.size()], lon, lat);
    coords.push_back({round6(lon), round6(lat)});
  }
  return nlohmann::ordered_json::array({coords});
}

}  // namespace

std::vector<Catchment> build_catchments(const City& city) {
  std::vector<Catchment> all;
  for (int d = 0; d < static_cast<int>(districts().size()); ++d) {
    for (int stage = kPrimary; stage <= kJunior; ++stage) {
      std::vector<Point> sites;
      std::vector<Catchment> layer;
      for (size_t i = 0; i < city.schools.size(); ++i) {
        const School& s = city.schools[i];
        if (s.district != d || !serves(s, stage)) continue;
        sites.push_back(s.pos);
        Catchment c;
        c.district = d;
        c.stage = stage;
        c.schools = {i};
        layer.push_back(c);
      }
      for (size_t i = 0; i < layer.size(); ++i) layer[i].ring = voronoi_cell(city.district_areas[d], sites, i);
      Rng rng(city.seed, kStreamCatchments, static_cast<uint64_t>(d * 2 + stage));
      std::vector<Catchment> zones;
      add_multi_zones(city, d, stage, layer, sites, rng, zones);
      for (auto& c : layer)
        if (c.ring.size() >= 3) all.push_back(std::move(c));
      for (auto& z : zones) all.push_back(std::move(z));
    }
  }
  return all;
}

std::vector<std::string> catchment_ids(const City& city, const std::vector<Catchment>& catchments) {
  std::vector<std::string> ids;
  std::vector<int> zones_per_district(districts().size(), 0);
  for (const Catchment& c : catchments) {
    const char* stage = c.stage == kPrimary ? "primary" : "junior";
    // A 九年一贯制 school has a primary and a junior catchment, so the school code alone is not an id.
    if (!c.multi()) ids.push_back(city.schools[c.schools[0]].code + "-" + stage);
    else ids.push_back(districts()[c.district].code + "-" + stage + "-multi-" + std::to_string(++zones_per_district[c.district]));
  }
  return ids;
}

std::string catchments_geojson(const City& city, const std::vector<Catchment>& catchments) {
  std::string out = "{\"type\":\"FeatureCollection\",\"name\":\"catchments\",\"features\":[\n";
  std::vector<int> zones_per_district(districts().size(), 0);
  auto ids = catchment_ids(city, catchments);
  for (size_t i = 0; i < catchments.size(); ++i) {
    const Catchment& c = catchments[i];
    const District& d = districts()[c.district];
    const char* stage = c.stage == kPrimary ? "primary" : "junior";
    nlohmann::ordered_json props;
    props["catchment_id"] = ids[i];
    if (!c.multi()) {
      const School& s = city.schools[c.schools[0]];
      props["school_code"] = s.code;
      props["school_name"] = s.name;
    } else {
      nlohmann::ordered_json codes = nlohmann::ordered_json::array(), names = nlohmann::ordered_json::array();
      for (size_t k : c.schools) {
        codes.push_back(city.schools[k].code);
        names.push_back(city.schools[k].name);
      }
      props["school_codes"] = codes;
      props["school_names"] = names;
      props["name"] = d.name + (c.stage == kPrimary ? "小学" : "初中") + "多校划片区" +
                      chinese_number(++zones_per_district[c.district]);
    }
    props["district_code"] = d.code;
    props["district_name"] = d.name;
    props["stage"] = stage;
    props["kind"] = c.multi() ? "multi" : "single";
    nlohmann::ordered_json feature;
    feature["type"] = "Feature";
    feature["properties"] = props;
    feature["geometry"] = {{"type", "Polygon"}, {"coordinates", ring_json(c.ring)}};
    out += feature.dump();
    out += i + 1 < catchments.size() ? ",\n" : "\n";
  }
  out += "]}\n";
  return out;
}

}  // namespace youjun::demo
