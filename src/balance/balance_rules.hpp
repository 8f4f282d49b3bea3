#pragma once
// The policy rules a balance evaluation applies, read once from a profile for one year (a city's
// tightened CV limit applies from its `from` year, e.g. 绍兴 2025). Every rule keeps its citation so
// results can say why a school or county failed.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "balance/indicators.hpp"
#include "core/result.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {

struct BalanceRules {
  int year = 0;
  std::array<std::array<policy::Rule, kIndicatorCount>, 2> floors;  // [stage][indicator]
  policy::Rule min_met;           // resource.school_pass.min_indicators_met (6)
  policy::Rule others_min_ratio;  // resource.school_pass.others_min_ratio (0.85)
  std::array<policy::Rule, 2> cv_max;  // resource.cv.max.<stage>
  policy::Rule split_nine_year, split_twelve_year, split_complete_secondary;  // resource.split_weights.*
  policy::Rule teaching_point_below;                // resource.scope.exclude_teaching_points_below
  std::array<policy::Rule, 2> class_max;            // class_size.max.<stage>
  policy::Rule large_class, super_large_class;      // class_size.{large,super_large}.threshold
  policy::Rule school_size_primary, school_size_junior, school_size_nine_year, school_size_twelve_year;
  policy::Rule small_school;                        // small_school.threshold
  std::optional<policy::Rule> small_if_zero_entry;  // small_school.zero_entry_grade (绍兴 [extends])
  // standardization.rate.min (钦州 85 % from 2022, 001 二(十五); 绍兴 100 %, 004 三(八)): the share of a
  // county's schools that meet the standard, read here as compliant with the resource rule.
  std::optional<policy::Rule> standardization_min;

  double floor(Stage s, int i) const;
  // Every rule above, for the result's "rules" list.
  std::vector<const policy::Rule*> all() const;
};

Result<BalanceRules> balance_rules(const policy::Policy& policy, int year);

}  // namespace youjun::balance
