#pragma once
// The seat-warning result (学区预警) as JSON and as a readable table (docs/enrollment.md §学区预警).
#include <nlohmann/json.hpp>
#include <string>

#include "enroll/seat_warning.hpp"

namespace youjun::enroll {

struct WarningSummary {
  size_t red = 0, amber = 0, green = 0, no_data = 0;  // schools by their worst year
};
WarningSummary summarize(const WarningResult& result);

// {"first_entry_year", "years", "summary", "schools": [...], "catchments": [...]}; the caller adds
// "rules" (the policy values applied) and anything about its inputs.
nlohmann::json warning_to_json(const WarningResult& result, const WarningParams& params);
// One line per school, red first, then amber, no data, green; each year as demand/seats and its light.
std::string warning_to_table(const WarningResult& result, const WarningParams& params);

}  // namespace youjun::enroll
