#pragma once
// The JSON of `youjun balance evaluate` (issue 4 §2; keys fixed by the issue, extra fields documented in
// docs/balance.md) and its Chinese text table.
#include <string>
#include <vector>

#include "balance/evaluation.hpp"
#include "core/json_writer.hpp"

namespace youjun::balance {

// Values and CVs are rounded to 6 decimals (inspection sheets show 2 to 4).
double round6(double v);

// Written directly (core/json_writer.hpp), one school part per line: 20,000 schools in tens of milliseconds.
std::string evaluation_json(const std::vector<SchoolRecord>& records, const Evaluation& e, const BalanceRules& rules,
                            const std::string& profile);
// The same into a writer (one with a sink streams it to a file).
void write_evaluation_json(JsonWriter& w, const std::vector<SchoolRecord>& records, const Evaluation& e,
                           const BalanceRules& rules, const std::string& profile);

// One line per county and level: schools, compliant, the 7 CVs, pass/fail.
std::string evaluation_text(const Evaluation& e, const BalanceRules& rules);

}  // namespace youjun::balance
