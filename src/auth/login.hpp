#pragma once
// Password login with throttling.
// Per account (in the database, so it survives restarts and holds across server processes): after 5
// consecutive failures the account is locked for 60 s, each further failure doubles the lock, up to
// 15 minutes; a success resets the count. While locked the password is not even checked.
// Per client IP (in memory): too many failures in a window block further attempts from that address.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "auth/accounts.hpp"
#include "store/connection.hpp"

namespace youjun::auth {

struct LockoutPolicy {
  int64_t free_failures = 5;          // failures before the first lock
  int64_t first_lock_seconds = 60;
  int64_t max_lock_seconds = 15 * 60;
};

// Lock length after `failures` consecutive failures (0 = no lock).
int64_t lock_seconds_after(int64_t failures, const LockoutPolicy& policy = {});

enum class LoginStatus {
  Ok,
  BadCredentials,  // unknown user or wrong password (the answer does not say which)
  Locked,          // retry_after seconds
  Disabled,        // right password, account disabled
  Error,           // database failure
};

struct LoginAttempt {
  LoginStatus status = LoginStatus::Error;
  std::optional<User> user;
  int64_t retry_after = 0;
  std::string message;  // zh-CN
};

// Checks the password and updates the failure counter; failures and locks of existing accounts go to the
// audit log (`ip` is recorded there). The caller creates the session and audits the success.
LoginAttempt check_login(store::Connection& db, const std::string& username, const std::string& password, int64_t now,
                         const std::string& ip, const LockoutPolicy& policy = {});

struct IpPolicy {
  int64_t max_failures = 50;     // failed logins per address per window
  int64_t window_seconds = 15 * 60;
  size_t max_tracked = 10000;    // addresses remembered (oldest windows dropped first)
};

class IpThrottle {
 public:
  explicit IpThrottle(IpPolicy policy = {}) : policy_(policy) {}
  // Seconds until `ip` may try again; 0 = allowed now.
  int64_t blocked_for(const std::string& ip, int64_t now);
  void record_failure(const std::string& ip, int64_t now);

 private:
  struct Window {
    int64_t start = 0;
    int64_t failures = 0;
  };
  void prune(int64_t now);
  IpPolicy policy_;
  std::mutex mutex_;
  std::map<std::string, Window> windows_;
};

}  // namespace youjun::auth
