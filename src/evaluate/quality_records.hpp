#pragma once
// 综合素质评价 写实记录 (migration 010, issue 8 §3): per student, term and aspect of the profile (quality.aspects,
// 教基二〔2014〕11号: 思想品德 学业水平 身心健康 艺术素养 社会实践) the factual record staff wrote, at most
// quality.max_chars characters; set with a version against lost updates (audited, the text kept out of the
// audit log), listed for a school's term or a student's portrait.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "policy/policy.hpp"
#include "store/connection.hpp"

namespace youjun::evaluate {

struct QualityAspect {
  std::string key, label;
};
struct QualityRules {
  std::vector<QualityAspect> aspects;  // display order
  size_t max_chars = 0;                // characters (code points), not bytes
  std::vector<std::string> keys;       // the policy keys applied
};
Result<QualityRules> quality_rules(const policy::Policy& policy);

struct QualityRecord {
  std::string student_id, term, aspect, school_code, class_id, text, entered_by, entered_at;
  int64_t version = 0;
};

// "" when the aspect and text fit the rules, else what is expected (Chinese).
std::string quality_record_problem(const QualityRules& rules, const std::string& aspect, const std::string& text);

// Inserts or replaces the record when `expected_version` is its version (0 = new); nullopt when someone
// changed it meanwhile.
Result<std::optional<QualityRecord>> set_quality_record(store::Connection& db, const QualityRecord& record, int64_t expected_version,
                                                        const std::string& actor, int64_t now);
// Many new records in one transaction (the demo, a school system's export): all or none, one audit entry.
Status import_quality_records(store::Connection& db, const std::vector<QualityRecord>& records, const std::string& actor, int64_t now);
// A school's records of a term, or one student's in every term ("" = any), in term and aspect order.
Result<std::vector<QualityRecord>> quality_records(store::Connection& db, const QualityRules& rules, const std::string& school_code,
                                                   const std::string& term, const std::string& student_id);

nlohmann::json quality_record_json(const QualityRecord& r);
nlohmann::json quality_aspects_json(const QualityRules& rules);

}  // namespace youjun::evaluate
