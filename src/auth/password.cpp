#include "auth/password.hpp"

#include <argon2.h>
#include <sodium.h>

#include <mutex>
#include <vector>

namespace youjun::auth {

namespace {

std::mutex cost_mutex;
PasswordCost current_cost;

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

}  // namespace

void set_password_cost(const PasswordCost& cost) {
  std::lock_guard<std::mutex> lock(cost_mutex);
  current_cost = cost;
}

PasswordCost password_cost() {
  std::lock_guard<std::mutex> lock(cost_mutex);
  return current_cost;
}

Result<std::string> hash_password(const std::string& password) {
  if (sodium_init() < 0) return make_error("libsodium 初始化失败");
  PasswordCost c = password_cost();
  unsigned char salt[kSaltBytes];
  randombytes_buf(salt, sizeof salt);
  size_t len = argon2_encodedlen(c.time, c.memory_kib, c.parallelism, kSaltBytes, kHashBytes, Argon2_id);
  std::vector<char> encoded(len + 1, '\0');
  int rc = argon2id_hash_encoded(c.time, c.memory_kib, c.parallelism, password.data(), password.size(), salt,
                                 sizeof salt, kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return make_error(std::string("密码哈希失败: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool verify_password(const std::string& encoded, const std::string& password) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void burn_password_check(const std::string& password) {
  static const std::string dummy = [] {
    auto h = hash_password("youjun-dummy-password");
    return h.ok() ? *h : std::string();
  }();
  if (!dummy.empty()) (void)verify_password(dummy, password);
}

}  // namespace youjun::auth
