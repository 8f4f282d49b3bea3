#pragma once
// Streaming CSV writer for one import kind: the header is the kind's Chinese or English column
// names, in the kind's order; rows are filled by English key. Output format is the one
// io::write_csv promises (UTF-8 with BOM, RFC 4180 quoting, \r\n line ends), but rows are written as
// they are made, so 200,000 students never sit in memory as strings.
#include <cstdio>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "import/kinds.hpp"

namespace youjun::demo {

class CsvOut {
 public:
  CsvOut(const std::string& path, const import::ImportKind& kind, bool chinese_header);
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  // Sets a cell of the current row by English key; a key the kind does not have is a bug.
  void set(const std::string& key, std::string value);
  void end_row();  // writes the row; cells not set stay empty
  size_t rows() const { return rows_; }
  Status close();

 private:
  void put(const std::string& cell);
  void flush();

  std::string path_;
  const import::ImportKind& kind_;
  std::FILE* file_ = nullptr;
  std::vector<std::string> cells_;
  std::string buffer_;
  size_t rows_ = 0;
  bool failed_ = false;
};

// Formats a decimal with at most `digits` places, trailing zeros dropped ("123.50" -> "123.5", "7.0" -> "7").
std::string format_decimal(double value, int digits);

}  // namespace youjun::demo
