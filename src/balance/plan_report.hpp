#pragma once
// The JSON and the Chinese text of `youjun balance plan` (docs/balance.md §达标规划).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "balance/plan.hpp"

namespace youjun::balance {

nlohmann::json plan_json(const std::vector<SchoolRecord>& records, const Evaluation& e, const Plan& plan,
                         const BalanceRules& rules, const UnitCosts& costs, const std::string& profile);
std::string plan_text(const std::vector<SchoolRecord>& records, const Evaluation& e, const Plan& plan);

}  // namespace youjun::balance
