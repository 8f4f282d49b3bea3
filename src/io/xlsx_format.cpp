// Number formats of .xlsx cells: which styles are dates or times, and how such values are written.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "io/detail.hpp"
#include "io/xlsx_detail.hpp"
#include "io/xml_scan.hpp"

namespace youjun::io::detail {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::string civil_from_days(long long z) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = static_cast<long long>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, m, d);
  return buf;
}

std::string time_of_day(long long seconds) {
  char buf[64];
  if (seconds % 60 == 0) std::snprintf(buf, sizeof buf, "%02lld:%02lld", seconds / 3600, seconds / 60 % 60);
  else std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return buf;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "_xHHHH_" at text[i] -> the UTF-16 unit, or -1.
long escape_at(const std::string& text, size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return -1;
  long unit = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    int d = hex_digit(text[k]);
    if (d < 0) return -1;
    unit = unit * 16 + d;
  }
  return unit;
}

}  // namespace

NumberFormat classify_number_format(int id, std::string_view code) {
  NumberFormat f;
  if (code.empty()) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58)) f.kind = NumberFormat::kDate;
    else if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47)) f.kind = NumberFormat::kTime;
    else if (id == 22) f.kind = NumberFormat::kDateTime;
    return f;
  }
  bool date = false, time = false, month_or_minute = false, only_zeros = true;
  int zeros = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == ';') break;  // only the first (positive numbers) section matters
    if (c == '"') {
      size_t end = code.find('"', i + 1);
      i = end == std::string_view::npos ? code.size() : end;
      only_zeros = false;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // escaped literal, padding or fill character
      only_zeros = false;
    } else if (c == '[') {
      size_t end = code.find(']', i + 1);
      std::string_view inside = code.substr(i + 1, end == std::string_view::npos ? 0 : end - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) time = true;  // [h]:mm
      i = end == std::string_view::npos ? code.size() : end;
      only_zeros = false;
    } else if (c == 'y' || c == 'd') {
      date = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    } else if (c == 'm') {
      month_or_minute = true;
    } else if (c == '0') {
      ++zeros;
    } else {
      only_zeros = false;
    }
  }
  if (month_or_minute && !time) date = true;
  f.kind = date && time ? NumberFormat::kDateTime : date ? NumberFormat::kDate : time ? NumberFormat::kTime : NumberFormat::kPlain;
  if (f.kind == NumberFormat::kPlain && only_zeros && zeros >= 2) f.zero_pad = static_cast<uint8_t>(std::min(zeros, 30));
  return f;
}

std::string format_cell_number(double value, NumberFormat format, bool date1904) {
  if (format.kind == NumberFormat::kPlain) {
    if (format.zero_pad && value >= 0 && value < 1e15 && value == std::floor(value)) {
      std::string digits = format_number(value);
      if (digits.size() < format.zero_pad) digits.insert(0, format.zero_pad - digits.size(), '0');
      return digits;
    }
    return format_number(value);
  }
  if (!(value >= 0 && value < 2958466)) return format_number(value);  // before 1900 or after 9999-12-31
  long long seconds = std::llround(value * 86400.0);
  long long days = seconds / 86400, in_day = seconds % 86400;
  if (format.kind == NumberFormat::kTime && days == 0) return time_of_day(in_day);
  std::string date;
  if (date1904) date = civil_from_days(days_from_civil(1904, 1, 1) + days);
  else if (days == 0) return format_number(value);  // Excel's "1900-01-00"
  else if (days == 60) date = "1900-02-29";         // the leap day Excel keeps for Lotus compatibility
  else date = civil_from_days(days_from_civil(1899, 12, days < 60 ? 31 : 30) + days);
  if (format.kind != NumberFormat::kDate && in_day != 0) date.append(" ").append(time_of_day(in_day));
  return date;
}

void decode_ooxml_escapes(std::string& text, size_t from) {
  size_t i = text.find("_x", from);
  if (i == std::string::npos) return;
  // In place: an escape is 7 bytes and its UTF-8 at most 4, so the write position never passes the read one.
  size_t w = i;
  std::string utf8;
  while (i < text.size()) {
    long unit = escape_at(text, i);
    uint32_t cp = static_cast<uint32_t>(unit);
    size_t used = 7;
    if (unit >= 0xD800 && unit <= 0xDBFF) {  // surrogate pair written as two escapes
      long low = escape_at(text, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((static_cast<uint32_t>(unit) - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
        used = 14;
      }
    }
    utf8.clear();
    if (unit < 0 || !XmlScanner::append_utf8(cp, utf8)) {
      text[w++] = text[i++];
      continue;
    }
    for (char c : utf8) text[w++] = c;
    i += used;
  }
  text.resize(w);
}

}  // namespace youjun::io::detail
