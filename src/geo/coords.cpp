#include "geo/coords.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace youjun::geo {

namespace {

// The GCJ-02 definition: Krasovsky 1940 ellipsoid and the offset polynomials below, as published in
// the open reimplementations (eviltransform and others). Not policy: changing any of them breaks every
// map in China.
constexpr double kPi = 3.14159265358979323846;
constexpr double kA = 6378245.0;
constexpr double kEe = 0.00669342162296594323;

bool outside_china(LonLat p) { return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271; }

double offset_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double offset_lon(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

}  // namespace

const char* crs_name(Crs crs) { return crs == Crs::Gcj02 ? "GCJ-02" : "WGS-84"; }

std::optional<Crs> parse_crs(const std::string& text) {
  std::string t;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (t == "WGS84" || t == "EPSG4326" || t.ends_with("CRS84") || t.ends_with("EPSG4326")) return Crs::Wgs84;
  if (t == "GCJ02") return Crs::Gcj02;
  return std::nullopt;
}

LonLat gcj02_from_wgs84(LonLat wgs) {
  if (outside_china(wgs)) return wgs;
  double dlat = offset_lat(wgs.lon - 105.0, wgs.lat - 35.0);
  double dlon = offset_lon(wgs.lon - 105.0, wgs.lat - 35.0);
  double radlat = wgs.lat / 180.0 * kPi;
  double magic = 1 - kEe * std::sin(radlat) * std::sin(radlat);
  double sqrt_magic = std::sqrt(magic);
  dlat = (dlat * 180.0) / ((kA * (1 - kEe)) / (magic * sqrt_magic) * kPi);
  dlon = (dlon * 180.0) / (kA / sqrt_magic * std::cos(radlat) * kPi);
  return {wgs.lon + dlon, wgs.lat + dlat};
}

LonLat wgs84_from_gcj02(LonLat gcj) {
  LonLat wgs = gcj;
  for (int i = 0; i < 30; ++i) {
    LonLat back = gcj02_from_wgs84(wgs);
    double dlon = gcj.lon - back.lon, dlat = gcj.lat - back.lat;
    wgs.lon += dlon;
    wgs.lat += dlat;
    if (std::fabs(dlon) < 1e-10 && std::fabs(dlat) < 1e-10) break;
  }
  return wgs;
}

LonLat to_wgs84(LonLat p, Crs from) { return from == Crs::Gcj02 ? wgs84_from_gcj02(p) : p; }

}  // namespace youjun::geo
