#pragma once
// An in-process server on a free loopback port over a seeded temporary database (2 districts, 2 schools,
// 3 students, one user of every role), plus a small client (cpp-httplib). Header-only: the tests glob
// compiles only *_test.cpp files.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "auth/accounts.hpp"
#include "auth/password.hpp"
#include "core/id_number.hpp"
#include "core/personal_data.hpp"
#include "import/kinds.hpp"
#include "server/http.hpp"
#include "server/http_server.hpp"
#include "store/connection.hpp"
#include "store/migrations.hpp"
#include "store/test_databases.hpp"

namespace youjun::test {

inline constexpr const char* kPassword = "Youjun@2026";
inline constexpr const char* kSchoolA = "3306020001";  // 越城区, primary
inline constexpr const char* kSchoolB = "3306030001";  // 柯桥区, junior

struct Login {
  std::string username;
  std::string token;  // cookie value or bearer token
  std::string csrf;
  bool bearer = false;
};

struct Call {
  Call(std::string m, std::string p, std::string b = "", std::string type = "application/json",
       httplib::MultipartFormDataItems f = {})
      : method(std::move(m)), path(std::move(p)), body(std::move(b)), content_type(std::move(type)), form(std::move(f)) {}
  std::string method;
  std::string path;
  std::string body;
  std::string content_type;
  httplib::MultipartFormDataItems form;  // non-empty = multipart POST
};

class ServerHarness {
 public:
  // backend: "sqlite" or "postgresql" (a fresh database on the test server; see test_databases.hpp).
  explicit ServerHarness(const std::string& backend = "sqlite", bool with_web = true);
  ~ServerHarness();

  // Logs in through the API (cookie session unless bearer).
  Login login(const std::string& username, bool bearer = false, const std::string& password = kPassword);
  // Sends `call` as `who` (nullptr = anonymous); cookie sessions send the CSRF header unless told not to.
  httplib::Result send(const Call& call, const Login* who = nullptr, bool with_csrf = true);
  nlohmann::json json_of(const httplib::Result& r);

  store::Connection& db() { return *db_; }
  int64_t count(const std::string& sql, const store::Params& params = {});
  void exec(const std::string& sql, const store::Params& params = {});
  const PersonalDataKey& key() const { return *key_; }
  std::string student_id(int i) const;  // the seeded students' ID numbers (0, 1: school A; 2: school B)

  std::atomic<int64_t> now{1'800'000'000};
  int port = 0;

 private:
  void seed();
  TestDatabase database_;
  TempDir& dir_ = database_.dir();
  std::unique_ptr<store::Connection> db_;
  std::unique_ptr<PersonalDataKey> key_;
  std::unique_ptr<server::HttpServer> server_;
  std::thread thread_;
};

// A school_facts CSV (English headers) with one row per school; `bad` replaces students_g1 of the last row.
std::string facts_csv(const std::vector<std::string>& schools, const std::string& bad = "");

// The multipart form of POST /api/v1/import/{kind}.
// The text of a PDF as poppler's pdftotext (poppler-utils, an independent reader) extracts it; "" on failure.
inline std::string pdf_text(const std::string& pdf) {
  std::string path = ::testing::TempDir() + "pdf-text-" + std::to_string(::getpid()) + ".pdf";
  std::ofstream(path, std::ios::binary) << pdf;
  FILE* p = popen(("pdftotext -enc UTF-8 " + path + " - 2>&1").c_str(), "r");
  if (!p) return "";
  std::string text;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
  return pclose(p) == 0 ? text : "";
}

inline httplib::MultipartFormDataItems upload(const std::string& content, const std::string& filename = "facts.csv") {
  return {{"file", content, filename, "text/csv"}};
}

// ---- implementation ----

namespace harness_detail {

inline std::string make_id(const std::string& first17) { return first17 + id_number_check_char(first17); }

inline const std::string kStudentIds[3] = {make_id("33060220150301001"), make_id("33060220150715002"),
                                    make_id("33060320120101011")};

inline std::string cookie_token(const std::string& set_cookie) {
  const std::string prefix = "yj_session=";
  auto at = set_cookie.find(prefix);
  if (at == std::string::npos) return "";
  auto end = set_cookie.find(';', at);
  return set_cookie.substr(at + prefix.size(), end == std::string::npos ? std::string::npos : end - at - prefix.size());
}

}  // namespace harness_detail

using harness_detail::cookie_token;
using harness_detail::kStudentIds;

inline ServerHarness::ServerHarness(const std::string& backend, bool with_web) : database_(backend) {
  if (!database_.available()) return;  // the fixture skips the test
  auth::set_password_cost({1, 256, 1});
  std::string db_path = database_.url();
  std::string key_path = dir_.path("city.key");
  db_ = database_.open();
  EXPECT_TRUE(store::migrate(*db_).ok());
  auto key = PersonalDataKey::load_or_create(key_path);
  EXPECT_TRUE(key.ok());
  key_ = std::make_unique<PersonalDataKey>(*key);
  seed();

  server::ServerConfig config;
  config.db_url = db_path;
  config.key_file = key_path;
  config.host = "127.0.0.1";
  config.port = 0;
  config.log_requests = false;
  config.options.clock = [this] { return now.load(); };
  if (with_web) {
    std::filesystem::create_directories(dir_.dir() / "web" / "assets");
    std::ofstream(dir_.path("web/index.html")) << "<html>YOUJUN-TEST-INDEX</html>";
    std::ofstream(dir_.path("web/assets/app-1234.js")) << "console.log('app')";
    config.web_dir = dir_.path("web");
  }
  auto srv = server::HttpServer::create(config);
  EXPECT_TRUE(srv.ok()) << (srv ? "" : srv.error().message);
  if (!srv) return;
  server_ = std::move(*srv);
  auto bound = server_->bind();
  EXPECT_TRUE(bound.ok());
  port = *bound;
  thread_ = std::thread([this] { server_->run(); });
}

inline ServerHarness::~ServerHarness() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

inline void ServerHarness::exec(const std::string& sql, const store::Params& params) {
  auto s = db_->exec(sql, params);
  ASSERT_TRUE(s.ok()) << s.error().message;
}

inline int64_t ServerHarness::count(const std::string& sql, const store::Params& params) {
  auto rows = db_->query(sql, params);
  EXPECT_TRUE(rows.ok()) << (rows ? "" : rows.error().message);
  return rows && !rows->empty() ? (*rows)[0].integer(0) : -1;
}

inline std::string ServerHarness::student_id(int i) const { return kStudentIds[i]; }

inline void ServerHarness::seed() {
  exec("INSERT INTO districts (code, name) VALUES ('330602', '越城区'), ('330603', '柯桥区')");
  exec("INSERT INTO schools (code, name, district_code, level, ownership, locale, address, lon, lat) VALUES "
       "(?, '越城区第一小学', '330602', 'primary', 'public', 'urban', '解放路1号', 120.58, 30.0), "
       "(?, '柯桥区实验中学', '330603', 'junior', 'public', 'town', '', NULL, NULL)",
       {std::string(kSchoolA), std::string(kSchoolB)});
  exec("INSERT INTO school_facts (school_code, school_year, students_g1, students_g2, teachers_primary, "
       "equipment_value_fen) VALUES (?, '2025-2026', 40, 38, 6, 123456), (?, '2024-2025', 35, 0, 5, 0)",
       {std::string(kSchoolA), std::string(kSchoolA)});
  exec("INSERT INTO school_facts (school_code, school_year, students_g7, students_g8, students_g9, teachers_junior) "
       "VALUES (?, '2025-2026', 50, 45, 40, 12)",
       {std::string(kSchoolB)});
  const char* names[3] = {"张三丰", "李明", "王小红"};
  const char* schools[3] = {kSchoolA, kSchoolA, kSchoolB};
  const char* numbers[3] = {"A1", "A2", "B1"};  // 学号: the student_id of the schools' test and screening files
  for (int i = 0; i < 3; ++i) {
    const std::string& id = kStudentIds[i];
    auto info = id_number_info(id);
    ASSERT_TRUE(info.has_value()) << id;
    exec("INSERT INTO students (id_hash, id_enc, id_masked, name, gender, birth_date, hukou_type, migrant, "
         "school_code, grade, class_no, student_no) VALUES (?, ?, ?, ?, ?, ?, 'local_urban', 0, ?, ?, 1, ?)",
         {key_->lookup_hash(id), key_->encrypt(id), mask_id_number(id), std::string(names[i]),
          std::string(1, info->gender), info->birth_date, std::string(schools[i]), int64_t{i == 2 ? 7 : 4},
          std::string(numbers[i])});
  }
  struct Seed {
    const char* name;
    const char* role;
    const char* school;
  };
  for (const auto& s : {Seed{"admin", "bureau_admin", ""}, Seed{"staff", "bureau_staff", ""},
                        Seed{"head-a", "school_admin", kSchoolA}, Seed{"head-b", "school_admin", kSchoolB},
                        Seed{"auditor", "auditor", ""}, Seed{"mum", "parent", ""}, Seed{"clerk", "bureau_staff", ""}}) {
    auth::NewUser u{s.name, "", kPassword, s.role, s.school, {}};
    if (std::string(s.role) == "parent") u.children = {key_->lookup_hash(kStudentIds[0])};
    auto r = auth::create_user(*db_, u, "cli:test", now.load());
    ASSERT_TRUE(r.ok()) << r.message;
  }
}

inline Login ServerHarness::login(const std::string& username, bool bearer, const std::string& password) {
  nlohmann::json body = {{"username", username}, {"password", password}};
  if (bearer) body["token"] = true;
  httplib::Client cli("127.0.0.1", port);
  auto r = cli.Post("/api/v1/auth/login", body.dump(), "application/json");
  Login out;
  out.username = username;
  out.bearer = bearer;
  EXPECT_TRUE(r && r->status == 200) << username << ": " << (r ? r->body : "no response");
  if (!r || r->status != 200) return out;
  auto j = nlohmann::json::parse(r->body);
  out.csrf = j.value("csrf_token", "");
  out.token = bearer ? j.value("token", "") : cookie_token(r->get_header_value("Set-Cookie"));
  return out;
}

inline httplib::Result ServerHarness::send(const Call& c, const Login* who, bool with_csrf) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_read_timeout(30, 0);
  httplib::Headers h;
  if (who && who->bearer) h.emplace("Authorization", "Bearer " + who->token);
  if (who && !who->bearer) {
    h.emplace("Cookie", "yj_session=" + who->token);
    if (with_csrf) h.emplace("X-CSRF-Token", who->csrf);
  }
  if (c.method == "GET") return cli.Get(c.path, h);
  if (c.method == "PUT") return cli.Put(c.path, h, c.body, c.content_type);
  if (c.method == "PATCH") return cli.Patch(c.path, h, c.body, c.content_type);
  if (c.method == "POST" && !c.form.empty()) return cli.Post(c.path, h, c.form);
  return cli.Post(c.path, h, c.body, c.content_type);
}

inline nlohmann::json ServerHarness::json_of(const httplib::Result& r) {
  if (!r) return nlohmann::json();
  auto j = nlohmann::json::parse(r->body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

inline std::string facts_csv(const std::vector<std::string>& schools, const std::string& bad) {
  const import::ImportKind* kind = import::find_import_kind("school_facts");
  std::string header, out;
  for (const auto& f : kind->fields) header += (header.empty() ? "" : ",") + f.key;
  out = header + "\n";
  for (size_t s = 0; s < schools.size(); ++s) {
    std::string row;
    for (const auto& f : kind->fields) {
      std::string v;
      if (f.key == "school_code") v = schools[s];
      else if (f.type == import::FieldType::SchoolYear) v = "2025-2026";
      else if (f.key == "students_g1" && s + 1 == schools.size() && !bad.empty()) v = bad;
      else if (f.type == import::FieldType::Integer) v = std::to_string(static_cast<long>(std::max(f.min, std::min(f.max, 10.0))));
      else if (f.type == import::FieldType::Decimal) v = "100.5";
      else if (f.type == import::FieldType::Money) v = "1000.50";
      else if (f.type == import::FieldType::Enum) v = f.choices.front().value;
      else v = "x";
      row += (row.empty() ? "" : ",") + v;
    }
    out += row + "\n";
  }
  return out;
}

}  // namespace youjun::test
