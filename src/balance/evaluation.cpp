#include "balance/evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <variant>

namespace youjun::balance {

const char* kind_key(SchoolKind k) {
  switch (k) {
    case SchoolKind::Primary: return "primary";
    case SchoolKind::Junior: return "junior";
    case SchoolKind::NineYear: return "nine_year";
    case SchoolKind::TwelveYear: return "twelve_year";
    case SchoolKind::CompleteSecondary: return "complete_secondary";
  }
  return "";
}

bool has_stage(SchoolKind k, Stage s) {
  if (k == SchoolKind::Primary) return s == Stage::Primary;
  if (k == SchoolKind::Junior || k == SchoolKind::CompleteSecondary) return s == Stage::Junior;
  return true;
}

namespace {

double num(const policy::Rule& r) { return std::get<double>(r.value); }
const std::vector<double>& list(const policy::Rule& r) { return std::get<std::vector<double>>(r.value); }

const LevelCounts& counts(const SchoolRecord& r, Stage s) { return s == Stage::Primary ? r.primary : r.junior; }

void judge_class_size(PartResult& p, const BalanceRules& rules) {
  if (p.classes > 0) p.average_class = static_cast<double>(p.students) / static_cast<double>(p.classes);
  std::optional<double> basis = p.largest_class ? std::optional<double>(static_cast<double>(*p.largest_class))
                                                : p.average_class;
  if (!basis) return;
  const auto& max = rules.class_max[static_cast<int>(p.stage)];
  p.class_size_ok = within(*basis, max.compare, num(max));
  p.large_class = within(*basis, rules.large_class.compare, num(rules.large_class));
  p.super_large_class = within(*basis, rules.super_large_class.compare, num(rules.super_large_class));
}

SchoolFlags judge_school(const SchoolRecord& r, const BalanceRules& rules) {
  SchoolFlags f;
  if (has_stage(r.kind, Stage::Primary)) f.compulsory_students += r.primary.students;
  if (has_stage(r.kind, Stage::Junior)) f.compulsory_students += r.junior.students;
  // 完全中学: its junior part is held to the junior limit (the 高中部 is not 义务教育).
  const policy::Rule& size = r.kind == SchoolKind::Primary    ? rules.school_size_primary
                             : r.kind == SchoolKind::NineYear ? rules.school_size_nine_year
                             : r.kind == SchoolKind::TwelveYear ? rules.school_size_twelve_year
                                                                : rules.school_size_junior;
  f.size_limit = num(size);
  f.large_school = !within(static_cast<double>(f.compulsory_students), size.compare, f.size_limit);
  f.small_school = within(static_cast<double>(f.compulsory_students), rules.small_school.compare, num(rules.small_school));
  f.zero_entry = r.entry_grade_students && *r.entry_grade_students == 0;
  if (rules.small_if_zero_entry && f.zero_entry) f.small_school = true;
  return f;
}

}  // namespace

std::array<double, 2> shared_resource_shares(const SchoolRecord& r, const BalanceRules& rules) {
  switch (r.kind) {
    case SchoolKind::Primary: return {1, 0};
    case SchoolKind::Junior: return {0, 1};
    case SchoolKind::NineYear: {
      const auto& w = list(rules.split_nine_year);
      double p = w[0] * r.primary.students, j = w[1] * r.junior.students;
      return {p / (p + j), j / (p + j)};
    }
    case SchoolKind::TwelveYear: {
      const auto& w = list(rules.split_twelve_year);
      double p = w[0] * r.primary.students, j = w[1] * r.junior.students, s = w[2] * r.senior_students;
      return {p / (p + j + s), j / (p + j + s)};
    }
    case SchoolKind::CompleteSecondary: {
      const auto& w = list(rules.split_complete_secondary);
      double j = w[0] * r.junior.students, s = w[1] * r.senior_students;
      return {0, j / (j + s)};
    }
  }
  return {0, 0};
}

bool judge_part(const std::array<double, kIndicatorCount>& values, Stage stage, const BalanceRules& rules,
                std::array<bool, kIndicatorCount>& met, int& met_count) {
  met_count = 0;
  bool others_ok = true;
  double ratio = num(rules.others_min_ratio);
  for (int i = 0; i < kIndicatorCount; ++i) {
    double floor = rules.floor(stage, i);
    met[i] = at_least(values[i], floor);
    if (met[i]) ++met_count;
    else if (!at_least(values[i], ratio * floor)) others_ok = false;  // 余项不能低于要求的85%
  }
  return met_count >= num(rules.min_met) && others_ok;
}

double weighted_cv(const std::vector<double>& values, const std::vector<double>& weights, double* mean_out) {
  double n = 0, sum = 0;
  for (size_t i = 0; i < values.size(); ++i) n += weights[i], sum += weights[i] * values[i];
  double mean = n > 0 ? sum / n : 0;
  if (mean_out) *mean_out = mean;
  if (n <= 0 || mean == 0) return 0;
  double var = 0;
  for (size_t i = 0; i < values.size(); ++i) var += weights[i] * (values[i] - mean) * (values[i] - mean);
  return std::sqrt(var / n) / mean;
}

Evaluation evaluate(const std::vector<SchoolRecord>& records, const BalanceRules& rules) {
  Evaluation e;
  e.parts.reserve(records.size() + records.size() / 4);
  e.flags.reserve(records.size());
  double teaching_point_below = num(rules.teaching_point_below);
  for (size_t k = 0; k < records.size(); ++k) {
    const auto& r = records[k];
    auto shares = shared_resource_shares(r, rules);
    for (Stage s : {Stage::Primary, Stage::Junior}) {
      const LevelCounts& c = counts(r, s);
      // A level without pupils (a new 九年一贯制 school whose junior grades have not started) has no
      // indicators; its weight in the split is zero too. Files cannot have one (read_school_records).
      if (!has_stage(r.kind, s) || c.students <= 0) continue;
      PartResult p;
      p.school = k;
      p.stage = s;
      p.students = c.students;
      p.classes = c.classes;
      p.share = shares[static_cast<int>(s)];
      p.amounts = {static_cast<double>(c.teachers_above_degree), static_cast<double>(c.backbone_teachers),
                   static_cast<double>(c.pe_art_teachers),        r.teaching_area_m2 * p.share,
                   r.sports_area_m2 * p.share,                    r.equipment_value_yuan * p.share,
                   r.multimedia_rooms * p.share};
      p.values = indicator_values(p.amounts, static_cast<double>(p.students));
      p.compliant = judge_part(p.values, s, rules, p.met, p.met_count);
      p.excluded = r.teaching_point && p.students < teaching_point_below;
      p.largest_class = c.largest_class;
      judge_class_size(p, rules);
      e.parts.push_back(p);
    }
    e.flags.push_back(judge_school(r, rules));
  }

  // County statistics, by (county, stage).
  std::map<std::pair<std::string, int>, std::vector<const PartResult*>> groups;
  for (const auto& p : e.parts)
    if (!p.excluded) groups[{records[p.school].county, static_cast<int>(p.stage)}].push_back(&p);
  for (const auto& [key, parts] : groups) {
    CountyResult c;
    c.county = key.first;
    c.stage = static_cast<Stage>(key.second);
    c.schools = parts.size();
    std::vector<double> weights, values(parts.size());
    for (const auto* p : parts) {
      weights.push_back(static_cast<double>(p->students));
      c.students += p->students;
      if (p->compliant) ++c.compliant_schools;
    }
    const auto& limit = rules.cv_max[key.second];
    for (int i = 0; i < kIndicatorCount; ++i) {
      for (size_t j = 0; j < parts.size(); ++j) values[j] = parts[j]->values[i];
      c.cv[i] = weighted_cv(values, weights, &c.mean[i]);
      c.cv_ok[i] = within(c.cv[i], limit.compare, num(limit));
      if (!c.cv_ok[i]) c.cv_pass = false;
    }
    e.counties.push_back(c);
  }
  return e;
}

}  // namespace youjun::balance
