#include "auth/sessions.hpp"

#include <sodium.h>

#include "core/personal_data.hpp"

namespace youjun::auth {

std::string random_token() {
  if (sodium_init() < 0) return {};
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  return to_hex(buf, sizeof buf);
}

std::string session_token_hash(const std::string& token) { return sha256_hex(token); }

bool tokens_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<NewSession> create_session(store::Connection& db, const std::string& username, SessionKind kind, int64_t now,
                                  const SessionPolicy& policy) {
  NewSession out;
  out.token = random_token();
  if (out.token.empty()) return make_error("随机数生成失败");
  Session& s = out.session;
  s.token_hash = session_token_hash(out.token);
  s.username = username;
  s.csrf_token = random_token();
  s.kind = kind;
  s.created_at = s.last_seen = now;
  s.expires_at = now + policy.absolute_seconds;
  auto st = db.exec("INSERT INTO sessions (token_hash, username, csrf_token, kind, created_at, last_seen, expires_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    {s.token_hash, s.username, s.csrf_token, std::string(kind == SessionKind::Cookie ? "cookie" : "bearer"),
                     s.created_at, s.last_seen, s.expires_at});
  if (!st) return st.error();
  return out;
}

Result<std::optional<Session>> lookup_session(store::Connection& db, const std::string& token, int64_t now,
                                              const SessionPolicy& policy) {
  if (token.size() != 64) return std::optional<Session>();
  std::string hash = session_token_hash(token);
  auto rows = db.query("SELECT username, csrf_token, kind, created_at, last_seen, expires_at FROM sessions "
                       "WHERE token_hash = ?",
                       {hash});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Session>();
  const auto& r = (*rows)[0];
  Session s{hash, r.text(0), r.text(1), r.text(2) == "bearer" ? SessionKind::Bearer : SessionKind::Cookie,
            r.integer(3), r.integer(4), r.integer(5)};
  if (now >= s.expires_at || now >= s.last_seen + policy.idle_seconds) {
    auto d = db.exec("DELETE FROM sessions WHERE token_hash = ?", {hash});
    if (!d) return d.error();
    return std::optional<Session>();
  }
  if (now - s.last_seen >= policy.touch_interval_seconds) {
    auto u = db.exec("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", {now, hash});
    if (!u) return u.error();
    s.last_seen = now;
  }
  return std::optional<Session>(s);
}

Status end_session(store::Connection& db, const std::string& token) {
  return db.exec("DELETE FROM sessions WHERE token_hash = ?", {session_token_hash(token)});
}

Status end_user_sessions(store::Connection& db, const std::string& username) {
  return db.exec("DELETE FROM sessions WHERE username = ?", {username});
}

Result<int64_t> purge_expired_sessions(store::Connection& db, int64_t now, const SessionPolicy& policy) {
  auto s = db.exec("DELETE FROM sessions WHERE expires_at <= ? OR last_seen <= ?", {now, now - policy.idle_seconds});
  if (!s) return s.error();
  return db.changes();
}

}  // namespace youjun::auth
