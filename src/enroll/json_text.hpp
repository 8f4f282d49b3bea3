#pragma once
// Large JSON results (a million assignments or points) written by hand: nlohmann::json would build a
// tree of every element first.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace youjun::enroll {

// Ids were checked by id_problem (no quotes or control characters); only backslashes need escaping.
inline void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

inline void append_number(std::string& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

}  // namespace youjun::enroll
