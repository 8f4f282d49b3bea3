#pragma once
// Password hashing with argon2id (RFC 9106). The stored form is the self-describing encoded string
// ($argon2id$v=19$m=19456,t=2,p=1$salt$hash), so the cost can be raised later without a migration.
#include <cstdint>
#include <string>

#include "core/result.hpp"

namespace youjun::auth {

struct PasswordCost {
  uint32_t time = 2;             // iterations
  uint32_t memory_kib = 19456;   // 19 MiB: the OWASP argon2id baseline
  uint32_t parallelism = 1;
};

// The cost used by hash_password. Tests lower it (set_password_cost({1, 64, 1})) to stay fast;
// verification always uses the cost recorded in the stored string.
void set_password_cost(const PasswordCost& cost);
PasswordCost password_cost();

Result<std::string> hash_password(const std::string& password);
// False for a wrong password and for a malformed stored string.
bool verify_password(const std::string& encoded, const std::string& password);
// Spends about the time of one verification; used when the username does not exist, so the response
// time does not tell an attacker which usernames are real.
void burn_password_check(const std::string& password);

}  // namespace youjun::auth
