// 入学通知书 and 报到 (issue 6 §6). Staff issue the notices of a published 派位 run; the parent downloads
// their child's notice as a PDF; anyone holding a notice checks its code on the public verify route (the
// answer names the school and a masked name, nothing else); the school registers the child's 报到 by the code.
#include "auth/roles.hpp"
#include "enroll/lottery_number.hpp"
#include "enroll/notice_pdf.hpp"
#include "enroll/notices.hpp"
#include "enroll/runs.hpp"
#include "policy/policy.hpp"
#include "server/handlers.hpp"
#include "server/masking.hpp"

namespace youjun::server {

namespace {

ApiResponse refusal_response(enroll::NoticeRefusal r, const std::string& message) {
  using R = enroll::NoticeRefusal;
  return error_response(r == R::NotFound ? 404 : r == R::Forbidden ? 403 : 409, message);
}

// What staff and schools see of a notice: the name masked as in every staff list.
nlohmann::json staff_json(const enroll::NoticeRecord& n) {
  auto j = enroll::notice_json(n);
  j["child_name"] = mask_name(n.child_name);
  return j;
}

std::string grade_of(const std::string& school_level) {
  if (school_level == "primary") return "一年级";
  if (school_level == "junior") return "七年级";
  return "";
}

// The bureau that issues: the profile's city (绍兴市 → 绍兴市教育局); the national baseline names no city.
std::string issuer_of(const std::string& profile) {
  auto policy = policy::load_policy(profile);
  if (!policy || profile == "national" || policy->title().empty()) return "教育行政部门";
  return policy->title() + "教育局";
}

}  // namespace

// POST /api/v1/enroll/runs/{id}/notices {"report_time"?, "report_note"?} — issue the notices of a published run
// (again: only the new ones), with when and how to report printed on each.
ApiResponse handle_issue_notices(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  enroll::ReportInstructions report;
  if (!c.req.body.empty()) {
    ApiResponse err;
    auto body = json_body(c.req, err);
    if (!body) return err;
    auto text = [&](const char* k) { return body->contains(k) && (*body)[k].is_string() ? (*body)[k].get<std::string>() : std::string(); };
    report = {text("report_time"), text("report_note")};
    if (report.time.size() > 120 || report.note.size() > 300)
      return error_response(400, "报到时间不超过 120 字节，报到须知不超过 300 字节");
  }
  auto issued = enroll::issue_notices(c.db, c.state.key, id, report, c.actor(), c.now);
  if (!issued) return database_error("notices", issued.error());
  if (issued->refusal != enroll::NoticeRefusal::None) return refusal_response(issued->refusal, issued->message);
  nlohmann::json items = nlohmann::json::array(), skipped = nlohmann::json::array();
  for (const auto& n : issued->issued) items.push_back(staff_json(n));
  for (const auto& [application, why] : issued->skipped) skipped.push_back({{"applicant_id", application}, {"reason", why}});
  return ApiResponse::json(200, {{"run_id", id},
                                 {"issued", issued->issued.size()},
                                 {"already", issued->already},
                                 {"not_applications", issued->not_applications},
                                 {"skipped", skipped},
                                 {"items", items}});
}

// GET /api/v1/enroll/notices?year=&school=&status=&run= — the notices and their 报到 (a school sees its own).
ApiResponse handle_notices(RequestContext& c) {
  enroll::NoticeFilter filter;
  if (std::string year = c.req.param("year"); !year.empty()) {
    ApiResponse err;
    auto y = int_param(c.req, "year", 0, 9999, err);
    if (!y) return err;
    filter.year = *y;
  }
  filter.school_id = c.own_school().empty() ? c.req.param("school") : c.own_school();
  filter.run_id = c.req.param("run");
  std::string status = c.req.param("status");
  if (!status.empty() && status != "issued" && status != "reported" && status != "revoked")
    return error_response(400, "status 应为 issued（已签发）、reported（已报到）或 revoked（已撤销）");
  auto all = enroll::list_notices(c.db, filter);
  if (!all) return database_error("notices", all.error());
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json counts = {{"issued", 0}, {"reported", 0}, {"revoked", 0}};
  for (const auto& n : *all) {
    counts[n.status] = counts[n.status].get<int64_t>() + 1;
    if (status.empty() || n.status == status) items.push_back(staff_json(n));
  }
  nlohmann::json detail = {{"count", items.size()}, {"school", filter.school_id}};
  if (auto a = c.audit_read({c.actor(), "enroll.notices.read", c.actor(), detail.dump()}); !a) return database_error("audit", a.error());
  return ApiResponse::json(200, {{"items", items}, {"counts", counts}});
}

// POST /api/v1/enroll/notices/{code}/report — 报到; a school registers only its own admitted children.
ApiResponse handle_report_notice(RequestContext& c) {
  std::string code = enroll::normalize_notice_code(c.req.path_params.at("code"));
  if (code.empty()) return error_response(400, "查验码格式不对：应为 12 位字母数字，如 ABCD-EFGH-JKMN");
  std::string only_school = c.is_role(auth::kSchoolAdmin) ? c.user->school_code : "";
  auto changed = enroll::report_notice(c.db, code, only_school, c.actor(), c.now);
  if (!changed) return database_error("notice report", changed.error());
  if (changed->refusal != enroll::NoticeRefusal::None) return refusal_response(changed->refusal, changed->message);
  return ApiResponse::json(200, staff_json(changed->notice));
}

// POST /api/v1/enroll/notices/{code}/revoke {"reason"} — withdraw a notice not yet reported (bureau staff).
ApiResponse handle_revoke_notice(RequestContext& c) {
  std::string code = enroll::normalize_notice_code(c.req.path_params.at("code"));
  if (code.empty()) return error_response(400, "查验码格式不对：应为 12 位字母数字，如 ABCD-EFGH-JKMN");
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  std::string reason = body->contains("reason") && (*body)["reason"].is_string() ? (*body)["reason"].get<std::string>() : "";
  if (reason.find_first_not_of(" \t") == std::string::npos || reason.size() > 300)
    return error_response(400, "请填写撤销原因（不超过 300 字节）");
  auto changed = enroll::revoke_notice(c.db, code, reason, c.actor(), c.now);
  if (!changed) return database_error("notice revoke", changed.error());
  if (changed->refusal != enroll::NoticeRefusal::None) return refusal_response(changed->refusal, changed->message);
  return ApiResponse::json(200, staff_json(changed->notice));
}

// GET /api/v1/notices/verify?code= — public: is this notice genuine, for which school and year, reported yet?
ApiResponse handle_verify_notice(RequestContext& c) {
  std::string code = enroll::normalize_notice_code(c.req.param("code"));
  if (code.empty()) return error_response(400, "查验码格式不对：应为 12 位字母数字，如 ABCD-EFGH-JKMN");
  enroll::NoticeFilter filter;
  filter.code = code;
  auto found = enroll::list_notices(c.db, filter);
  if (!found) return database_error("notice", found.error());
  nlohmann::json detail = {{"found", !found->empty()}, {"ip", c.req.remote_addr}};
  std::string target = found->empty() ? code : found->front().application_id;
  if (auto a = c.audit_read({c.actor(), "enroll.notice.verify", target, detail.dump()}); !a) return database_error("audit", a.error());
  if (found->empty()) return error_response(404, "查验码 " + code + " 不存在：这不是本系统签发的入学通知书，或查验码输错了");
  const auto& n = found->front();
  // A revoked notice is a real one, but no longer gives a place.
  return ApiResponse::json(200, {{"valid", n.status != "revoked"},
                                 {"notice",
                                  {{"application_id", n.application_id},
                                   {"school_id", n.school_id},
                                   {"school_name", n.school_name},
                                   {"year", n.year},
                                   {"child_name", mask_name(n.child_name)},
                                   {"status", n.status},
                                   {"status_zh", enroll::notice_status_zh(n.status)},
                                   {"issued_at", n.issued_at},
                                   {"reported_at", n.reported_at}}}});
}

// GET /api/v1/my/applications/{id}/notice.pdf — the parent's own child's notice.
ApiResponse handle_notice_pdf(RequestContext& c) {
  enroll::NoticeFilter filter;
  filter.application_id = c.req.path_params.at("id");
  filter.username = c.user->username;  // another family's application reads as "no notice"
  auto found = enroll::list_notices(c.db, filter);
  if (!found) return database_error("notice", found.error());
  if (found->empty()) return error_response(404, "报名 " + filter.application_id + " 还没有入学通知书（派位结果公布并签发后可下载）");
  const auto& n = found->front();
  if (n.status == "revoked")
    return error_response(409, "这份入学通知书已于 " + n.revoked_at.substr(0, 10) + " 撤销：" + n.revoke_reason + "。如有疑问请联系教育局");
  auto run = enroll::find_run(c.db, n.run_id);
  if (!run || !*run) return internal_error("run " + n.run_id + " of notice " + n.application_id);
  enroll::NoticeDocument doc;
  doc.issuer = issuer_of(c.state.options.profile);
  doc.child_name = n.child_name;
  doc.child_id_masked = n.child_id_masked;
  doc.school_name = n.school_name.empty() ? n.school_id : n.school_name;
  doc.school_id = n.school_id;
  doc.grade = grade_of(n.school_level);
  doc.year = n.year;
  doc.application_id = n.application_id;
  doc.run_id = n.run_id;
  doc.lottery_number = (*run)->seed.empty() ? "" : enroll::lottery_number((*run)->seed, n.application_id).hex().substr(0, 16);
  doc.fallback = n.fallback;
  doc.code = n.code;
  doc.verify_hint = "真伪查验：在本系统登录页点“入学通知书查验”并输入查验码，或访问本系统地址 /verify?code=" + n.code +
                    "，即可查看录取学校与报到状态。";
  doc.issued_date = n.issued_at.substr(0, 10);
  doc.match = (*run)->method == "match";
  doc.report_time = n.report_time;
  doc.report_note = n.report_note;
  auto pdf = enroll::notice_pdf(doc);
  if (!pdf) return internal_error("notice pdf: " + pdf.error().message);
  if (auto a = c.audit_read({c.actor(), "enroll.notice.download", n.application_id, "{}"}); !a) return database_error("audit", a.error());
  ApiResponse out;
  out.body = std::move(*pdf);
  out.content_type = "application/pdf";
  out.headers.push_back({"Content-Disposition", "attachment; filename=\"notice-" + n.application_id + ".pdf\""});
  return out;
}

}  // namespace youjun::server
