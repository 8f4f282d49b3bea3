#pragma once
// Coordinates of catchment maps and addresses. Chinese web maps (高德, 腾讯) publish GCJ-02, GPS gives
// WGS-84; youjun stores and compares everything in WGS-84 and converts GCJ-02 input on reading.
#include <optional>
#include <string>

namespace youjun::geo {

struct LonLat {
  double lon = 0, lat = 0;
};

enum class Crs { Wgs84, Gcj02 };

// "WGS-84" / "GCJ-02" for messages and output.
const char* crs_name(Crs crs);
// Accepts the names files and users write: WGS-84, WGS84, EPSG:4326, CRS84 (OGC URN too), GCJ-02, GCJ02.
std::optional<Crs> parse_crs(const std::string& text);

// The published GCJ-02 obfuscation (identity outside China's bounding box).
LonLat gcj02_from_wgs84(LonLat wgs);
// Its inverse, by fixed-point iteration to within 1e-9 degrees (≈ 0.1 mm): GCJ-02 has no closed-form
// inverse.
LonLat wgs84_from_gcj02(LonLat gcj);
LonLat to_wgs84(LonLat p, Crs from);

}  // namespace youjun::geo
