#pragma once
// Login sessions. The client holds a random 256-bit token (cookie `yj_session` or a bearer token); the
// database holds only its SHA-256, so a leaked database does not leak usable sessions.
// A session ends after 8 hours without a request, 24 hours after login, at logout, or when the
// account's password, role or school changes or the account is disabled.
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::auth {

struct SessionPolicy {
  int64_t idle_seconds = 8 * 3600;
  int64_t absolute_seconds = 24 * 3600;
  int64_t touch_interval_seconds = 60;  // last_seen is written at most once a minute
};

enum class SessionKind { Cookie, Bearer };

struct Session {
  std::string token_hash;
  std::string username;
  std::string csrf_token;
  SessionKind kind = SessionKind::Cookie;
  int64_t created_at = 0, last_seen = 0, expires_at = 0;
};

struct NewSession {
  std::string token;  // give to the client once; never stored
  Session session;
};

std::string random_token();  // 64 hex characters from libsodium's CSPRNG
std::string session_token_hash(const std::string& token);
// Constant-time comparison (CSRF tokens).
bool tokens_equal(const std::string& a, const std::string& b);

Result<NewSession> create_session(store::Connection& db, const std::string& username, SessionKind kind, int64_t now,
                                  const SessionPolicy& policy = {});
// nullopt when unknown or expired (an expired session is deleted); refreshes last_seen.
Result<std::optional<Session>> lookup_session(store::Connection& db, const std::string& token, int64_t now,
                                              const SessionPolicy& policy = {});
Status end_session(store::Connection& db, const std::string& token);
Status end_user_sessions(store::Connection& db, const std::string& username);
// Deletes every expired session; returns how many.
Result<int64_t> purge_expired_sessions(store::Connection& db, int64_t now, const SessionPolicy& policy = {});

}  // namespace youjun::auth
