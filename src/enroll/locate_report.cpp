#include "enroll/locate_report.hpp"

#include <nlohmann/json.hpp>

#include "enroll/json_text.hpp"

namespace youjun::enroll {

LocateCounts count_located(const std::vector<Located>& located) {
  LocateCounts c;
  c.points = located.size();
  for (const auto& l : located) {
    if (l.catchments.empty()) ++c.outside;
    else ++c.inside;
    if (l.on_border) ++c.on_border;
    if (l.catchments.size() > 1) ++c.in_several;
  }
  return c;
}

std::string locate_to_json(const CatchmentMap& map, const AddressPoints& points, const std::vector<Located>& located,
                           const LocateCounts& n, const char* points_crs) {
  const auto& cs = map.catchments();
  std::string out;
  out.reserve(points.ids.size() * 64 + cs.size() * 96 + 256);
  out += "{\"crs\":";
  append_string(out, points_crs);
  out += ",\"catchments_crs\":";
  append_string(out, geo::crs_name(map.source_crs()));
  out += ",\"catchments\":[";
  for (size_t i = 0; i < cs.size(); ++i) {
    nlohmann::json c = {{"catchment_id", cs[i].id}, {"name", cs[i].name}, {"schools", cs[i].schools}};
    out += (i ? "," : "") + c.dump();
  }
  out += "],\"points\":[";
  for (size_t i = 0; i < located.size(); ++i) {
    out += i ? ",{\"point_id\":" : "{\"point_id\":";
    append_string(out, points.ids[i]);
    out += ",\"catchments\":[";
    for (size_t k = 0; k < located[i].catchments.size(); ++k) {
      if (k) out += ',';
      append_string(out, cs[located[i].catchments[k]].id);
    }
    out += located[i].on_border ? "],\"on_border\":true}" : "],\"on_border\":false}";
  }
  out += "],\"summary\":{\"points\":";
  append_number(out, n.points);
  out += ",\"inside\":";
  append_number(out, n.inside);
  out += ",\"on_border\":";
  append_number(out, n.on_border);
  out += ",\"outside\":";
  append_number(out, n.outside);
  out += ",\"in_several\":";
  append_number(out, n.in_several);
  out += "}}\n";
  return out;
}

std::string locate_to_csv(const CatchmentMap& map, const AddressPoints& points, const std::vector<Located>& located) {
  std::string out = "point_id,catchment_ids,on_border\n";
  out.reserve(points.ids.size() * 32);
  for (size_t i = 0; i < located.size(); ++i) {
    out += points.ids[i];
    out += ',';
    for (size_t k = 0; k < located[i].catchments.size(); ++k) {
      if (k) out += '|';
      out += map.catchments()[located[i].catchments[k]].id;
    }
    out += located[i].on_border ? ",是\n" : ",否\n";
  }
  return out;
}

}  // namespace youjun::enroll
