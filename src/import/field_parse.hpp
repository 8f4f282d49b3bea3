#pragma once
// Parses one cell of an import file according to its FieldSpec. A failure returns the Chinese
// message that ends up in FILE:ROW:COLUMN: message.
#include <string>
#include <string_view>
#include <variant>

#include "import/kinds.hpp"
#include "store/connection.hpp"

namespace youjun::import {

struct ParsedCell {
  store::Value value;     // NULL for an empty optional cell
  std::string error;      // non-empty = bad cell
};

ParsedCell parse_cell(const FieldSpec& field, std::string_view text);

// Individual parsers, exposed for tests and other readers.
bool parse_integer(std::string_view s, int64_t& out);
bool parse_decimal(std::string_view s, double& out);
bool parse_money_fen(std::string_view s, int64_t& fen);            // "1234.5" -> 123450
bool parse_date(std::string_view s, std::string& iso);             // 2024-09-01, 2024/9/1, 20240901
bool parse_bool(std::string_view s, bool& out);                    // 是/否 1/0 true/false Y/N
bool match_choice(const FieldSpec& field, std::string_view s, std::string& value);

}  // namespace youjun::import
