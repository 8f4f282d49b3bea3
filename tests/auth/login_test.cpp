#include "auth/login.hpp"

#include <gtest/gtest.h>

#include "auth/auth_test_util.hpp"

using namespace youjun;

namespace {

constexpr int64_t kT0 = 1'800'000'000;

void make_user(test::AuthDb& t, const std::string& name = "staff") {
  auto r = auth::create_user(t.db(), auth::NewUser{name, "", "Youjun@2026", "bureau_staff", "", {}}, "cli:test", kT0);
  ASSERT_TRUE(r.ok()) << r.message;
}

auth::LoginStatus attempt(test::AuthDb& t, const std::string& pw, int64_t now, int64_t* retry = nullptr) {
  auto a = auth::check_login(t.db(), "staff", pw, now, "10.0.0.1");
  if (retry) *retry = a.retry_after;
  return a.status;
}

}  // namespace

class AuthLockoutDb : public test::BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, AuthLockoutDb, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST(AuthLockout, LockLengthDoublesUpToFifteenMinutes) {
  EXPECT_EQ(auth::lock_seconds_after(4), 0);
  EXPECT_EQ(auth::lock_seconds_after(5), 60);
  EXPECT_EQ(auth::lock_seconds_after(6), 120);
  EXPECT_EQ(auth::lock_seconds_after(7), 240);
  EXPECT_EQ(auth::lock_seconds_after(8), 480);
  EXPECT_EQ(auth::lock_seconds_after(9), 900);
  EXPECT_EQ(auth::lock_seconds_after(1000), 900);
}

TEST_P(AuthLockoutDb, FiveFailuresLockForSixtySecondsThenDouble) {
  test::AuthDb t(GetParam());
  make_user(t);
  int64_t now = kT0, retry = 0;
  for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt(t, "wrong-password", now++), auth::LoginStatus::BadCredentials);
  EXPECT_EQ(attempt(t, "wrong-password", now, &retry), auth::LoginStatus::Locked);  // 5th failure locks
  EXPECT_EQ(retry, 60);
  const int64_t locked_at = now;
  // While locked even the right password is refused, and the wait counts down.
  EXPECT_EQ(attempt(t, "Youjun@2026", locked_at + 59, &retry), auth::LoginStatus::Locked);
  EXPECT_EQ(retry, 1);
  // After the lock a further failure locks for twice as long.
  EXPECT_EQ(attempt(t, "wrong-password", locked_at + 60, &retry), auth::LoginStatus::Locked);
  EXPECT_EQ(retry, 120);
  EXPECT_EQ(attempt(t, "Youjun@2026", locked_at + 60 + 119), auth::LoginStatus::Locked);
  // The right password after the lock ends it and resets the count.
  EXPECT_EQ(attempt(t, "Youjun@2026", locked_at + 180), auth::LoginStatus::Ok);
  EXPECT_EQ(t.count("SELECT failed_logins FROM users WHERE username = 'staff'"), 0);
  EXPECT_EQ(attempt(t, "wrong-password", locked_at + 181), auth::LoginStatus::BadCredentials);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.locked'"), 2);
}

TEST_P(AuthLockoutDb, SuccessResetsTheConsecutiveCount) {
  test::AuthDb t(GetParam());
  make_user(t);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4; ++i) EXPECT_EQ(attempt(t, "nope-nope", kT0 + round), auth::LoginStatus::BadCredentials);
    EXPECT_EQ(attempt(t, "Youjun@2026", kT0 + round), auth::LoginStatus::Ok);
  }
}

TEST_P(AuthLockoutDb, UnknownUserAndDisabledAccount) {
  test::AuthDb t(GetParam());
  make_user(t);
  auto unknown = auth::check_login(t.db(), "ghost", "Youjun@2026", kT0, "10.0.0.1");
  EXPECT_EQ(unknown.status, auth::LoginStatus::BadCredentials);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM audit_log WHERE target = 'ghost'"), 0);  // no log flooding
  t.exec("UPDATE users SET disabled = 1 WHERE username = 'staff'");
  EXPECT_EQ(attempt(t, "Youjun@2026", kT0), auth::LoginStatus::Disabled);
  EXPECT_EQ(attempt(t, "wrong-password", kT0), auth::LoginStatus::BadCredentials);
}

TEST(AuthLockout, PerAddressCounterBlocksAndExpires) {
  auth::IpThrottle ip({3, 600, 100});
  EXPECT_EQ(ip.blocked_for("10.0.0.9", kT0), 0);
  for (int i = 0; i < 3; ++i) ip.record_failure("10.0.0.9", kT0 + i);
  EXPECT_EQ(ip.blocked_for("10.0.0.9", kT0 + 10), 590);
  EXPECT_EQ(ip.blocked_for("10.0.0.8", kT0 + 10), 0);  // other addresses are not affected
  EXPECT_EQ(ip.blocked_for("10.0.0.9", kT0 + 600), 0);
}

TEST(AuthLockout, PerAddressTableStaysBounded) {
  auth::IpThrottle ip({1, 600, 10});
  for (int i = 0; i < 50; ++i) ip.record_failure("10.0.1." + std::to_string(i), kT0 + i);
  EXPECT_GT(ip.blocked_for("10.0.1.49", kT0 + 50), 0);  // the newest are remembered
  EXPECT_EQ(ip.blocked_for("10.0.1.0", kT0 + 50), 0);   // the oldest were dropped
}
