// Bulk loads on SQLite: the rollback-journal switch (begin_exclusive_load) happens only when no other
// connection has the database open, and the WAL mode comes back afterwards; set-aside indexes come back
// on end_bulk_load and on rollback.
#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/test_databases.hpp"

using namespace youjun;

namespace {

std::string journal_mode(store::Connection& c) { return (*c.query("PRAGMA journal_mode"))[0].text(0); }

int64_t index_count(store::Connection& c, const std::string& table) {
  return (*c.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                   {table}))[0].integer(0);
}

}  // namespace

TEST(ExclusiveLoad, OnlyWhenAloneAndWalAfterwards) {
  test::TestDatabase database("sqlite");
  auto a = database.open();
  ASSERT_TRUE(store::migrate(*a).ok());
  {
    auto b = database.open();  // a second reader, e.g. a running server
    store::ExclusiveLoad busy(*a, true);
    EXPECT_FALSE(busy.on());
    EXPECT_EQ(journal_mode(*a), "wal");
    EXPECT_EQ((*b->query("SELECT COUNT(*) FROM schools"))[0].integer(0), 0);
  }
  {
    store::ExclusiveLoad not_wanted(*a, false);
    EXPECT_FALSE(not_wanted.on());
    EXPECT_EQ(journal_mode(*a), "wal");
  }
  {
    store::ExclusiveLoad alone(*a, true);
    EXPECT_TRUE(alone.on());
    EXPECT_EQ(journal_mode(*a), "delete");
  }
  EXPECT_EQ(journal_mode(*a), "wal");
}

TEST(BulkLoad, IndexesComeBackAfterCommitAndRollback) {
  test::TestDatabase database("sqlite");
  auto c = database.open();
  ASSERT_TRUE(store::migrate(*c).ok());
  const int64_t before = index_count(*c, "students");
  ASSERT_GE(before, 1);  // students_school
  {
    store::Transaction tx(*c);
    ASSERT_TRUE(c->begin_bulk_load("students").ok());
    EXPECT_EQ(index_count(*c, "students"), 0);
  }  // rolled back
  EXPECT_EQ(index_count(*c, "students"), before);
  {
    store::Transaction tx(*c);
    ASSERT_TRUE(c->begin_bulk_load("students").ok());
    ASSERT_TRUE(c->end_bulk_load().ok());
    ASSERT_TRUE(tx.commit().ok());
  }
  EXPECT_EQ(index_count(*c, "students"), before);
  EXPECT_EQ((*c->query("PRAGMA integrity_check"))[0].text(0), "ok");
}
