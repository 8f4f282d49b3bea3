#pragma once
// Reading the admission input files (issue 7). Every bad cell is reported (FILE:ROW:COLUMN: message)
// and nothing is computed from files with errors.
//
//   high schools   hs_id,name,plan,quality[,county]     (quality 1/0, 是/否)
//   juniors        js_id,name,county,graduates
//   students       student_id,js_id,total,<tie-break columns>,quota_eligible,<each batch's prefs column>[,county]
//   QUOTA.json     the output of `admit quota`: high_schools[].by_junior (and by_county for county batches)
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "admit/admit_rules.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"

namespace youjun::admit {

// `county_required`: the profile gives quotas only within a county, so each quality school needs one.
RowErrors read_high_schools(const io::Table& table, bool county_required, std::vector<HighSchool>& out);
RowErrors read_juniors(const io::Table& table, std::vector<JuniorSchool>& out);

// Fills the schools, groups and quota buckets of `p` from the high schools and QUOTA.json (errors name
// `quota_name` and the JSON path), then the students. `p.batches` must be set.
RowErrors read_admission_input(const io::Table& students, const std::vector<HighSchool>& high_schools,
                               const nlohmann::json& quota, const std::string& quota_name,
                               const AdmissionPolicy& rules, AdmissionProblem& p);

}  // namespace youjun::admit
