#pragma once
// 五育 综合评价 (issue 8 §3): each student's 德智体美劳 dimensions from named indicators of the profile
// (wuyu.dimension.*, wuyu.indicator.*; 成都: five dimensions × 20 %), the weighted index, and its level
// by the profile's cut points (evaluation.grade_cuts: 优秀/良好/合格/待合格); means per class and school for
// the radar charts. Records: student_id,<indicator columns>; optional term, school_id, class_id.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {

struct WuyuDimension {
  std::string key, label;
  int weight = 0;  // % of the index
};

struct WuyuIndicator {
  std::string key, label;  // key = the records column
  size_t dimension = 0;
  int weight = 0;          // within its dimension
  std::vector<std::pair<std::string, double>> grades;  // letter → score; empty for linear
  double low = 0, high = 0;                            // linear: low → 0, high or more → 100
  // score=yes: the value is a test score — families see its level by evaluation.grade_cuts, not the value
  // (001); score=fitness: a 体质健康 学年总分, its level by the fitness standard's levels.
  std::string score;
};

struct WuyuRules {
  std::vector<WuyuDimension> dimensions;
  std::vector<WuyuIndicator> indicators;
  std::vector<double> grade_cuts;  // descending: 优秀 ≥ [0], 良好 ≥ [1], 合格 ≥ [2]
  std::vector<std::string> keys;
};
Result<WuyuRules> wuyu_rules(const policy::Policy& policy);

extern const char* const kGradeNames[4];  // 优秀 良好 合格 待合格
// The level (index into kGradeNames) of a 0–100 score by evaluation.grade_cuts.
int wuyu_level(const WuyuRules& rules, double score);
// The 0–100 score of a linear indicator's value; nullopt when the value is not a number.
std::optional<double> linear_score(const WuyuIndicator& indicator, std::string_view value);

struct WuyuStudent {
  uint32_t row = 0;
  std::vector<double> dimensions;  // 0–100 each, rounded to 0.1
  double index = 0;                // 0–100, rounded to 0.1
  int level = 3;
  std::vector<std::string> missing;  // indicators left empty (scored 0)
};

struct WuyuColumns {
  int student_id = -1, term = -1, school = -1, klass = -1;
  std::vector<int> indicator;
};

// Every bad cell is reported (unknown grade letter, a number expected, a repeated student in a term), then
// nothing is scored. Every indicator of the profile must have its column.
RowErrors read_wuyu(const io::Table& table, const WuyuRules& rules, WuyuColumns& columns, std::vector<WuyuStudent>& out);

struct WuyuGroup {
  std::string scope, key;  // all | school | class ("school/class")
  size_t students = 0;
  std::vector<double> dimension_means;
  double index_mean = 0;
  size_t levels[4] = {0, 0, 0, 0};
};
std::vector<WuyuGroup> wuyu_groups(const io::Table& table, const WuyuColumns& columns, const WuyuRules& rules,
                                   const std::vector<WuyuStudent>& students);

}  // namespace youjun::evaluate
