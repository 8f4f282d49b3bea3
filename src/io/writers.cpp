// CSV (UTF-8 with BOM, RFC 4180, CRLF) and XLSX (libxlsxwriter) writers.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>

#include "io/detail.hpp"
#include "io/table.hpp"

namespace youjun::io {
namespace {

void append_csv_field(std::string& out, const std::string& cell) {
  bool quote = cell.find_first_of(",\"\r\n") != std::string::npos ||
               (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t' || cell.back() == ' ' || cell.back() == '\t'));
  if (!quote) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}


// Spreadsheet programs run a CSV cell that starts with = + - or @ as a formula ("CSV injection"): such a
// cell gets a leading apostrophe, which Excel and WPS show as text. Plain numbers (-5, +3.5) stay.
std::string formula_safe(const std::string& cell) {
  if (cell.empty() || (cell[0] != '=' && cell[0] != '+' && cell[0] != '-' && cell[0] != '@')) return cell;
  if (cell.size() <= 24 && detail::parse_number(cell)) return cell;
  return "'" + cell;
}

// Written as a number only when reading the cell back gives exactly the same text: "3306001" and
// "4.5" become numbers; "007", "4.50", "1e3" and 18-digit ID numbers stay text.
bool is_exact_number(const std::string& text, double& value) {
  if (text.empty() || text.size() > 24) return false;
  auto parsed = detail::parse_number(text);
  if (!parsed) return false;
  value = *parsed;
  return detail::format_number(value) == text;
}

// Column width in Excel character units: CJK characters count double.
double display_width(const std::string& text) {
  double width = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    width += c >= 0xE0 ? 2.0 : 1.0;
  }
  return width;
}

std::string cell_name(size_t row, size_t col) {
  std::string name;
  for (size_t n = col + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name + std::to_string(row + 1);
}

}  // namespace

void append_csv_row(std::string& out, const std::vector<std::string>& cells, const char* line_end) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, cells[i]);
  }
  out += line_end;
}

std::string table_to_csv(const Table& table) {
  std::string out;
  append_csv_row(out, table.header, "\n");
  std::vector<std::string> cells(table.column_count());
  for (size_t r = 0; r < table.row_count(); ++r) {
    for (size_t c = 0; c < cells.size(); ++c) cells[c] = std::string(table.cell(r, c));
    append_csv_row(out, cells, "\n");
  }
  return out;
}

Status write_csv(const std::string& path, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  size_t estimate = 64;
  for (const auto& h : header) estimate += h.size() + 1;
  out.reserve(estimate * (rows.size() + 1));
  append_csv_row(out, header);
  std::vector<std::string> safe;
  for (const auto& row : rows) {
    safe.clear();
    for (const auto& cell : row) safe.push_back(formula_safe(cell));
    append_csv_row(out, safe);
  }
  return detail::write_file_bytes(path, out);
}

Status write_xlsx(const std::string& path, const std::string& sheet_name, const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows) {
  return write_xlsx_sheets(path, {{sheet_name, header, rows}});
}

Status write_xlsx_sheets(const std::string& path, const std::vector<XlsxSheet>& sheets) {
  constexpr size_t kMaxRows = 1048576, kMaxColumns = 16384;
  size_t largest = 0;
  for (const auto& s : sheets) {
    if (s.rows.size() + 1 > kMaxRows)
      return detail::file_error(path, 0, "数据共 " + std::to_string(s.rows.size()) + " 行，超过 Excel 每个工作表最多 1048575 行数据的限制；请改用 CSV 导出");
    largest = std::max(largest, s.rows.size());
  }

  std::string tmp = path + ".tmp-" + std::to_string(getpid()) + ".xlsx";
  lxw_workbook_options options{};
  options.constant_memory = largest > 20000 ? LXW_TRUE : LXW_FALSE;  // large exports: stream rows to disk
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(tmp.c_str(), &options);
  if (!workbook) return detail::file_error(path, 0, "无法创建 Excel 工作簿（临时目录不可写？）");
  auto fail = [&](const std::string& message) -> Status {
    workbook_close(workbook);
    std::remove(tmp.c_str());
    return detail::file_error(path, 0, message);
  };
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);

  for (const auto& s : sheets) {
    const auto& header = s.header;
    const auto& rows = s.rows;
    size_t columns = header.size();
    for (const auto& row : rows) columns = std::max(columns, row.size());
    if (columns > kMaxColumns) return fail("列数超过 Excel 的最大列数 16384");
    const char* name = s.name.empty() ? nullptr : s.name.c_str();
    if (name) {
      if (lxw_error e = workbook_validate_sheet_name(workbook, name); e != LXW_NO_ERROR)
        return fail("工作表名称「" + s.name + "」无效：不能超过 31 个字符，不能包含 [ ] : * ? / \\ 这些字符（" + lxw_strerror(e) + "）");
    }
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, name);
    if (!sheet) return fail("无法创建工作表「" + s.name + "」");

    // Widths from the header and the first rows (set before any cell: required in constant-memory mode).
    std::vector<double> widths(columns, 8.43);
    for (size_t c = 0; c < header.size(); ++c) widths[c] = std::max(widths[c], display_width(header[c]) + 2);
    for (size_t r = 0; r < rows.size() && r < 1000; ++r)
      for (size_t c = 0; c < rows[r].size(); ++c) widths[c] = std::max(widths[c], display_width(rows[r][c]) + 2);
    for (size_t c = 0; c < columns; ++c)
      worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::min(widths[c], 60.0), nullptr);
    worksheet_freeze_panes(sheet, 1, 0);

    auto write_cell = [&](size_t r, size_t c, const std::string& text, lxw_format* format) -> lxw_error {
      if (text.empty()) return LXW_NO_ERROR;
      double value;
      if (is_exact_number(text, value))
        return worksheet_write_number(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), value, format);
      return worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), text.c_str(), format);
    };
    for (size_t c = 0; c < header.size(); ++c) {
      if (header[c].empty()) continue;
      if (lxw_error e = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold); e != LXW_NO_ERROR)
        return fail("写入表头 " + cell_name(0, c) + " 失败：" + lxw_strerror(e));
    }
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < rows[r].size(); ++c) {
        if (lxw_error e = write_cell(r + 1, c, rows[r][c], nullptr); e != LXW_NO_ERROR) {
          std::string why = e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? "文本超过 Excel 单元格 32767 个字符的上限" : lxw_strerror(e);
          return fail("写入单元格 " + cell_name(r + 1, c) + " 失败：" + why);
        }
      }
    }
  }
  if (lxw_error e = workbook_close(workbook); e != LXW_NO_ERROR) {
    std::remove(tmp.c_str());
    return detail::file_error(path, 0, std::string("保存 Excel 文件失败：") + lxw_strerror(e));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return detail::file_error(path, 0, "保存 Excel 文件失败：无法写入目标路径");
  }
  return ok_status();
}

}  // namespace youjun::io
