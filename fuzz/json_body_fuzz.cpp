// libFuzzer target for the JSON request bodies of the HTTP API (src/server). Arbitrary bytes are the body
// of the code that reads JSON bodies: json_body() (api.cpp), the real handlers POST /auth/login
// (handlers_auth.cpp) and PUT /users/{username} (handlers_admin.cpp), the body-field readers of
// handlers_admin.cpp (get_string, get_children: included below, they live in an anonymous namespace),
// the validators the account code applies to those fields, and int_param() fed the body's strings.
//
// The handlers run against EmptyDatabase, an in-memory stand-in for store::Connection in which every query
// finds no rows, so login always ends in "bad credentials" and an update in "no such user": no file, no
// SQLite, and every answer is a deterministic 4xx. Password hashing is set to the cheap test cost.
//
// Invariants: no exception escapes; a bad body is reported as a value (400 with {"error", "code"}); every
// response body is a JSON object whose "code" matches its status; no 5xx; what the readers return is
// consistent with the body. Build and run: scripts/fuzz.sh (make fuzz), see fuzz/README.md.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/accounts.hpp"
#include "auth/password.hpp"
#include "core/id_number.hpp"
#include "server/api.hpp"
#include "server/handlers.hpp"

// get_string / get_children and handle_update_user (handlers_admin.cpp is therefore not linked separately).
#include "server/handlers_admin.cpp"

using namespace youjun;
using namespace youjun::server;
using nlohmann::json;

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "json_body_fuzz: invariant broken: %s\n", what);
  std::abort();
}
#define CHECK(cond)                   \
  do {                                \
    if (!(cond)) fail(#cond);         \
  } while (0)

class EmptyDatabase : public store::Connection {
 public:
  std::string backend() const override { return "sqlite"; }
  Result<std::vector<store::Row>> query(std::string_view, const store::Params&) override {
    return std::vector<store::Row>{};
  }
  Status exec_script(std::string_view) override { return ok_status(); }
  Result<std::unique_ptr<store::Statement>> prepare(std::string_view) override {
    return make_error("EmptyDatabase: no statements");
  }
  Status begin() override { return ok_status(); }
  Status commit() override { return ok_status(); }
  Status rollback() override { return ok_status(); }
  int64_t changes() override { return 0; }
};

const PersonalDataKey& test_key() {
  static const PersonalDataKey key = PersonalDataKey::from_bytes({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                                                   17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
                                                                   30, 31, 32});
  return key;
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

bool is_lower_hex(std::string_view s) {
  for (char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}

bool has_nonfinite(const json& j) {
  if (j.is_number_float()) return !std::isfinite(j.get<double>());
  if (j.is_structured())
    for (const auto& v : j)
      if (has_nonfinite(v)) return true;
  return false;
}

// A JSON error answer: one of the allowed statuses, {"error": non-empty text, "code": error_code_for(status)}.
void check_error(const ApiResponse& r, std::initializer_list<int> allowed) {
  bool status_ok = false;
  for (int s : allowed) status_ok = status_ok || r.status == s;
  if (!status_ok) {
    std::fprintf(stderr, "json_body_fuzz: unexpected status %d: %s\n", r.status, r.body.c_str());
    fail("status is one of the allowed ones");
  }
  CHECK(r.content_type.rfind("application/json", 0) == 0);
  CHECK(valid_utf8(r.body));
  json j = json::parse(r.body, nullptr, false);
  CHECK(!j.is_discarded() && j.is_object());
  CHECK(j.contains("error") && j["error"].is_string() && !j["error"].get<std::string>().empty());
  CHECK(j.contains("code") && j["code"] == error_code_for(r.status));
}

// int_param on one query value: the fallback, a value in [1, max] that is the number written, or a 400.
void check_int_param(const std::string& text) {
  ApiRequest req;
  req.query.emplace("page", text);
  ApiResponse err;
  const int64_t fallback = 7, max = 1000;
  auto v = int_param(req, "page", fallback, max, err);
  if (text.empty()) {
    CHECK(v && *v == fallback);
    return;
  }
  bool digits = text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
  if (v) {
    CHECK(digits);
    CHECK(*v >= 1 && *v <= max);
    CHECK(*v == std::min<int64_t>(std::stoll(text), max));
  } else {
    CHECK(!digits || std::stoll(text) < 1);
    check_error(err, {400});
  }
}

// The pure validators the account code applies to body fields, and the ID-number helpers.
void check_text_field(const std::string& s) {
  if (auto p = auth::username_problem(s)) CHECK(valid_utf8(*p));
  if (auto p = auth::password_problem(s, "admin")) CHECK(valid_utf8(*p));
  auto problem = id_number_problem(s);
  if (problem) CHECK(valid_utf8(*problem));
  auto info = id_number_info(s);
  CHECK(static_cast<bool>(info) != static_cast<bool>(problem));
  if (info) {
    CHECK(info->gender == 'M' || info->gender == 'F');
    CHECK(info->birth_date.size() == 10);
  }
  std::string masked = mask_id_number(s);
  CHECK(masked.size() == s.size());
  check_int_param(s);
}

void run(std::string_view bytes) {
  std::string body(bytes);
  static EmptyDatabase db;

  // 1. json_body: a JSON object, or a 400 reported as a value.
  ApiRequest req;
  req.method = "POST";
  req.path = "/api/v1/auth/login";
  req.body = body;
  req.content_type = "application/json; charset=utf-8";
  req.remote_addr = "192.0.2.7";
  ApiResponse err;
  auto parsed = json_body(req, err);
  bool accepted = json::accept(body);
  if (parsed) {
    CHECK(accepted && parsed->is_object());
  } else {
    check_error(err, {400});
    CHECK(!accepted || !json::parse(body, nullptr, false).is_object());
  }

  // The same body sent without a JSON content type is refused before parsing.
  {
    ApiRequest plain = req;
    plain.content_type = "text/plain";
    ApiResponse plain_err;
    CHECK(!json_body(plain, plain_err));
    check_error(plain_err, {400});
  }

  // 2. POST /auth/login through the real handler (fresh state: the address is never throttled).
  ServerOptions options;
  ServerState state(":fuzz:", test_key(), options);
  {
    RequestContext c{state, db, req, 1'800'000'000, std::nullopt, std::nullopt, ""};
    ApiResponse r = handle_login(c);
    check_error(r, {400, 401});
    CHECK(!c.user);
    for (const auto& [name, value] : r.headers) CHECK(name != "Set-Cookie");
  }

  // 3. PUT /users/{username} through the real handler, by a bureau_admin, on another user or on itself.
  auth::User admin{"admin", "管理员", std::string(auth::kBureauAdmin), "", false, 0, 0, "2026-01-01T00:00:00Z"};
  {
    ApiRequest put = req;
    put.method = "PUT";
    put.path_params["username"] = bytes.size() % 2 == 0 ? "teacher01" : "admin";
    RequestContext c{state, db, put, 1'800'000'000, admin, std::nullopt, "token"};
    ApiResponse r = handle_update_user(c);
    check_error(r, {400, 404});
  }

  if (!parsed) return;
  const json& b = *parsed;

  // 4. The body-field readers of the user routes (POST /users uses the same ones).
  RequestContext c{state, db, req, 1'800'000'000, admin, std::nullopt, ""};
  for (const char* key : {"username", "display_name", "password", "role", "school_code"}) {
    std::optional<std::string> out;
    ApiResponse field_err;
    bool ok = get_string(b, key, out, field_err);
    if (!b.contains(key)) {
      CHECK(ok && !out);
    } else if (b[key].is_string() || b[key].is_null()) {
      CHECK(ok && out && *out == (b[key].is_null() ? std::string() : b[key].get<std::string>()));
      CHECK(valid_utf8(*out));
    } else {
      CHECK(!ok);
      check_error(field_err, {400});
    }
  }
  {
    std::optional<std::vector<std::string>> children;
    ApiResponse children_err;
    bool ok = get_children(c, b, children, children_err);
    if (!b.contains("children")) {
      CHECK(ok && !children);
    } else if (ok) {
      CHECK(b["children"].is_array() && children && children->size() == b["children"].size());
      for (size_t i = 0; i < children->size(); ++i) {
        CHECK((*children)[i].size() == 64 && is_lower_hex((*children)[i]));
        std::string id = b["children"][i].get<std::string>();  // accepted entries are strings
        if (!id.empty() && id.back() == 'x') id.back() = 'X';
        CHECK(!id_number_problem(id) && (*children)[i] == test_key().lookup_hash(id));
      }
    } else {
      check_error(children_err, {400});
    }
  }

  // 5. Strings anywhere in the top level go through the validators and int_param.
  for (const auto& [key, value] : b.items()) {
    check_text_field(key);
    if (value.is_string()) check_text_field(value.get<std::string>());
    if (value.is_array())
      for (const auto& v : value)
        if (v.is_string()) check_text_field(v.get<std::string>());
  }

  // 6. Echoing a parsed body (and a user built from its fields) gives valid JSON that reads back the same.
  {
    ApiResponse echo = ApiResponse::json(200, b);
    json back = json::parse(echo.body, nullptr, false);
    CHECK(!back.is_discarded());
    if (!has_nonfinite(b)) CHECK(back == b);
    auth::User u = admin;
    if (b.contains("username") && b["username"].is_string()) u.username = b["username"].get<std::string>();
    if (b.contains("display_name") && b["display_name"].is_string())
      u.display_name = b["display_name"].get<std::string>();
    if (b.contains("school_code") && b["school_code"].is_string()) u.school_code = b["school_code"].get<std::string>();
    json uj = json::parse(ApiResponse::json(200, user_json(u, 0)).body, nullptr, false);
    CHECK(!uj.is_discarded() && uj["username"] == u.username && uj["display_name"] == u.display_name);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auth::set_password_cost({1, 64, 1});  // before the first login: the "no such user" dummy hash uses it
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    run(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "json_body_fuzz: exception escaped: %s\n", e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "json_body_fuzz: unknown exception escaped\n");
    std::abort();
  }
  return 0;
}
