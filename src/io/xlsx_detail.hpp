#pragma once
// Internal pieces of the .xlsx reader: number formats, shared strings and the worksheet scanner.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "io/table.hpp"

namespace youjun::io::detail {

// How a cell style shows a number.
struct NumberFormat {
  enum Kind : uint8_t { kPlain, kDate, kTime, kDateTime } kind = kPlain;
  uint8_t zero_pad = 0;  // custom formats like "000000": integers padded to this many digits
};

// Built-in ids (14-22, 27-36, 45-47, 50-58 date/time) and custom codes ("yyyy-mm-dd", "h:mm").
NumberFormat classify_number_format(int id, std::string_view custom_code);
// Text of a numeric cell: a date ("2024-09-01"), time or number as Excel shows it (see format_number).
std::string format_cell_number(double value, NumberFormat format, bool date1904);

// All shared strings in one buffer.
struct SharedStrings {
  std::string text;
  std::vector<size_t> offsets{0};  // string i is text[offsets[i], offsets[i+1])
  size_t size() const { return offsets.size() - 1; }
  std::string_view get(size_t i) const {
    return std::string_view(text).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
};
// sharedStrings.xml: plain and rich-text (<r>) strings; phonetic runs (<rPh>) left out.
SharedStrings parse_shared_strings(std::string_view xml);

// Reads <sheetData> into the table, piece by piece so a worksheet never has to be in memory whole:
// the first non-empty row becomes the header; later non-empty rows are data rows numbered as in Excel,
// padded to the header width. Errors are "FILE:ROW:: …".
class SheetParser {
 public:
  SheetParser(const SharedStrings& strings, const std::vector<NumberFormat>& cell_formats, bool date1904, Table& table);
  ~SheetParser();
  SheetParser(const SheetParser&) = delete;
  SheetParser& operator=(const SheetParser&) = delete;
  // A piece of the worksheet XML ending right after a </row> (see row_boundary) or at the document end.
  Status feed(std::string_view xml);
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};
// Length of the longest prefix of text that ends right after a closing row tag ("</row>" or
// "</x:row>"), or 0 when there is none.
size_t row_boundary(std::string_view text);

// Decodes the _xHHHH_ escapes OOXML uses for control characters in text, from offset `from` on.
void decode_ooxml_escapes(std::string& text, size_t from);

}  // namespace youjun::io::detail
