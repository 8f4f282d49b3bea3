#include "auth/password.hpp"

#include <gtest/gtest.h>

#include "auth/auth_test_util.hpp"

using namespace youjun;

TEST(AuthPassword, HashVerifiesOnlyTheRightPassword) {
  test::use_fast_password_cost();
  auto h = auth::hash_password("正确的马电池订书钉");
  ASSERT_TRUE(h.ok()) << h.error().message;
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=256,t=1,p=1$", 0), 0u) << *h;
  EXPECT_TRUE(auth::verify_password(*h, "正确的马电池订书钉"));
  EXPECT_FALSE(auth::verify_password(*h, "正确的马电池订书"));
  EXPECT_FALSE(auth::verify_password(*h, ""));
}

TEST(AuthPassword, SaltMakesEachHashDifferent) {
  test::use_fast_password_cost();
  auto a = auth::hash_password("Youjun@2026");
  auto b = auth::hash_password("Youjun@2026");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(auth::verify_password(*a, "Youjun@2026"));
  EXPECT_TRUE(auth::verify_password(*b, "Youjun@2026"));
}

TEST(AuthPassword, MalformedStoredHashNeverVerifies) {
  EXPECT_FALSE(auth::verify_password("", "x"));
  EXPECT_FALSE(auth::verify_password("plaintext", "plaintext"));
  EXPECT_FALSE(auth::verify_password("$argon2i$v=19$m=256,t=1,p=1$c2FsdHNhbHQ$aGFzaA", "x"));
  EXPECT_FALSE(auth::verify_password("$argon2id$v=19$m=256,t=1,p=1$broken", "x"));
}

TEST(AuthPassword, CostIsReadFromTheStoredString) {
  test::use_fast_password_cost();
  auto h = auth::hash_password("Youjun@2026");
  ASSERT_TRUE(h.ok());
  auth::set_password_cost({2, 512, 1});  // a later cost change must not break existing hashes
  EXPECT_TRUE(auth::verify_password(*h, "Youjun@2026"));
  test::use_fast_password_cost();
}

TEST(AuthPassword, DefaultCostIsTheOwaspBaseline) {
  auth::PasswordCost c;
  EXPECT_EQ(c.memory_kib, 19456u);
  EXPECT_EQ(c.time, 2u);
  EXPECT_EQ(c.parallelism, 1u);
}
