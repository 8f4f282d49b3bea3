#include "auth/audit.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "core/personal_data.hpp"

namespace youjun::auth {

namespace {

void field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

AuditEntry entry_of(const store::Row& r) {
  return AuditEntry{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)};
}

constexpr const char* kColumns = "seq, at, actor, action, target, detail, prev_hash, hash";

// A detail that is not a JSON object is kept as {"text": …} so the log never rejects an event.
std::string canonical_detail(const std::string& detail) {
  auto j = nlohmann::json::parse(detail, nullptr, false);
  if (j.is_discarded() || !j.is_object()) j = nlohmann::json{{"text", detail}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string iso8601_utc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string audit_entry_hash(const AuditEntry& e) {
  std::string canonical = e.prev_hash + "\n" + std::to_string(e.seq) + "\n";
  field(canonical, e.at);
  field(canonical, e.actor);
  field(canonical, e.action);
  field(canonical, e.target);
  field(canonical, e.detail);
  return sha256_hex(canonical);
}

Status append_audit(store::Connection& db, const AuditEvent& event, int64_t now) {
  if (db.backend() == "postgresql") {
    // Writers queue here so two transactions cannot both read the same max(seq).
    auto s = db.exec("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE");
    if (!s) return s;
  }
  auto last = db.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!last) return last.error();
  AuditEntry e;
  e.seq = last->empty() ? 1 : (*last)[0].integer(0) + 1;
  e.prev_hash = last->empty() ? kAuditGenesisHash : (*last)[0].text(1);
  e.at = iso8601_utc(now);
  e.actor = event.actor.empty() ? "-" : event.actor;
  e.action = event.action;
  e.target = event.target;
  e.detail = canonical_detail(event.detail);
  e.hash = audit_entry_hash(e);
  return db.exec("INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {e.seq, e.at, e.actor, e.action, e.target, e.detail, e.prev_hash, e.hash});
}

Status record_audit(store::Connection& db, const AuditEvent& event, int64_t now) {
  Error last_error;
  for (int attempt = 0; attempt < 3; ++attempt) {  // a concurrent writer may take the same seq
    store::Transaction tx(db);
    if (!tx.started()) return tx.start_error();
    auto s = append_audit(db, event, now);
    if (s) s = tx.commit();
    if (s) return s;
    last_error = s.error();
  }
  return make_error("审计日志写入失败: " + last_error.message);
}

Result<ChainCheck> verify_audit_chain(store::Connection& db) {
  ChainCheck check;
  auto stray = db.query("SELECT MIN(seq) FROM audit_log WHERE seq < 1");
  if (!stray) return stray.error();
  if (!stray->empty() && !(*stray)[0].is_null(0)) {
    check.ok = false;
    check.first_broken_seq = (*stray)[0].integer(0);
    check.problem = "存在编号小于 1 的记录（被插入）";
    return check;
  }
  std::string prev = kAuditGenesisHash;
  int64_t expected_seq = 1;
  const std::string sql = std::string("SELECT ") + kColumns + " FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT 5000";
  for (;;) {
    auto rows = db.query(sql, {expected_seq});
    if (!rows) return rows.error();
    if (rows->empty()) break;
    for (const auto& r : *rows) {
      AuditEntry e = entry_of(r);
      auto broken = [&](int64_t seq, std::string why) {
        check.ok = false;
        check.first_broken_seq = seq;
        check.problem = std::move(why);
      };
      if (e.seq != expected_seq) broken(expected_seq, "第 " + std::to_string(expected_seq) + " 条缺失（被删除）");
      else if (e.prev_hash != prev) broken(e.seq, "第 " + std::to_string(e.seq) + " 条的前一条哈希不符（前面的记录被改动或删除）");
      else if (audit_entry_hash(e) != e.hash) broken(e.seq, "第 " + std::to_string(e.seq) + " 条内容与哈希不符（被改动）");
      if (!check.ok) return check;
      prev = e.hash;
      check.head_hash = e.hash;
      ++check.count;
      ++expected_seq;
    }
  }
  return check;
}

Result<std::vector<AuditEntry>> recent_audit(store::Connection& db, int64_t limit) {
  auto rows = db.query(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq DESC LIMIT ?", {limit});
  if (!rows) return rows.error();
  std::vector<AuditEntry> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(entry_of(r));
  return out;
}

}  // namespace youjun::auth
