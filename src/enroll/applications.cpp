#include "enroll/applications.hpp"

#include <cstdio>

#include "auth/audit.hpp"

namespace youjun::enroll {

namespace {

constexpr const char* kColumns =
    "id, year, username, child_id_hash, child_id_masked, child_name, school_id, fallback_school_id, household_id, home_id, "
    "facts_json, documents_json, status, review_reason, reviewed_by, reviewed_at, created_at, updated_at, version, prefs_json";

ApplicationRecord record_of(const store::Row& r) {
  ApplicationRecord a;
  a.id = r.text(0);
  a.year = r.integer(1);
  a.username = r.text(2);
  a.child_id_hash = r.text(3);
  a.child_id_masked = r.text(4);
  a.form.child_name = r.text(5);
  a.form.school_id = r.text(6);
  a.form.fallback_school_id = r.text(7);
  a.form.household_id = r.text(8);
  a.form.home_id = r.text(9);
  auto facts = nlohmann::json::parse(r.text(10), nullptr, false);
  if (facts.is_object())
    for (auto it = facts.begin(); it != facts.end(); ++it)
      if (it.value().is_boolean()) a.form.facts[it.key()] = it.value().get<bool>();
  auto documents = nlohmann::json::parse(r.text(11), nullptr, false);
  if (documents.is_array())
    for (const auto& d : documents)
      if (d.is_string()) a.form.documents.push_back(d.get<std::string>());
  a.status = r.text(12);
  a.review_reason = r.text(13);
  a.reviewed_by = r.text(14);
  a.reviewed_at = r.text(15);
  a.created_at = r.text(16);
  a.updated_at = r.text(17);
  a.version = r.integer(18);
  auto prefs = nlohmann::json::parse(r.text(19), nullptr, false);
  if (prefs.is_array())
    for (const auto& p : prefs)
      if (p.is_string()) a.form.prefs.push_back(p.get<std::string>());
  return a;
}

std::string facts_text(const ApplicationForm& f) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : f.facts) j[k] = v;
  return j.dump();
}

ApplicationChange refused(ApplicationRefusal kind, std::string message) {
  ApplicationChange c;
  c.refusal = kind;
  c.message = std::move(message);
  return c;
}

// Reads the application inside the transaction and checks who may change it and in which state.
Result<std::optional<ApplicationRecord>> current(store::Connection& db, const std::string& id) {
  auto rows = db.query(std::string("SELECT ") + kColumns + " FROM enroll_applications WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ApplicationRecord>{};
  return std::optional<ApplicationRecord>{record_of((*rows)[0])};
}

const char* status_zh(const std::string& s) {
  if (s == "submitted") return "待审核";
  if (s == "returned") return "已退回";
  if (s == "approved") return "审核通过";
  if (s == "withdrawn") return "已撤回";
  return "未知";
}

// The application as stored after a committed change.
Result<ApplicationChange> changed(store::Connection& db, const std::string& id) {
  auto after = current(db, id);
  if (!after) return after.error();
  if (!*after) return make_error("报名 " + id + " 提交后未找到");
  ApplicationChange c;
  c.application = **after;
  return c;
}

// The application inside the transaction when it may be changed: it exists (and belongs to `username`, when
// given) and is still at the version the person saw. Else nullopt and `refusal` says why.
Result<std::optional<ApplicationRecord>> editable(store::Connection& db, const std::string& id, const std::string& username,
                                                  int64_t version, ApplicationChange& refusal) {
  auto before = current(db, id);
  if (!before) return before.error();
  if (!*before || (!username.empty() && (*before)->username != username))
    refusal = refused(ApplicationRefusal::NotFound, "没有报名 " + id);
  else if ((*before)->version != version)
    refusal = refused(ApplicationRefusal::Stale, "报名 " + id + " 已有更新，请刷新后再试");
  else
    return before;
  return std::optional<ApplicationRecord>{};
}

// Writes the form and the new status of an existing application (version + 1), audited; commits.
Result<ApplicationChange> save(store::Connection& db, store::Transaction& tx, const ApplicationRecord& before, const ApplicationForm& form,
                               const std::string& status, const std::string& reason, const std::string& reviewer,
                               const std::string& action, const std::string& actor, int64_t now) {
  std::string at = auth::iso8601_utc(now);
  bool reviewed = !reviewer.empty();
  auto s = db.exec("UPDATE enroll_applications SET child_name = ?, school_id = ?, fallback_school_id = ?, household_id = ?, "
                   "home_id = ?, facts_json = ?, documents_json = ?, prefs_json = ?, status = ?, review_reason = ?, reviewed_by = ?, "
                   "reviewed_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                   {form.child_name, form.school_id, form.fallback_school_id, form.household_id, form.home_id, facts_text(form),
                    nlohmann::json(form.documents).dump(), nlohmann::json(form.prefs).dump(), status, reason, reviewed ? reviewer : before.reviewed_by,
                    reviewed ? at : before.reviewed_at, at, before.id, before.version});
  if (!s) return s.error();
  // Two people who read the same version race to this UPDATE; the second changes nothing and is told so.
  if (db.changes() != 1) return refused(ApplicationRefusal::Stale, "报名 " + before.id + " 刚被他人修改，请刷新后再试");
  nlohmann::json detail = {{"from", before.status}, {"to", status}, {"version", before.version + 1}};
  if (auto a = auth::append_audit(db, {actor, action, before.id, detail.dump()}, now); !a) return a.error();
  if (auto done = tx.commit(); !done) return done.error();
  return changed(db, before.id);
}

}  // namespace

namespace {

// The next number of the year's applications, from id_counters in a transaction of its own (committed before
// the application's: a failed submission leaves a gap, concurrent ones never wait for each other's commit).
Result<int64_t> next_number(store::Connection& db, int year) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  std::string name = "enroll_applications/" + std::to_string(year);
  auto s = db.exec("INSERT INTO id_counters (name, next) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET next = id_counters.next + 1",
                   {name});
  if (!s) return s.error();
  auto rows = db.query("SELECT next FROM id_counters WHERE name = ?", {name});
  if (!rows) return rows.error();
  if (auto done = tx.commit(); !done) return done.error();
  return (*rows)[0].integer(0);
}

}  // namespace

Result<ApplicationChange> submit_application(store::Connection& db, int year, const std::string& username, const ChildIdentity& child,
                                             const ApplicationForm& form, int64_t now) {
  // A withdrawn application of the same child is reopened; any other one is a refusal.
  {
    store::Transaction tx(db);
    if (!tx.started()) return tx.start_error();
    auto existing = db.query(std::string("SELECT ") + kColumns + " FROM enroll_applications WHERE year = ? AND child_id_hash = ?",
                             {int64_t{year}, child.id_hash});
    if (!existing) return existing.error();
    if (!existing->empty()) {
      ApplicationRecord before = record_of((*existing)[0]);
      if (before.status != "withdrawn" || before.username != username)
        return refused(ApplicationRefusal::Duplicate,
                       "这名儿童 " + std::to_string(year) + " 年已报名（编号 " + before.id + "，" + status_zh(before.status) + "）");
      return save(db, tx, before, form, "submitted", "", "", "enroll.application.submit", username, now);
    }
  }
  auto number = next_number(db, year);
  if (!number) return number.error();
  char id[32];
  std::snprintf(id, sizeof id, "%d-%06lld", year, static_cast<long long>(*number));
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  std::string at = auth::iso8601_utc(now);
  // DO NOTHING: the same child sent twice at once — the second insert finds the first and is refused.
  auto s = db.exec("INSERT INTO enroll_applications (id, year, username, child_id_hash, child_id_enc, child_id_masked, child_name, "
                   "school_id, fallback_school_id, household_id, home_id, facts_json, documents_json, prefs_json, status, review_reason, "
                   "reviewed_by, reviewed_at, created_at, updated_at, version) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', '', '', '', ?, ?, 1) ON CONFLICT DO NOTHING",
                   {std::string(id), int64_t{year}, username, child.id_hash, child.id_enc, child.id_masked, form.child_name,
                    form.school_id, form.fallback_school_id, form.household_id, form.home_id, facts_text(form),
                    nlohmann::json(form.documents).dump(), nlohmann::json(form.prefs).dump(), at, at});
  if (!s) return s.error();
  if (db.changes() != 1)
    return refused(ApplicationRefusal::Duplicate, "这名儿童 " + std::to_string(year) + " 年已报名（刚刚提交过，请刷新查看）");
  nlohmann::json detail = {{"year", year}, {"school", form.school_id}};
  if (auto a = auth::append_audit(db, {username, "enroll.application.submit", id, detail.dump()}, now); !a) return a.error();
  if (auto done = tx.commit(); !done) return done.error();
  return changed(db, id);
}

Result<ApplicationChange> resubmit_application(store::Connection& db, const std::string& id, const std::string& username,
                                               const ApplicationForm& form, int64_t version, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  ApplicationChange refusal;
  auto before = editable(db, id, username, version, refusal);
  if (!before) return before.error();
  if (!*before) return refusal;
  if ((*before)->status != "returned")
    return refused(ApplicationRefusal::WrongState, "报名 " + id + " 当前为“" + status_zh((*before)->status) + "”，只有退回的报名可以修改后重新提交");
  return save(db, tx, **before, form, "submitted", "", "", "enroll.application.resubmit", username, now);
}

Result<ApplicationChange> withdraw_application(store::Connection& db, const std::string& id, const std::string& username,
                                               int64_t version, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  ApplicationChange refusal;
  auto before = editable(db, id, username, version, refusal);
  if (!before) return before.error();
  if (!*before) return refusal;
  if ((*before)->status == "withdrawn" || (*before)->status == "approved")
    return refused(ApplicationRefusal::WrongState, "报名 " + id + " 当前为“" + status_zh((*before)->status) + "”，不能撤回（审核通过后请联系教育局）");
  return save(db, tx, **before, (*before)->form, "withdrawn", "", "", "enroll.application.withdraw", username, now);
}

Result<ApplicationChange> review_application(store::Connection& db, const std::string& id, const std::string& decision,
                                             const std::string& reason, int64_t version, const std::string& actor, int64_t now) {
  if (decision != "approve" && decision != "return")
    return refused(ApplicationRefusal::WrongState, "decision 应为 approve（通过）或 return（退回）");
  if (decision == "return" && reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return refused(ApplicationRefusal::WrongState, "退回须写明原因（reason），家长据此补正材料");
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  ApplicationChange refusal;
  auto before = editable(db, id, "", version, refusal);  // staff: anyone's application
  if (!before) return before.error();
  if (!*before) return refusal;
  if ((*before)->status != "submitted")
    return refused(ApplicationRefusal::WrongState, "报名 " + id + " 当前为“" + status_zh((*before)->status) + "”，只有待审核的报名可以审核");
  return save(db, tx, **before, (*before)->form, decision == "approve" ? "approved" : "returned", decision == "approve" ? "" : reason,
              actor, "enroll.application.review", actor, now);
}

namespace {

// " WHERE …" of a filter, its parameters appended to `params`.
std::string where_of(const ApplicationFilter& f, store::Params& params) {
  std::string where = " WHERE 1 = 1";
  if (f.year) where += " AND year = ?", params.push_back(f.year);
  if (!f.username.empty()) where += " AND username = ?", params.push_back(f.username);
  if (!f.status.empty()) where += " AND status = ?", params.push_back(f.status);
  if (!f.school_id.empty()) where += " AND school_id = ?", params.push_back(f.school_id);
  if (!f.home_id.empty()) where += " AND home_id = ?", params.push_back(f.home_id);
  if (!f.id.empty()) where += " AND id = ?", params.push_back(f.id);
  return where;
}

}  // namespace

Result<std::vector<ApplicationRecord>> list_applications(store::Connection& db, const ApplicationFilter& f) {
  store::Params params;
  std::string sql = std::string("SELECT ") + kColumns + " FROM enroll_applications" + where_of(f, params) + " ORDER BY id";
  if (f.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.push_back(f.limit);
    params.push_back(f.offset);
  }
  auto rows = db.query(sql, params);
  if (!rows) return rows.error();
  std::vector<ApplicationRecord> out;
  for (const auto& r : *rows) out.push_back(record_of(r));
  return out;
}

Result<std::map<std::string, int64_t>> count_applications(store::Connection& db, const ApplicationFilter& f) {
  store::Params params;
  auto rows = db.query("SELECT status, COUNT(*) FROM enroll_applications" + where_of(f, params) + " GROUP BY status", params);
  if (!rows) return rows.error();
  std::map<std::string, int64_t> out;
  for (const auto& r : *rows) out[r.text(0)] = r.integer(1);
  return out;
}

Result<std::optional<ApplicationRecord>> find_application(store::Connection& db, const std::string& id) { return current(db, id); }

std::vector<Application> eligibility_inputs(const std::vector<ApplicationRecord>& records) {
  std::vector<Application> out;
  for (const auto& r : records)
    out.push_back(Application{r.id, r.form.school_id, r.form.household_id, r.form.home_id, r.form.facts, r.form.documents});
  return out;
}

Result<std::vector<HomeUse>> home_history(store::Connection& db, int64_t year) {
  auto rows = db.query("SELECT home_id, household_id, id, year FROM enroll_applications "
                       "WHERE status = 'approved' AND year < ? AND home_id <> '' ORDER BY year, id",
                       {year});
  if (!rows) return rows.error();
  std::vector<HomeUse> out;
  for (const auto& r : *rows) out.push_back({r.text(0), r.text(1), r.text(2), static_cast<int>(r.integer(3))});
  return out;
}

nlohmann::json application_json(const ApplicationRecord& r) {
  return {{"id", r.id},
          {"year", r.year},
          {"username", r.username},
          {"child_id_masked", r.child_id_masked},
          {"child_name", r.form.child_name},
          {"school_id", r.form.school_id},
          {"prefs", r.form.prefs},
          {"fallback_school_id", r.form.fallback_school_id},
          {"household_id", r.form.household_id},
          {"home_id", r.form.home_id},
          {"facts", r.form.facts},
          {"documents", r.form.documents},
          {"status", r.status},
          {"status_zh", status_zh(r.status)},
          {"review_reason", r.review_reason},
          {"reviewed_by", r.reviewed_by},
          {"reviewed_at", r.reviewed_at},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"version", r.version}};
}

}  // namespace youjun::enroll
