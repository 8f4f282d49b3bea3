#pragma once
// Export of an import kind's table with Chinese headers (CSV or XLSX by the file extension).
// ID numbers are exported masked only; money back in 元; enums as their Chinese labels, so an
// export of schools or school facts can be edited in Excel and imported again.
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::import {

struct ExportedTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

Result<ExportedTable> export_kind(store::Connection& db, const std::string& kind);
// Writes FILE.csv or FILE.xlsx; returns the number of data rows.
Result<size_t> export_kind_to_file(store::Connection& db, const std::string& kind, const std::string& path);

}  // namespace youjun::import
