// SHA256_Init/Update/Final: OpenSSL 3 marks them deprecated in favour of EVP, whose per-call setup
// costs more than hashing these 30-byte texts (a city draw hashes a million of them).
#define OPENSSL_SUPPRESS_DEPRECATED
#include "enroll/lottery_number.hpp"

#include <openssl/sha.h>

#include <algorithm>
#include <cstring>
#include <numeric>

#include "core/parallel.hpp"

namespace youjun::enroll {

std::string LotteryNumber::hex() const {
  static const char* digits = "0123456789abcdef";
  std::string out(64, '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  return out;
}

Result<std::string> normalize_seed(std::string_view seed) {
  if (seed.empty()) return Error{"种子为空：请给出公开的十六进制种子 (--seed HEX)"};
  std::string out;
  out.reserve(seed.size());
  for (char c : seed) {
    if (c >= '0' && c <= '9') out += c;
    else if (c >= 'a' && c <= 'f') out += c;
    else if (c >= 'A' && c <= 'F') out += static_cast<char>(c - 'A' + 'a');
    else return Error{"种子必须是十六进制数字 0-9a-f，实际含有 '" + std::string(1, c) + "'"};
  }
  return out;
}

LotteryNumber lottery_number(std::string_view seed_lower_hex, std::string_view applicant_id) {
  // "<seed>:<id>" in a stack buffer when it fits (ids and seeds are short); SHA256() uses the CPU's
  // SHA extensions where present.
  char small[256];
  std::string large;
  size_t n = seed_lower_hex.size() + 1 + applicant_id.size();
  char* text = small;
  if (n > sizeof small) {
    large.resize(n);
    text = large.data();
  }
  std::memcpy(text, seed_lower_hex.data(), seed_lower_hex.size());
  text[seed_lower_hex.size()] = ':';
  std::memcpy(text + seed_lower_hex.size() + 1, applicant_id.data(), applicant_id.size());
  LotteryNumber number;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, text, n);
  SHA256_Final(number.bytes.data(), &ctx);
  return number;
}

std::vector<LotteryNumber> lottery_numbers(std::string_view seed_lower_hex, const std::vector<std::string>& ids) {
  std::vector<LotteryNumber> out(ids.size());
  for_each_chunk(ids.size(), worker_count(ids.size(), 50'000), [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) out[i] = lottery_number(seed_lower_hex, ids[i]);
  });
  return out;
}

std::vector<uint32_t> lottery_ranks(const std::vector<LotteryNumber>& numbers, const std::vector<std::string>& ids) {
  // Sort by the first 8 bytes as one integer (big-endian, so integer order = byte order); full
  // comparison only for equal prefixes.
  struct Entry {
    uint64_t prefix;
    uint32_t index;
  };
  std::vector<Entry> order(numbers.size());
  for (size_t i = 0; i < numbers.size(); ++i) {
    uint64_t p = 0;
    for (int b = 0; b < 8; ++b) p = (p << 8) | numbers[i].bytes[b];
    order[i] = {p, static_cast<uint32_t>(i)};
  }
  std::sort(order.begin(), order.end(), [&](const Entry& a, const Entry& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    if (numbers[a.index] != numbers[b.index]) return numbers[a.index] < numbers[b.index];
    return ids[a.index] < ids[b.index];
  });
  std::vector<uint32_t> rank(numbers.size());
  for (size_t r = 0; r < order.size(); ++r) rank[order[r].index] = static_cast<uint32_t>(r);
  return rank;
}

}  // namespace youjun::enroll
