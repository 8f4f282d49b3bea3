#pragma once
// 入学通知书 and 报到 (issue 6 §6, migration 012): the last two states of an online application.
//   issue   staff issue the notices of a published 派位 run: one per admitted application (or per applicant
//           placed at their 公民同招 fallback school); each carries a verification code (查验码)
//   report  the school registers the child's arrival (报到) by the code on the notice
//   revoke  staff withdraw a notice not yet reported, with a reason (migration 016); it then no longer verifies
// Every change is audited in its transaction (the log names applications and runs, never children).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/personal_data.hpp"
#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::enroll {

struct NoticeRecord {
  std::string application_id, code, run_id, school_id, status, issued_by, issued_at, reported_by, reported_at;
  std::string report_time, report_note;                // printed on the notice ("" = the school will tell)
  std::string revoked_by, revoked_at, revoke_reason;   // status "revoked"
  bool fallback = false;
  int64_t version = 0;
  // From the application and the school.
  int64_t year = 0;
  std::string username, child_name, child_id_masked, school_name, school_level;
};

// The code printed on a notice: the first 60 bits of the database's keyed hash of (application, run) in
// Crockford base32, "XXXX-XXXX-XXXX". Unguessable without the key file; the same when issued again.
std::string notice_code(const PersonalDataKey& key, const std::string& application_id, const std::string& run_id);
// A code as someone typed it: case, spaces and dashes ignored, Crockford's I/L read as 1 and O as 0.
// "" when it is not 12 base32 symbols.
std::string normalize_notice_code(std::string_view typed);

enum class NoticeRefusal { None, NotFound, WrongState, Forbidden };

struct NoticeIssue {
  NoticeRefusal refusal = NoticeRefusal::None;
  std::string message;  // zh-CN, for a refusal
  int64_t already = 0;           // applications that had a notice before (from this run or an earlier one)
  int64_t not_applications = 0;  // placed applicants that are not online applications (a run registered from a file)
  std::vector<std::pair<std::string, std::string>> skipped;  // application id, why (zh-CN)
  std::vector<NoticeRecord> issued;
};
// When and how to report, as staff typed it for the run's notices ("" = "按学校通知的时间").
struct ReportInstructions {
  std::string time, note;
};
Result<NoticeIssue> issue_notices(store::Connection& db, const PersonalDataKey& key, const std::string& run_id,
                                  const ReportInstructions& report, const std::string& actor, int64_t now);

struct NoticeFilter {
  int64_t year = 0;  // 0 = any
  std::string school_id, status, run_id, application_id, code, username;  // "" = any
};
// By school, then application id.
Result<std::vector<NoticeRecord>> list_notices(store::Connection& db, const NoticeFilter& filter);

struct NoticeChange {
  NoticeRefusal refusal = NoticeRefusal::None;
  std::string message;
  NoticeRecord notice;
};
// 报到 by the code (normalized); only_school "" = any school, else the notice must be that school's.
Result<NoticeChange> report_notice(store::Connection& db, const std::string& code, const std::string& only_school,
                                   const std::string& actor, int64_t now);

// Revocation by the code (normalized), with a reason; only a notice not yet reported.
Result<NoticeChange> revoke_notice(store::Connection& db, const std::string& code, const std::string& reason,
                                   const std::string& actor, int64_t now);

std::string notice_status_zh(const std::string& status);
// The notice as JSON; the child's name as given (the caller masks it where needed).
nlohmann::json notice_json(const NoticeRecord& n);

}  // namespace youjun::enroll
