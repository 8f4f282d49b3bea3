#pragma once
// The published admission as the workbook a 招生办 sends to schools (issue 7 §4): the admission list by
// school and place, the cutoffs per school and batch, who was not admitted, and what the result says of
// itself (profile, year, seed, the rules with their citations, how to verify). Chinese headers. Used by
// `youjun admit export` and GET /api/v1/admit/rounds/{id}/export.xlsx.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "io/table.hpp"

namespace youjun::admit {

struct AdmissionWorkbook {
  io::XlsxSheet list, cutoffs, rest, about;
  // The sheets to write: every one for the whole city; one school's list, cutoffs and notes otherwise.
  std::vector<io::XlsxSheet> sheets(bool one_school) const;
};

// From an `admit match` result JSON. `names`: hs_id → school name ("" where unknown); `school` "" = every
// school. An error when the result lacks its parts or the school is not in it.
Result<AdmissionWorkbook> admission_workbook(const nlohmann::json& result, const std::map<std::string, std::string>& names,
                                             const std::string& school);

}  // namespace youjun::admit
