#include "server/api.hpp"

#include <cstdio>

#include "auth/audit.hpp"
#include "auth/roles.hpp"
#include "core/time_util.hpp"

namespace youjun::server {

std::string ApiRequest::param(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

ApiResponse ApiResponse::json(int status, const nlohmann::json& value) {
  ApiResponse r;
  r.status = status;
  r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

std::string error_code_for(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 422: return "unprocessable";
    case 429: return "too_many_requests";
    case 503: return "unavailable";
    case 507: return "insufficient_storage";
    default: return status >= 500 ? "internal" : "bad_request";
  }
}

ApiResponse error_response(int status, const std::string& message) {
  return ApiResponse::json(status, {{"error", message}, {"code", error_code_for(status)}});
}

ApiResponse rejected_import(const std::string& message, const RowErrors& errors) {
  constexpr size_t kMaxListed = 1000;  // the count is always complete; the list is capped
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < errors.size() && i < kMaxListed; ++i) {
    const auto& e = errors[i];
    list.push_back({{"file", e.file}, {"row", e.row}, {"column", e.column}, {"message", e.message}});
  }
  return ApiResponse::json(422, {{"error", message},
                                 {"code", "unprocessable"},
                                 {"errors", list},
                                 {"errors_total", errors.size()}});
}

ApiResponse internal_error(const std::string& what) {
  std::fprintf(stderr, "%s ERROR %s\n", now_iso8601().c_str(), what.c_str());
  return error_response(500, "服务器内部错误，请稍后再试或联系管理员");
}

ApiResponse database_error(const std::string& what, const Error& e) {
  if (e.code == "busy") return error_response(503, e.message);
  ApiResponse logged = internal_error(what + ": " + e.message);  // the detail goes to the operator's log
  if (e.code == "storage")
    return error_response(507, "服务器存储写入失败（磁盘空间不足或存储故障），本次操作未写入任何数据。请联系管理员处理后重试。");
  return logged;
}

ServerState::ServerState(std::string db_url, PersonalDataKey k, ServerOptions o)
    : pool(db_url, o.db_pool_size),
      audit(std::make_unique<AuditBatcher>(db_url)),
      key(std::move(k)),
      options(std::move(o)),
      ip_throttle(options.ip) {}

ServerState::~ServerState() = default;

Status RequestContext::audit_read(const auth::AuditEvent& event) const { return state.audit->record(event, now); }

int64_t ServerState::now() const { return options.clock ? options.clock() : now_unix(); }

const std::string& RequestContext::actor() const {
  static const std::string anonymous = "-";
  return user ? user->username : anonymous;
}

std::string RequestContext::own_school() const { return is_role(auth::kSchoolAdmin) ? user->school_code : ""; }

bool RequestContext::is_bureau_analyst() const { return is_role(auth::kBureauAdmin) || is_role(auth::kBureauStaff); }

nlohmann::json user_json(const auth::User& u, int64_t now) {
  nlohmann::json j = {{"username", u.username},
                      {"display_name", u.display_name},
                      {"role", u.role},
                      {"school_code", nullptr},
                      {"disabled", u.disabled},
                      {"locked_until", nullptr},
                      {"created_at", u.created_at}};
  if (!u.school_code.empty()) j["school_code"] = u.school_code;
  if (u.locked_until > now) j["locked_until"] = auth::iso8601_utc(u.locked_until);
  return j;
}

std::optional<nlohmann::json> json_body(const ApiRequest& req, ApiResponse& error) {
  if (req.content_type.find("application/json") == std::string::npos) {
    error = error_response(400, "请求体须为 JSON（Content-Type: application/json）");
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = error_response(400, "请求体不是有效的 JSON 对象");
    return std::nullopt;
  }
  return j;
}

std::optional<int64_t> int_param(const ApiRequest& req, const std::string& name, int64_t fallback, int64_t max,
                                 ApiResponse& error) {
  std::string text = req.param(name);
  if (text.empty()) return fallback;
  int64_t v = 0;
  bool ok = text.size() <= 9;
  for (char c : text) ok = ok && c >= '0' && c <= '9';
  if (ok) v = std::stoll(text);
  if (!ok || v < 1) {
    error = error_response(400, "参数 " + name + " 应为正整数");
    return std::nullopt;
  }
  return std::min(v, max);
}

}  // namespace youjun::server
