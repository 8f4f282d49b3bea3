#pragma once
// School records for a balance evaluation from the database: schools, their districts (the county of
// the 差异系数) and the school_facts of one school year (issue 3's import tables). The same engine then
// runs on them as on a `--schools` file.
#include <string>
#include <vector>

#include "balance/evaluation.hpp"
#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::balance {

// School years that have facts, newest first ("2025-2026", …).
Result<std::vector<std::string>> fact_years(store::Connection& db);

// Every compulsory-level school with facts for `school_year` (senior-only schools are left out). One
// largest-class figure is stored per school, so it is used only for single-level schools; 一贯制 parts are
// judged on their average class. `district` limits the result to one district code ("" = all).
Result<std::vector<SchoolRecord>> records_from_facts(store::Connection& db, const std::string& school_year,
                                                     const std::string& district = "");

// The records of `school_year`, or of the newest school year with facts when it is "". `years` lists
// every school year with facts, newest first. An empty database gives an empty `school_year`.
struct FactsSelection {
  std::string school_year;
  std::vector<std::string> years;
  std::vector<SchoolRecord> records;
};
Result<FactsSelection> select_facts(store::Connection& db, const std::string& school_year);

// The year whose rules apply to the facts of a school year: 教育事业统计 counts schools in the autumn, so
// "2025-2026" is the state of 2025. 0 when the text does not start with a year.
int rules_year_of(const std::string& school_year);

}  // namespace youjun::balance
