// GET /health, POST /auth/login, POST /auth/logout, GET /auth/me.
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "auth/login.hpp"
#include "server/handlers.hpp"

namespace youjun::server {

namespace {

ApiResponse too_many(int64_t seconds, const std::string& message) {
  ApiResponse r = ApiResponse::json(
      429, {{"error", message}, {"code", "too_many_requests"}, {"retry_after_seconds", seconds}});
  r.headers.emplace_back("Retry-After", std::to_string(seconds));
  return r;
}

nlohmann::json session_json(const auth::Session& s, const auth::SessionPolicy& policy) {
  return {{"kind", s.kind == auth::SessionKind::Cookie ? "cookie" : "bearer"},
          {"expires_at", auth::iso8601_utc(std::min(s.expires_at, s.last_seen + policy.idle_seconds))}};
}

// Creates the session and its audit entry together.
ApiResponse start_session(RequestContext& c, const auth::User& user, bool bearer) {
  auto& db = c.db;
  (void)auth::purge_expired_sessions(db, c.now, c.state.options.sessions);
  store::Transaction tx(db);
  if (!tx.started()) return internal_error("login: " + tx.start_error().message);
  if (!c.req.cookie_token.empty()) (void)auth::end_session(db, c.req.cookie_token);  // no session fixation
  auto kind = bearer ? auth::SessionKind::Bearer : auth::SessionKind::Cookie;
  auto created = auth::create_session(db, user.username, kind, c.now, c.state.options.sessions);
  if (!created) return internal_error("login: " + created.error().message);
  nlohmann::json detail = {{"ip", c.req.remote_addr}, {"kind", bearer ? "bearer" : "cookie"}};
  auto s = auth::append_audit(db, {user.username, "auth.login", user.username, detail.dump()}, c.now);
  if (s) s = tx.commit();
  if (!s) return internal_error("login: " + s.error().message);

  nlohmann::json body = {{"user", user_json(user, c.now)},
                         {"csrf_token", created->session.csrf_token},
                         {"session", session_json(created->session, c.state.options.sessions)}};
  if (bearer) body["token"] = created->token;
  ApiResponse r = ApiResponse::json(200, body);
  if (!bearer)
    r.headers.emplace_back("Set-Cookie", session_cookie(created->token, c.state.options.sessions.absolute_seconds,
                                                        c.state.options.secure_cookie));
  c.user = user;
  return r;
}

}  // namespace

std::string session_cookie(const std::string& token, int64_t max_age_seconds, bool secure) {
  std::string v = "yj_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(token.empty() ? 0 : max_age_seconds);
  if (secure) v += "; Secure";
  return v;
}

ApiResponse handle_health(RequestContext& c) {
  auto ping = c.db.query("SELECT 1");
  if (!ping) return internal_error("health: " + ping.error().message);
  return ApiResponse::json(200, {{"status", "ok"}, {"version", YOUJUN_VERSION}, {"database", c.db.backend()}});
}

ApiResponse handle_login(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  const auto& b = *body;
  if (!b.contains("username") || !b["username"].is_string() || !b.contains("password") ||
      !b["password"].is_string() || (b.contains("token") && !b["token"].is_boolean()))
    return error_response(400, "请求须包含字符串 username 和 password（token 可选，为布尔值）");
  std::string username = b["username"], password = b["password"];
  bool bearer = b.value("token", false);
  if (username.empty() || password.empty()) return error_response(400, "请输入用户名和密码");

  auto& ip = c.state.ip_throttle;
  if (int64_t wait = ip.blocked_for(c.req.remote_addr, c.now))
    return too_many(wait, "此地址登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试");
  auto attempt = auth::check_login(c.db, username, password, c.now, c.req.remote_addr, c.state.options.lockout);
  switch (attempt.status) {
    case auth::LoginStatus::Ok: return start_session(c, *attempt.user, bearer);
    case auth::LoginStatus::Locked:
      ip.record_failure(c.req.remote_addr, c.now);
      return too_many(attempt.retry_after, attempt.message);
    case auth::LoginStatus::BadCredentials:
      ip.record_failure(c.req.remote_addr, c.now);
      return error_response(401, attempt.message);
    case auth::LoginStatus::Disabled: return error_response(401, attempt.message);
    case auth::LoginStatus::Error: break;
  }
  return internal_error("login: " + attempt.message);
}

ApiResponse handle_logout(RequestContext& c) {
  store::Transaction tx(c.db);
  if (!tx.started()) return internal_error("logout: " + tx.start_error().message);
  auto s = auth::end_session(c.db, c.session_token);
  if (s) s = auth::append_audit(c.db, {c.actor(), "auth.logout", c.actor(), "{}"}, c.now);
  if (s) s = tx.commit();
  if (!s) return internal_error("logout: " + s.error().message);
  ApiResponse r = ApiResponse::json(200, {{"ok", true}});
  if (c.session->kind == auth::SessionKind::Cookie)
    r.headers.emplace_back("Set-Cookie", session_cookie("", 0, c.state.options.secure_cookie));
  return r;
}

ApiResponse handle_me(RequestContext& c) {
  return ApiResponse::json(200, {{"user", user_json(*c.user, c.now)},
                                 {"csrf_token", c.session->csrf_token},
                                 {"session", session_json(*c.session, c.state.options.sessions)}});
}

}  // namespace youjun::server
