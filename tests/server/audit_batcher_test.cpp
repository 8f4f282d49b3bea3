// Audited reads committed in batches (server/audit_batcher): many threads' entries land exactly once each,
// in one unbroken hash chain, on both backends; entries written meanwhile in other transactions (a write's
// own audit entry) interleave without breaking it; the writer drains its queue when it stops.
#include "server/audit_batcher.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/migrations.hpp"
#include "store/test_databases.hpp"

using namespace youjun;

class AuditBatcherTest : public test::BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, AuditBatcherTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(AuditBatcherTest, ConcurrentReadsAreEachInTheChainOnce) {
  test::TestDatabase db(GetParam());
  auto conn = db.open();
  ASSERT_TRUE(store::migrate(*conn).ok());
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> failures{0};
  {
    server::AuditBatcher batcher(db.url());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          auto s = batcher.record({"reader-" + std::to_string(t), "test.read", std::to_string(i), "{}"}, 1'800'000'000);
          if (!s) ++failures;
        }
      });
    // A write's own entry, in its own transaction on another connection, while the reads go on.
    auto writer = db.open();
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(auth::record_audit(*writer, {"writer", "test.write", std::to_string(i), "{}"}, 1'800'000'000).ok());
    for (auto& th : threads) th.join();
  }
  EXPECT_EQ(failures.load(), 0);
  auto count = [&](const std::string& sql) { return (*conn->query(sql))[0].integer(0); };
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'test.read'"), kThreads * kEach);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT actor || '/' || target) FROM audit_log WHERE action = 'test.read'"), kThreads * kEach);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'test.write'"), 10);
  auto chain = auth::verify_audit_chain(*conn);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->ok) << chain->problem;
  EXPECT_EQ(chain->count, kThreads * kEach + 10);
}
