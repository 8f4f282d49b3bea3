#pragma once
// The single-item scoring tables of 国家学生体质健康标准（2014年修订）as data (policy/fitness/*.csv,
// compiled into the binary): per item, per grade (1–12) and sex, the rows "points ← threshold"; the BMI
// bands; and the 加分 tables. Each row names the independent copies it was checked against
// (docs/fitness-tables.md), so a reader can tell cross-checked rows from single-sourced ones.
//
// File layout (comment lines start with #; "# src KEY = where" declares a copy):
//   item tables   grade,sex,points,threshold,sources
//   bmi.csv       grade,sex,band,points,min,max,sources      (min/max inclusive, empty = open)
//   bonus_*.csv   grade,sex,bonus,threshold,sources
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_files.hpp"
#include "core/result.hpp"

namespace youjun::evaluate {

// Measured values as exact thousandths (1.5 s = 1500, 16.1 cm = 16100, 1700 ml = 1'700'000): a double
// would put 10.2 on either side of the 10.2 s threshold.
using Milli = int64_t;
constexpr Milli kMilli = 1000;

constexpr int kMinGrade = 1;
constexpr int kMaxGrade = 12;
enum class Sex : uint8_t { male = 0, female = 1 };

// Slot of (grade, sex) in the per-table arrays.
inline size_t slot(int grade, Sex sex) { return static_cast<size_t>((grade - kMinGrade) * 2 + static_cast<int>(sex)); }
constexpr size_t kSlots = (kMaxGrade - kMinGrade + 1) * 2;

struct TableRow {
  int points = 0;        // single-item points, or the bonus for a bonus table
  Milli threshold = 0;   // the result that earns them
  std::string sources;   // "A;B": keys of the copies that have this value
};

// Rows per (grade, sex), points descending; an empty slot means the item is not tested there.
struct ItemTable {
  std::string name;  // file stem: "vital_capacity", "bonus_rope_skip"
  std::map<std::string, std::string> source_notes;  // key → where the copy is
  std::array<std::vector<TableRow>, kSlots> rows;
  // Whether smaller results score more (timed runs): read from the table itself — thresholds grow as
  // points fall — and checked against the profile's better= declaration.
  bool lower_is_better = false;
};

struct BmiBand {
  std::string band;  // 正常 低体重 超重 肥胖
  int points = 0;
  std::optional<Milli> min, max;  // inclusive; nullopt = open end
  std::string sources;
};

struct FitnessTables {
  std::map<std::string, ItemTable> items;  // by item key
  std::map<std::string, ItemTable> bonus;  // by item key (file bonus_<key>.csv)
  std::array<std::vector<BmiBand>, kSlots> bmi;
  std::map<std::string, std::string> bmi_source_notes;
};

// Parses and checks the given files (points strictly descending, thresholds strictly monotone in one
// direction, BMI bands contiguous at 0.1, every source key declared). Errors name file and line.
Result<FitnessTables> parse_fitness_tables(const std::vector<EmbeddedFile>& files);
// The embedded tables, parsed once.
const Result<FitnessTables>& fitness_tables();

// "10.2", "-3.5", "220", "3'40", "3'40\"", "3:40" (minutes and seconds) → thousandths; nullopt when malformed.
std::optional<Milli> parse_measure(std::string_view text);
// 10200 → "10.2", -800 → "-0.8", 1'700'000 → "1700".
std::string measure_text(Milli v);

// n / d in thousandths, rounded half up to `decimals` (n ≥ 0, d > 0): exact where a double would put a result
// on the wrong side of a 0.1 boundary (BMI, graduation score).
Milli divide_rounded(__int128 n, __int128 d, int decimals);

// Points the table gives for `value`: the highest row whose threshold the result reaches (≤ for
// lower-is-better items, ≥ otherwise); 0 below the last row. `rows` must be non-empty.
int lookup_points(const std::vector<TableRow>& rows, bool lower_is_better, Milli value);

}  // namespace youjun::evaluate
