#include "evaluate/wuyu_json.hpp"

namespace youjun::evaluate {

nlohmann::json wuyu_dimensions_json(const WuyuRules& rules) {
  nlohmann::json dims = nlohmann::json::array();
  for (const auto& d : rules.dimensions) dims.push_back({{"key", d.key}, {"label", d.label}, {"weight", d.weight}});
  return dims;
}

nlohmann::json wuyu_scores_json(const WuyuRules& rules, const std::vector<double>& values) {
  nlohmann::json j = nlohmann::json::object();
  for (size_t d = 0; d < rules.dimensions.size() && d < values.size(); ++d) j[rules.dimensions[d].key] = values[d];
  return j;
}

nlohmann::json wuyu_group_json(const WuyuRules& rules, const WuyuGroup& g) {
  nlohmann::json levels = nlohmann::json::object();
  for (int l = 0; l < 4; ++l) levels[kGradeNames[l]] = g.levels[l];
  return {{"scope", g.scope}, {"students", g.students}, {"index_mean", g.index_mean},
          {"dimensions", wuyu_scores_json(rules, g.dimension_means)}, {"levels", levels}};
}

}  // namespace youjun::evaluate
