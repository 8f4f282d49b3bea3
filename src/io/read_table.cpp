// read_table: picks the reader from the file extension.
#include "io/detail.hpp"
#include "io/table.hpp"

namespace youjun::io {

Result<Table> read_table(const std::string& path, const ReadOptions& options) {
  const std::string& name = options.display_name.empty() ? path : options.display_name;
  std::string ext = detail::lower_extension(name);
  if (ext.empty() || (ext != ".csv" && ext != ".txt" && ext != ".xlsx")) ext = detail::lower_extension(path);
  if (ext == ".xlsx") return read_xlsx(path, options);
  if (ext == ".csv" || ext == ".txt") {
    auto bytes = detail::read_file_bytes(path, name);
    if (!bytes) return bytes.error();
    // An .xlsx workbook saved or renamed with a .csv extension: read it as what it is.
    if (bytes->size() >= 4 && bytes->compare(0, 4, "PK\x03\x04", 4) == 0) return read_xlsx(path, options);
    return parse_csv(std::move(*bytes), name);
  }
  if (ext == ".xls" || ext == ".et")
    return detail::file_error(name, 0, "不支持旧版 Excel 97-2003（" + ext +
                                           "）文件：请在 Excel 中另存为 .xlsx 工作簿或 CSV UTF-8（逗号分隔）后重新导入");
  return detail::file_error(name, 0, (ext.empty() ? std::string("文件没有扩展名") : "不支持的文件格式「" + ext + "」") +
                                         "：支持的格式为 .csv、.txt（逗号或制表符分隔，UTF-8 或 GBK 编码）和 .xlsx（Excel 工作簿）");
}

}  // namespace youjun::io
