#pragma once
// Reading the eligibility inputs (issue 6 §5). Every bad cell is reported (FILE:ROW:COLUMN: message).
//
//   applications  applicant_id,school_id[,household_id,home_id,hukou_in_catchment,owns_home_in_catchment,
//                 rents_in_catchment,residence_permit,talent_housing,migrant,migrant_documents]
//                 facts are 是/否 (or 1/0, true/false; empty = 否); migrant_documents lists the documents
//                 handed in, separated by |; owns_home_in_catchment = 是 needs home_id and household_id
//   home history  home_id,household_id,year[,applicant_id]   earlier uses of homes for enrollment
#include <vector>

#include "core/row_error.hpp"
#include "enroll/eligibility.hpp"
#include "io/table.hpp"

namespace youjun::enroll {

RowErrors read_applications(const io::Table& t, std::vector<Application>& out);
RowErrors read_home_history(const io::Table& t, std::vector<HomeUse>& out);

}  // namespace youjun::enroll
