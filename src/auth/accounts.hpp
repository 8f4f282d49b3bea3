#pragma once
// User accounts: create, update, list, disable. Every change is written together with its audit entry
// in one transaction; password hashing happens before the transaction starts.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/outcome.hpp"
#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::auth {

struct User {
  std::string username;
  std::string display_name;
  std::string role;
  std::string school_code;  // "" unless school_admin
  bool disabled = false;
  int64_t failed_logins = 0;
  int64_t locked_until = 0;  // Unix seconds, 0 = not locked
  std::string created_at;
};

struct NewUser {
  std::string username;
  std::string display_name;  // "" = the username
  std::string password;
  std::string role;
  std::string school_code;
  std::vector<std::string> children;  // parent only: students.id_hash of each child
};

struct UserUpdate {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<std::string> school_code;  // "" = none
  std::optional<std::string> password;
  std::optional<bool> disabled;
  bool unlock = false;  // clear failed logins and any lock
  std::optional<std::vector<std::string>> children;  // replaces the parent's list
};

// Chinese description of what is wrong, or nullopt.
std::optional<std::string> username_problem(std::string_view username);
std::optional<std::string> password_problem(std::string_view password, std::string_view username);

// `actor` is written to the audit log ("admin", "cli:root"); `now` is Unix seconds.
Outcome<User> create_user(store::Connection& db, const NewUser& user, const std::string& actor, int64_t now);
// Changing the password, role, school or disabling the account ends all its sessions.
Outcome<User> update_user(store::Connection& db, const std::string& username, const UserUpdate& update,
                          const std::string& actor, int64_t now);

Result<std::optional<User>> find_user(store::Connection& db, const std::string& username);
Result<std::vector<User>> list_users(store::Connection& db);
Result<std::vector<std::string>> children_of(store::Connection& db, const std::string& username);

}  // namespace youjun::auth
