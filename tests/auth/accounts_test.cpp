#include "auth/accounts.hpp"

#include <gtest/gtest.h>

#include "auth/auth_test_util.hpp"
#include "auth/password.hpp"
#include "auth/sessions.hpp"

using namespace youjun;

namespace {

constexpr int64_t kNow = 1'800'000'000;

auth::NewUser user(const std::string& name, const std::string& role, const std::string& school = "") {
  return auth::NewUser{name, "", "Youjun@2026", role, school, {}};
}

}  // namespace

class AuthAccountsDb : public test::BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, AuthAccountsDb, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST(AuthAccounts, UsernameRules) {
  EXPECT_FALSE(auth::username_problem("admin"));
  EXPECT_FALSE(auth::username_problem("zhang.san-01"));
  EXPECT_FALSE(auth::username_problem("13800001111"));
  EXPECT_TRUE(auth::username_problem("ab"));             // too short
  EXPECT_TRUE(auth::username_problem("Admin"));          // upper case
  EXPECT_TRUE(auth::username_problem("_admin"));         // must start with a letter or digit
  EXPECT_TRUE(auth::username_problem("张三"));
  EXPECT_TRUE(auth::username_problem("a b c"));
  EXPECT_TRUE(auth::username_problem(std::string(33, 'a')));
}

// Found by fuzz/json_body_fuzz: the message quotes the first 64 bytes of the name and used to cut a
// multi-byte character in two (invalid UTF-8, shown as U+FFFD by the API).
TEST(AuthAccounts, UsernameMessageDoesNotSplitACharacter) {
  for (size_t prefix : {61, 62, 63, 64}) {
    std::string name = std::string(prefix, 'a') + "学校";  // 3 bytes each
    auto problem = auth::username_problem(name);
    ASSERT_TRUE(problem);
    // 61 + "学" ends exactly at byte 64 and is kept whole; otherwise the cut "学" is left out.
    std::string quoted = prefix == 61 ? std::string(61, 'a') + "学" : std::string(prefix, 'a');
    EXPECT_NE(problem->find("「" + quoted + "」"), std::string::npos) << *problem;
  }
}

TEST(AuthAccounts, PasswordRules) {
  EXPECT_FALSE(auth::password_problem("Youjun@2026", "admin"));
  EXPECT_FALSE(auth::password_problem("优均教育局密码八位", "admin"));  // 8+ characters, not bytes
  EXPECT_TRUE(auth::password_problem("short7!", "admin"));
  EXPECT_TRUE(auth::password_problem("优均密码", "admin"));             // 4 characters, 12 bytes
  EXPECT_TRUE(auth::password_problem("adminadmin", "adminadmin"));
  EXPECT_TRUE(auth::password_problem("tab\there1", "admin"));
}

TEST_P(AuthAccountsDb, CreateValidatesRoleAndSchool) {
  test::AuthDb t(GetParam());
  auto& db = t.db();
  EXPECT_EQ(auth::create_user(db, user("boss", "king"), "cli:test", kNow).failure, auth::Failure::Invalid);
  EXPECT_EQ(auth::create_user(db, user("head", "school_admin"), "cli:test", kNow).failure, auth::Failure::Invalid);
  EXPECT_EQ(auth::create_user(db, user("head", "school_admin", "9999"), "cli:test", kNow).failure,
            auth::Failure::Invalid);
  EXPECT_EQ(auth::create_user(db, user("staff", "bureau_staff", "3306020001"), "cli:test", kNow).failure,
            auth::Failure::Invalid);
  auto ok = auth::create_user(db, user("head", "school_admin", "3306020001"), "cli:test", kNow);
  ASSERT_TRUE(ok.ok()) << ok.message;
  EXPECT_EQ(ok.value->school_code, "3306020001");
  EXPECT_EQ(ok.value->display_name, "head");
  EXPECT_EQ(auth::create_user(db, user("head", "auditor"), "cli:test", kNow).failure, auth::Failure::Conflict);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM users"), 1);
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.create' AND actor = 'cli:test'"), 1);
}

TEST_P(AuthAccountsDb, PasswordIsStoredAsArgon2idOnly) {
  test::AuthDb t(GetParam());
  ASSERT_TRUE(auth::create_user(t.db(), user("admin", "bureau_admin"), "cli:test", kNow).ok());
  auto rows = t.db().query("SELECT password_hash FROM users WHERE username = 'admin'");
  ASSERT_TRUE(rows.ok());
  std::string stored = (*rows)[0].text(0);
  EXPECT_EQ(stored.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(stored.find("Youjun@2026"), std::string::npos);
  EXPECT_TRUE(auth::verify_password(stored, "Youjun@2026"));
  auto audit = t.db().query("SELECT detail FROM audit_log");
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ((*audit)[0].text(0).find("Youjun@2026"), std::string::npos);
}

TEST_P(AuthAccountsDb, UpdateChangesRoleDropsSchoolAndEndsSessions) {
  test::AuthDb t(GetParam());
  auto& db = t.db();
  ASSERT_TRUE(auth::create_user(db, user("admin", "bureau_admin"), "cli:test", kNow).ok());
  ASSERT_TRUE(auth::create_user(db, user("head", "school_admin", "3306020001"), "admin", kNow).ok());
  auto s = auth::create_session(db, "head", auth::SessionKind::Cookie, kNow);
  ASSERT_TRUE(s.ok());
  auth::UserUpdate up;
  up.role = "auditor";
  auto r = auth::update_user(db, "head", up, "admin", kNow);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.value->role, "auditor");
  EXPECT_EQ(r.value->school_code, "");
  auto gone = auth::lookup_session(db, s->token, kNow + 1);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());

  auth::UserUpdate back;
  back.role = "school_admin";  // needs a school again
  EXPECT_EQ(auth::update_user(db, "head", back, "admin", kNow).failure, auth::Failure::Invalid);
  back.school_code = "3306020002";
  EXPECT_TRUE(auth::update_user(db, "head", back, "admin", kNow).ok());
  EXPECT_EQ(auth::update_user(db, "nobody", back, "admin", kNow).failure, auth::Failure::NotFound);
}

TEST_P(AuthAccountsDb, LastActiveBureauAdminCannotBeDisabledOrDemoted) {
  test::AuthDb t(GetParam());
  auto& db = t.db();
  ASSERT_TRUE(auth::create_user(db, user("admin", "bureau_admin"), "cli:test", kNow).ok());
  auth::UserUpdate off;
  off.disabled = true;
  EXPECT_EQ(auth::update_user(db, "admin", off, "admin", kNow).failure, auth::Failure::Invalid);
  auth::UserUpdate demote;
  demote.role = "bureau_staff";
  EXPECT_EQ(auth::update_user(db, "admin", demote, "admin", kNow).failure, auth::Failure::Invalid);
  ASSERT_TRUE(auth::create_user(db, user("admin2", "bureau_admin"), "admin", kNow).ok());
  EXPECT_TRUE(auth::update_user(db, "admin", off, "admin2", kNow).ok());
}

TEST_P(AuthAccountsDb, ParentChildrenOnlyForParents) {
  test::AuthDb t(GetParam());
  auto& db = t.db();
  auto p = user("mum", "parent");
  p.children = {"hash-of-child-1", "hash-of-child-2"};
  ASSERT_TRUE(auth::create_user(db, p, "cli:test", kNow).ok());
  auto kids = auth::children_of(db, "mum");
  ASSERT_TRUE(kids.ok());
  EXPECT_EQ(kids->size(), 2u);
  auto staff = user("staff", "bureau_staff");
  staff.children = {"hash-of-child-1"};
  EXPECT_EQ(auth::create_user(db, staff, "cli:test", kNow).failure, auth::Failure::Invalid);
  auth::UserUpdate up;
  up.role = "auditor";  // leaving the parent role drops the links
  ASSERT_TRUE(auth::update_user(db, "mum", up, "cli:test", kNow).ok());
  EXPECT_EQ(t.count("SELECT COUNT(*) FROM parent_children"), 0);
}
