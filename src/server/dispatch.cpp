#include "server/dispatch.hpp"

#include "auth/roles.hpp"
#include "server/handlers.hpp"
#include "server/routes.hpp"

namespace youjun::server {

namespace {

// nullptr and `path_known` = true when the path exists with another method.
const Route* find_route(const ApiRequest& req, std::map<std::string, std::string>& params, bool& path_known) {
  std::string method = req.method == "HEAD" ? "GET" : req.method;
  path_known = false;
  for (const auto& r : api_routes()) {
    if (!match_pattern(r.pattern, req.path, params)) continue;
    path_known = true;
    if (r.method == method) return &r;
  }
  return nullptr;
}

ApiResponse unauthorized(const RequestContext& c, const std::string& message) {
  ApiResponse r = error_response(401, message);
  if (!c.req.cookie_token.empty())  // drop a dead cookie so the browser stops sending it
    r.headers.emplace_back("Set-Cookie", session_cookie("", 0, c.state.options.secure_cookie));
  return r;
}

// Fills c.user/c.session from the bearer token or the cookie; an answer when that fails.
std::optional<ApiResponse> authenticate(RequestContext& c) {
  bool bearer = !c.req.bearer_token.empty();
  const std::string& token = bearer ? c.req.bearer_token : c.req.cookie_token;
  if (token.empty()) return error_response(401, "请先登录");
  auto session = auth::lookup_session(c.db, token, c.now, c.state.options.sessions);
  if (!session) return internal_error("session lookup: " + session.error().message);
  auto wanted = bearer ? auth::SessionKind::Bearer : auth::SessionKind::Cookie;
  if (!*session || (*session)->kind != wanted) return unauthorized(c, "登录已失效，请重新登录");
  auto user = auth::find_user(c.db, (*session)->username);
  if (!user) return internal_error("user lookup: " + user.error().message);
  if (!*user || (*user)->disabled) {
    (void)auth::end_session(c.db, token);
    return unauthorized(c, "账号已停用，请联系教育局管理员");
  }
  c.session = **session;
  c.user = **user;
  c.session_token = token;
  return std::nullopt;
}

// CSRF, role and path-scope checks for an authenticated request.
std::optional<ApiResponse> authorize(const RequestContext& c, const Route& route) {
  if (is_state_changing(c.req.method) && c.session->kind == auth::SessionKind::Cookie &&
      !auth::tokens_equal(c.req.csrf_header, c.session->csrf_token))
    return error_response(403, "CSRF 校验失败：请求缺少有效的 X-CSRF-Token 请求头，请刷新页面后重试");
  if (!role_allowed(route, c.user->role))
    return error_response(403, "当前角色（" + auth::role_label(c.user->role) + "）无权执行此操作");
  if (route.scope == Scope::OwnSchoolPath && c.user->role == auth::kSchoolAdmin &&
      c.req.path_params.at("code") != c.user->school_code)
    return error_response(403, "学校管理员只能访问本校（" + c.user->school_code + "）的数据");
  return std::nullopt;
}

}  // namespace

ApiResponse dispatch_api(ServerState& state, ApiRequest& req, std::string& log_user) {
  std::map<std::string, std::string> params;
  bool path_known = false;
  const Route* route = find_route(req, params, path_known);
  if (!route) return error_response(404, path_known ? "该接口不支持 " + req.method + " 方法" : "接口不存在");
  req.path_params = params;
  size_t limit = route->upload ? state.options.max_import_body : state.options.max_body;
  size_t size = req.body.size();
  for (const auto& [name, part] : req.parts) size += part.content.size();
  if (size > limit) return error_response(413, "请求体过大（上限 " + std::to_string(limit >> 20) + " MiB）");

  // A read that failed because its pooled connection had died (PostgreSQL restarted under the server)
  // runs once more on a fresh connection. Writes are not repeated: whether a lost COMMIT took effect
  // is unknown, so the client gets the error and decides.
  for (int attempt = 0;; ++attempt) {
    auto lease = state.pool.acquire();
    if (!lease) return database_error("database", lease.error());
    RequestContext c{state, **lease, req, state.now(), std::nullopt, std::nullopt, ""};
    std::optional<ApiResponse> r;
    if (route->access != Access::Open) {
      r = authenticate(c);
      if (!r) {
        log_user = c.user->username;
        r = authorize(c, *route);
      }
    }
    if (!r) r = route->handler(c);
    if (c.user) log_user = c.user->username;  // login sets the user
    if (r->status >= 500 && (*lease)->broken() && req.method == "GET" && attempt == 0) continue;
    return *r;
  }
}

}  // namespace youjun::server
