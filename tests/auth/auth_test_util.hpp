#pragma once
// Shared set-up for the auth tests: a migrated temporary database (SQLite or PostgreSQL) with one district and two schools,
// and a cheap argon2 cost so hashing does not dominate the test time.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "auth/password.hpp"
#include "store/connection.hpp"
#include "store/migrations.hpp"
#include "store/test_databases.hpp"

namespace youjun::test {

inline void use_fast_password_cost() { auth::set_password_cost({1, 256, 1}); }

class AuthDb {
 public:
  explicit AuthDb(const std::string& backend) : database_(backend) {
    use_fast_password_cost();
    db_ = database_.open();
    auto m = store::migrate(*db_);
    EXPECT_TRUE(m.ok()) << (m ? "" : m.error().message);
    exec("INSERT INTO districts (code, name) VALUES ('330602', '越城区')");
    exec("INSERT INTO schools (code, name, district_code, level, ownership, locale) VALUES "
         "('3306020001', '越城区第一小学', '330602', 'primary', 'public', 'urban'), "
         "('3306020002', '越城区第二小学', '330602', 'primary', 'public', 'urban')");
  }
  store::Connection& db() { return *db_; }
  void exec(const std::string& sql, const store::Params& params = {}) {
    auto s = db_->exec(sql, params);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  int64_t count(const std::string& sql, const store::Params& params = {}) {
    auto rows = db_->query(sql, params);
    EXPECT_TRUE(rows.ok()) << (rows ? "" : rows.error().message);
    return rows && !rows->empty() ? (*rows)[0].integer(0) : -1;
  }

 private:
  TestDatabase database_;
  std::unique_ptr<store::Connection> db_;
};

}  // namespace youjun::test
