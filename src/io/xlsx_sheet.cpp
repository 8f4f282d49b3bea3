// Streaming readers for sharedStrings.xml and worksheet XML (no DOM: sheets with a million rows).
#include <algorithm>
#include <charconv>

#include "io/detail.hpp"
#include "io/xlsx_detail.hpp"
#include "io/xml_scan.hpp"

namespace youjun::io::detail {
namespace {

constexpr uint32_t kMaxColumns = 16384;  // XFD

// "C5" -> column 2 (0-based); false when the reference has no valid column letters.
bool column_of_ref(std::string_view ref, uint32_t& column) {
  uint32_t col = 0;
  size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<uint32_t>(c - 'A' + 1);
  }
  if (i == 0 || col == 0 || col > kMaxColumns) return false;
  column = col - 1;
  return true;
}

template <class T>
bool parse_int(std::string_view text, T& value) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::string column_name(uint32_t col) {
  std::string name;
  for (uint32_t n = col + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

// Plain integer text as Excel writes it ("3306001", "-12"): can be copied as is.
bool is_plain_integer(std::string_view v) {
  if (!v.empty() && v[0] == '-') v.remove_prefix(1);
  if (v.empty() || v.size() > 15 || (v[0] == '0' && v.size() > 1)) return false;
  return v.find_first_not_of("0123456789") == std::string_view::npos;
}

// "A1:I1000001" -> rows and columns of the used range, to reserve the table once.
void reserve_from_dimension(std::string_view ref, Table& table) {
  size_t colon = ref.find(':');
  if (colon == std::string_view::npos) return;
  std::string_view last = ref.substr(colon + 1);
  uint32_t col = 0;
  size_t digits = last.find_first_of("0123456789");
  long rows = 0;
  if (digits == std::string_view::npos || !column_of_ref(last, col) || !parse_int(last.substr(digits), rows)) return;
  size_t cells = static_cast<size_t>(rows) * (col + 1);
  if (rows > 0 && rows <= 1048576 && cells <= (64u << 20)) table.reserve(static_cast<size_t>(rows), cells);
}

}  // namespace

struct SheetParser::State {
  State(const SharedStrings& strings, const std::vector<NumberFormat>& formats, bool date1904, Table& table)
      : strings_(strings), formats_(formats), date1904_(date1904), table_(table) {}

  Status feed(std::string_view xml) {
    XmlScanner scanner(xml);
    XmlTag tag;
    while (!done_ && scanner.next_tag(tag)) {
      if (!in_data_) {
        if (tag.name == "dimension") reserve_from_dimension(XmlScanner::attr(tag, "ref"), table_);
        if (tag.name == "sheetData" && tag.opens()) in_data_ = true;
        continue;
      }
      if (tag.name == "sheetData" && tag.closing) {
        done_ = true;
        break;
      }
      if (tag.name == "row") {
        if (tag.closing) {
          emit_row();
          continue;
        }
        long r = 0;
        row_ = parse_int(XmlScanner::attr(tag, "r"), r) && r > 0 ? r : row_ + 1;
        col_ = -1;
        text_.clear();
        entries_.clear();
        if (tag.self_closing) emit_row();
      } else if (tag.name == "c" && !tag.closing) {
        uint32_t col;
        col_ = column_of_ref(XmlScanner::attr(tag, "r"), col) ? static_cast<long>(col) : col_ + 1;
        if (col_ >= static_cast<long>(kMaxColumns))
          return file_error(table_.file, row_, "工作表数据损坏：列号超出 Excel 的最大列 XFD");
        if (tag.self_closing) continue;  // styled but empty
        if (auto read = read_cell(scanner, tag); !read) return read;
      }
    }
    return ok_status();
  }

  void finish() {
    emit_row();  // a last row without </row> in a truncated file
    table_.finish();
  }

  struct Entry {
    uint32_t col;
    size_t offset, length;
  };

  Status read_cell(XmlScanner& scanner, const XmlTag& cell) {
    std::string_view type = XmlScanner::attr(cell, "t");
    uint32_t style = 0;
    bool styled = parse_int(XmlScanner::attr(cell, "s"), style);
    value_.clear();
    inline_.clear();
    bool has_value = false, has_inline = false;
    int phonetic = 0;
    XmlTag tag;
    while (scanner.next_tag(tag)) {
      if (tag.name == "c" && tag.closing) break;
      if (tag.name == "rPh" && !tag.self_closing) phonetic += tag.closing ? -1 : 1;
      if (!tag.opens()) continue;
      if (tag.name == "v") {
        scanner.read_text(value_);
        has_value = true;
      } else if (tag.name == "t" && phonetic == 0) {
        size_t from = inline_.size();
        scanner.read_text(inline_);
        decode_ooxml_escapes(inline_, from);
        has_inline = true;
      }
    }
    size_t start = text_.size();
    if (type == "inlineStr" || (has_inline && !has_value)) {
      text_ += inline_;
    } else if (!has_value) {
      return ok_status();
    } else if (type == "s") {
      size_t index = 0;
      if (!parse_int(std::string_view(value_), index) || index >= strings_.size())
        return file_error(table_.file, row_, "工作表数据损坏：单元格 " + column_name(static_cast<uint32_t>(col_)) +
                                                 std::to_string(row_) + " 引用的共享字符串不存在");
      text_ += strings_.get(index);
    } else if (type == "b") {
      text_ += value_ == "1" || value_ == "true" ? "TRUE" : "FALSE";
    } else if (type == "str" || type == "e") {
      decode_ooxml_escapes(value_, 0);
      text_ += value_;  // formula text result or an error value such as #N/A
    } else if (type == "d") {
      // ISO 8601 date cell: "2024-09-01T00:00:00" -> "2024-09-01"
      std::string_view v = value_;
      size_t t = v.find('T');
      if (t != std::string_view::npos && v.substr(t + 1).find_first_not_of("0:.Z") == std::string_view::npos) v = v.substr(0, t);
      text_ += v;
      if (t != std::string_view::npos && v.size() == value_.size()) text_[start + t] = ' ';
    } else if (NumberFormat format = styled && style < formats_.size() ? formats_[style] : NumberFormat{};
               format.kind == NumberFormat::kPlain && !format.zero_pad && is_plain_integer(value_)) {
      text_ += value_;  // the common case, without a round trip through double
    } else if (auto number = parse_number(trim_cell(value_))) {
      text_ += format_cell_number(*number, format, date1904_);
    } else {
      text_ += value_;
    }
    entries_.push_back({static_cast<uint32_t>(col_), start, text_.size() - start});
    return ok_status();
  }

  void emit_row() {
    if (entries_.empty()) return;
    uint32_t width = 0;
    bool any = false;
    for (const Entry& e : entries_) {
      width = std::max(width, e.col + 1);
      any = any || !trim_cell(std::string_view(text_).substr(e.offset, e.length)).empty();
    }
    if (any) {
      // Slots in column order; gaps stay empty and a repeated reference keeps the last value.
      size_t n = header_done_ ? std::max<size_t>(width, table_.header.size()) : width;
      slots_.assign(n, std::string_view());
      for (const Entry& e : entries_) slots_[e.col] = trim_cell(std::string_view(text_).substr(e.offset, e.length));
      if (!header_done_) {
        table_.header.assign(slots_.begin(), slots_.end());
        header_done_ = true;
      } else {
        table_.start_row(row_);
        for (std::string_view s : slots_) table_.add_cell(s);
      }
    }
    entries_.clear();
    text_.clear();
  }

  const SharedStrings& strings_;
  const std::vector<NumberFormat>& formats_;
  bool date1904_;
  Table& table_;
  bool header_done_ = false, in_data_ = false, done_ = false;
  long row_ = 0, col_ = -1;
  std::string text_, value_, inline_;
  std::vector<Entry> entries_;
  std::vector<std::string_view> slots_;
};

SheetParser::SheetParser(const SharedStrings& strings, const std::vector<NumberFormat>& cell_formats, bool date1904,
                         Table& table)
    : state_(std::make_unique<State>(strings, cell_formats, date1904, table)) {}
SheetParser::~SheetParser() = default;
Status SheetParser::feed(std::string_view xml) { return state_->feed(xml); }
void SheetParser::finish() { state_->finish(); }

size_t row_boundary(std::string_view text) {
  size_t at = text.size();
  while (at > 0 && (at = text.rfind("row>", at - 1)) != std::string_view::npos) {
    // Accept "</row>" and "</prefix:row>"; text content cannot hold a literal '<'.
    size_t i = at;
    if (i >= 1 && text[i - 1] == ':') {
      --i;
      while (i > 0 && text[i - 1] != '<' && text[i - 1] != '/' && text[i - 1] != ' ' && text[i - 1] != '>') --i;
    }
    if (i >= 2 && text[i - 1] == '/' && text[i - 2] == '<') return at + 4;
  }
  return 0;
}

SharedStrings parse_shared_strings(std::string_view xml) {
  SharedStrings strings;
  XmlScanner scanner(xml);
  XmlTag tag;
  bool in_item = false;
  int phonetic = 0;
  while (scanner.next_tag(tag)) {
    if (tag.name == "si") {
      if (tag.opens()) {
        in_item = true;
        phonetic = 0;
      } else {
        in_item = false;
        strings.offsets.push_back(strings.text.size());  // </si> or an empty <si/>
      }
    } else if (tag.name == "rPh" && !tag.self_closing) {
      phonetic += tag.closing ? -1 : 1;
    } else if (tag.name == "t" && tag.opens() && in_item && phonetic == 0) {
      size_t from = strings.text.size();
      scanner.read_text(strings.text);
      decode_ooxml_escapes(strings.text, from);
    }
  }
  return strings;
}

}  // namespace youjun::io::detail
