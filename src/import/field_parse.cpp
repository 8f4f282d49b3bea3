#include "import/field_parse.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/dates.hpp"
#include "core/id_number.hpp"

namespace youjun::import {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string range_text(const FieldSpec& f) {
  auto num = [](double v) {
    char buf[32];
    snprintf(buf, sizeof buf, "%g", v);
    return std::string(buf);
  };
  return num(f.min) + "–" + num(f.max);
}

// A money field's upper bound in whole 元, without an exponent ("1000000000000").
std::string max_yuan_text(const FieldSpec& f) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.0f", f.max);
  return buf;
}

std::string choices_text(const FieldSpec& f) {
  std::string out;
  for (const auto& c : f.choices) out += (out.empty() ? "" : "、") + c.label + "(" + c.value + ")";
  return out;
}

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

}  // namespace

bool parse_integer(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return true;
  // Spreadsheets sometimes write whole numbers as "12.0".
  double d;
  if (parse_decimal(s, d) && d == std::floor(d) && std::fabs(d) < 9e15) {
    out = static_cast<int64_t>(d);
    return true;
  }
  return false;
}

bool parse_decimal(std::string_view s, double& out) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return false;
  std::string tmp(s);
  char* end = nullptr;
  out = std::strtod(tmp.c_str(), &end);
  return end == tmp.c_str() + tmp.size() && std::isfinite(out);
}

bool parse_money_fen(std::string_view s, int64_t& fen) {
  double d;
  if (!parse_decimal(s, d) || d < 0) return false;
  auto dot = s.find('.');
  if (s.find_first_of("eE") != std::string_view::npos) {
    // Exponent form (a spreadsheet's 1.2E+3): the amount must still be whole 分, not rounded to it.
    double cents = d * 100.0;
    if (std::fabs(cents - std::round(cents)) > 1e-6 * std::max(1.0, std::fabs(cents))) return false;
  } else if (dot != std::string_view::npos && s.size() - dot - 1 > 2) {
    return false;  // more than two decimals: not an amount in 元
  }
  fen = std::llround(d * 100.0);
  return true;
}

bool parse_date(std::string_view s, std::string& iso) {
  auto digits = [](std::string_view v) { return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  // Fast path: already "YYYY-MM-DD" (what exports and the demo write; a million rows per import).
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2)) &&
      digits(s.substr(8, 2))) {
    iso.assign(s);
    return is_valid_iso_date(iso);
  }
  int y = 0, m = 0, d = 0;
  std::string t(s);
  if (t.size() == 8 && std::all_of(t.begin(), t.end(), ::isdigit)) {
    y = std::stoi(t.substr(0, 4)), m = std::stoi(t.substr(4, 2)), d = std::stoi(t.substr(6, 2));
  } else {
    std::replace(t.begin(), t.end(), '/', '-');
    std::replace(t.begin(), t.end(), '.', '-');
    char extra;  // anything after the day makes the text not a date
    if (sscanf(t.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) return false;
  }
  char buf[16];
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  if (!is_valid_iso_date(buf)) return false;
  iso = buf;
  return true;
}

bool parse_bool(std::string_view s, bool& out) {
  std::string v = lower_ascii(s);
  if (v == "是" || v == "1" || v == "true" || v == "y" || v == "yes") return out = true, true;
  if (v == "否" || v == "0" || v == "false" || v == "n" || v == "no") return out = false, true;
  return false;
}

bool match_choice(const FieldSpec& field, std::string_view s, std::string& value) {
  std::string v = lower_ascii(s);
  for (const auto& c : field.choices)
    if (lower_ascii(c.value) == v || c.label == s) return value = c.value, true;
  return false;
}

ParsedCell parse_cell(const FieldSpec& f, std::string_view text) {
  ParsedCell out;
  if (text.empty()) {
    // Optional text is stored as "", an optional choice as its default, an optional number as NULL.
    if (f.required) out.error = "必填，不能为空";
    else if (f.type == FieldType::Text) out.value = std::string();
    else if (!f.default_value.empty()) out.value = f.default_value;
    return out;
  }
  switch (f.type) {
    case FieldType::Text:
      out.value = std::string(text);
      break;
    case FieldType::Integer: {
      int64_t v;
      if (!parse_integer(text, v) || v < f.min || v > f.max)
        out.error = "应为整数（" + range_text(f) + "），实际为" + quoted(text);
      else out.value = v;
      break;
    }
    case FieldType::Decimal: {
      double v;
      if (!parse_decimal(text, v) || v < f.min || v > f.max)
        out.error = "应为数值（" + range_text(f) + "），实际为" + quoted(text);
      else out.value = v;
      break;
    }
    case FieldType::Money: {
      int64_t fen;
      if (!parse_money_fen(text, fen) || fen > static_cast<int64_t>(f.max * 100))
        out.error = "应为金额（元，非负，最多两位小数，不超过 " + max_yuan_text(f) + " 元），实际为" + quoted(text);
      else out.value = fen;
      break;
    }
    case FieldType::Date: {
      std::string iso;
      if (!parse_date(text, iso)) out.error = "应为日期（如 2015-09-01），实际为" + quoted(text);
      else out.value = iso;
      break;
    }
    case FieldType::SchoolYear:
      if (!is_valid_school_year(text)) out.error = "应为学年（如 2025-2026），实际为" + quoted(text);
      else out.value = std::string(text);
      break;
    case FieldType::Enum: {
      std::string v;
      if (!match_choice(f, text, v)) out.error = "应为以下之一：" + choices_text(f) + "，实际为" + quoted(text);
      else out.value = v;
      break;
    }
    case FieldType::Bool: {
      bool b;
      if (!parse_bool(text, b)) out.error = "应为 是/否（或 1/0），实际为" + quoted(text);
      else out.value = int64_t{b ? 1 : 0};
      break;
    }
    case FieldType::IdNumber: {
      std::string id(text);
      if (!id.empty() && id.back() == 'x') id.back() = 'X';
      if (auto problem = id_number_problem(id)) out.error = *problem;
      else out.value = id;
      break;
    }
  }
  return out;
}

}  // namespace youjun::import
