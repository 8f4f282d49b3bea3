#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include "test_util.hpp"

using namespace youjun;

TEST(Migrations, ApplyOnceThenNothingPending) {
  test::TempDir dir;
  auto db = store::open_database(dir.path("m.db"));
  ASSERT_TRUE(db.ok()) << db.error().message;
  auto n = store::migrate(**db);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_GE(*n, 1);
  auto again = store::migrate(**db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto st = store::migration_status(**db);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->front().version, 1);
  for (auto& m : *st) EXPECT_TRUE(m.applied) << m.name;
}

TEST(Store, TransactionRollsBackUnlessCommitted) {
  test::TempDir dir;
  auto db = store::open_database(dir.path("t.db"));
  ASSERT_TRUE(db.ok());
  auto& c = **db;
  ASSERT_TRUE(store::migrate(c).ok());
  {
    store::Transaction tx(c);
    ASSERT_TRUE(c.exec("INSERT INTO districts (code, name) VALUES (?, ?)", {std::string("330602"), std::string("越城区")}).ok());
  }
  EXPECT_EQ((*c.query("SELECT COUNT(*) FROM districts"))[0].integer(0), 0);
  {
    store::Transaction tx(c);
    ASSERT_TRUE(c.exec("INSERT INTO districts (code, name) VALUES (?, ?)", {std::string("330602"), std::string("越城区")}).ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  auto rows = *c.query("SELECT name FROM districts WHERE code = ?", {std::string("330602")});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), "越城区");
}

TEST(Store, ForeignKeysEnforced) {
  test::TempDir dir;
  auto db = store::open_database(dir.path("f.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(store::migrate(**db).ok());
  auto s = (*db)->exec(
      "INSERT INTO schools (code, name, district_code, level, ownership, locale) VALUES ('1','x','nope','primary','public','urban')");
  EXPECT_FALSE(s.ok());
}
