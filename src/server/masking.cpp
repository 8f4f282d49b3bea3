#include "server/masking.hpp"

#include <vector>

namespace youjun::server {

namespace {

// Splits UTF-8 text into characters (code points); invalid bytes count as one character each.
std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + len > s.size()) len = 1;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

std::string mask_name(std::string_view name) {
  auto chars = characters(name);
  if (chars.empty()) return "";
  if (chars.size() == 1) return "*";
  if (chars.size() == 2) return std::string(chars[0]) + "*";
  return std::string(chars.front()) + "*" + std::string(chars.back());
}

}  // namespace youjun::server
