#pragma once
// Aggregates of scored fitness records per city, district, school and class (and per year when the file
// has a year column): 合格率 (及格 and above), 优良率 (良好 and above), mean 学年总分, counts per level, and
// per item the mean points and the share per level, against the profile's targets (宜昌 95 % / 60 %).
#include <array>
#include <map>
#include <string>
#include <vector>

#include "evaluate/fitness.hpp"

namespace youjun::evaluate {

struct FitnessAggregate {
  std::string scope;  // "all", "district", "school", "class"
  std::string key;    // district / school_id / "school_id/class_id"; "" for all
  std::string year;   // "" when the file has no year column
  size_t students = 0, complete = 0;
  std::array<size_t, 4> levels{};
  Milli total_sum = 0;
  std::array<size_t, kMaxItems> item_tested{};
  std::array<Milli, kMaxItems> item_points_sum{};
  std::array<std::array<size_t, 4>, kMaxItems> item_levels{};  // BMI: per band instead (bmi.csv order)

  void add(const FitnessRules& rules, const FitnessResult& r);
  double pass_rate() const { return students ? double(levels[0] + levels[1] + levels[2]) / students : 0; }
  double good_rate() const { return students ? double(levels[0] + levels[1]) / students : 0; }
  double mean_total() const { return students ? double(total_sum) / kMilli / students : 0; }
};

// Ordered: all (per year), then districts, schools and classes by key and year; groups only for the
// columns the file has.
std::vector<FitnessAggregate> aggregate_fitness(const io::Table& table, const RecordColumns& columns,
                                                const FitnessRules& rules, const std::vector<FitnessRecord>& records,
                                                const std::vector<FitnessResult>& results);

}  // namespace youjun::evaluate
