#include "balance/plan_report.hpp"

#include <cmath>
#include <variant>

#include <fmt/format.h>

#include "balance/balance_report.hpp"
#include "policy/policy_report.hpp"

namespace youjun::balance {

namespace {

using nlohmann::json;

// What one unit of each indicator's amount is.
constexpr const char* kAmountUnit[kIndicatorCount] = {"人", "人", "人", "m²", "m²", "元", "间"};
constexpr const char* kAmountWhat[kIndicatorCount] = {"高于规定学历教师", "县级以上骨干教师", "体育、艺术专任教师",
                                                     "教学及辅助用房", "体育运动场馆", "教学仪器设备",
                                                     "网络多媒体教室"};

double yuan(double v) { return std::round(v); }

json part_ref(const std::vector<SchoolRecord>& records, const PartResult& p) {
  const auto& r = records[p.school];
  return {{"school_id", r.school_id}, {"name", r.name}, {"county", r.county}, {"level", stage_key(p.stage)}};
}

}  // namespace

json plan_json(const std::vector<SchoolRecord>& records, const Evaluation& e, const Plan& plan,
               const BalanceRules& rules, const UnitCosts& costs, const std::string& profile) {
  json schools = json::array();
  for (const auto& pp : plan.parts) {
    const auto& p = e.parts[pp.part];
    json j = part_ref(records, p);
    json adds = json::array();
    for (const auto& a : pp.additions) {
      json add = {{"key", kIndicators[a.indicator].key},
                  {"what", kAmountWhat[a.indicator]},
                  {"amount", a.amount},
                  {"unit", kAmountUnit[a.indicator]},
                  {"target", round6(a.target)},
                  {"value_before", round6(p.values[a.indicator])},
                  {"value_after", round6(a.value_after)},
                  {"cost_yuan", yuan(a.cost)}};
      if (a.school_amount != a.amount) add["school_amount"] = round6(a.school_amount);
      adds.push_back(add);
    }
    j["met_count_before"] = p.met_count;
    j["additions"] = adds;
    j["left_below_floor"] = pp.left_below_floor ? json(kIndicators[*pp.left_below_floor].key) : json(nullptr);
    j["cost_yuan"] = yuan(pp.cost);
    j["compliant_after"] = pp.compliant_after;
    schools.push_back(j);
  }
  json counties = json::array();
  for (const auto& cp : plan.counties) {
    const auto& c = e.counties[cp.county];
    json before = json::object(), mid = json::object(), after = json::object(), pullers = json::object();
    for (int i = 0; i < kIndicatorCount; ++i) {
      before[kIndicators[i].key] = round6(c.cv[i]);
      mid[kIndicators[i].key] = round6(cp.cv_after_school_plans[i]);
      after[kIndicators[i].key] = round6(cp.cv_after[i]);
    }
    for (size_t f = 0; f < cp.failing_before.size(); ++f) {
      json list = json::array();
      for (const auto& pl : cp.pullers[f]) {
        json j = part_ref(records, e.parts[pl.part]);
        j["value"] = round6(pl.value);
        j["students"] = e.parts[pl.part].students;
        j["variance_share"] = round6(pl.variance_share);
        j["side"] = pl.below_mean ? "below_mean" : "above_mean";
        list.push_back(j);
      }
      pullers[kIndicators[cp.failing_before[f]].key] = list;
    }
    json raises = json::array();
    for (const auto& r : cp.raises) {
      json adds = json::array();
      for (const auto& [part, amount] : r.additions) {
        json j = part_ref(records, e.parts[part]);
        j["amount"] = amount;
        j["unit"] = kAmountUnit[r.indicator];
        adds.push_back(j);
      }
      raises.push_back({{"key", kIndicators[r.indicator].key},
                        {"raise_to", round6(r.level)},
                        {"schools", adds},
                        {"cost_yuan", yuan(r.cost)},
                        {"cv_after", round6(r.cv_after)}});
    }
    const auto& limit = rules.cv_max[static_cast<int>(c.stage)];
    counties.push_back({{"county", c.county},
                        {"level", stage_key(c.stage)},
                        {"cv_limit", std::get<double>(limit.value)},
                        {"cv_compare", limit.compare.empty() ? "<=" : limit.compare},
                        {"cv_before", before},
                        {"cv_after_school_plans", mid},
                        {"pullers", pullers},
                        {"raises", raises},
                        {"cv_after", after},
                        {"cv_pass_after", cp.pass_after},
                        {"cost_yuan", yuan(cp.cost)}});
  }
  json cost_rules = json::array();
  for (const auto& r : costs.rules) cost_rules.push_back(policy::cited_rule_json(r));
  json rule_list = json::array();
  for (const auto* r : rules.all()) rule_list.push_back(policy::cited_rule_json(*r));
  return {{"profile", profile},
          {"year", rules.year},
          {"schools", schools},
          {"counties", counties},
          {"total_cost_yuan", yuan(plan.cost)},
          {"unit_costs", cost_rules},
          {"rules", rule_list}};
}

std::string plan_text(const std::vector<SchoolRecord>& records, const Evaluation& e, const Plan& plan) {
  std::string out;
  for (const auto& pp : plan.parts) {
    const auto& p = e.parts[pp.part];
    const auto& r = records[p.school];
    out += fmt::format("{}\t{}（{}）\t{}", r.county, r.name, stage_zh(p.stage), pp.compliant_after ? "可达标" : "仍未达标");
    for (const auto& a : pp.additions)
      out += fmt::format("\t{} +{:g}{}", kAmountWhat[a.indicator], a.amount, kAmountUnit[a.indicator]);
    out += fmt::format("\t约 {:.1f} 万元\n", pp.cost / 10000);
  }
  for (const auto& cp : plan.counties) {
    const auto& c = e.counties[cp.county];
    out += fmt::format("{}\t{}\t差异系数", c.county, stage_zh(c.stage));
    for (int i : cp.failing_before) out += fmt::format("\t{} {:.4f}→{:.4f}", kIndicators[i].short_zh, c.cv[i], cp.cv_after[i]);
    for (const auto& rs : cp.raises)
      out += fmt::format("\t{}：{} 所学校提到 {:.2f}", kIndicators[rs.indicator].short_zh, rs.additions.size(), rs.level);
    out += fmt::format("\t{}\t约 {:.1f} 万元\n", cp.pass_after ? "规划后达标" : "规划后仍未达标", cp.cost / 10000);
  }
  out += fmt::format("合计约 {:.1f} 万元\n", plan.cost / 10000);
  return out;
}

}  // namespace youjun::balance
