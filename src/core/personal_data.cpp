#include "core/personal_data.hpp"

#include <openssl/sha.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <vector>

namespace youjun {

namespace {

void init_sodium() {
  static const bool ok = sodium_init() >= 0;
  (void)ok;
}

void derive(const std::array<unsigned char, 32>& master, const char* context, std::array<unsigned char, 32>& out) {
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(context), strlen(context),
                     master.data(), master.size());
}

}  // namespace

std::string to_hex(const unsigned char* data, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    s[2 * i] = digits[data[i] >> 4];
    s[2 * i + 1] = digits[data[i] & 15];
  }
  return s;
}

std::string sha256_hex(const std::string& data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return to_hex(md, sizeof md);
}

PersonalDataKey PersonalDataKey::from_bytes(const std::array<unsigned char, 32>& master) {
  init_sodium();
  PersonalDataKey k;
  derive(master, "youjun-personal-data-encryption", k.enc_key_);
  derive(master, "youjun-personal-data-lookup-hash", k.hash_key_);
  return k;
}

Result<PersonalDataKey> PersonalDataKey::load_or_create(const std::string& path) {
  init_sodium();
  std::array<unsigned char, 32> master{};
  std::ifstream in(path, std::ios::binary);
  if (in) {
    in.read(reinterpret_cast<char*>(master.data()), master.size());
    if (in.gcount() != 32) return make_error("密钥文件损坏（应为32字节）: " + path);
    struct stat st{};
    if (stat(path.c_str(), &st) == 0 && (st.st_mode & 077))
      return make_error("密钥文件权限过宽（应为0600）: " + path);
    return from_bytes(master);
  }
  randombytes_buf(master.data(), master.size());
  mode_t old = umask(077);
  std::ofstream out(path, std::ios::binary);
  umask(old);
  if (!out) return make_error("无法创建密钥文件: " + path);
  out.write(reinterpret_cast<const char*>(master.data()), master.size());
  out.close();
  chmod(path.c_str(), 0600);
  return from_bytes(master);
}

namespace {

// Nonces: 16 random bytes drawn once per thread + a 64-bit counter. Unique per (key, message) like
// fully random 24-byte nonces, without a getrandom() system call per ID number (a million per import).
void next_nonce(unsigned char* nonce) {
  static_assert(crypto_secretbox_NONCEBYTES == 24);
  thread_local struct Sequence {
    unsigned char prefix[16];
    uint64_t counter = 0;
    Sequence() { randombytes_buf(prefix, sizeof prefix); }
  } seq;
  std::memcpy(nonce, seq.prefix, 16);
  uint64_t n = seq.counter++;
  std::memcpy(nonce + 16, &n, 8);
}

}  // namespace

std::string PersonalDataKey::encrypt(const std::string& plain) const {
  std::vector<unsigned char> buf(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
  unsigned char* nonce = buf.data();
  next_nonce(nonce);
  crypto_secretbox_easy(buf.data() + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), nonce, enc_key_.data());
  return to_hex(buf.data(), buf.size());
}

Result<std::string> PersonalDataKey::decrypt(const std::string& hex) const {
  std::vector<unsigned char> buf(hex.size() / 2);
  size_t len = 0;
  if (sodium_hex2bin(buf.data(), buf.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return make_error("密文格式错误");
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), buf.data() + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, buf.data(), enc_key_.data()) != 0)
    return make_error("解密失败（密钥不符或数据被篡改）");
  return plain;
}

std::string PersonalDataKey::lookup_hash(const std::string& plain) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                     hash_key_.data(), hash_key_.size());
  return to_hex(out, sizeof out);
}

std::string default_key_path(const std::string& db_url) {
  if (db_url.rfind("postgres", 0) == 0) {
    const char* env = std::getenv("YOUJUN_KEY_FILE");
    return env ? env : "youjun.key";
  }
  return db_url + ".key";
}

}  // namespace youjun
