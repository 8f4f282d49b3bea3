#pragma once
// One policy rule (a number, text, flag or list of numbers) with its citation and provenance.
// Profiles in policy/*.toml are described in docs/policy.md.
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace youjun::policy {

// Numbers are stored as double (45 and 45.0 are the same rule value).
using Value = std::variant<double, bool, std::string, std::vector<double>>;

enum class ValueType { number, boolean, text, number_list };

ValueType type_of(const Value& v);
// Chinese name of a value type, for messages: 数值, 布尔值, 文本, 数值数组.
const char* type_name(ValueType t);
// 45, 0.3, true, "文本" (no quotes), [1, 1.1, 1.32]
std::string format_value(const Value& v);

// Allowed `compare` operators: how a measured x relates to `value` when the rule's
// condition holds (a limit: x <= 45 is compliant; a threshold: x > 55 is a 大班额).
bool is_compare_op(const std::string& op);
// Allowed `confidence` tags (standards.md): V-gov, V-3p, R.
bool is_confidence_tag(const std::string& tag);

struct Rule {
  std::string key;           // dotted, e.g. "class_size.max.primary"
  Value value;
  std::string cite;          // document and article, e.g. "教督〔2017〕6号 第七条(五)"
  std::string unit;          // "人", "m²/生", "比例" …; "" when dimensionless
  std::string note;
  std::string confidence;    // "", "V-gov", "V-3p" or "R"
  std::string compare;       // "", "<=", "<", ">=", ">", "="
  std::optional<int> from;   // first year the value applies (inclusive)
  std::optional<int> until;  // last year the value applies (inclusive)
  std::string profile;       // profile whose file set this value
  std::string file;          // that file, e.g. "policy/shaoxing.toml"
  bool extension = false;    // introduced by this profile's [extends] (the base has no such key)

  bool applies_in(int year) const;
  // Whether x satisfies `x compare value`; nullopt when the rule has no compare or is not a number.
  std::optional<bool> accepts(double x) const;
  // "class_size.max.primary = 45 人（教督〔2017〕6号 第七条(五)；national）" — for result provenance.
  std::string citation() const;
};

// A number with what a result must carry to say why.
struct CitedNumber {
  double value;
  std::string cite;
  std::string source_profile;
};

}  // namespace youjun::policy
