#pragma once
// An in-process server on a free loopback port over a seeded temporary database (2 districts, 2 schools,
// 3 students, one user of every role), plus a small client. Included only by http_test.cpp: this is the
// one test translation unit that compiles cpp-httplib.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "core/personal_data.hpp"
#include "server/http.hpp"
#include "server/http_server.hpp"
#include "store/connection.hpp"
#include "test_util.hpp"

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
  explicit ServerHarness(bool with_web = true);
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
  TempDir dir_;
  std::unique_ptr<store::Connection> db_;
  std::unique_ptr<PersonalDataKey> key_;
  std::unique_ptr<server::HttpServer> server_;
  std::thread thread_;
};

// A school_facts CSV (English headers) with one row per school; `bad` replaces students_g1 of the last row.
std::string facts_csv(const std::vector<std::string>& schools, const std::string& bad = "");

}  // namespace youjun::test
