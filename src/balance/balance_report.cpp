#include "balance/balance_report.hpp"

#include <cmath>
#include <variant>

#include <fmt/format.h>

#include "core/json_writer.hpp"

namespace youjun::balance {

double round6(double v) { return std::round(v * 1e6) / 1e6; }

namespace {

void rule_json(JsonWriter& w, const policy::Rule& r) {
  w.begin_object();
  w.key("key").value(r.key).key("value").value(policy::format_value(r.value)).key("cite").value(r.cite);
  w.key("profile").value(r.profile).key("citation").value(r.citation());
  w.end_object();
}

void optional_number(JsonWriter& w, const std::optional<double>& v) {
  if (v) w.value(round6(*v));
  else w.null();
}

void part_json(JsonWriter& w, const SchoolRecord& r, const PartResult& p, const SchoolFlags& f,
               const BalanceRules& rules) {
  int stage = static_cast<int>(p.stage);
  w.begin_object();
  w.key("school_id").value(r.school_id).key("name").value(r.name).key("county").value(r.county);
  w.key("level").value(stage_key(p.stage)).key("school_level").value(kind_key(r.kind));
  if (r.lon && r.lat) w.key("lon").value(*r.lon).key("lat").value(*r.lat);
  w.key("students").value(p.students).key("classes").value(p.classes);
  w.key("values").begin_object();
  for (int i = 0; i < kIndicatorCount; ++i) w.key(kIndicators[i].key).value(round6(p.values[i]));
  w.end_object();
  w.key("met").begin_object();
  for (int i = 0; i < kIndicatorCount; ++i) w.key(kIndicators[i].key).value(static_cast<bool>(p.met[i]));
  w.end_object();
  w.key("met_count").value(p.met_count).key("compliant").value(p.compliant);
  w.key("failures").begin_array();
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (p.met[i]) continue;
    double floor = rules.floor(p.stage, i);
    w.begin_object();
    w.key("key").value(kIndicators[i].key).key("value").value(round6(p.values[i])).key("floor").value(floor);
    w.key("ratio").value(round6(p.values[i] / floor)).key("name").value(kIndicators[i].zh);
    w.key("unit").value(kIndicators[i].unit).key("cite").value(rules.floors[stage][i].cite);
    w.end_object();
  }
  w.end_array();
  if (r.kind != SchoolKind::Primary && r.kind != SchoolKind::Junior) w.key("shared_resource_share").value(round6(p.share));
  if (p.excluded)
    w.key("excluded").value("教学点（在校生不足" + policy::format_value(rules.teaching_point_below.value) +
                            "人），不计入差异系数");
  w.key("class_size").begin_object();
  w.key("average");
  optional_number(w, p.average_class);
  w.key("largest");
  optional_number(w, p.largest_class ? std::optional<double>(static_cast<double>(*p.largest_class)) : std::nullopt);
  w.key("limit").value(std::get<double>(rules.class_max[stage].value)).key("within_limit").value(p.class_size_ok);
  w.key("large").value(p.large_class).key("super_large").value(p.super_large_class);
  w.end_object();
  w.key("school_size").begin_object();
  w.key("students").value(f.compulsory_students).key("limit").value(f.size_limit).key("large").value(f.large_school);
  w.key("small").value(f.small_school).key("zero_entry").value(f.zero_entry);
  w.end_object();
  w.end_object();
}

void county_json(JsonWriter& w, const CountyResult& c, const BalanceRules& rules) {
  const auto& limit = rules.cv_max[static_cast<int>(c.stage)];
  w.begin_object();
  w.key("county").value(c.county).key("level").value(stage_key(c.stage));
  w.key("schools").value(c.schools).key("students").value(c.students);
  w.key("cv").begin_object();
  for (int i = 0; i < kIndicatorCount; ++i) w.key(kIndicators[i].key).value(round6(c.cv[i]));
  w.end_object();
  w.key("cv_limit").value(std::get<double>(limit.value)).key("cv_compare").value(limit.compare.empty() ? "<=" : limit.compare);
  w.key("cv_pass").value(c.cv_pass);
  w.key("cv_failing").begin_array();
  for (int i = 0; i < kIndicatorCount; ++i)
    if (!c.cv_ok[i]) w.value(kIndicators[i].key);
  w.end_array();
  w.key("cv_cite").value(limit.cite);
  w.key("mean").begin_object();
  for (int i = 0; i < kIndicatorCount; ++i) w.key(kIndicators[i].key).value(round6(c.mean[i]));
  w.end_object();
  w.key("compliant_schools").value(c.compliant_schools).key("all_schools_compliant").value(c.compliant_schools == c.schools);
  double rate = c.schools ? static_cast<double>(c.compliant_schools) / static_cast<double>(c.schools) : 0;
  w.key("standardization_rate").value(round6(rate));
  if (rules.standardization_min) {
    const auto& m = *rules.standardization_min;
    w.key("standardization_min").value(std::get<double>(m.value));
    w.key("standardization_met").value(within(rate, m.compare.empty() ? ">=" : m.compare, std::get<double>(m.value)));
    w.key("standardization_cite").value(m.cite);
  }
  w.end_object();
}

}  // namespace

std::string evaluation_json(const std::vector<SchoolRecord>& records, const Evaluation& e, const BalanceRules& rules,
                            const std::string& profile) {
  JsonWriter w;
  w.reserve(e.parts.size() * 1400 + 4096);
  write_evaluation_json(w, records, e, rules, profile);
  return w.take();
}

void write_evaluation_json(JsonWriter& w, const std::vector<SchoolRecord>& records, const Evaluation& e,
                           const BalanceRules& rules, const std::string& profile) {
  w.begin_object();
  w.key("profile").value(profile).key("year").value(rules.year);
  size_t compliant = 0, counties_pass = 0;
  w.key("schools").begin_array();
  for (const auto& p : e.parts) {
    w.newline();
    part_json(w, records[p.school], p, e.flags[p.school], rules);
    compliant += p.compliant;
  }
  w.end_array().newline();
  w.key("counties").begin_array();
  for (const auto& c : e.counties) {
    w.newline();
    county_json(w, c, rules);
    counties_pass += c.cv_pass && c.compliant_schools == c.schools;
  }
  w.end_array().newline();
  w.key("summary").begin_object();
  w.key("school_records").value(records.size()).key("parts").value(e.parts.size());
  w.key("compliant_parts").value(compliant).key("county_levels").value(e.counties.size());
  w.key("county_levels_passing").value(counties_pass);
  w.end_object().newline();
  w.key("rules").begin_array();
  for (const auto* r : rules.all()) rule_json(w, *r);
  w.end_array();
  w.end_object().newline();
}

std::string evaluation_text(const Evaluation& e, const BalanceRules& rules) {
  std::string out = "区县\t学段\t学校\t达标学校";
  for (const auto& ind : kIndicators) out += std::string("\t") + ind.short_zh;
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
