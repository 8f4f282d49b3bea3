#pragma once
// Plain request/response types of the JSON API, independent of the HTTP library, so handlers and the
// route table compile without cpp-httplib and can be tested without a socket.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/accounts.hpp"
#include "auth/audit.hpp"
#include "auth/login.hpp"
#include "auth/sessions.hpp"
#include "core/personal_data.hpp"
#include "core/row_error.hpp"
#include "server/audit_batcher.hpp"
#include "server/db_pool.hpp"
#include "server/published_runs.hpp"

namespace youjun::server {

struct UploadedPart {
  std::string filename;      // "" for a plain form field
  std::string content_type;
  std::string content;
};

struct ApiRequest {
  std::string method;  // GET, POST, … (HEAD is answered as GET)
  std::string path;    // decoded, without the query string
  std::map<std::string, std::string> path_params;        // {code} -> "33060201"
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::map<std::string, UploadedPart> parts;              // multipart/form-data fields
  std::string remote_addr;
  std::string cookie_token;  // value of the yj_session cookie
  std::string bearer_token;  // from "Authorization: Bearer …"
  std::string csrf_header;   // X-CSRF-Token

  // First value of a query parameter, or `fallback`.
  std::string param(const std::string& name, const std::string& fallback = "") const;
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;

  static ApiResponse json(int status, const nlohmann::json& value);
};

// {"error": message, "code": <code of the status>} (docs/api.md "Errors").
ApiResponse error_response(int status, const std::string& message);
// 422 with the import's row errors: {"error", "code":"unprocessable", "errors":[{file,row,column,message}]}.
ApiResponse rejected_import(const std::string& message, const RowErrors& errors);
std::string error_code_for(int status);

struct ServerOptions {
  bool secure_cookie = false;            // add `Secure` to the session cookie (served behind TLS)
  std::function<int64_t()> clock;        // Unix seconds; empty = the system clock (tests inject one)
  auth::SessionPolicy sessions;
  auth::LockoutPolicy lockout;
  auth::IpPolicy ip;
  size_t max_body = 1u << 20;            // every route but imports: 1 MiB
  size_t max_import_body = 64u << 20;    // POST /api/v1/import/{kind}: 64 MiB
  size_t db_pool_size = 16;              // open database connections at most (serve --db-pool)
  std::string profile = "national";      // the bureau's policy profile for 网上报名 eligibility (serve --profile)
};

// Shared by every request (thread-safe members only).
struct ServerState {
  ServerState(std::string db_url, PersonalDataKey key, ServerOptions options);
  ~ServerState();
  DbPool pool;
  std::unique_ptr<AuditBatcher> audit;  // audited reads, committed in batches
  PersonalDataKey key;
  ServerOptions options;
  auth::IpThrottle ip_throttle;
  PublishedRuns published_runs;  // published 派位 results, read once
  int64_t now() const;
};

struct RequestContext {
  ServerState& state;
  store::Connection& db;
  ApiRequest& req;
  int64_t now;
  std::optional<auth::User> user;        // set for every route but the open ones
  std::optional<auth::Session> session;
  std::string session_token;             // the raw token this request authenticated with

  const std::string& actor() const;      // username, or "-" when anonymous
  bool is_role(std::string_view role) const { return user && user->role == role; }
  // Scope::OwnSchoolFilter: a school_admin's own school code, "" for every other role.
  std::string own_school() const;
  // The bureau's analysts (bureau_admin, bureau_staff): the only callers who get individual results in score
  // order (001: results reach schools and parents as grades).
  bool is_bureau_analyst() const;
  // Audits a read of personal data (committed with the other reads waiting, before the answer is sent).
  Status audit_read(const auth::AuditEvent& event) const;
};

// Small helpers shared by the handlers.
nlohmann::json user_json(const auth::User& user, int64_t now);
// Parses the JSON object body; nullopt (and `error` set) when it is not a JSON object.
std::optional<nlohmann::json> json_body(const ApiRequest& req, ApiResponse& error);
// Positive integer query parameter in [1, max] (larger values are clamped); error on garbage.
std::optional<int64_t> int_param(const ApiRequest& req, const std::string& name, int64_t fallback, int64_t max,
                                 ApiResponse& error);
ApiResponse internal_error(const std::string& what);
// A failed database call: 503 when every pooled connection is busy, 507 when storage refused the write
// (disk full), else internal_error. Error::code decides.
ApiResponse database_error(const std::string& what, const Error& e);

}  // namespace youjun::server
