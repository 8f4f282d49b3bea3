#include "balance/balance_report.hpp"

#include <cmath>
#include <variant>

#include <fmt/format.h>

namespace youjun::balance {

double round6(double v) { return std::round(v * 1e6) / 1e6; }

namespace {

using nlohmann::json;

json rule_json(const policy::Rule& r) {
  return {{"key", r.key}, {"value", policy::format_value(r.value)}, {"cite", r.cite}, {"profile", r.profile},
          {"citation", r.citation()}};
}

json part_json(const SchoolRecord& r, const PartResult& p, const SchoolFlags& f, const BalanceRules& rules) {
  json values = json::object(), met = json::object(), failures = json::array();
  int stage = static_cast<int>(p.stage);
  for (int i = 0; i < kIndicatorCount; ++i) {
    const char* key = kIndicators[i].key;
    values[key] = round6(p.values[i]);
    met[key] = p.met[i];
    if (!p.met[i]) {
      double floor = rules.floor(p.stage, i);
      failures.push_back({{"key", key},
                          {"value", round6(p.values[i])},
                          {"floor", floor},
                          {"ratio", round6(p.values[i] / floor)},
                          {"name", kIndicators[i].zh},
                          {"unit", kIndicators[i].unit},
                          {"cite", rules.floors[stage][i].cite}});
    }
  }
  json j = {{"school_id", r.school_id},
            {"name", r.name},
            {"county", r.county},
            {"level", stage_key(p.stage)},
            {"school_level", kind_key(r.kind)},
            {"students", p.students},
            {"classes", p.classes},
            {"values", values},
            {"met", met},
            {"met_count", p.met_count},
            {"compliant", p.compliant},
            {"failures", failures}};
  if (r.kind == SchoolKind::NineYear || r.kind == SchoolKind::TwelveYear) j["shared_resource_share"] = round6(p.share);
  if (p.excluded) j["excluded"] = "教学点（在校生不足" + policy::format_value(rules.teaching_point_below.value) + "人），不计入差异系数";
  json size = {{"average", p.average_class ? json(round6(*p.average_class)) : json(nullptr)},
               {"largest", p.largest_class ? json(*p.largest_class) : json(nullptr)},
               {"limit", std::get<double>(rules.class_max[stage].value)},
               {"within_limit", p.class_size_ok},
               {"large", p.large_class},
               {"super_large", p.super_large_class}};
  j["class_size"] = size;
  j["school_size"] = {{"students", f.compulsory_students}, {"limit", f.size_limit}, {"large", f.large_school},
                      {"small", f.small_school}, {"zero_entry", f.zero_entry}};
  return j;
}

json county_json(const CountyResult& c, const BalanceRules& rules) {
  json cv = json::object(), mean = json::object(), failing = json::array();
  for (int i = 0; i < kIndicatorCount; ++i) {
    cv[kIndicators[i].key] = round6(c.cv[i]);
    mean[kIndicators[i].key] = round6(c.mean[i]);
    if (!c.cv_ok[i]) failing.push_back(kIndicators[i].key);
  }
  const auto& limit = rules.cv_max[static_cast<int>(c.stage)];
  return {{"county", c.county},
          {"level", stage_key(c.stage)},
          {"schools", c.schools},
          {"students", c.students},
          {"cv", cv},
          {"cv_limit", std::get<double>(limit.value)},
          {"cv_compare", limit.compare.empty() ? "<=" : limit.compare},
          {"cv_pass", c.cv_pass},
          {"cv_failing", failing},
          {"cv_cite", limit.cite},
          {"mean", mean},
          {"compliant_schools", c.compliant_schools},
          {"all_schools_compliant", c.compliant_schools == c.schools}};
}

}  // namespace

json evaluation_json(const std::vector<SchoolRecord>& records, const Evaluation& e, const BalanceRules& rules,
                     const std::string& profile) {
  json schools = json::array(), counties = json::array(), rule_list = json::array();
  size_t compliant = 0;
  for (const auto& p : e.parts) {
    schools.push_back(part_json(records[p.school], p, e.flags[p.school], rules));
    if (p.compliant) ++compliant;
  }
  size_t counties_pass = 0;
  for (const auto& c : e.counties) {
    counties.push_back(county_json(c, rules));
    if (c.cv_pass && c.compliant_schools == c.schools) ++counties_pass;
  }
  for (const auto* r : rules.all()) rule_list.push_back(rule_json(*r));
  return {{"profile", profile},
          {"year", rules.year},
          {"schools", schools},
          {"counties", counties},
          {"summary",
           {{"school_records", records.size()},
            {"parts", e.parts.size()},
            {"compliant_parts", compliant},
            {"county_levels", e.counties.size()},
            {"county_levels_passing", counties_pass}}},
          {"rules", rule_list}};
}

std::string evaluation_text(const Evaluation& e, const BalanceRules& rules) {
  std::string out = "区县\t学段\t学校\t达标学校";
  for (const auto& ind : kIndicators) out += std::string("\t") + ind.key;
  out += "\t差异系数上限\t结论\n";
  for (const auto& c : e.counties) {
    out += fmt::format("{}\t{}\t{}\t{}", c.county, stage_zh(c.stage), c.schools, c.compliant_schools);
    for (int i = 0; i < kIndicatorCount; ++i) out += fmt::format("\t{:.4f}{}", c.cv[i], c.cv_ok[i] ? "" : "✗");
    const auto& limit = rules.cv_max[static_cast<int>(c.stage)];
    bool pass = c.cv_pass && c.compliant_schools == c.schools;
    out += fmt::format("\t{} {}\t{}\n", limit.compare.empty() ? "<=" : limit.compare, policy::format_value(limit.value),
                       pass ? "达标" : c.cv_pass ? "差异系数达标，有学校未达标" : "差异系数未达标");
  }
  return out;
}

}  // namespace youjun::balance
