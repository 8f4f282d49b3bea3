#pragma once
// 国家学生体质健康标准（2014年修订）scoring of one school year's test records (issue 8 §1): BMI and its
// band, each item's points from the tables, the weighted 标准分, the 附加分, the 学年总分 and its level.
//
// Records: student_id,grade,sex,height_cm,weight_kg,<item columns of the profile>; optional year,
// school_id, class_id, district (for the aggregates). Items that do not apply to the grade are empty.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/row_error.hpp"
#include "evaluate/fitness_rules.hpp"
#include "io/table.hpp"

namespace youjun::evaluate {

constexpr size_t kMaxItems = 16;

struct FitnessRecord {
  uint32_t row = 0;  // data row of the table
  uint8_t grade = 0;
  Sex sex = Sex::male;
  Milli height_cm = -1, weight_kg = -1;     // -1 = empty
  std::array<int32_t, kMaxItems> value{};   // thousandths, per rules item (BMI's slot unused); 32 bits halve
                                            // the memory of a million records and fit ±2·10⁶ units
  uint32_t present = 0;                     // bit i: item i has a value
};

enum ItemState : uint8_t { kNotTested = 0, kScored = 1, kMissing = 2, kNotApplicable = 3 };

struct FitnessResult {
  Milli bmi = -1;            // rounded to the profile's decimals; -1 when height or weight is missing
  int8_t bmi_band = -1;      // index into the tables' bands for the grade and sex
  std::array<uint8_t, kMaxItems> state{};
  std::array<uint8_t, kMaxItems> points{};  // table points are 0–100
  std::array<uint8_t, kMaxItems> bonus{};
  std::array<uint8_t, kMaxItems> weight{};  // % (0 when not weighted for this student)
  Milli standard = 0;        // 标准分, rounded to the profile's decimals
  int bonus_total = 0;       // 附加分 (capped)
  Milli total = 0;           // 学年总分 = standard + bonus
  uint8_t level = 3;         // index into kLevelNames
  bool complete = true;      // every weighted item had a result
};

// Column positions of a records table (-1 when absent).
struct RecordColumns {
  int student_id = -1, grade = -1, sex = -1, height = -1, weight = -1, year = -1, school = -1, klass = -1, district = -1;
  std::array<int, kMaxItems> item{};
};

// Checks every row (grade 1–12, sex M/F/男/女, height and weight in range, item results as numbers, m'ss
// for runs allowed, no repeated student_id within a year) and reads them; with any error nothing is read.
RowErrors read_fitness_records(const io::Table& table, const FitnessRules& rules, RecordColumns& columns,
                               std::vector<FitnessRecord>& out);

FitnessResult score_record(const FitnessRules& rules, const FitnessRecord& record);
// Every record, on all cores (the result at i belongs to record i).
std::vector<FitnessResult> score_records(const FitnessRules& rules, const std::vector<FitnessRecord>& records);

// x rounded half up to `decimals` (x in thousandths, may be negative).
Milli round_to(Milli x, int decimals);

}  // namespace youjun::evaluate
