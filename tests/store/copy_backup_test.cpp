// db copy (SQLite → PostgreSQL → SQLite) and db backup/restore on both backends: a round trip keeps every
// row of every table. The data is the small demo city imported through the real importer, plus accounts
// and audit entries.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include <sys/stat.h>

#include "auth/accounts.hpp"
#include "auth/audit.hpp"
#include "auth/password.hpp"
#include "demo/demo_fixture.hpp"
#include "import/importer.hpp"
#include "store/backup.hpp"
#include "store/migrations.hpp"
#include "store/tables.hpp"
#include "store/test_databases.hpp"

using namespace youjun;

namespace {

using Content = test::DatabaseContent;
const auto content = test::database_content;

int64_t total_rows(const Content& c) {
  int64_t n = 0;
  for (auto& [t, rows] : c) n += static_cast<int64_t>(rows.size());
  return n;
}

void fill(store::Connection& c) {
  ASSERT_TRUE(store::migrate(c).ok());
  auto key = PersonalDataKey::from_bytes({9});
  for (std::string kind : {"schools", "school_facts", "teachers", "students"}) {
    auto r = import::import_file(c, key, kind, test::demo_file(kind + ".csv"), {}, {});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->ok()) << format_row_errors(r->errors);
  }
  auth::set_password_cost({1, 256, 1});
  auto u = auth::create_user(c, auth::NewUser{"admin", "管理员", "Youjun@2026", "bureau_admin", "", {}}, "cli:test", 1'800'000'000);
  ASSERT_TRUE(u.ok()) << u.message;
  ASSERT_TRUE(auth::record_audit(c, {"admin", "test.event", "x", R"({"n":1})"}, 1'800'000'001).ok());
}

}  // namespace

TEST(DbCopy, SqliteToPostgresAndBackKeepsEveryRow) {
  if (!test::backend_available("postgresql")) GTEST_SKIP() << "PostgreSQL 测试服务器未启动";
  test::TestDatabase lite("sqlite"), pg("postgresql");
  auto src = lite.open();
  fill(*src);
  Content original = content(*src);
  EXPECT_GT(original.at("students").size(), 1000u);
  EXPECT_EQ(original.at("users").size(), 1u);

  auto dst = pg.open();
  auto r = store::copy_database(*src, *dst);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(content(*dst), original);
  int64_t copied = 0;
  for (auto& [t, n] : r->rows_per_table) copied += n;
  EXPECT_EQ(copied, total_rows(original));

  // The audit chain still verifies on the new backend.
  auto chain = auth::verify_audit_chain(*dst);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->ok);

  // A second copy into a non-empty target is refused and changes nothing.
  auto again = store::copy_database(*src, *dst);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("不是空库"), std::string::npos);
  EXPECT_EQ(content(*dst), original);

  test::TestDatabase back("sqlite");
  auto b = back.open();
  ASSERT_TRUE(store::copy_database(*dst, *b).ok());
  EXPECT_EQ(content(*b), original);
}

class DbBackup : public test::BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, DbBackup, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(DbBackup, BackupThenRestoreIntoAnEmptyDatabaseKeepsEveryRow) {
  test::TestDatabase db(GetParam()), restored(GetParam());
  Content original;
  {
    auto c = db.open();
    fill(*c);
    original = content(*c);
  }
  std::string file = db.dir().path("city.backup");
  ASSERT_TRUE(store::backup_database(db.url(), file).ok());
  EXPECT_EQ(store::backup_format(file), GetParam());
  // Never overwrites an existing backup file.
  EXPECT_FALSE(store::backup_database(db.url(), file).ok());

  auto s = store::restore_database(file, restored.url());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(content(*restored.open()), original);

  // Restoring over a database that has data is refused.
  auto again = store::restore_database(file, restored.url());
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(content(*restored.open()), original);
}

TEST(DbBackup, RestoreRejectsUnknownAndCrossBackendFiles) {
  test::TempDir dir;
  std::string junk = dir.path("junk.bin");
  std::ofstream(junk) << "not a backup";
  EXPECT_EQ(store::backup_format(junk), "");
  auto s = store::restore_database(junk, dir.path("x.db"));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("无法识别"), std::string::npos);
  std::ofstream(dir.path("fake.dump")) << "PGDMP....";
  auto cross = store::restore_database(dir.path("fake.dump"), dir.path("y.db"));
  ASSERT_FALSE(cross.ok());
  EXPECT_NE(cross.error().message.find("db copy"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path("y.db")));
}

// Files holding minors' data are owner-only whatever the umask: a new database, its backup, a restore.
TEST(DbFiles, DatabaseAndBackupsAreOwnerOnly) {
  test::TempDir dir;
  mode_t old = umask(022);
  std::string db = dir.path("city.db"), bak = dir.path("city.bak"), restored = dir.path("restored.db");
  {
    auto c = store::open_database(db);
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(store::migrate(**c).ok());
  }
  ASSERT_TRUE(store::backup_database(db, bak).ok());
  ASSERT_TRUE(store::restore_database(bak, restored).ok());
  umask(old);
  for (const auto& f : {db, bak, restored}) {
    auto perms = std::filesystem::status(f).permissions();
    EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all), std::filesystem::perms::none) << f;
  }
}
