// The server's connection pool: bounded, waits then refuses clearly, and replaces connections that broke
// (a PostgreSQL backend killed under the server, as when the database restarts).
#include "server/db_pool.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "store/test_databases.hpp"

using namespace youjun;
using namespace std::chrono_literals;

class DbPoolTest : public test::BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, DbPoolTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(DbPoolTest, BoundedWaitsThenRefusesAsBusy) {
  test::TestDatabase db(GetParam());
  server::DbPool pool(db.url(), 2, 200ms);
  auto a = pool.acquire();
  auto b = pool.acquire();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(pool.open_count(), 2u);
  auto t0 = std::chrono::steady_clock::now();
  auto c = pool.acquire();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "busy");
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 200ms);
  // A connection given back by another thread wakes a waiting request.
  std::thread release([lease = std::move(*a)]() mutable {
    std::this_thread::sleep_for(50ms);
    auto dropped = std::move(lease);
  });
  auto d = pool.acquire();
  release.join();
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(pool.open_count(), 2u);
  auto rows = (*d)->query("SELECT 1 + 1");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].integer(0), 2);
}

TEST(DbPoolPostgres, BrokenConnectionIsReplaced) {
  if (!test::backend_available("postgresql")) GTEST_SKIP() << "PostgreSQL 测试服务器未启动";
  test::TestDatabase db("postgresql");
  server::DbPool pool(db.url(), 1, 200ms);
  int64_t pid = 0;
  {
    auto lease = pool.acquire();
    ASSERT_TRUE(lease.ok());
    pid = (*(*lease)->query("SELECT pg_backend_pid()"))[0].integer(0);
    auto admin = db.open();
    ASSERT_TRUE(admin->query("SELECT pg_terminate_backend(?::int)", {pid}).ok());
    std::this_thread::sleep_for(100ms);
    EXPECT_FALSE((*lease)->query("SELECT 1").ok());  // the request that was running fails…
    EXPECT_TRUE((*lease)->broken());
  }
  EXPECT_EQ(pool.open_count(), 0u);  // …its connection is closed on return, not reused
  auto next = pool.acquire();
  ASSERT_TRUE(next.ok()) << next.error().message;
  auto rows = (*next)->query("SELECT pg_backend_pid()");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_NE((*rows)[0].integer(0), pid);
}
