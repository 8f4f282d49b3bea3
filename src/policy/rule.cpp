#include "policy/rule.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace youjun::policy {

ValueType type_of(const Value& v) {
  switch (v.index()) {
    case 0: return ValueType::number;
    case 1: return ValueType::boolean;
    case 2: return ValueType::text;
    default: return ValueType::number_list;
  }
}

const char* type_name(ValueType t) {
  switch (t) {
    case ValueType::number: return "数值";
    case ValueType::boolean: return "布尔值";
    case ValueType::text: return "文本";
    case ValueType::number_list: return "数值数组";
  }
  return "?";
}

namespace {
std::string format_number(double d) { return fmt::format("{}", d); }
}  // namespace

std::string format_value(const Value& v) {
  if (auto* d = std::get_if<double>(&v)) return format_number(*d);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  std::string out = "[";
  const auto& list = std::get<std::vector<double>>(v);
  for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + format_number(list[i]);
  return out + "]";
}

bool is_compare_op(const std::string& op) {
  static constexpr std::array<std::string_view, 5> ops{"<=", "<", ">=", ">", "="};
  for (auto o : ops)
    if (op == o) return true;
  return false;
}

bool is_confidence_tag(const std::string& tag) { return tag == "V-gov" || tag == "V-3p" || tag == "R"; }

bool Rule::applies_in(int year) const {
  if (from && year < *from) return false;
  if (until && year > *until) return false;
  return true;
}

std::optional<bool> Rule::accepts(double x) const {
  auto* limit = std::get_if<double>(&value);
  if (!limit || compare.empty()) return std::nullopt;
  if (compare == "<=") return x <= *limit;
  if (compare == "<") return x < *limit;
  if (compare == ">=") return x >= *limit;
  if (compare == ">") return x > *limit;
  return x == *limit;
}

std::string Rule::citation() const {
  std::string v = compare.empty() || compare == "=" ? format_value(value) : compare + " " + format_value(value);
  if (!unit.empty()) v += " " + unit;
  return fmt::format("{} = {}（{}；{}）", key, v, cite, profile);
}

}  // namespace youjun::policy
