#pragma once
// Cell helpers shared by the enrollment file readers (enroll_files.cpp, warning_files.cpp, …): required
// columns by header name, cells by position, list splitting, and the strict parsers every reader uses.
#include <cctype>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "core/row_error.hpp"
#include "enroll/id_index.hpp"
#include "io/table.hpp"

namespace youjun::enroll {

// Column positions by header name (-1 when absent); reports each missing required column once.
struct Columns {
  std::vector<int> index;
  bool ok = true;
};

inline Columns find_columns(const io::Table& t, const std::vector<std::string>& names, size_t required,
                            RowErrors& errors) {
  Columns c;
  for (size_t n = 0; n < names.size(); ++n) {
    int found = -1;
    for (size_t h = 0; h < t.header.size(); ++h)
      if (t.header[h] == names[n]) found = static_cast<int>(h);
    if (found < 0 && n < required) {
      errors.push_back({t.file, 1, names[n], "缺少必填列“" + names[n] + "”"});
      c.ok = false;
    }
    c.index.push_back(found);
  }
  return c;
}

inline std::string_view cell(const io::Table& t, size_t r, int column) {
  return column < 0 ? std::string_view{} : t.cell(r, static_cast<size_t>(column));
}

// A whole non-negative decimal integer ≤ max.
inline bool parse_count(std::string_view s, long max, long& out) {
  if (s.empty() || s.size() > 10) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && ptr == s.data() + s.size() && out >= 0 && out <= max;
}

// "" the first time `id` is seen; otherwise "<noun> <id> 重复（第 N 行已有<note>）" naming the row that had
// it first. One index per file serves every reader (seats, applicants, students, admission files).
inline std::string repeat_problem(IdIndex& seen, const io::Table& t, size_t r, std::string_view id, const char* noun,
                                  const char* note = "") {
  uint32_t first = seen.insert(id, static_cast<uint32_t>(r));
  if (first == r) return "";
  return std::string(noun) + " " + std::string(id) + " 重复（第 " + std::to_string(t.line_number(first)) + " 行已有" + note + "）";
}

// Calls each(part) for every `sep`-separated part of `text` (empty parts included), spaces trimmed:
// preference lists "A | B", tier conditions "a & b | c", document lists.
template <typename F>
void split_on(std::string_view text, char sep, F&& each) {
  size_t start = 0;
  while (true) {
    size_t at = text.find(sep, start);
    std::string_view part = text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    each(part);
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
}

// 是/否, 1/0, true/false, y/n (any case); empty is 否. False when the text is none of these.
inline bool parse_flag(std::string_view s, bool& out) {
  std::string t(s);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t.empty() || t == "否" || t == "0" || t == "false" || t == "n" || t == "no") return out = false, true;
  if (t == "是" || t == "1" || t == "true" || t == "y" || t == "yes") return out = true, true;
  return false;
}

}  // namespace youjun::enroll
