#pragma once
// Plane geometry for the demo city: a local kilometre plane around 绍兴 (equirectangular, good to a
// few metres over the city), convex clipping for Voronoi cells, areas and point-in-polygon.
#include <cstddef>
#include <vector>

namespace youjun::demo {

struct Point {
  double x = 0, y = 0;  // km east / north of the reference point
};
using Polygon = std::vector<Point>;  // ring without the closing vertex

// Reference point 120.58E 30.00N (绍兴 city centre).
constexpr double kRefLon = 120.58, kRefLat = 30.0;
constexpr double kKmPerDegLon = 96.41, kKmPerDegLat = 110.95;
Point to_plane(double lon, double lat);
void to_lonlat(const Point& p, double& lon, double& lat);

double distance(const Point& a, const Point& b);
// Signed area, positive for counter-clockwise rings.
double signed_area(const Polygon& ring);
bool contains(const Polygon& ring, const Point& p);  // even-odd rule, any simple ring

// Keeps the part of a convex polygon where a·p <= c (Sutherland–Hodgman for one edge).
Polygon clip_half_plane(const Polygon& poly, double ax, double ay, double c);
// The part of `area` closer to sites[i] than to any other site (a Voronoi cell clipped to `area`).
Polygon voronoi_cell(const Polygon& area, const std::vector<Point>& sites, size_t i);

}  // namespace youjun::demo
