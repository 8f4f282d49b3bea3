#pragma once
// 五育 records in the database (migration 008): set one value (student, term, indicator) with its evidence
// note — checked against the profile's indicator, the change audited in the same transaction — list a
// school's or a student's records, and compute the 五育 index of a school's term from them (wuyu.hpp).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "evaluate/wuyu.hpp"
#include "store/connection.hpp"

namespace youjun::evaluate {

struct WuyuRecord {
  std::string student_id, term, indicator, school_code, class_id, value, note, entered_by, entered_at;
  int64_t version = 0;
};

// A value for the indicator: "" when fine, else what is expected (the same check as the file reader).
std::string wuyu_value_problem(const WuyuRules& rules, const std::string& indicator, const std::string& value);

// Inserts or replaces the value; `expected_version` (0 = a new record) guards against lost updates:
// nullopt when someone changed it meanwhile.
Result<std::optional<WuyuRecord>> set_wuyu_record(store::Connection& db, const WuyuRecord& record, int64_t expected_version,
                                                  const std::string& actor, int64_t now);
// Many new records in one transaction (a term's file from a school system, the demo): all or none; one audit
// entry with the count. Fails when any (student, term, indicator) exists already.
Status import_wuyu_records(store::Connection& db, const std::vector<WuyuRecord>& records, const std::string& actor, int64_t now);
// A school's records of a term (student_id "" = all), or one student's in every term (school "" = any).
Result<std::vector<WuyuRecord>> wuyu_records(store::Connection& db, const std::string& school_code, const std::string& term,
                                             const std::string& student_id);

nlohmann::json wuyu_record_json(const WuyuRecord& r);

// The records as the `evaluate wuyu` file (one row per student and term, a column per indicator).
std::string wuyu_records_csv(const WuyuRules& rules, const std::vector<WuyuRecord>& records);

}  // namespace youjun::evaluate
