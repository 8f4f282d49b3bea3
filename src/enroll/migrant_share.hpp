#pragma once
// 随迁子女 in public schools per county (issue 6 §5): of the migrant children in compulsory grades
// (1–9), the share enrolled in public schools, against the profile's minimum (national: 85 % in public
// and government-purchased private places, 教督〔2017〕6号; 002 金华 三(二)三: 85 % in public schools).
// The store has no "government-purchased place" mark yet, so every private school counts as private.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "policy/rule.hpp"
#include "store/connection.hpp"

namespace youjun::enroll {

struct MigrantShare {
  std::string district_code, district_name;  // "" code for the whole city
  int64_t migrants = 0, in_public = 0;
  std::optional<double> share;  // nullopt when the district has no migrant children
};

// One row per district (by code, districts without schools included) and a last row for the city.
Result<std::vector<MigrantShare>> migrant_shares(store::Connection& db);

// {"districts": [{district_code (null for the city), district_name, migrants, in_public, share, meets}],
//  "below": districts under the minimum, "rules": [the minimum as cited]} — the CLI's and the API's answer.
nlohmann::json migrant_share_json(const std::vector<MigrantShare>& shares, const policy::Rule& min_share);

}  // namespace youjun::enroll
