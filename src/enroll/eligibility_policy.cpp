#include "enroll/eligibility_policy.hpp"

#include <algorithm>

#include "enroll/table_cells.hpp"

namespace youjun::enroll {

namespace {

const std::string kTierPrefix = "enroll.eligibility.tier.";

// The profile's tier rules "名称: 条件", ascending.
Result<std::vector<TierRule>> tier_rules(const policy::Policy& p, std::vector<std::string>& keys) {
  std::vector<TierRule> tiers;
  for (const auto& key : p.keys(kTierPrefix)) {
    auto rule = p.rule(key);
    std::string number = key.substr(kTierPrefix.size());
    const std::string* text = rule ? std::get_if<std::string>(&rule->value) : nullptr;
    size_t colon = text ? text->find(':') : std::string::npos;
    bool numeric = !number.empty() && number.size() < 5 && std::all_of(number.begin(), number.end(), ::isdigit);
    if (!text || colon == std::string::npos || !numeric)
      return make_error("策略 " + p.name() + " 的 " + key + " 应为文本“名称: 条件”，键名以类别号结尾");
    auto condition = parse_tier_condition(text->substr(colon + 1));
    if (!condition) return make_error("策略 " + p.name() + " 的 " + key + "：" + condition.error().message);
    std::string name = text->substr(0, colon);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    tiers.push_back({std::stoi(number), name, rule->citation(), std::move(*condition)});
    keys.push_back(key);
  }
  std::sort(tiers.begin(), tiers.end(), [](const auto& a, const auto& b) { return a.tier < b.tier; });
  if (tiers.empty()) return make_error("策略 " + p.name() + " 没有类别规则 " + kTierPrefix + "*");
  return tiers;
}

}  // namespace

Result<EligibilityParams> eligibility_params(const policy::Policy& p, int year, std::vector<std::string>& keys) {
  EligibilityParams params;
  params.year = year;
  auto tiers = tier_rules(p, keys);
  if (!tiers) return tiers.error();
  params.tiers = std::move(*tiers);
  if (auto docs = p.rule("enroll.eligibility.migrant_documents"); docs && std::holds_alternative<std::string>(docs->value)) {
    split_on(std::get<std::string>(docs->value), '|', [&](std::string_view doc) { params.migrant_documents.emplace_back(doc); });
    params.documents_citation = docs->citation();
    keys.push_back(docs->key);
  }
  // The one-household rule exists only where a profile sets it (002 金华); without it no home is checked.
  if (auto years = p.rule("enroll.housing.one_household_years"); years && std::holds_alternative<double>(years->value)) {
    params.one_household_years = static_cast<int>(std::get<double>(years->value));
    params.housing_citation = years->citation();
    keys.push_back(years->key);
  }
  return params;
}

nlohmann::json eligibility_json(const EligibilityResult& r) {
  nlohmann::json flags = nlohmann::json::array();
  for (const auto& f : r.flags) flags.push_back({{"kind", f.kind}, {"message", f.message}});
  return {{"tier", r.tier ? nlohmann::json(*r.tier) : nullptr}, {"tier_name", r.tier_name}, {"derivation", r.derivation}, {"flags", flags}};
}

}  // namespace youjun::enroll
