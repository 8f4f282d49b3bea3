#pragma once
// Output of `youjun enroll locate` (issue 6 §1).
#include <string>
#include <vector>

#include "enroll/catchments.hpp"
#include "enroll/enroll_files.hpp"

namespace youjun::enroll {

struct LocateCounts {
  size_t points = 0, inside = 0, on_border = 0, outside = 0, in_several = 0;
};

LocateCounts count_located(const std::vector<Located>& located);

// {"crs", "catchments": [{"catchment_id", "name", "schools"}], "points": [{"point_id", "catchments": [ids],
//  "on_border"}], "summary": {points, inside, on_border, outside, in_several}}. `crs` is the points'
// coordinate system as read; `counts` = count_located(located) (everything is compared in WGS-84).
std::string locate_to_json(const CatchmentMap& map, const AddressPoints& points, const std::vector<Located>& located,
                           const LocateCounts& counts, const char* points_crs);
// CSV for people and spreadsheets: point_id,catchment_ids (| between),on_border (是/否).
std::string locate_to_csv(const CatchmentMap& map, const AddressPoints& points, const std::vector<Located>& located);

}  // namespace youjun::enroll
