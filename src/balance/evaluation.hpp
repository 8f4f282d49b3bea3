#pragma once
// 优质均衡 resource evaluation (issue 4 §1): per school part the seven indicators against their floors
// and the 6-of-7 + 85 % rule; per county and level the student-weighted 差异系数 of each indicator
// against its limit; per school 班额, 校额 and 小规模学校 flags. Pure: records and rules in, result out.
//
// 一贯制 schools are split into levels first. Teacher counts belong to the level the teachers teach;
// areas, equipment and rooms cannot be counted per level and are shared by weighted enrolment
// (九年一贯制 primary : junior = 1 : 1.1, 十二年一贯制 1 : 1.1 : 1.32, 完全中学 junior : senior = 1 : 1.2;
// profile resource.split_weights.*).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "balance/balance_rules.hpp"
#include "balance/indicators.hpp"

namespace youjun::balance {

// 完全中学 (complete_secondary) has a junior part and a 高中部 that takes its share of shared resources.
enum class SchoolKind { Primary, Junior, NineYear, TwelveYear, CompleteSecondary };
const char* kind_key(SchoolKind k);  // primary, junior, nine_year, twelve_year, complete_secondary

struct LevelCounts {
  long students = 0, classes = 0;
  long teachers_above_degree = 0, backbone_teachers = 0, pe_art_teachers = 0;
  std::optional<long> largest_class;
};

struct SchoolRecord {
  std::string school_id, name, county;
  SchoolKind kind = SchoolKind::Primary;
  LevelCounts primary, junior;  // a primary school fills `primary`, a junior school `junior`
  long senior_students = 0;     // 十二年一贯制 / 完全中学: the 高中部 takes its share of the shared resources
  double teaching_area_m2 = 0, sports_area_m2 = 0, equipment_value_yuan = 0, multimedia_rooms = 0;
  bool teaching_point = false;                // 教学点
  std::optional<long> entry_grade_students;   // 起始年级 (grade 1, or grade 7 for a junior school)
  std::optional<double> lon, lat;             // WGS-84, from the schools table (for the dashboard map)
  long line = 0;                              // row in the input file, for messages
};

bool has_stage(SchoolKind k, Stage s);

struct PartResult {
  size_t school = 0;  // index into the records
  Stage stage = Stage::Primary;
  long students = 0, classes = 0;
  double share = 1;   // of the shared resources (areas, equipment, rooms)
  Amounts amounts{};  // teacher counts of this level; shared resources × share
  std::array<double, kIndicatorCount> values{};
  std::array<bool, kIndicatorCount> met{};
  int met_count = 0;
  bool compliant = false;
  // A 教学点 below resource.scope.exclude_teaching_points_below: listed, but not in the county statistics.
  bool excluded = false;
  std::optional<double> average_class;  // students / classes
  std::optional<long> largest_class;
  bool class_size_ok = true, large_class = false, super_large_class = false;  // on the largest class if known
};

struct SchoolFlags {
  long compulsory_students = 0;  // primary + junior
  double size_limit = 0;
  bool large_school = false;     // 大校额
  bool small_school = false;     // 小规模学校 (撤并 candidate, 000 (八))
  bool zero_entry = false;       // 起始年级零招生
};

struct CountyResult {
  std::string county;
  Stage stage = Stage::Primary;
  size_t schools = 0;  // parts counted (excluded 教学点 are not)
  long students = 0;
  std::array<double, kIndicatorCount> mean{}, cv{};
  std::array<bool, kIndicatorCount> cv_ok{};
  bool cv_pass = true;
  size_t compliant_schools = 0;
};

struct Evaluation {
  std::vector<PartResult> parts;     // record order; a 九年一贯制 school gives primary then junior
  std::vector<SchoolFlags> flags;    // one per record
  std::vector<CountyResult> counties;  // by county name, primary before junior
};

// A level of a record with no pupils is skipped (records_from_facts may give one; files may not).
Evaluation evaluate(const std::vector<SchoolRecord>& records, const BalanceRules& rules);

// Shares of the shared resources per level (primary, junior) for a record.
std::array<double, 2> shared_resource_shares(const SchoolRecord& r, const BalanceRules& rules);

// Whether a part with these values is compliant: at least min_met floors met, and every unmet value at
// least others_min_ratio × its floor. Fills met/met_count.
bool judge_part(const std::array<double, kIndicatorCount>& values, Stage stage, const BalanceRules& rules,
                std::array<bool, kIndicatorCount>& met, int& met_count);

// Student-weighted coefficient of variation (教督〔2012〕3号 附件2): x̄ = Σnᵢxᵢ/N, S = √(Σnᵢ(xᵢ−x̄)²/N),
// CV = S/x̄. 0 when x̄ is 0 or there are no weights.
double weighted_cv(const std::vector<double>& values, const std::vector<double>& weights, double* mean = nullptr);

}  // namespace youjun::balance
