#pragma once
// JSON pieces of a 五育 result shared by `youjun evaluate wuyu` and the 五育 routes.
#include <nlohmann/json.hpp>
#include <vector>

#include "evaluate/wuyu.hpp"

namespace youjun::evaluate {

// [{"key","label","weight"}] in the profile's order.
nlohmann::json wuyu_dimensions_json(const WuyuRules& rules);
// {"moral": 71, …}: one score per dimension.
nlohmann::json wuyu_scores_json(const WuyuRules& rules, const std::vector<double>& values);
// {"scope","students","index_mean","dimensions","levels"}; the caller names the group's key.
nlohmann::json wuyu_group_json(const WuyuRules& rules, const WuyuGroup& group);

}  // namespace youjun::evaluate
