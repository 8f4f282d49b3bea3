#include "core/dates.hpp"

#include <cctype>
#include <charconv>

namespace youjun {

namespace {
bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc();
}
}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap_year(y)) return 29;
  return days[m - 1];
}

bool is_valid_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  int y, m, d;
  if (!parse_int(t.substr(0, 4), y) || !parse_int(t.substr(5, 2), m) || !parse_int(t.substr(8, 2), d))
    return false;
  if (y < 1800 || y > 2100 || m < 1 || m > 12) return false;
  return d >= 1 && d <= days_in_month(y, m);
}

bool is_valid_school_year(std::string_view t) {
  if (t.size() != 9 || t[4] != '-') return false;
  int a, b;
  return parse_int(t.substr(0, 4), a) && parse_int(t.substr(5, 4), b) && b == a + 1;
}

}  // namespace youjun
