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

}  // namespace youjun::balance
