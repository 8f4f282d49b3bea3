// Store contract, run on both backends (SQLite file, PostgreSQL test server).
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include "store/postgres_connection.hpp"
#include "store/test_databases.hpp"

using namespace youjun;

class StoreTest : public test::BackendTest {
 protected:
  void SetUp() override {
    test::BackendTest::SetUp();
    if (IsSkipped()) return;
    db_ = std::make_unique<test::TestDatabase>(GetParam());
    conn_ = db_->open();
  }
  store::Connection& c() { return *conn_; }
  void migrate() { ASSERT_TRUE(store::migrate(c()).ok()); }
  Status add_district(const std::string& code, const std::string& name) {
    return c().exec("INSERT INTO districts (code, name) VALUES (?, ?)", {code, name});
  }
  std::unique_ptr<test::TestDatabase> db_;
  std::unique_ptr<store::Connection> conn_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(StoreTest, MigrationsApplyOnceThenNothingPending) {
  EXPECT_EQ(c().backend(), GetParam());
  auto n = store::migrate(c());
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_GE(*n, 2);
  auto again = store::migrate(c());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto st = store::migration_status(c());
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->front().version, 1);
  EXPECT_EQ(static_cast<int>(st->size()), *n);
  for (auto& m : *st) EXPECT_TRUE(m.applied) << m.name;
}

TEST_P(StoreTest, TransactionRollsBackUnlessCommitted) {
  migrate();
  {
    store::Transaction tx(c());
    ASSERT_TRUE(add_district("330602", "越城区").ok());
  }
  EXPECT_EQ((*c().query("SELECT COUNT(*) FROM districts"))[0].integer(0), 0);
  {
    store::Transaction tx(c());
    ASSERT_TRUE(add_district("330602", "越城区").ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  auto rows = *c().query("SELECT name FROM districts WHERE code = ?", {std::string("330602")});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), "越城区");
}

TEST_P(StoreTest, ForeignKeysEnforced) {
  migrate();
  auto s = c().exec(
      "INSERT INTO schools (code, name, district_code, level, ownership, locale) VALUES ('1','x','nope','primary','public','urban')");
  EXPECT_FALSE(s.ok());
}

TEST_P(StoreTest, DuplicateKeyIsAConflict) {
  migrate();
  ASSERT_TRUE(add_district("330602", "越城区").ok());
  auto s = add_district("330602", "另一个");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "conflict") << s.error().message;
}

// Values come back with the type they were stored with, NULL stays NULL, text is byte-exact.
TEST_P(StoreTest, ValuesRoundTripWithTheirTypes) {
  ASSERT_TRUE(c().exec_script("CREATE TABLE t (i BIGINT, d DOUBLE PRECISION, s TEXT)").ok());
  ASSERT_TRUE(c().exec("INSERT INTO t (i, d, s) VALUES (?, ?, ?)",
                       {int64_t{9007199254740993}, 0.1, std::string("引号'\"?问号 -- 不是注释")})
                  .ok());
  ASSERT_TRUE(c().exec("INSERT INTO t (i, d, s) VALUES (?, ?, ?)", {store::Value{}, store::Value{}, store::Value{}}).ok());
  auto rows = c().query("SELECT i, d, s FROM t ORDER BY i IS NULL, i");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(std::get<int64_t>((*rows)[0].cells[0]), 9007199254740993);
  EXPECT_EQ(std::get<double>((*rows)[0].cells[1]), 0.1);
  EXPECT_EQ(std::get<std::string>((*rows)[0].cells[2]), "引号'\"?问号 -- 不是注释");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE((*rows)[1].is_null(i));
}

// A literal '?' inside quotes is text, not a parameter; count mismatches are reported, not crashed on.
TEST_P(StoreTest, QuestionMarkInLiteralIsNotAParameter) {
  auto rows = c().query("SELECT '?' || ?", {std::string("x")});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ((*rows)[0].text(0), "?x");
  auto bad = c().query("SELECT ? || ?", {std::string("x")});
  EXPECT_FALSE(bad.ok());
}

TEST_P(StoreTest, PreparedStatementReportsChanges) {
  migrate();
  auto st = c().prepare("INSERT INTO districts (code, name) VALUES (?, ?) ON CONFLICT (code) DO NOTHING");
  ASSERT_TRUE(st.ok()) << st.error().message;
  ASSERT_TRUE((*st)->execute({std::string("1"), std::string("a")}).ok());
  EXPECT_EQ(c().changes(), 1);
  ASSERT_TRUE((*st)->execute({std::string("1"), std::string("a")}).ok());
  EXPECT_EQ(c().changes(), 0);
  ASSERT_TRUE(c().exec("UPDATE districts SET name = ? WHERE code <> ?", {std::string("b"), std::string("x")}).ok());
  EXPECT_EQ(c().changes(), 1);
}

// A failed statement inside a transaction leaves nothing behind after rollback, and the connection
// stays usable (PostgreSQL aborts the whole transaction on error).
TEST_P(StoreTest, ErrorInsideTransactionThenRollback) {
  migrate();
  {
    store::Transaction tx(c());
    ASSERT_TRUE(add_district("1", "a").ok());
    EXPECT_FALSE(add_district("1", "a").ok());
  }
  EXPECT_EQ((*c().query("SELECT COUNT(*) FROM districts"))[0].integer(0), 0);
  EXPECT_TRUE(add_district("2", "b").ok());
}

TEST(Postgres, PlaceholderRewriting) {
  int n = 0;
  EXPECT_EQ(store::rewrite_placeholders("SELECT ?, '?''?', \"a?\" -- ?\n, ?", n), "SELECT $1, '?''?', \"a?\" -- ?\n, $2");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(store::rewrite_placeholders("x = ? AND y IS NOT ?", n), "x = $1 AND y IS NOT $2");
  EXPECT_EQ(n, 2);
}

TEST(Postgres, BadUrlIsAClearError) {
  auto c = store::open_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("无法连接 PostgreSQL"), std::string::npos) << c.error().message;
}

// 003 re-masks ID numbers stored in the earlier form (first 4 + last 4) to first 4 + check character.
TEST_P(StoreTest, OldMasksAreShortenedByMigration003) {
  migrate();
  ASSERT_TRUE(c().exec("INSERT INTO districts (code, name) VALUES ('110105', '朝阳区')").ok());
  ASSERT_TRUE(c().exec("INSERT INTO schools (code, name, district_code, level, ownership, locale) "
                       "VALUES ('1', '测试小学', '110105', 'primary', 'public', 'urban')")
                  .ok());
  ASSERT_TRUE(c().exec("INSERT INTO students (id_hash, id_enc, id_masked, name, gender, birth_date, hukou_type, "
                       "school_code, grade, class_no) VALUES ('h', 'e', '1101**********002X', '张三', 'F', "
                       "'1949-12-31', 'nonlocal', '1', 1, 1)")
                  .ok());
  ASSERT_TRUE(c().exec("DELETE FROM schema_migrations WHERE version = 3").ok());
  auto n = store::migrate(c());
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 1);
  EXPECT_EQ((*c().query("SELECT id_masked FROM students"))[0].text(0), "1101*************X");
}
