#pragma once
// What each import kind looks like: columns with English and Chinese headers, types, ranges and
// accepted values. The same table drives validation, the database write, export headers and the
// demo generator, so the four cannot drift apart. docs/import-formats.md is written from it.
#include <string>
#include <vector>

namespace youjun::import {

enum class FieldType {
  Text,      // non-empty when required; trimmed
  Integer,   // whole number within [min, max]
  Decimal,   // number within [min, max]
  Money,     // 元 in the file, up to 2 decimals; stored as 分 (integer)
  Date,      // yyyy-mm-dd (also yyyy/mm/dd and yyyymmdd accepted)
  Enum,      // one of `choices` (stored value or its Chinese label)
  Bool,      // 是/否, 1/0, true/false, Y/N
  IdNumber,  // 身份证号, GB 11643 checksum; stored hashed + encrypted + masked
  SchoolYear // 2025-2026
};

struct Choice {
  std::string value;  // stored, English: "primary"
  std::string label;  // Chinese: "小学"
};

struct FieldSpec {
  std::string key;      // English header, also the column name in the database (see `db_column`)
  std::string zh;       // Chinese header
  FieldType type = FieldType::Text;
  bool required = true;
  double min = 0, max = 0;         // Integer/Decimal/Money ranges (inclusive)
  std::vector<Choice> choices;     // Enum
  std::string references;          // "schools" when the value must be an existing school code
  std::string default_value;       // stored for an empty optional Enum cell (e.g. backbone_level "none")
  std::string db_column;           // "" = same as key; "-" = not a column of `table`;
                                   // Money "equipment_value_yuan" -> "equipment_value_fen"
};

struct ImportKind {
  std::string name;                 // "schools", "school_facts", "teachers", "students"
  std::string zh;                   // 学校, 学校年度数据, 教师, 学生
  std::string table;                // database table
  std::vector<std::string> key;     // natural key (English keys); duplicate keys in one file are errors
  std::vector<FieldSpec> fields;
};

const std::vector<ImportKind>& import_kinds();
const ImportKind* find_import_kind(const std::string& name);
const FieldSpec* find_field(const ImportKind& kind, const std::string& key);
// Chinese label for a stored enum value ("primary" -> "小学"), or the value itself.
std::string choice_label(const FieldSpec& field, const std::string& value);

}  // namespace youjun::import
