#pragma once
// The JSON of `youjun balance evaluate` (issue 4 §2; keys fixed by the issue, extra fields documented in
// docs/balance.md) and its Chinese text table.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "balance/evaluation.hpp"

namespace youjun::balance {

// Values and CVs are rounded to 6 decimals (inspection sheets show 2 to 4).
double round6(double v);

nlohmann::json evaluation_json(const std::vector<SchoolRecord>& records, const Evaluation& e, const BalanceRules& rules,
                               const std::string& profile);

// One line per county and level: schools, compliant, the 7 CVs, pass/fail.
std::string evaluation_text(const Evaluation& e, const BalanceRules& rules);

}  // namespace youjun::balance
