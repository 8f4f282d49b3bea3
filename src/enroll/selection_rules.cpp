// The profile's selection rules applied to an applicants file (公民同招: tier and lottery only). Apart
// from enroll_files.cpp so the file readers need no policy code (the fuzz targets link them alone).
#include "enroll/enroll_files.hpp"

namespace youjun::enroll {

// Columns that would select applicants by anything but tier and lottery (考试、面试、成绩 …): the profile
// forbids them (enroll.selection.tier_and_lottery_only), so such a file is refused with the citation.
RowErrors forbidden_criteria(const io::Table& applicants, const policy::Policy& policy) {
  RowErrors errors;
  auto terms = policy.rule("enroll.selection.forbidden_columns");
  auto only = policy.rule("enroll.selection.tier_and_lottery_only");
  if (!terms || !only || !std::holds_alternative<std::string>(terms->value)) return errors;
  if (!std::holds_alternative<bool>(only->value) || !std::get<bool>(only->value)) return errors;
  for (const auto& column : selection_criteria_columns(applicants, std::get<std::string>(terms->value)))
    errors.push_back({applicants.file, 1, column,
                      "录取只看类别与摇号号码，不得以“" + column + "”等考试、面试、测评结果选拔（" + only->citation() +
                          "）：请删除此列"});
  return errors;
}

}  // namespace youjun::enroll
