#include "auth/login.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "auth/password.hpp"

namespace youjun::auth {

namespace {

LoginAttempt bad_credentials() { return {LoginStatus::BadCredentials, std::nullopt, 0, "用户名或密码错误"}; }

LoginAttempt locked(int64_t seconds) {
  return {LoginStatus::Locked, std::nullopt, seconds,
          "密码错误次数过多，账号已临时锁定，请 " + std::to_string(seconds) + " 秒后再试"};
}

LoginAttempt failed(const Error& e) { return {LoginStatus::Error, std::nullopt, 0, e.message}; }

// Counts one failure; returns the lock length it triggered (0 = none).
Result<int64_t> count_failure(store::Connection& db, const User& user, int64_t now, const std::string& ip,
                              const LockoutPolicy& policy) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto s = db.exec("UPDATE users SET failed_logins = failed_logins + 1 WHERE username = ?", {user.username});
  if (!s) return s.error();
  auto rows = db.query("SELECT failed_logins FROM users WHERE username = ?", {user.username});
  if (!rows) return rows.error();
  int64_t failures = rows->empty() ? 0 : (*rows)[0].integer(0);
  int64_t lock = lock_seconds_after(failures, policy);
  if (lock > 0) {
    s = db.exec("UPDATE users SET locked_until = ? WHERE username = ?", {now + lock, user.username});
    if (!s) return s.error();
  }
  nlohmann::json detail = {{"ip", ip}, {"failures", failures}};
  if (lock > 0) detail["locked_seconds"] = lock;
  s = append_audit(db, {user.username, lock > 0 ? "auth.locked" : "auth.login_failed", user.username, detail.dump()},
                   now);
  if (s) s = tx.commit();
  if (!s) return s.error();
  return lock;
}

}  // namespace

int64_t lock_seconds_after(int64_t failures, const LockoutPolicy& policy) {
  if (failures < policy.free_failures) return 0;
  int64_t doublings = std::min<int64_t>(failures - policy.free_failures, 30);
  int64_t seconds = policy.first_lock_seconds << doublings;
  return std::min(seconds, policy.max_lock_seconds);
}

LoginAttempt check_login(store::Connection& db, const std::string& username, const std::string& password, int64_t now,
                         const std::string& ip, const LockoutPolicy& policy) {
  auto found = username.size() <= 64 ? find_user(db, username) : Result<std::optional<User>>(std::optional<User>());
  if (!found) return failed(found.error());
  if (!*found) {
    burn_password_check(password);
    return bad_credentials();
  }
  const User& user = **found;
  if (user.locked_until > now) return locked(user.locked_until - now);
  auto hash = db.query("SELECT password_hash FROM users WHERE username = ?", {username});
  if (!hash) return failed(hash.error());
  if (hash->empty() || !verify_password((*hash)[0].text(0), password)) {
    auto lock = count_failure(db, user, now, ip, policy);
    if (!lock) return failed(lock.error());
    return *lock > 0 ? locked(*lock) : bad_credentials();
  }
  if (user.disabled) return {LoginStatus::Disabled, std::nullopt, 0, "账号已停用，请联系教育局管理员"};
  if (user.failed_logins != 0 || user.locked_until != 0) {
    auto s = db.exec("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE username = ?", {username});
    if (!s) return failed(s.error());
  }
  User ok = user;
  ok.failed_logins = 0;
  ok.locked_until = 0;
  return {LoginStatus::Ok, ok, 0, ""};
}

int64_t IpThrottle::blocked_for(const std::string& ip, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = windows_.find(ip);
  if (it == windows_.end()) return 0;
  int64_t end = it->second.start + policy_.window_seconds;
  if (now >= end) {
    windows_.erase(it);
    return 0;
  }
  return it->second.failures >= policy_.max_failures ? end - now : 0;
}

void IpThrottle::record_failure(const std::string& ip, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (windows_.size() >= policy_.max_tracked) prune(now);
  auto& w = windows_[ip];
  if (w.failures == 0 || now >= w.start + policy_.window_seconds) w = Window{now, 0};
  ++w.failures;
}

void IpThrottle::prune(int64_t now) {
  for (auto it = windows_.begin(); it != windows_.end();)
    it = now >= it->second.start + policy_.window_seconds ? windows_.erase(it) : std::next(it);
  if (windows_.size() < policy_.max_tracked) return;
  // Still full of live windows: forget the oldest one.
  auto oldest = windows_.begin();
  for (auto it = windows_.begin(); it != windows_.end(); ++it)
    if (it->second.start < oldest->second.start) oldest = it;
  windows_.erase(oldest);
}

}  // namespace youjun::auth
