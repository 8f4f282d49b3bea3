#pragma once
// One problem in one cell of an input file. Printed as `FILE:ROW:COLUMN: message`
// (the CLI contract: exit 2, one line per bad cell on stderr).
#include <string>
#include <vector>

namespace youjun {

struct RowError {
  std::string file;     // file name as given by the user
  long row = 0;         // 1-based line/row number in the file, header is row 1; 0 = whole file
  std::string column;   // header name as it appears in the file ("" = whole row/file)
  std::string message;  // what was wrong and what was expected (zh-CN)

  std::string to_string() const;
};

using RowErrors = std::vector<RowError>;

// Prints every error on its own line, in file/row order as collected.
std::string format_row_errors(const RowErrors& errors);

}  // namespace youjun
