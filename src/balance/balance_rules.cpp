#include "balance/balance_rules.hpp"

#include <variant>

namespace youjun::balance {

double BalanceRules::floor(Stage s, int i) const {
  return std::get<double>(floors[static_cast<int>(s)][i].value);
}

std::vector<const policy::Rule*> BalanceRules::all() const {
  std::vector<const policy::Rule*> out;
  for (const auto& stage : floors)
    for (const auto& r : stage) out.push_back(&r);
  for (const auto* r : {&min_met, &others_min_ratio, &cv_max[0], &cv_max[1], &split_nine_year, &split_twelve_year, &split_complete_secondary,
                        &teaching_point_below, &class_max[0], &class_max[1], &large_class, &super_large_class,
                        &school_size_primary, &school_size_junior, &school_size_nine_year, &school_size_twelve_year,
                        &small_school})
    out.push_back(r);
  if (small_if_zero_entry) out.push_back(&*small_if_zero_entry);
  if (standardization_min) out.push_back(&*standardization_min);
  return out;
}

namespace {

// A rule that must hold a number (or, for `list`, a list of numbers) in `year`.
Status take(const policy::Policy& p, const std::string& key, int year, policy::Rule& out, bool list = false) {
  auto r = p.rule_at(key, year);
  if (!r) return make_error("策略 " + p.name() + " 缺少规则 " + key + "：" + r.error().message);
  bool ok = list ? std::holds_alternative<std::vector<double>>(r->value) : std::holds_alternative<double>(r->value);
  if (!ok) return make_error("策略规则 " + key + " 应为" + (list ? "数值数组" : "数值") + "（" + r->file + "）");
  out = *r;
  return ok_status();
}

}  // namespace

Result<BalanceRules> balance_rules(const policy::Policy& p, int year) {
  BalanceRules b;
  b.year = year;
  for (Stage s : {Stage::Primary, Stage::Junior}) {
    int si = static_cast<int>(s);
    for (int i = 0; i < kIndicatorCount; ++i) {
      std::string key = std::string("resource.") + kIndicators[i].rule_name + ".min." + stage_key(s);
      if (auto st = take(p, key, year, b.floors[si][i]); !st) return st.error();
    }
    if (auto st = take(p, std::string("resource.cv.max.") + stage_key(s), year, b.cv_max[si]); !st) return st.error();
    if (auto st = take(p, std::string("class_size.max.") + stage_key(s), year, b.class_max[si]); !st) return st.error();
  }
  const std::pair<const char*, policy::Rule*> numbers[] = {
      {"resource.school_pass.min_indicators_met", &b.min_met},
      {"resource.school_pass.others_min_ratio", &b.others_min_ratio},
      {"resource.scope.exclude_teaching_points_below", &b.teaching_point_below},
      {"class_size.large.threshold", &b.large_class},
      {"class_size.super_large.threshold", &b.super_large_class},
      {"school_size.max.primary", &b.school_size_primary},
      {"school_size.max.junior", &b.school_size_junior},
      {"school_size.max.nine_year", &b.school_size_nine_year},
      {"school_size.max.twelve_year", &b.school_size_twelve_year},
      {"small_school.threshold", &b.small_school},
  };
  for (const auto& [key, rule] : numbers)
    if (auto st = take(p, key, year, *rule); !st) return st.error();
  if (auto st = take(p, "resource.split_weights.nine_year", year, b.split_nine_year, true); !st) return st.error();
  if (auto st = take(p, "resource.split_weights.twelve_year", year, b.split_twelve_year, true); !st) return st.error();
  if (auto st = take(p, "resource.split_weights.complete_middle", year, b.split_complete_secondary, true); !st)
    return st.error();
  if (std::get<std::vector<double>>(b.split_nine_year.value).size() != 2 ||
      std::get<std::vector<double>>(b.split_twelve_year.value).size() != 3 ||
      std::get<std::vector<double>>(b.split_complete_secondary.value).size() != 2)
    return make_error("策略规则 resource.split_weights.nine_year、complete_middle 应有 2 个权重，twelve_year 应有 3 个");
  if (p.has("small_school.zero_entry_grade")) {
    auto r = p.rule_at("small_school.zero_entry_grade", year);
    if (r && std::holds_alternative<bool>(r->value) && std::get<bool>(r->value)) b.small_if_zero_entry = *r;
  }
  if (p.has("standardization.rate.min")) {
    auto r = p.rule_at("standardization.rate.min", year);
    if (r && std::holds_alternative<double>(r->value)) b.standardization_min = *r;
  }
  return b;
}

}  // namespace youjun::balance
