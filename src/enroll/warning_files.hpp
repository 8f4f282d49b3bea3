#pragma once
// Reading the seat-warning inputs (学区预警, issue 6 §1). Every bad cell is reported
// (FILE:ROW:COLUMN: message) and nothing is forecast from files with errors.
//
//   cohorts   catchment_id,birth_year,children     children of the catchment born that year (户籍/居住)
//   housing   catchment_id,year,homes              homes delivered that year, not yet in the cohorts
//   seats     school_id,seats[,entry_year][,stage] first-grade (grade 1 / grade 7) seats; a row without
//                                                  entry_year or stage holds for every year or stage
//                                                  without a row of its own
#include <string>
#include <unordered_set>
#include <vector>

#include "core/row_error.hpp"
#include "enroll/seat_warning.hpp"
#include "core/result.hpp"
#include "enroll/catchments.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::enroll {

// `known`: every catchment id of the catchment file. A (catchment_id, birth_year) pair may appear once.
RowErrors read_cohorts(const io::Table& t, const std::unordered_set<std::string>& known, std::vector<CohortCount>& out);
// Several rows for one catchment and year add up (one row per housing project is fine).
RowErrors read_housing(const io::Table& t, const std::unordered_set<std::string>& known,
                       std::vector<HousingDelivery>& out);
// A (school_id, entry_year, stage) triple may appear once.
RowErrors read_seat_plans(const io::Table& t, std::vector<SeatPlan>& out);
// The catchments of `stage` ("" = all). A catchment without properties.stage takes `stage`; when that is
// "" too it is an error (row 0 of `file`) since its entry age is unknown.
std::vector<Catchment> catchments_for_stage(const CatchmentMap& map, const std::string& stage, const std::string& file,
                                            RowErrors& errors);

// The policy keys a warning applies, and the parameters read from them (an error names a missing key).
const std::vector<std::string>& warning_rule_keys();
Result<WarningParams> warning_params(const policy::Policy& policy, int first_entry_year, int years);

// Every school of every catchment needs seats for every forecast year; one error per school naming the
// catchment and the years without seats (reported against `seats_file`, row 0).
RowErrors check_seat_coverage(const std::vector<Catchment>& catchments, const SeatBook& book,
                              const WarningParams& params, const std::string& seats_file);

}  // namespace youjun::enroll
