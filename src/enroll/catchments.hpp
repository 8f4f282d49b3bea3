#pragma once
// Catchments (学区/施教区, issue 6 §1): polygons read from GeoJSON, each serving one school or a 多校划片
// group, and the lookup of which catchment(s) an address point falls in. An R-tree of polygon bounding
// boxes finds the candidates; an exact point-in-polygon test decides. A point on a boundary belongs to
// every catchment whose boundary it is on, and is flagged, so staff look at it by hand.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/row_error.hpp"
#include "geo/coords.hpp"

namespace youjun::enroll {

struct Catchment {
  std::string id;                    // properties.catchment_id, else the feature id, else school_code, else name
  std::string name;                  // properties.name or school_name ("" when absent)
  std::vector<std::string> schools;  // properties.school_code, or school_codes for a 多校划片 group
  std::string stage;                 // properties.stage: "primary", "junior" or "" when absent
};

// Whether `c` is in a stage filter: no filter (""), no stage on the catchment, or the same stage.
inline bool in_stage(const Catchment& c, const std::string& stage) {
  return stage.empty() || c.stage.empty() || c.stage == stage;
}

struct Located {
  std::vector<uint32_t> catchments;  // indexes into CatchmentMap::catchments(), ascending
  bool on_border = false;            // on the boundary of at least one of them
  // Puts `catchments` in the order above, each once (several polygons of a catchment may cover a point).
  void sort_catchments() {
    std::sort(catchments.begin(), catchments.end());
    catchments.erase(std::unique(catchments.begin(), catchments.end()), catchments.end());
  }
};

class CatchmentMap {
 public:
  // Reads a GeoJSON FeatureCollection of Polygon / MultiPolygon features. The coordinate system is
  // `declared` when given, else the file's top-level "crs" name, else WGS-84 (RFC 7946); GCJ-02
  // coordinates are converted to WGS-84. Every bad feature is reported in `errors` (row = feature
  // number, 1-based) and then the result is an empty map. With `only_stage` ("primary"/"junior"),
  // features of the other stage are checked but left out (features without a stage stay).
  static CatchmentMap from_geojson(const std::string& text, const std::string& file, std::optional<geo::Crs> declared,
                                   RowErrors& errors, const std::string& only_stage = "");
  CatchmentMap();
  ~CatchmentMap();
  CatchmentMap(CatchmentMap&&) noexcept;
  CatchmentMap& operator=(CatchmentMap&&) noexcept;

  const std::vector<Catchment>& catchments() const { return catchments_; }
  geo::Crs source_crs() const { return source_crs_; }
  size_t polygon_count() const;
  // Polygon i (WGS-84) as WKT with every coordinate printed to round-trip exactly, and its catchment:
  // what the PostGIS lookup (postgis_locate.hpp) loads, so both paths test the same geometry.
  std::string polygon_wkt(size_t i) const;
  uint32_t polygon_catchment(size_t i) const;

  // `p` in WGS-84.
  Located locate(geo::LonLat p) const;
  // Every point, on all cores; result i belongs to points[i].
  std::vector<Located> locate_all(const std::vector<geo::LonLat>& points) const;

 private:
  struct Index;
  std::vector<Catchment> catchments_;
  geo::Crs source_crs_ = geo::Crs::Wgs84;
  std::unique_ptr<Index> index_;
};

}  // namespace youjun::enroll
