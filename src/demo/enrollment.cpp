// Students per grade and their classes for both school years. Each cohort keeps its size from one
// year to the next (± a few transfers), so grade g in 2024-2025 is grade g+1 in 2025-2026.
#include <algorithm>
#include <cmath>

#include "demo/phases.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

namespace {

constexpr int kFirstCohort = 2012;  // the oldest cohort in grade 12 of 2024-2025 entered grade 10 in 2022
constexpr int kLastCohort = 2025;

std::vector<int> split_into_classes(int n, double target, int oversized) {
  std::vector<int> sizes;
  if (n <= 0) return sizes;
  if (oversized > 0 && n >= oversized) {
    // A crowded grade: classes of about `oversized` pupils.
    int k = std::max(1, static_cast<int>(std::lround(static_cast<double>(n) / oversized)));
    int largest = (n + k - 1) / k;
    if (largest >= 56 && largest <= 70) {
      for (int i = 0; i < k; ++i) sizes.push_back(n / k + (i < n % k ? 1 : 0));
      return sizes;
    }
    // Otherwise one crowded class and normal ones for the rest.
    sizes.push_back(oversized);
    n -= oversized;
    if (n == 0) return sizes;
  }
  int k = std::max(1, static_cast<int>(std::ceil(n / target - 1e-9)));
  for (int i = 0; i < k; ++i) sizes.push_back(n / k + (i < n % k ? 1 : 0));
  return sizes;
}

void fill_school(City& city, School& s) {
  Rng rng(city.seed, kStreamEnrollment, std::stoull(s.code));
  // cohort[stage][entry year]: pupils entering the stage's first grade that year.
  double cohort[3][kLastCohort - kFirstCohort + 1] = {};
  for (int stage = 0; stage < 3; ++stage) {
    for (int e = kFirstCohort; e <= kLastCohort; ++e) {
      double growth = 1;
      for (int y = e; y < kLastCohort; ++y) growth /= (1 + s.trend);
      double noise = rng.uniform(0.9, 1.1);
      cohort[stage][e - kFirstCohort] = s.intake[stage] * city.size_factor * growth * noise;
    }
  }
  for (int y = 0; y < kYears; ++y) {
    int start = year_start(y);
    for (int g = 1; g <= kGrades; ++g) {
      int stage = stage_of_grade(g);
      double transfer = rng.uniform(-0.02, 0.02);
      if (!has_stage(s.level, stage)) continue;
      int entry = start - (g - stage_first_grade(stage));
      double x = cohort[stage][entry - kFirstCohort] * (1 + transfer);
      int n = static_cast<int>(std::floor(x + 0.5));
      if (s.closing && g == 1 && y == kLatest) n = 0;
      s.students[y][g - 1] = std::max(0, n);
    }
  }
  // A crowded school has its crowded classes in its biggest grade.
  if (s.oversized_size > 0) {
    int best = 0;
    for (int g = 1; g <= 9; ++g)
      if (s.students[kLatest][g - 1] > (best ? s.students[kLatest][best - 1] : 0)) best = g;
    if (best && s.students[kLatest][best - 1] >= s.oversized_size) s.oversized_grade = best;
    else s.oversized_size = 0;
  }
  for (int y = 0; y < kYears; ++y) {
    FactsRecord& f = s.facts[y];
    f = FactsRecord{};
    for (int g = 1; g <= kGrades; ++g) {
      int n = s.students[y][g - 1];
      auto sizes = split_into_classes(n, s.class_target, g == s.oversized_grade ? s.oversized_size : 0);
      f.students[g - 1] = n;
      f.classes[stage_of_grade(g)] += static_cast<int>(sizes.size());
      for (int c : sizes) f.largest_class = std::max(f.largest_class, c);
      s.class_sizes[y][g - 1] = std::move(sizes);
    }
  }
}

}  // namespace

void build_enrollment(City& city) {
  for (auto& s : city.schools) fill_school(city, s);
}

}  // namespace youjun::demo
