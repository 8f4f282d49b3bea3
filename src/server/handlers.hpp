#pragma once
// Route handlers (one function per route of docs/api.md). Access and scope are checked before they run.
#include <functional>

#include "admit/rounds.hpp"
#include "enroll/enroll_files.hpp"
#include "io/table.hpp"
#include "server/api.hpp"

namespace youjun::server {

// handlers_auth.cpp
ApiResponse handle_health(RequestContext& c);
ApiResponse handle_login(RequestContext& c);
ApiResponse handle_logout(RequestContext& c);
ApiResponse handle_me(RequestContext& c);
// handlers_schools.cpp
ApiResponse handle_overview(RequestContext& c);
ApiResponse handle_schools(RequestContext& c);
ApiResponse handle_school(RequestContext& c);
ApiResponse handle_update_school(RequestContext& c);
// handlers_students.cpp
ApiResponse handle_students(RequestContext& c);
ApiResponse handle_my_children(RequestContext& c);
// handlers_import.cpp
ApiResponse handle_import_kinds(RequestContext& c);
ApiResponse handle_import(RequestContext& c);
// handlers_admin.cpp
ApiResponse handle_users(RequestContext& c);
ApiResponse handle_create_user(RequestContext& c);
ApiResponse handle_update_user(RequestContext& c);
ApiResponse handle_audit(RequestContext& c);
// handlers_enroll.cpp
ApiResponse handle_migrant_share(RequestContext& c);
ApiResponse handle_balance_evaluation(RequestContext& c);
ApiResponse handle_balance_plan(RequestContext& c);
ApiResponse handle_school_balance(RequestContext& c);
ApiResponse handle_runs(RequestContext& c);
ApiResponse handle_create_run(RequestContext& c);
ApiResponse handle_run(RequestContext& c);
ApiResponse handle_draw_run(RequestContext& c);
ApiResponse handle_explain_run(RequestContext& c);
ApiResponse handle_address_search(RequestContext& c);
ApiResponse handle_balance_creations(RequestContext& c);
ApiResponse handle_upload_creations(RequestContext& c);
ApiResponse handle_publish_run(RequestContext& c);
ApiResponse handle_run_file(RequestContext& c);
ApiResponse handle_datasets(RequestContext& c);
ApiResponse handle_upload_dataset(RequestContext& c);
ApiResponse handle_warnings(RequestContext& c);
ApiResponse handle_locate(RequestContext& c);
ApiResponse handle_admit_rounds(RequestContext& c);
ApiResponse handle_create_admit_round(RequestContext& c);
ApiResponse handle_admit_round(RequestContext& c);
ApiResponse handle_edit_admit_quota(RequestContext& c);
ApiResponse handle_admit_round_admit(RequestContext& c);
ApiResponse handle_admit_round_publish(RequestContext& c);
ApiResponse handle_admit_round_student(RequestContext& c);
ApiResponse handle_admit_round_file(RequestContext& c);
ApiResponse handle_admit_round_export(RequestContext& c);
ApiResponse handle_health_datasets(RequestContext& c);
ApiResponse handle_create_health_dataset(RequestContext& c);
ApiResponse handle_health_dataset(RequestContext& c);
ApiResponse handle_health_dataset_students(RequestContext& c);
ApiResponse handle_set_wuyu_record(RequestContext& c);
ApiResponse handle_wuyu_school(RequestContext& c);
ApiResponse handle_wuyu_student(RequestContext& c);
ApiResponse handle_set_quality_record(RequestContext& c);
// handlers_child_development.cpp
ApiResponse handle_child_development(RequestContext& c);
ApiResponse handle_child_admission(RequestContext& c);
// handlers_applications.cpp
ApiResponse handle_my_applications(RequestContext& c);
ApiResponse handle_submit_application(RequestContext& c);
ApiResponse handle_resubmit_application(RequestContext& c);
ApiResponse handle_withdraw_application(RequestContext& c);
ApiResponse handle_applications(RequestContext& c);
ApiResponse handle_review_application(RequestContext& c);
// handlers_notices.cpp
ApiResponse handle_issue_notices(RequestContext& c);
ApiResponse handle_revoke_notice(RequestContext& c);
ApiResponse handle_notices(RequestContext& c);
ApiResponse handle_report_notice(RequestContext& c);
ApiResponse handle_verify_notice(RequestContext& c);
ApiResponse handle_notice_pdf(RequestContext& c);

// One student's admission in an admitted round (handlers_admit.cpp): staff with places in the order, a
// parent's child without (with_positions false). `pick` chooses the row of the stored students file.
Result<nlohmann::json> admit_student_view(const admit::RoundRecord& round, const admit::RoundInputs& inputs,
                                          const std::function<bool(const io::Table&, size_t)>& pick, bool with_positions);
// The approved 网上报名 of `year` for the schools of `seats`, as a 派位 run's applicants (their derived tiers);
// `without_tier` counts those no tier rule holds for (统筹安排). handlers_applications.cpp.
Result<std::vector<enroll::LotteryApplicant>> approved_applicants(RequestContext& c, int64_t year,
                                                                   const std::vector<enroll::SchoolSeats>& seats, size_t& without_tier);
// The approved 多校划片 applications of `year` (their ranked schools all in `seats`) as a match run's students file.
Result<std::string> approved_match_students(RequestContext& c, int64_t year, const std::vector<enroll::SchoolSeats>& seats,
                                            size_t& without_tier);
// Shared by the 五育 portrait and a parent's child's development page (handlers_wuyu.cpp).
std::optional<nlohmann::json> wuyu_portrait(RequestContext& c, const std::string& school, const std::string& id,
                                            const std::string& policy, ApiResponse& err);

// The session cookie (Set-Cookie value); an empty token clears it.
std::string session_cookie(const std::string& token, int64_t max_age_seconds, bool secure);

}  // namespace youjun::server
