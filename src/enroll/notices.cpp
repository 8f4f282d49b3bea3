#include "enroll/notices.hpp"

#include <functional>
#include <map>
#include <set>

#include "auth/audit.hpp"
#include "auth/accounts.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/lottery.hpp"
#include "enroll/runs.hpp"

namespace youjun::enroll {

namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const char* kSelect =
    "SELECT n.application_id, n.code, n.run_id, n.school_id, n.status, n.issued_by, n.issued_at, n.reported_by, "
    "n.reported_at, n.fallback, n.version, a.year, a.username, a.child_name, a.child_id_masked, "
    "COALESCE(s.name, ''), COALESCE(s.level, ''), n.report_time, n.report_note, n.revoked_by, n.revoked_at, n.revoke_reason "
    "FROM enroll_notices n JOIN enroll_applications a ON a.id = n.application_id "
    "LEFT JOIN schools s ON s.code = n.school_id WHERE 1 = 1";

NoticeRecord from_row(const store::Row& r) {
  NoticeRecord n;
  n.application_id = r.text(0);
  n.code = r.text(1);
  n.run_id = r.text(2);
  n.school_id = r.text(3);
  n.status = r.text(4);
  n.issued_by = r.text(5);
  n.issued_at = r.text(6);
  n.reported_by = r.text(7);
  n.reported_at = r.text(8);
  n.fallback = r.integer(9) != 0;
  n.version = r.integer(10);
  n.year = r.integer(11);
  n.username = r.text(12);
  n.child_name = r.text(13);
  n.child_id_masked = r.text(14);
  n.school_name = r.text(15);
  n.school_level = r.text(16);
  n.report_time = r.text(17);
  n.report_note = r.text(18);
  n.revoked_by = r.text(19);
  n.revoked_at = r.text(20);
  n.revoke_reason = r.text(21);
  return n;
}

NoticeIssue refused_issue(NoticeRefusal r, std::string message) {
  NoticeIssue out;
  out.refusal = r;
  out.message = std::move(message);
  return out;
}

// The published run that replaces `run_id`, directly or along a chain of re-runs ("" = none): its
// result is the one in force, so the replaced run may not issue notices any more.
Result<std::string> published_replacement(store::Connection& db, const std::string& run_id) {
  std::set<std::string> seen{run_id};
  std::vector<std::string> frontier{run_id};
  while (!frontier.empty()) {
    std::string id = frontier.back();
    frontier.pop_back();
    auto rows = db.query("SELECT id, status FROM enroll_runs WHERE replaces = ?", {id});
    if (!rows) return rows.error();
    for (const auto& r : *rows) {
      if (r.text(1) == "published") return r.text(0);
      if (seen.insert(r.text(0)).second) frontier.push_back(r.text(0));
    }
  }
  return std::string();
}

}  // namespace

std::string notice_code(const PersonalDataKey& key, const std::string& application_id, const std::string& run_id) {
  std::string hex = key.lookup_hash("enroll-notice:" + application_id + ":" + run_id);
  uint64_t bits = std::stoull(hex.substr(0, 15), nullptr, 16);  // 60 bits
  std::string code;
  for (int i = 11; i >= 0; --i) {
    code += kCrockford[(bits >> (5 * i)) & 31];
    if (i % 4 == 0 && i > 0) code += '-';
  }
  return code;
}

std::string normalize_notice_code(std::string_view typed) {
  // Full-width forms (Ｕ+FF01–FF5E, as text copied out of the PDF comes) read as their ASCII letters.
  std::string ascii;
  for (size_t i = 0; i < typed.size(); ++i) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(typed[i + k]); };
    if (i + 2 < typed.size() && b(0) == 0xEF && (b(1) == 0xBC || b(1) == 0xBD) && b(2) >= 0x80 && b(2) <= 0xBF) {
      unsigned cp = 0xFF00 + ((b(1) & 0x03u) << 6) + (b(2) & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        ascii += static_cast<char>(cp - 0xFF01 + 0x21);
        i += 2;
        continue;
      }
    }
    ascii += typed[i];
  }
  std::string symbols;
  for (char c : ascii) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    if (kCrockford.find(c) == std::string_view::npos) return "";
    symbols += c;
  }
  if (symbols.size() != 12) return "";
  return symbols.substr(0, 4) + "-" + symbols.substr(4, 4) + "-" + symbols.substr(8, 4);
}

Result<NoticeIssue> issue_notices(store::Connection& db, const PersonalDataKey& key, const std::string& run_id,
                                  const ReportInstructions& report, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto run = find_run(db, run_id);
  if (!run) return run.error();
  if (!*run) return refused_issue(NoticeRefusal::NotFound, "派位 " + run_id + " 不存在");
  if ((*run)->status != "published")
    return refused_issue(NoticeRefusal::WrongState, "派位 " + run_id + " 尚未公布：结果公布后才能签发入学通知书");
  auto replacement = published_replacement(db, run_id);
  if (!replacement) return replacement.error();
  if (!replacement->empty())
    return refused_issue(NoticeRefusal::WrongState, "派位 " + run_id + " 已被重新派位 " + *replacement +
                                                        " 取代并公布：请用 " + *replacement + " 签发入学通知书");
  auto text = run_text(db, run_id, "result");
  if (!text) return text.error();
  if (!*text) return make_error("派位 " + run_id + " 已公布却没有结果");
  auto placements = run_placements((*run)->method, nlohmann::json::parse(**text, nullptr, false));
  if (!placements) return make_error("派位 " + run_id + " 的结果无法读取：" + placements.error().message);

  std::map<std::string, std::string> application_status;
  auto apps = db.query("SELECT id, status FROM enroll_applications");
  if (!apps) return apps.error();
  for (const auto& r : *apps) application_status[r.text(0)] = r.text(1);
  std::set<std::string> had_notice;
  auto existing = db.query("SELECT application_id FROM enroll_notices");
  if (!existing) return existing.error();
  for (const auto& r : *existing) had_notice.insert(r.text(0));

  NoticeIssue out;
  std::string at = auth::iso8601_utc(now);
  std::vector<std::string> issued_ids;
  for (const auto& [id, place] : *placements) {
    // Admitted where drawn or matched, or (公民同招) placed at the fallback school; waitlisted without one, or
    // left to 统筹安排 by a match: no notice.
    bool fallback = !place.admitted;
    const std::string& school = fallback ? place.fallback_school_id : place.school_id;
    if (school.empty()) continue;
    auto status = application_status.find(id);
    if (status == application_status.end()) {
      ++out.not_applications;
      continue;
    }
    if (had_notice.count(id)) {
      ++out.already;
      continue;
    }
    if (status->second != "approved") {
      out.skipped.push_back({id, "报名当前不是“审核通过”（可能已撤回），未签发"});
      continue;
    }
    // DO NOTHING: another staff member issuing the same run at the same moment got there first.
    auto s = db.exec("INSERT INTO enroll_notices (application_id, code, run_id, school_id, fallback, status, issued_by, "
                     "issued_at, reported_by, reported_at, version, report_time, report_note) "
                     "VALUES (?, ?, ?, ?, ?, 'issued', ?, ?, '', '', 1, ?, ?) ON CONFLICT DO NOTHING",
                     {id, notice_code(key, id, run_id), run_id, school, int64_t{fallback ? 1 : 0}, actor, at, report.time, report.note});
    if (!s) return s.error();
    if (db.changes() == 1)
      issued_ids.push_back(id);
    else
      ++out.already;
  }
  nlohmann::json detail = {{"issued", issued_ids.size()}, {"already", out.already}, {"skipped", out.skipped.size()},
                           {"not_applications", out.not_applications}};
  if (auto a = auth::append_audit(db, {actor, "enroll.notices.issue", run_id, detail.dump()}, now); !a) return a.error();
  if (auto done = tx.commit(); !done) return done.error();
  NoticeFilter filter;
  filter.run_id = run_id;
  auto listed = list_notices(db, filter);
  if (!listed) return listed.error();
  std::set<std::string> fresh(issued_ids.begin(), issued_ids.end());
  for (auto& n : *listed)
    if (fresh.count(n.application_id)) out.issued.push_back(std::move(n));
  return out;
}

Result<std::vector<NoticeRecord>> list_notices(store::Connection& db, const NoticeFilter& f) {
  std::string sql = kSelect;
  store::Params params;
  auto add = [&](const std::string& value, const char* clause) {
    if (value.empty()) return;
    sql += clause;
    params.push_back(value);
  };
  if (f.year != 0) {
    sql += " AND a.year = ?";
    params.push_back(f.year);
  }
  add(f.school_id, " AND n.school_id = ?");
  add(f.status, " AND n.status = ?");
  add(f.run_id, " AND n.run_id = ?");
  add(f.application_id, " AND n.application_id = ?");
  add(f.code, " AND n.code = ?");
  add(f.username, " AND a.username = ?");
  sql += " ORDER BY n.school_id, n.application_id";
  auto rows = db.query(sql, params);
  if (!rows) return rows.error();
  std::vector<NoticeRecord> out;
  for (const auto& r : *rows) out.push_back(from_row(r));
  return out;
}

namespace {

// One state change of the notice holding `code`, in a transaction: `refusal` says why this notice may not
// change ("" = it may); `set` is the SET clause (with `?` for `values`) guarded by the version the notice was
// read at; the change is audited as `action`. Returns the notice as it now is.
Result<NoticeChange> change_notice(store::Connection& db, const std::string& code,
                                   const std::function<NoticeChange(const NoticeRecord&)>& refusal, const std::string& set,
                                   store::Params values, const std::string& action, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  NoticeFilter filter;
  filter.code = code;
  auto found = list_notices(db, filter);
  if (!found) return found.error();
  if (found->empty()) return NoticeChange{NoticeRefusal::NotFound, "查验码 " + code + " 不存在：请核对通知书上的查验码", {}};
  const NoticeRecord& n = found->front();
  if (NoticeChange refused = refusal(n); refused.refusal != NoticeRefusal::None) return refused;
  values.push_back(n.application_id);
  values.push_back(n.version);
  auto s = db.exec("UPDATE enroll_notices SET " + set + ", version = version + 1 WHERE application_id = ? AND version = ?", values);
  if (!s) return s.error();
  if (db.changes() != 1) return NoticeChange{NoticeRefusal::WrongState, "这份通知书刚刚被其他人更改，请刷新后查看", {}};
  nlohmann::json detail = {{"school", n.school_id}, {"run", n.run_id}};
  if (auto a = auth::append_audit(db, {actor, action, n.application_id, detail.dump()}, now); !a) return a.error();
  if (auto done = tx.commit(); !done) return done.error();
  auto after = list_notices(db, filter);
  if (!after) return after.error();
  if (after->empty()) return make_error("更改后读不到通知书 " + n.application_id);
  return NoticeChange{NoticeRefusal::None, "", after->front()};
}

NoticeChange refused_change(NoticeRefusal r, std::string message) { return NoticeChange{r, std::move(message), {}}; }

}  // namespace

Result<NoticeChange> report_notice(store::Connection& db, const std::string& code, const std::string& only_school,
                                   const std::string& actor, int64_t now) {
  auto refusal = [&](const NoticeRecord& n) {
    if (!only_school.empty() && n.school_id != only_school)
      return refused_change(NoticeRefusal::Forbidden, "这份入学通知书的录取学校不是本校，不能由本校登记报到");
    if (n.status == "revoked")
      return refused_change(NoticeRefusal::WrongState,
                            "这份入学通知书已于 " + n.revoked_at.substr(0, 10) + " 撤销（" + n.revoke_reason + "），不能登记报到");
    if (n.status == "reported") {
      std::string when = n.reported_at.size() >= 19 ? n.reported_at.substr(0, 10) + " " + n.reported_at.substr(11, 8) + " (UTC)" : n.reported_at;
      return refused_change(NoticeRefusal::WrongState, "这名儿童已于 " + when + " 登记报到（登记人 " + n.reported_by + "），不能重复登记");
    }
    return NoticeChange{};
  };
  return change_notice(db, code, refusal, "status = 'reported', reported_by = ?, reported_at = ?",
                       {actor, auth::iso8601_utc(now)}, "enroll.notice.report", actor, now);
}

// The reason may name the family's circumstances: the audit entry records the change, not the words.
Result<NoticeChange> revoke_notice(store::Connection& db, const std::string& code, const std::string& reason,
                                   const std::string& actor, int64_t now) {
  auto refusal = [](const NoticeRecord& n) {
    if (n.status == "reported")
      return refused_change(NoticeRefusal::WrongState, "这名儿童已经报到：报到后的变动按学籍管理办理（转学、休学），不能撤销通知书");
    if (n.status != "issued") return refused_change(NoticeRefusal::WrongState, "这份入学通知书已经撤销");
    return NoticeChange{};
  };
  return change_notice(db, code, refusal, "status = 'revoked', revoked_by = ?, revoked_at = ?, revoke_reason = ?",
                       {actor, auth::iso8601_utc(now), reason}, "enroll.notice.revoke", actor, now);
}

std::string notice_status_zh(const std::string& status) {
  if (status == "issued") return "已签发（待报到）";
  if (status == "reported") return "已报到";
  if (status == "revoked") return "已撤销";
  return status;
}

nlohmann::json notice_json(const NoticeRecord& n) {
  return {{"application_id", n.application_id}, {"code", n.code},           {"run_id", n.run_id},
          {"school_id", n.school_id},           {"school_name", n.school_name}, {"year", n.year},
          {"child_name", n.child_name},         {"child_id_masked", n.child_id_masked},
          {"fallback", n.fallback},             {"status", n.status},       {"status_zh", notice_status_zh(n.status)},
          {"issued_at", n.issued_at},           {"issued_by", n.issued_by}, {"reported_at", n.reported_at},
          {"reported_by", n.reported_by},       {"version", n.version},
          {"report_time", n.report_time},       {"report_note", n.report_note},
          {"revoked_at", n.revoked_at},         {"revoked_by", n.revoked_by}, {"revoke_reason", n.revoke_reason}};
}

}  // namespace youjun::enroll
