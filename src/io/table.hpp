#pragma once
// A rectangular text table read from a CSV or XLSX file, already converted to UTF-8.
// Cells are views into one buffer owned by the table (1M-row imports must stay fast and small).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/row_error.hpp"

namespace youjun::io {

class Table {
 public:
  Table() = default;
  // Copies re-point the cell views into the copy's own text; moves keep the buffers (views stay valid).
  Table(const Table& other);
  Table& operator=(const Table& other);
  Table(Table&&) noexcept = default;
  Table& operator=(Table&&) noexcept = default;

  std::string file;                      // name as given, used in error messages
  std::string encoding;                  // "utf-8", "utf-8-bom", "gb18030", "utf-16", "xlsx"
  std::vector<std::string> header;       // trimmed header cells (first non-blank row)

  size_t row_count() const { return line_numbers_.size(); }
  size_t column_count() const { return header.size(); }
  // Cell c of data row r (0-based); "" when the row is shorter. Surrounding spaces, tabs, U+00A0 and
  // U+3000 are trimmed, except inside CSV quotes (quoted text is data, kept verbatim). Rows whose
  // cells are all empty are skipped like blank lines.
  std::string_view cell(size_t r, size_t c) const;
  // 1-based row number in the file as a person sees it (header = 1, first data row = 2);
  // for CSV with quoted newlines, the line where the record starts; for XLSX, the Excel row number.
  long line_number(size_t r) const { return line_numbers_[r]; }
  // Number of cells the row actually had (to report ragged rows). XLSX rows are padded to the
  // header width (Excel does not store empty trailing cells), so only CSV rows come out short.
  size_t cells_in_row(size_t r) const { return row_offsets_[r + 1] - row_offsets_[r]; }

  // Builders used by the readers.
  void reserve(size_t rows, size_t cells);
  void start_row(long line_number);
  void add_cell(std::string_view text);   // copies into the owned buffer
  // Zero-copy building: adopt() takes a whole text buffer (e.g. the decoded file) and returns it;
  // add_adopted_cell() stores a view into that buffer without copying.
  std::string& adopt(std::string buffer);
  void add_adopted_cell(std::string_view text_in_adopted_buffer) { cells_.push_back(text_in_adopted_buffer); }
  void finish();

 private:
  std::vector<std::string> chunks_;                     // owned text storage (stable addresses)
  std::vector<std::string_view> cells_;
  std::vector<size_t> row_offsets_{0};
  std::vector<long> line_numbers_;
};

struct ReadOptions {
  std::string sheet;        // XLSX sheet name; "" = first sheet
  std::string display_name; // name for messages; "" = the path
};

// Dispatches on the file extension (.csv, .txt, .xlsx; case-insensitive; the display name's extension
// wins, so uploads stored without one work). Errors that stop reading the whole file (unreadable, bad
// encoding, malformed quoting, empty) come back as one message in the RowError layout,
// "FILE:LINE:: 说明" (LINE 0 = the whole file), already prefixed with the display name.
Result<Table> read_table(const std::string& path, const ReadOptions& options = {});
// CSV from bytes: strips a UTF-8 BOM, detects GBK/GB18030 when the bytes are not valid UTF-8 (a file
// with a BOM or mostly valid UTF-8 and one bad byte is reported instead), decodes UTF-16 with a BOM,
// and takes tabs as the separator when the header line has tabs and no commas.
Result<Table> parse_csv(std::string bytes, const std::string& display_name);
Result<Table> read_xlsx(const std::string& path, const ReadOptions& options = {});

// The bytes of a file (catchment GeoJSON and other non-table inputs); the error is "NAME:0:: 说明".
Result<std::string> read_file(const std::string& path, const std::string& display_name);

// "utf-8", "utf-8-bom" or "gb18030" (a byte string that is not valid UTF-8 is taken as GB18030).
std::string detect_encoding(std::string_view bytes);
// Converts GB18030 bytes to UTF-8; an error names the byte offset that is invalid.
Result<std::string> gb18030_to_utf8(std::string_view bytes);
Result<std::string> utf8_to_gb18030(std::string_view text);

// Writers. CSV: UTF-8 with BOM (Excel opens it correctly), RFC 4180 quoting, \r\n line ends, and a
// leading apostrophe on data cells that would run as formulas (=, +, -, @; not plain numbers).
// XLSX: bold, frozen header row; a cell is written as a number only when reading it back gives the same
// text ("3306001", "4.5"), so "007", "4.50" and 18-digit ID numbers stay text.
Status write_csv(const std::string& path, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);
// One RFC 4180 row appended to `out` (fields with , " CR LF or edge spaces quoted), then `line_end`.
void append_csv_row(std::string& out, const std::vector<std::string>& cells, const char* line_end = "\r\n");
// A read table as plain UTF-8 CSV text (no BOM, RFC 4180 quoting, "\n" line ends): how an uploaded
// file in any accepted encoding or format is kept.
std::string table_to_csv(const Table& table);
Status write_xlsx(const std::string& path, const std::string& sheet_name, const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows);
// A workbook of several sheets (an inspection workbook: one sheet per indicator group), same cell rules.
struct XlsxSheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
Status write_xlsx_sheets(const std::string& path, const std::vector<XlsxSheet>& sheets);

}  // namespace youjun::io
