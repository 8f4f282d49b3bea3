// The demo city's seat-warning inputs (学区预警): children by birth year per catchment, new housing in
// some growing urban catchments, and first-grade seats per school. The shape follows what a Chinese
// bureau sees in 2026: births fell from 2017 on, so most catchments are green, while a catchment with
// new housing estates, a growing school or a school that stopped its intake turns amber or red.
#include <cmath>
#include <map>
#include <string>

#include "demo/catchments.hpp"
#include "demo/phases.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

namespace {

// China's births by year in 10,000s (国家统计局, rounded): only the shape of the demo cohorts.
const std::map<int, double> kNationalBirths = {{2011, 1604}, {2012, 1635}, {2013, 1640}, {2014, 1687},
                                               {2015, 1655}, {2016, 1786}, {2017, 1723}, {2018, 1523},
                                               {2019, 1465}, {2020, 1200}, {2021, 1062}, {2022, 956},
                                               {2023, 902},  {2024, 954}};
constexpr int kEntryAge[2] = {6, 12};  // of the demo's 六·三学制 city (the engine takes it from the profile)
// Birth years written per catchment: two before the latest intake's, five after it (the demo's 2025 intake
// plus the 2026–2030 intakes, so a forecast from any of those years has its three cohorts).
constexpr int kCohortsBefore = 2, kCohortsAfter = 5;
constexpr double kGrowingShare = 0.12;  // urban primary catchments with new housing estates

int first_grade_intake(const School& s, int stage) { return s.students[kLatest][stage_first_grade(stage) - 1]; }

}  // namespace

int first_grade_seats(const School& s, int stage) {
  size_t classes = s.class_sizes[kLatest][stage_first_grade(stage) - 1].size();
  return static_cast<int>(classes) * static_cast<int>(std::lround(s.class_target));
}

SeatWarningFiles seat_warning_files(const City& city, const std::vector<Catchment>& catchments) {
  SeatWarningFiles f;
  f.cohorts = "catchment_id,birth_year,children\n";
  f.housing = "catchment_id,year,homes\n";
  f.seats = "school_id,stage,seats\n";
  auto ids = catchment_ids(city, catchments);
  const int latest_intake = year_start(kLatest);
  std::map<std::pair<size_t, int>, bool> seated;  // (school, stage) already written
  for (size_t i = 0; i < catchments.size(); ++i) {
    const Catchment& c = catchments[i];
    Rng rng(city.seed, kStreamSeatWarning, i);
    // This year's intake of the catchment: its school's, or for a 多校划片 zone a fifth of its schools' mean.
    double base = 0, trend = 0;
    for (size_t k : c.schools) {
      base += first_grade_intake(city.schools[k], c.stage);
      trend += city.schools[k].trend;
    }
    base /= static_cast<double>(c.schools.size());
    trend /= static_cast<double>(c.schools.size());
    if (c.multi()) base *= 0.2;
    int base_birth = latest_intake - kEntryAge[c.stage];
    for (int b = base_birth - kCohortsBefore; b <= base_birth + kCohortsAfter; ++b) {
      double births = kNationalBirths.at(b) / kNationalBirths.at(base_birth);
      double growth = 1;  // (1 + trend)^(b − base_birth), multiplied out: no libm, same bytes everywhere
      for (int y = base_birth; y < b; ++y) growth *= 1 + trend;
      for (int y = b; y < base_birth; ++y) growth /= 1 + trend;
      long children = std::lround(base * births * growth * rng.uniform(0.95, 1.05));
      f.cohorts += ids[i] + "," + std::to_string(b) + "," + std::to_string(children) + "\n";
      ++f.cohort_rows;
    }
    bool urban = city.schools[c.schools[0]].locale == Locale::Urban;
    if (c.stage == kPrimary && !c.multi() && urban && rng.chance(kGrowingShare)) {
      for (int year = latest_intake; year <= latest_intake + 3; ++year) {
        if (!rng.chance(0.5)) continue;
        f.housing += ids[i] + "," + std::to_string(year) + "," + std::to_string(rng.range(8, 30) * 100) + "\n";
        ++f.housing_rows;
      }
    }
    for (size_t k : c.schools) {
      if (seated[{k, c.stage}]) continue;
      seated[{k, c.stage}] = true;
      const School& s = city.schools[k];
      f.seats += s.code + "," + (c.stage == kPrimary ? "primary" : "junior") + "," +
                 std::to_string(first_grade_seats(s, c.stage)) + "\n";
      ++f.seat_rows;
    }
  }
  return f;
}

}  // namespace youjun::demo
