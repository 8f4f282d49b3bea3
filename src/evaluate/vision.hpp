#pragma once
// 近视 tracking from school vision screenings (issue 8 §2): each screening classified by the profile's
// screening definition (筛查性近视: either eye with uncorrected distance vision below 5.0 and a spherical
// equivalent at or below −0.50 D, or wearing 角膜塑形镜), then 近视率 and 视力不良率 per grade, school,
// district and year, the year-on-year change against the profile's target, the schools furthest behind, and
// the cohort view (the same children in consecutive years), so that a change of cohort mix cannot hide a trend.
//
// Screenings: student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,spherical_equivalent_right
// (vision in 五分记录 3.0–5.3, SE in dioptres); optional year (default: the date's year), grade, school_id,
// district, ortho_k (1 = wears 角膜塑形镜).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/row_error.hpp"
#include "evaluate/fitness_tables.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {

struct VisionRules {
  Milli uncorrected_below = 0;  // 5.0 → 5000
  Milli se_at_most = 0;         // −0.50 → −500
  bool ortho_k_counts = true;
  Milli annual_drop = 0;        // percentage points × 1000 (0.5 → 500)
  std::vector<std::string> keys;
};
Result<VisionRules> vision_rules(const policy::Policy& policy, int year);

// poor_vision: an eye below 5.0 but not myopia by the definition (SE above the cut, or not measured).
enum class VisionStatus : uint8_t { normal, poor_vision, myopia };

struct Screening {
  uint32_t row = 0;
  int year = 0;
  int grade = 0;  // 0 when the file has no grade
  VisionStatus status = VisionStatus::normal;
  bool below = false;        // an eye's uncorrected vision below the cut: 视力不良 (also with myopia)
  bool unconfirmed = false;  // an eye below 5.0 without its SE: cannot tell myopia from other causes
};

struct VisionColumns {
  int student_id = -1, date = -1, left = -1, right = -1, se_left = -1, se_right = -1;
  int year = -1, grade = -1, school = -1, district = -1, ortho_k = -1;
};

RowErrors read_screenings(const io::Table& table, const VisionRules& rules, VisionColumns& columns, std::vector<Screening>& out);

// A screenings file read with the profile's definition, and the rules whose target applies: the one in force in
// `year`, or in the latest screening year when `year` is 0 (铜陵's 1 point applies 2021–2023). Bad rows go to
// `errors` (then the screenings are empty); a profile problem is the Error.
struct VisionInput {
  VisionRules rules;
  VisionColumns columns;
  std::vector<Screening> screenings;
  int year = 0;  // the year whose target applies
};
Result<VisionInput> read_vision(const io::Table& table, const policy::Policy& policy, int year, RowErrors& errors);

struct VisionRate {
  std::string scope, key;  // scope all|district|school|grade
  int year = 0;
  size_t screened = 0, myopia = 0, poor_vision = 0, unconfirmed = 0;  // poor_vision: 视力不良 (any eye below the cut)
  double myopia_rate() const { return screened ? double(myopia) / double(screened) : 0; }
  double poor_vision_rate() const { return screened ? double(poor_vision) / double(screened) : 0; }
};

struct VisionChange {
  std::string scope, key;
  int from_year = 0, to_year = 0;
  double from_rate = 0, to_rate = 0;
  double change_points = 0;    // (to − from) × 100
  bool target_met = false;     // change ≤ −annual_drop
  // With a grade column: the change at the later year's grade mix, Σ_g n_g,to (r_g,to − r_g,from) / Σ n_g,to
  // over the grades screened in both years, so that a new grade 1 or a missing graduating class does not
  // move the figure; nullopt without grades.
  std::optional<double> same_grade_mix_change_points;
};

// The same children in two consecutive years: students screened in both, by their grade in the later year
// (grade 0 = all of them).
struct CohortChange {
  int grade = 0;
  int from_year = 0, to_year = 0;
  size_t students = 0, myopia_before = 0, myopia_after = 0;
};

struct VisionReport {
  std::vector<VisionRate> rates;
  std::vector<VisionChange> changes;   // every scope key with consecutive years
  std::vector<VisionChange> behind;    // schools, the latest change worst first (at most 10)
  std::vector<CohortChange> cohorts;
};

VisionReport vision_report(const io::Table& table, const VisionColumns& columns, const VisionRules& rules,
                           const std::vector<Screening>& screenings);

}  // namespace youjun::evaluate
