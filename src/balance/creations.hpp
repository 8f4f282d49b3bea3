#pragma once
// 五大创建 progress (issue 4 §4; 004 绍政办发〔2021〕2号 附件 进度安排): each district's target per creation and
// year, read from the profile (extends.creations.<creation>.<district code> = "YEAR: 目标"), against what the
// district has achieved, as of a year. Districts behind schedule are flagged.
//
// Achievements file: district,creation[,achieved_year][,rate][,province_average][,province_rank]
//   district: 行政区划代码 or name (越城区); creation: key or Chinese name (below); achieved_year: the year a
//   county-level creation passed; rate: share of schools/towns created (0–1 or a percentage such as 85%);
//   province_average: the province's rate for "全省平均" targets; province_rank: for "全省前四位".
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {

struct Creation {
  const char* key;  // national_quality_balanced_county, …
  const char* zh;   // 全国义务教育优质均衡发展县, …
};
const std::vector<Creation>& creations();

enum class TargetKind {
  Standard,         // 达到创建标准 / 通过评估验收 / 基本达到创建标准: a year it was achieved
  Rate,             // 达到100%: rate ≥ value
  AboveProvince,    // 创建率达到全省平均 / 高于全省平均10%: rate ≥ province average + value (percentage points)
  ProvinceRank,     // 创建率列全省前四位: rank ≤ value
};

struct CreationTarget {
  std::string creation;       // key
  std::string district_code;  // "city" for 全市
  std::string district_name;  // from the rule's note
  int year = 0;
  std::string target;         // the schedule's words
  TargetKind kind = TargetKind::Standard;
  double value = 0;
  policy::Rule rule;
};

// Every extends.creations.* rule of the profile; an error names a rule whose value is not "YEAR: 目标".
// Empty for a profile without a schedule (national).
Result<std::vector<CreationTarget>> creation_schedule(const policy::Policy& policy);

struct Achievement {
  std::string district_code, creation;
  std::optional<int> achieved_year;
  std::optional<double> rate, province_average;
  std::optional<int> province_rank;
};

// Districts are matched by code or name against the schedule; a (district, creation) pair may appear once.
RowErrors read_achievements(const io::Table& table, const std::vector<CreationTarget>& schedule,
                            std::vector<Achievement>& out);

enum class Progress { Achieved, AchievedLate, Pending, Due, Behind, NoData };
const char* progress_key(Progress p);  // achieved, achieved_late, pending, due, behind, no_data
const char* progress_zh(Progress p);   // 已达成, 逾期达成, 未到期, 今年到期, 落后于进度, 缺数据

struct CreationStatus {
  const CreationTarget* target = nullptr;
  const Achievement* achieved = nullptr;  // nullptr: no row for it
  Progress progress = Progress::Pending;
  std::optional<double> required_rate;    // Rate / AboveProvince
};

// As of `year`: before the target year Pending (unless already achieved), in it Due, after it Behind.
std::vector<CreationStatus> track_creations(const std::vector<CreationTarget>& schedule,
                                            const std::vector<Achievement>& achieved, int year);

// {"profile","year","behind","districts":[{"district_code","district","behind","creations":[{"creation","name",
// "target_year","target","status","status_zh","achieved_year","rate","required_rate","province_rank","cite"}]}]}
// — what `youjun balance creations --json` prints and the API answers.
nlohmann::json creations_json(const std::vector<CreationStatus>& statuses, const std::string& profile, int year);

}  // namespace youjun::balance
