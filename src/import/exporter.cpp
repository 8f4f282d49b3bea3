#include "import/exporter.hpp"

#include <algorithm>
#include <cstdio>

#include "import/kinds.hpp"
#include "io/table.hpp"

namespace youjun::import {

namespace {

std::string column_expr(const ImportKind& kind, const FieldSpec& f) {
  if (f.type == FieldType::IdNumber) return "t.id_masked";
  if (kind.name == "schools" && f.key == "district_name") return "d.name";
  return "t." + (f.db_column.empty() ? f.key : f.db_column);
}

std::string cell_text(const FieldSpec& f, const store::Row& row, size_t i) {
  if (row.is_null(i)) return "";
  switch (f.type) {
    case FieldType::Money: {
      int64_t fen = row.integer(i);
      char buf[32];
      snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(fen / 100), static_cast<long long>(fen % 100));
      return buf;
    }
    case FieldType::Enum: return choice_label(f, row.text(i));
    case FieldType::Bool: return row.integer(i) ? "是" : "否";
    default: return row.text(i);
  }
}

}  // namespace

Result<ExportedTable> export_kind(store::Connection& db, const std::string& kind_name) {
  const ImportKind* kind = find_import_kind(kind_name);
  if (!kind) return make_error("未知的导出类型: " + kind_name);
  ExportedTable out;
  std::string sql = "SELECT ";
  for (size_t i = 0; i < kind->fields.size(); ++i) {
    out.header.push_back(kind->fields[i].zh);
    sql += (i ? ", " : "") + column_expr(*kind, kind->fields[i]);
  }
  sql += " FROM " + kind->table + " t";
  if (kind->name == "schools") sql += " JOIN districts d ON d.code = t.district_code";
  sql += " ORDER BY ";
  for (size_t i = 0; i < kind->key.size(); ++i) {
    const FieldSpec* f = find_field(*kind, kind->key[i]);
    sql += (i ? ", " : "") + column_expr(*kind, *f);
  }
  auto rows = db.query(sql);
  if (!rows) return rows.error();
  out.rows.reserve(rows->size());
  for (const auto& row : *rows) {
    std::vector<std::string> cells;
    cells.reserve(kind->fields.size());
    for (size_t i = 0; i < kind->fields.size(); ++i) cells.push_back(cell_text(kind->fields[i], row, i));
    out.rows.push_back(std::move(cells));
  }
  return out;
}

Result<size_t> export_kind_to_file(store::Connection& db, const std::string& kind, const std::string& path) {
  auto table = export_kind(db, kind);
  if (!table) return table.error();
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  auto ends = [&](const std::string& suffix) {
    return lower.size() >= suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  Status s = ok_status();
  if (ends(".xlsx")) s = io::write_xlsx(path, find_import_kind(kind)->zh, table->header, table->rows);
  else if (ends(".csv")) s = io::write_csv(path, table->header, table->rows);
  else return make_error("不支持的导出格式（请用 .csv 或 .xlsx）: " + path);
  if (!s) return s.error();
  return table->rows.size();
}

}  // namespace youjun::import
