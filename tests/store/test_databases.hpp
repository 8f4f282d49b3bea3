#pragma once
// Fresh, empty databases for tests on both backends. SQLite: a file in a temp dir. PostgreSQL: a new
// database on the private test server started by scripts/with-postgres.sh (YOUJUN_TEST_PG_URL), dropped
// at the end of the test. Store-level tests are parameterised over kTestBackends.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>

#include "store/connection.hpp"
#include "store/tables.hpp"
#include "test_util.hpp"

namespace youjun::test {

inline const std::vector<std::string> kTestBackends = {"sqlite", "postgresql"};

inline std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

inline const char* test_pg_url() { return std::getenv("YOUJUN_TEST_PG_URL"); }
inline bool backend_available(const std::string& backend) { return backend == "sqlite" || test_pg_url(); }

// postgresql://user@host:port/postgres → same server, database `name`.
inline std::string pg_url_with_database(const std::string& url, const std::string& name) {
  auto slash = url.rfind('/');
  auto query = url.find('?', slash);
  return url.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend) : backend_(backend) {
    if (backend == "sqlite") {
      url_ = dir_.path("test.db");
      return;
    }
    const char* admin = test_pg_url();
    if (!admin) return;
    static std::atomic<int> counter{0};
    name_ = "yj_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    auto conn = store::open_database(admin);
    if (!conn) throw std::runtime_error(conn.error().message);
    // Separate calls: PostgreSQL runs a multi-statement string as one transaction, which these refuse.
    auto s = (*conn)->exec_script("DROP DATABASE IF EXISTS " + name_);
    if (s) s = (*conn)->exec_script("CREATE DATABASE " + name_);
    if (!s) throw std::runtime_error(s.error().message);
    admin_url_ = admin;
    url_ = pg_url_with_database(admin, name_);
  }
  ~TestDatabase() {
    if (name_.empty() || admin_url_.empty()) return;
    auto conn = store::open_database(admin_url_);
    if (conn) (*conn)->exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  // False when the PostgreSQL test server is absent (run through scripts/with-postgres.sh).
  bool available() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  const std::string& backend() const { return backend_; }
  std::unique_ptr<store::Connection> open() const {
    auto c = store::open_database(url_);
    if (!c) throw std::runtime_error(c.error().message);
    return std::move(*c);
  }
  TempDir& dir() { return dir_; }

 private:
  std::string backend_;
  TempDir dir_;
  std::string url_, name_, admin_url_;
};

// Every application table as a sorted multiset of rows: equal contents mean equal data, also across
// backends (their collations differ, so ORDER BY alone is not enough).
using DatabaseContent = std::map<std::string, std::vector<std::vector<store::Value>>>;

inline DatabaseContent database_content(store::Connection& c) {
  DatabaseContent out;
  auto tables = store::list_tables(c);  // named: a range-for over *temporary would dangle
  EXPECT_TRUE(tables.ok());
  if (!tables) return out;
  for (auto& t : *tables) {
    auto rows = store::dump_table(c, t);
    EXPECT_TRUE(rows.ok()) << t;
    if (!rows) continue;
    auto& v = out[t];
    for (auto& r : *rows) v.push_back(r.cells);
    std::sort(v.begin(), v.end());
  }
  return out;
}

// Base of tests parameterised over kTestBackends. Without the PostgreSQL test server the postgresql
// instances skip (make test counts a skip as a failure; it always starts the server).
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!backend_available(GetParam())) GTEST_SKIP() << "PostgreSQL 测试服务器未启动: run via scripts/with-postgres.sh";
  }
};

}  // namespace youjun::test
