#include "demo/geometry.hpp"

#include <cmath>

namespace youjun::demo {

Point to_plane(double lon, double lat) { return {(lon - kRefLon) * kKmPerDegLon, (lat - kRefLat) * kKmPerDegLat}; }

void to_lonlat(const Point& p, double& lon, double& lat) {
  lon = kRefLon + p.x / kKmPerDegLon;
  lat = kRefLat + p.y / kKmPerDegLat;
}

double distance(const Point& a, const Point& b) {
  double dx = a.x - b.x, dy = a.y - b.y;
  return std::sqrt(dx * dx + dy * dy);
}

double signed_area(const Polygon& ring) {
  double twice = 0;
  for (size_t i = 0, n = ring.size(); i < n; ++i) {
    const Point& a = ring[i];
    const Point& b = ring[(i + 1) % n];
    twice += a.x * b.y - b.x * a.y;
  }
  return twice / 2;
}

bool contains(const Polygon& ring, const Point& p) {
  bool inside = false;
  for (size_t i = 0, n = ring.size(), j = n - 1; i < n; j = i++) {
    const Point& a = ring[i];
    const Point& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

Polygon clip_half_plane(const Polygon& poly, double ax, double ay, double c) {
  Polygon out;
  out.reserve(poly.size() + 2);
  for (size_t i = 0, n = poly.size(); i < n; ++i) {
    const Point& p = poly[i];
    const Point& q = poly[(i + 1) % n];
    double fp = ax * p.x + ay * p.y - c;
    double fq = ax * q.x + ay * q.y - c;
    if (fp <= 0) out.push_back(p);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      double t = fp / (fp - fq);
      out.push_back({p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)});
    }
  }
  return out;
}

Polygon voronoi_cell(const Polygon& area, const std::vector<Point>& sites, size_t i) {
  Polygon cell = area;
  const Point& s = sites[i];
  for (size_t j = 0; j < sites.size() && !cell.empty(); ++j) {
    if (j == i) continue;
    const Point& t = sites[j];
    double ax = t.x - s.x, ay = t.y - s.y;
    if (ax * ax + ay * ay < 1e-12) continue;  // coincident sites (the generator keeps schools apart)
    // |p - s|² <= |p - t|²  <=>  (t - s)·p <= (|t|² - |s|²) / 2
    double c = ((t.x * t.x + t.y * t.y) - (s.x * s.x + s.y * s.y)) / 2;
    cell = clip_half_plane(cell, ax, ay, c);
  }
  return cell;
}

}  // namespace youjun::demo
