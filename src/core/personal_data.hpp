#pragma once
// Protection of minors' and teachers' ID numbers (PIPL): authenticated encryption
// (libsodium secretbox, XSalsa20-Poly1305) for storage, a keyed BLAKE2b hash for lookups and
// natural keys. Both keys derive from one 32-byte master key kept in a 0600 file.
#include <array>
#include <string>

#include "core/result.hpp"

namespace youjun {

class PersonalDataKey {
 public:
  // Reads the key file, or creates it (mode 0600, random key) when absent.
  static Result<PersonalDataKey> load_or_create(const std::string& path);
  // Fixed key for tests and benchmarks only.
  static PersonalDataKey from_bytes(const std::array<unsigned char, 32>& master);

  std::string encrypt(const std::string& plain) const;          // hex(nonce || ciphertext)
  Result<std::string> decrypt(const std::string& hex) const;
  std::string lookup_hash(const std::string& plain) const;      // hex, 32 bytes

 private:
  std::array<unsigned char, 32> enc_key_{};
  std::array<unsigned char, 32> hash_key_{};
};

// Default key file beside a SQLite database ("city.db" -> "city.db.key"); for a PostgreSQL URL,
// $YOUJUN_KEY_FILE or ./youjun.key.
std::string default_key_path(const std::string& db_url);

std::string to_hex(const unsigned char* data, size_t n);
std::string sha256_hex(const std::string& data);

}  // namespace youjun
