#include "auth/audit.hpp"

#include <gtest/gtest.h>

#include "auth/auth_test_util.hpp"
#include "core/personal_data.hpp"

using namespace youjun;

namespace {

constexpr int64_t kT0 = 1'800'000'000;

void append_n(test::AuthDb& t, int n) {
  for (int i = 0; i < n; ++i) {
    auto s = auth::record_audit(t.db(), {"admin", "students.read", "3306020001", "{\"count\": " + std::to_string(i) + "}"},
                                kT0 + i);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
}

auth::ChainCheck verify(test::AuthDb& t) {
  auto c = auth::verify_audit_chain(t.db());
  EXPECT_TRUE(c.ok());
  return c.ok() ? *c : auth::ChainCheck{};
}

}  // namespace

class AuditChain : public test::BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, AuditChain, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(AuditChain, EmptyAndIntactChainsVerify) {
  test::AuthDb t(GetParam());
  auto empty = verify(t);
  EXPECT_TRUE(empty.ok);
  EXPECT_EQ(empty.count, 0);
  append_n(t, 5);
  auto c = verify(t);
  EXPECT_TRUE(c.ok) << c.problem;
  EXPECT_EQ(c.count, 5);
  EXPECT_EQ(c.head_hash.size(), 64u);
}

TEST_P(AuditChain, EntriesLinkToTheirPredecessor) {
  test::AuthDb t(GetParam());
  append_n(t, 3);
  auto rows = t.db().query("SELECT seq, prev_hash, hash, at, detail FROM audit_log ORDER BY seq");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].text(1), std::string(64, '0'));
  EXPECT_EQ((*rows)[1].text(1), (*rows)[0].text(2));
  EXPECT_EQ((*rows)[2].text(1), (*rows)[1].text(2));
  EXPECT_EQ((*rows)[0].text(3), "2027-01-15T08:00:00Z");
  EXPECT_EQ((*rows)[0].text(4), "{\"count\":0}");  // detail is stored canonically
}

TEST_P(AuditChain, HashFollowsTheDocumentedCanonicalForm) {
  test::AuthDb t(GetParam());
  append_n(t, 1);
  auto rows = t.db().query("SELECT hash FROM audit_log WHERE seq = 1");
  ASSERT_TRUE(rows.ok());
  std::string canonical = std::string(64, '0') + "\n1\n" + "20:2027-01-15T08:00:00Z\n" + "5:admin\n" +
                          "13:students.read\n" + "10:3306020001\n" + "11:{\"count\":0}\n";
  EXPECT_EQ((*rows)[0].text(0), sha256_hex(canonical));
}

TEST_P(AuditChain, EditedRowIsDetectedAtItsSeq) {
  test::AuthDb t(GetParam());
  append_n(t, 6);
  t.exec("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 4");
  auto c = verify(t);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_broken_seq, 4);
  EXPECT_EQ(c.count, 3);
}

TEST_P(AuditChain, RehashedEditStillBreaksTheNextLink) {
  test::AuthDb t(GetParam());
  append_n(t, 5);
  // A forger recomputes the edited row's own hash, but the next row still points at the old one.
  auto rows = t.db().query("SELECT seq, at, actor, action, target, detail, prev_hash FROM audit_log WHERE seq = 2");
  ASSERT_TRUE(rows.ok());
  const auto& r = (*rows)[0];
  auth::AuditEntry e{2, r.text(1), "forger", r.text(3), r.text(4), r.text(5), r.text(6), ""};
  t.exec("UPDATE audit_log SET actor = 'forger', hash = ? WHERE seq = 2", {auth::audit_entry_hash(e)});
  auto c = verify(t);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_broken_seq, 3);
}

TEST_P(AuditChain, DeletedRowIsDetected) {
  test::AuthDb t(GetParam());
  append_n(t, 5);
  t.exec("DELETE FROM audit_log WHERE seq = 3");
  auto c = verify(t);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_broken_seq, 3);
}

TEST_P(AuditChain, NonObjectDetailIsWrapped) {
  test::AuthDb t(GetParam());
  ASSERT_TRUE(auth::record_audit(t.db(), {"", "x.y", "", "not json"}, kT0).ok());
  auto entries = auth::recent_audit(t.db(), 10);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].actor, "-");
  EXPECT_EQ((*entries)[0].detail, "{\"text\":\"not json\"}");
  EXPECT_TRUE(verify(t).ok);
}

TEST_P(AuditChain, RecentIsNewestFirst) {
  test::AuthDb t(GetParam());
  append_n(t, 4);
  auto entries = auth::recent_audit(t.db(), 2);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].seq, 4);
  EXPECT_EQ((*entries)[1].seq, 3);
}
