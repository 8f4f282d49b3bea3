#pragma once
// 网上报名 and 材料审核 (issue 6 §6) in the database (migration 011):
//   submitted  the parent sent the form; staff review it
//   returned   staff sent it back with a reason; the parent corrects it and sends it again (→ submitted)
//   approved   the materials are accepted; the application joins the year's 派位 run
//   withdrawn  the parent took it back (sending the form again reopens it)
// Every change is guarded by the row version and audited in the same transaction (no personal data in the log).
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "enroll/eligibility.hpp"
#include "store/connection.hpp"

namespace youjun::enroll {

// What the parent fills in besides the child's identity.
struct ApplicationForm {
  std::string child_name, school_id, fallback_school_id, household_id, home_id;
  std::map<std::string, bool> facts;   // eligibility_fact_names(); absent = false
  std::vector<std::string> documents;  // 随迁子女 documents handed in
  // 多校划片: the zone's schools ranked best first (school_id is then prefs[0]); empty for one school.
  // Such an application joins a match run, never a lottery run.
  std::vector<std::string> prefs;
};

struct ApplicationRecord {
  std::string id, username, child_id_hash, child_id_masked;
  int64_t year = 0, version = 0;
  ApplicationForm form;
  std::string status, review_reason, reviewed_by, reviewed_at, created_at, updated_at;
};

enum class ApplicationRefusal { None, NotFound, WrongState, Stale, Duplicate };

struct ApplicationChange {
  ApplicationRefusal refusal = ApplicationRefusal::None;
  std::string message;  // zh-CN, for a refusal
  ApplicationRecord application;
};

struct ChildIdentity {
  std::string id_hash, id_enc, id_masked;
};

// A new application (or a withdrawn one of the same child and year sent again).
Result<ApplicationChange> submit_application(store::Connection& db, int year, const std::string& username, const ChildIdentity& child,
                                             const ApplicationForm& form, int64_t now);
// The parent's corrected form for a returned application.
Result<ApplicationChange> resubmit_application(store::Connection& db, const std::string& id, const std::string& username,
                                               const ApplicationForm& form, int64_t version, int64_t now);
Result<ApplicationChange> withdraw_application(store::Connection& db, const std::string& id, const std::string& username,
                                               int64_t version, int64_t now);
// decision "approve" or "return" (a reason is required to return).
Result<ApplicationChange> review_application(store::Connection& db, const std::string& id, const std::string& decision,
                                             const std::string& reason, int64_t version, const std::string& actor, int64_t now);

struct ApplicationFilter {
  int64_t year = 0;  // 0 = any
  std::string username, status, school_id, home_id, id;  // "" = any
  int64_t limit = 0, offset = 0;                     // limit 0 = all
};
// In id order (the order they came in).
Result<std::vector<ApplicationRecord>> list_applications(store::Connection& db, const ApplicationFilter& filter);
// How many of the filter's applications are in each status (limit and offset ignored).
Result<std::map<std::string, int64_t>> count_applications(store::Connection& db, const ApplicationFilter& filter);
Result<std::optional<ApplicationRecord>> find_application(store::Connection& db, const std::string& id);

// The eligibility inputs of applications (applicant_id = application id) and the earlier years' approved
// uses of homes (the one-household rule's history, 002 金华).
std::vector<Application> eligibility_inputs(const std::vector<ApplicationRecord>& records);
Result<std::vector<HomeUse>> home_history(store::Connection& db, int64_t year);

// The application as JSON (the child's ID number only masked; the caller masks the name where needed).
nlohmann::json application_json(const ApplicationRecord& r);

}  // namespace youjun::enroll
