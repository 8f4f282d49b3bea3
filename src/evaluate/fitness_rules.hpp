#pragma once
// What a profile says about 体质健康 scoring (policy keys fitness.*): the items and their record columns,
// the weights per grade group and sex, the 加分 items, the level cuts, rounding and the graduation formula;
// checked against the scoring tables so that every weighted item has a table for every grade it covers.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "evaluate/fitness_tables.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {

enum class Better { higher, lower, band };

struct FitnessItem {
  std::string key;     // "run_50m" (the JSON key)
  std::string label;   // 50米跑
  std::string unit;    // 秒
  Better better = Better::higher;
  std::string column;  // record column ("run_50m_s"); "" for BMI
  const ItemTable* table = nullptr;  // nullptr for BMI
  const ItemTable* bonus = nullptr;  // the 加分 table, when the item has one
};

// A grade range (and sex, or both) with an int per item: weights in % or the maximum bonus.
struct ItemGroup {
  std::string name;  // key suffix, e.g. "primary_5_6"
  int grade_from = 0, grade_to = 0;
  int sex = -1;      // -1 both, else static_cast<int>(Sex)
  std::vector<std::pair<size_t, int>> items;  // index into FitnessRules::items, weight or max bonus
  bool covers(int grade, Sex s) const {
    return grade >= grade_from && grade <= grade_to && (sex < 0 || sex == static_cast<int>(s));
  }
};

struct FitnessRules {
  std::vector<FitnessItem> items;   // BMI first
  std::vector<ItemGroup> weights;   // fitness.weights.*
  std::vector<ItemGroup> bonus;     // fitness.bonus.* (groups)
  int bonus_max_total = 0;
  Milli excellent = 0, good = 0, pass = 0;  // 学年总分 cuts (thousandths)
  int total_decimals = 1, bmi_decimals = 1;
  double final_year_weight = 0.5;
  double target_pass_rate = 0, target_good_rate = 0;  // 0 = no target
  const FitnessTables* tables = nullptr;
  std::vector<std::string> keys;    // every rule applied, for the result's citations

  // The weight group (and bonus group) for a student; nullptr when none covers the grade and sex.
  const ItemGroup* weight_group(int grade, Sex sex) const;
  const ItemGroup* bonus_group(int grade, Sex sex) const;
  size_t item_index(const std::string& key) const;  // items.size() when unknown
};

// Reads and checks the fitness.* keys of `policy` against the embedded tables.
Result<FitnessRules> fitness_rules(const policy::Policy& policy);
// The same against given tables (tests use small tables).
Result<FitnessRules> fitness_rules(const policy::Policy& policy, const FitnessTables& tables);

// Level names in order 优秀 良好 及格 不及格; level_of() indexes it.
extern const char* const kLevelNames[4];
int level_of(const FitnessRules& rules, Milli total);

}  // namespace youjun::evaluate
