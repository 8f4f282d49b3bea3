// RFC 4180 CSV reader: one pass over one buffer. The table adopts the decoded text and its cells are
// views into it (quoted fields unescaped in place), so no cell is copied or allocated.
#include <algorithm>
#include <cstring>

#include "io/detail.hpp"
#include "io/table.hpp"

namespace youjun::io {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr const char* kSaveAsHint = "请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后重新导入";

size_t bom_length(const std::string& text) { return text.compare(0, 3, kUtf8Bom) == 0 ? 3 : 0; }

// Decodes the raw bytes to UTF-8 (in place when they already are) and sets table.encoding. Returns
// where the text starts: after a BOM, which is skipped rather than erased (no 100 MB memmove).
Result<size_t> decode(std::string& bytes, Table& table, const std::string& name) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    // Excel's "Unicode 文本 (*.txt)" is UTF-16 with a BOM.
    detail::ConvertFailure failure;
    auto utf8 = detail::convert_encoding(bytes, "UTF-16", "UTF-8", &failure);
    if (!utf8) return detail::file_error(name, 0, "文件是 UTF-16 编码，但在字节偏移 " + std::to_string(failure.offset) +
                                                      " 处无法解码。" + kSaveAsHint);
    bytes = std::move(*utf8);
    table.encoding = "utf-16";
    return bom_length(bytes);
  }
  if (bytes.size() >= 4 && bytes.compare(0, 4, "PK\x03\x04", 4) == 0)
    return detail::file_error(name, 0, "这是一个 Excel 工作簿（.xlsx），不是 CSV 文本文件：请把扩展名改为 .xlsx，或" + std::string(kSaveAsHint));
  if (bytes.size() >= 4 && bytes.compare(0, 4, "\xD0\xCF\x11\xE0", 4) == 0)
    return detail::file_error(name, 0, "这是旧版 Excel 97-2003（.xls）文件，不是 CSV 文本文件。" + std::string(kSaveAsHint));
  if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
    size_t at = static_cast<size_t>(static_cast<const char*>(nul) - bytes.data());
    return detail::file_error(name, detail::line_of_offset(bytes, at),
                              "文件含有 NUL 字节（字节偏移 " + std::to_string(at) + "），不是文本格式的 CSV。" + kSaveAsHint);
  }

  size_t valid = detail::valid_utf8_prefix(bytes);
  bool bom = bytes.compare(0, 3, kUtf8Bom) == 0;
  if (valid == bytes.size()) {
    table.encoding = bom ? "utf-8-bom" : "utf-8";
    return bom ? 3 : 0;
  }
  // Not valid UTF-8. A BOM, or plenty of well-formed multi-byte UTF-8 before the bad byte, means a
  // damaged UTF-8 file: decoding it as GB18030 would only produce garbled text.
  size_t multibyte = 0;
  for (size_t i = 0; i < valid && multibyte < 8; ++i) multibyte += (static_cast<unsigned char>(bytes[i]) >= 0xC0);
  if (bom || multibyte >= 8) {
    return detail::file_error(name, detail::line_of_offset(bytes, valid),
                              "文件是 UTF-8 编码，但字节偏移 " + std::to_string(valid) + " 处有无效的 UTF-8 字节。" + kSaveAsHint);
  }
  detail::ConvertFailure failure;
  auto utf8 = detail::convert_encoding(bytes, "GB18030", "UTF-8", &failure);
  if (!utf8) {
    if (!failure.failed) return detail::file_error(name, 0, utf8.error().message);
    auto described = gb18030_to_utf8(bytes);  // same failure, with the bytes spelled out
    std::string why = described ? std::string() : described.error().message;
    return detail::file_error(name, detail::line_of_offset(bytes, failure.offset),
                              "文件编码无法识别：既不是 UTF-8 也不是 GBK/GB18030（" + why + "）。" + kSaveAsHint);
  }
  bytes = std::move(*utf8);
  table.encoding = "gb18030";
  return bom_length(bytes);  // GB18030 BOM 84 31 95 33 became U+FEFF
}

// Comma, or tab when the first non-blank line has tabs and no commas (Excel "文本文件（制表符分隔）").
char detect_delimiter(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return ',';
  size_t stop = text.find_first_of("\r\n", start);
  std::string_view line = text.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
  return line.find(',') == std::string_view::npos && line.find('\t') != std::string_view::npos ? '\t' : ',';
}

std::string utf8_char_at(const char* p, const char* end) {
  unsigned char c = static_cast<unsigned char>(*p);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::string(p, std::min<size_t>(n, static_cast<size_t>(end - p)));
}

// ="00123" is how many systems write text for Excel (keeps leading zeros and long ID numbers): the
// cell's value is the text inside.
std::string_view unwrap_excel_text(std::string_view cell) {
  if (cell.size() >= 3 && cell[0] == '=' && cell[1] == '"' && cell.back() == '"') {
    std::string_view inner = cell.substr(2, cell.size() - 3);
    if (inner.find('"') == std::string_view::npos) return inner;
  }
  return cell;
}

class CsvParser {
 public:
  CsvParser(char* begin, char* end, char delimiter) : p_(begin), end_(end), delim_(delimiter) {
    std::memset(stop_, 0, sizeof stop_);
    stop_[static_cast<unsigned char>(delimiter)] = stop_['\n'] = stop_['\r'] = true;
  }

  enum class Next { kRecord, kEnd, kError };

  // Parses the next record that has at least one non-empty cell into fields(); blank records are skipped.
  Next next() {
    while (p_ < end_) {
      record_line_ = line_;
      fields_.clear();
      bool any = false;
      for (;;) {
        std::string_view field;
        if (!parse_field(field)) return Next::kError;
        fields_.push_back(field);
        any = any || !field.empty();
        if (p_ >= end_) break;
        char c = *p_++;
        if (c == delim_) continue;  // "a,b," gives a third, empty cell (also at the very end)
        if (c == '\r' && p_ < end_ && *p_ == '\n') ++p_;
        ++line_;
        break;
      }
      if (any) return Next::kRecord;
    }
    return Next::kEnd;
  }

  const std::vector<std::string_view>& fields() const { return fields_; }
  long record_line() const { return record_line_; }
  long error_line() const { return error_line_; }
  const std::string& error() const { return error_; }
  const char* position() const { return p_; }

 private:
  bool is_space(char c) const { return c == ' ' || (c == '\t' && delim_ != '\t'); }

  bool parse_field(std::string_view& field) {
    char* start = p_;
    while (p_ < end_ && is_space(*p_)) ++p_;
    if (p_ >= end_ || *p_ != '"') {
      while (p_ < end_ && !stop_[static_cast<unsigned char>(*p_)]) ++p_;
      field = unwrap_excel_text(detail::trim_cell(std::string_view(start, static_cast<size_t>(p_ - start))));
      return true;
    }
    long open_line = line_;
    char* out = ++p_;
    start = out;
    for (;;) {
      // Copy plain text up to the next quote or line end (a no-op copy until the first "").
      while (p_ < end_ && *p_ != '"' && *p_ != '\n' && *p_ != '\r') *out++ = *p_++;
      if (p_ >= end_) {
        error_line_ = open_line;
        error_ = "引号未闭合：从第 " + std::to_string(open_line) +
                 " 行开始的带引号字段直到文件末尾都没有结束引号（字段内的引号要写成两个 \"\"）";
        return false;
      }
      char c = *p_;
      if (c == '"') {
        if (p_ + 1 < end_ && p_[1] == '"') {
          *out++ = '"';
          p_ += 2;
          continue;
        }
        ++p_;
        break;
      }
      if (c == '\n' || p_ + 1 >= end_ || p_[1] != '\n') ++line_;  // LF, CRLF (counted at its LF) or lone CR
      *out++ = *p_++;
    }
    field = unwrap_excel_text(std::string_view(start, static_cast<size_t>(out - start)));  // otherwise verbatim
    while (p_ < end_ && is_space(*p_)) ++p_;
    if (p_ < end_ && !stop_[static_cast<unsigned char>(*p_)]) {
      error_line_ = line_;
      error_ = "引号后有多余的字符「" + utf8_char_at(p_, end_) +
               "」：带引号的字段在结束引号后应紧跟逗号或换行（字段内的引号要写成两个 \"\"）";
      return false;
    }
    return true;
  }

  char* p_;
  char* end_;
  char delim_;
  bool stop_[256];
  long line_ = 1;
  long record_line_ = 1;
  long error_line_ = 0;
  std::string error_;
  std::vector<std::string_view> fields_;
};

}  // namespace

Result<Table> parse_csv(std::string bytes, const std::string& display_name) {
  Table table;
  table.file = display_name;
  auto start = decode(bytes, table, display_name);
  if (!start) return start.error();

  // The table keeps the decoded text; cells are views into it (quoted cells unescaped in place).
  std::string& text = table.adopt(std::move(bytes));
  char* begin = text.data() + *start;
  char* end = text.data() + text.size();
  CsvParser parser(begin, end, detect_delimiter(std::string_view(begin, static_cast<size_t>(end - begin))));
  auto step = parser.next();
  if (step == CsvParser::Next::kError) return detail::file_error(display_name, parser.error_line(), parser.error());
  if (step == CsvParser::Next::kEnd) return detail::file_error(display_name, 0, "文件为空：没有表头行，也没有数据");
  table.header.reserve(parser.fields().size());
  for (std::string_view h : parser.fields()) table.header.emplace_back(detail::trim_cell(h));

  // Reserve from the remaining line count so the cell vectors are allocated once.
  size_t lines = 1;
  for (const char* p = parser.position();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr; ++p)
    ++lines;
  table.reserve(lines, lines * std::max<size_t>(table.header.size(), 1));

  while ((step = parser.next()) == CsvParser::Next::kRecord) {
    table.start_row(parser.record_line());
    for (std::string_view f : parser.fields()) table.add_adopted_cell(f);
  }
  if (step == CsvParser::Next::kError) return detail::file_error(display_name, parser.error_line(), parser.error());
  table.finish();
  return table;
}

}  // namespace youjun::io
