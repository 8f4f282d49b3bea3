#pragma once
// One uploaded 体质健康 or 视力筛查 file, as the server handles it (the CLI computes the same with more
// output): the checked and scored summary the dashboards show, and one school's or class's individual
// results — grades only (等级呈现, 001) unless the caller may see scores in order (bureau analysts).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {

struct HealthSummary {
  nlohmann::json summary;    // fitness: {"rules", "levels", "aggregates"}; vision: {"rules", "definition", "rates", …}
  int64_t record_count = 0;
  int year = 0;              // vision: the latest screening year; fitness: the year given
};

// Every bad row goes to `errors` (then nullopt); a profile problem is the Error.
Result<std::optional<HealthSummary>> summarize_health(const std::string& kind, const io::Table& table,
                                                     const policy::Policy& policy, int year, RowErrors& errors);

struct StudentListRequest {
  std::string school_id, class_id;  // "" = any (a school_admin's school is forced by the caller)
  std::string student_id;           // "" = any; else one student's rows (a parent's own child)
  bool with_scores = false;         // totals, points and the order by total: bureau analysts only
  bool with_detail = false;         // fitness: BMI band, each item's level, missing items (a student's own report)
};
// The individual results of the stored file, in student_id order (or by total, best first, with_scores).
Result<nlohmann::json> health_students(const std::string& kind, const io::Table& table, const policy::Policy& policy,
                                       int year, const StudentListRequest& request);

}  // namespace youjun::evaluate
