#include "core/row_error.hpp"

namespace youjun {

std::string RowError::to_string() const {
  return file + ":" + std::to_string(row) + ":" + column + ": " + message;
}

std::string format_row_errors(const RowErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

}  // namespace youjun
