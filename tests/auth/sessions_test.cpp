#include "auth/sessions.hpp"

#include <gtest/gtest.h>

#include "auth/accounts.hpp"
#include "auth/auth_test_util.hpp"
#include "core/personal_data.hpp"

using namespace youjun;

namespace {

constexpr int64_t kT0 = 1'800'000'000;
constexpr int64_t kHour = 3600;

struct SessionDb : test::AuthDb {
  explicit SessionDb(const std::string& backend) : test::AuthDb(backend) {
    auto r = auth::create_user(db(), auth::NewUser{"staff", "", "Youjun@2026", "bureau_staff", "", {}}, "cli:test", kT0);
    EXPECT_TRUE(r.ok()) << r.message;
  }
  bool alive(const std::string& token, int64_t now) {
    auto s = auth::lookup_session(db(), token, now);
    EXPECT_TRUE(s.ok());
    return s.ok() && s->has_value();
  }
};

}  // namespace

class AuthSessionDb : public test::BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, AuthSessionDb, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(AuthSessionDb, OnlyTheTokenHashIsStored) {
  SessionDb t(GetParam());
  auto s = auth::create_session(t.db(), "staff", auth::SessionKind::Cookie, kT0);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->token.size(), 64u);
  EXPECT_EQ(s->session.csrf_token.size(), 64u);
  EXPECT_NE(s->token, s->session.csrf_token);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", {sha256_hex(s->token)}), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sessions WHERE token_hash = ? OR csrf_token = ?", {s->token, s->token}), 0);
}

TEST_P(AuthSessionDb, ExpiresAfterEightIdleHours) {
  SessionDb t(GetParam());
  auto s = auth::create_session(t.db(), "staff", auth::SessionKind::Cookie, kT0);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(t.alive(s->token, kT0 + 8 * kHour - 1));   // this request refreshes last_seen
  EXPECT_TRUE(t.alive(s->token, kT0 + 16 * kHour - 2));  // 8 h after the last request, minus 1 s
  EXPECT_FALSE(t.alive(s->token, kT0 + 24 * kHour - 2 + 8 * kHour));
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sessions"), 0);  // an expired session is deleted
}

TEST_P(AuthSessionDb, IdleLimitIsExact) {
  SessionDb t(GetParam());
  auto s = auth::create_session(t.db(), "staff", auth::SessionKind::Cookie, kT0);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(t.alive(s->token, kT0 + 8 * kHour));
}

TEST_P(AuthSessionDb, ExpiresTwentyFourHoursAfterLoginEvenWhenBusy) {
  SessionDb t(GetParam());
  auto s = auth::create_session(t.db(), "staff", auth::SessionKind::Bearer, kT0);
  ASSERT_TRUE(s.ok());
  for (int64_t h = 1; h < 24; ++h) EXPECT_TRUE(t.alive(s->token, kT0 + h * kHour)) << h;
  EXPECT_TRUE(t.alive(s->token, kT0 + 24 * kHour - 1));
  EXPECT_FALSE(t.alive(s->token, kT0 + 24 * kHour));
}

TEST_P(AuthSessionDb, LogoutAndUnknownTokens) {
  SessionDb t(GetParam());
  auto a = auth::create_session(t.db(), "staff", auth::SessionKind::Cookie, kT0);
  auto b = auth::create_session(t.db(), "staff", auth::SessionKind::Bearer, kT0);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(auth::end_session(t.db(), a->token).ok());
  EXPECT_FALSE(t.alive(a->token, kT0 + 1));
  EXPECT_TRUE(t.alive(b->token, kT0 + 1));
  EXPECT_FALSE(t.alive("", kT0));
  EXPECT_FALSE(t.alive(std::string(64, '0'), kT0));
  EXPECT_FALSE(t.alive(sha256_hex(b->token), kT0 + 1));  // the stored hash is not a token
  ASSERT_TRUE(auth::end_user_sessions(t.db(), "staff").ok());
  EXPECT_FALSE(t.alive(b->token, kT0 + 2));
}

TEST_P(AuthSessionDb, PurgeRemovesOnlyExpired) {
  SessionDb t(GetParam());
  ASSERT_TRUE(auth::create_session(t.db(), "staff", auth::SessionKind::Cookie, kT0).ok());
  ASSERT_TRUE(auth::create_session(t.db(), "staff", auth::SessionKind::Cookie, kT0 + 10 * kHour).ok());
  auto n = auth::purge_expired_sessions(t.db(), kT0 + 10 * kHour + 1);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM sessions"), 1);
}

TEST(AuthSession, CsrfComparisonIsExact) {
  EXPECT_TRUE(auth::tokens_equal("abc123", "abc123"));
  EXPECT_FALSE(auth::tokens_equal("abc123", "abc124"));
  EXPECT_FALSE(auth::tokens_equal("abc123", "abc12"));
  EXPECT_FALSE(auth::tokens_equal("", ""));
}
