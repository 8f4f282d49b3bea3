#pragma once
// School catchments (学区) of the demo city: per district and stage, the Voronoi cells of the public
// primary / junior / nine-year schools clipped to the district, so the cells tile the district
// without overlap. A few 多校划片 zones are cut out of the border between two neighbouring urban
// schools (a diamond on their shared edge) and assigned to several schools at once.
#include <string>
#include <vector>

#include "demo/city.hpp"

namespace youjun::demo {

struct Catchment {
  int district = 0;
  int stage = kPrimary;         // kPrimary or kJunior (a nine-year school has one of each)
  std::vector<size_t> schools;  // indices into City::schools; several for 多校划片
  Polygon ring;                 // km plane, counter-clockwise
  bool multi() const { return schools.size() > 1; }
};

std::vector<Catchment> build_catchments(const City& city);
// catchment_id of each: "<school code>-primary|junior", or "<district code>-<stage>-multi-N" for a zone.
std::vector<std::string> catchment_ids(const City& city, const std::vector<Catchment>& catchments);
// RFC 7946 FeatureCollection (WGS-84 lon/lat, 6 decimals).
std::string catchments_geojson(const City& city, const std::vector<Catchment>& catchments);

// Seats of a school's first grade of `stage`: its classes there this year at its usual class size (the
// seat-warning and lottery files both use it).
int first_grade_seats(const School& s, int stage);

// The seat-warning inputs (学区预警) for the catchments: children by birth year per catchment, new
// housing in some growing urban catchments, and first-grade seats per school (docs/enrollment.md).
struct SeatWarningFiles {
  std::string cohorts, housing, seats;  // CSV texts
  size_t cohort_rows = 0, housing_rows = 0, seat_rows = 0;
};
SeatWarningFiles seat_warning_files(const City& city, const std::vector<Catchment>& catchments);

}  // namespace youjun::demo
