#include "evaluate/versioned_row.hpp"

namespace youjun::evaluate {

Result<std::optional<int64_t>> write_versioned(store::Connection& db, const VersionedRow& row, int64_t expected_version,
                                               const std::string& actor, const std::string& at) {
  std::string where;
  store::Params key_values;
  for (const auto& [column, value] : row.key) {
    where += (where.empty() ? "" : " AND ") + column + " = ?";
    key_values.push_back(value);
  }
  auto rows = db.query("SELECT version FROM " + row.table + " WHERE " + where, key_values);
  if (!rows) return rows.error();
  int64_t current = rows->empty() ? 0 : (*rows)[0].integer(0);
  if (current != expected_version) return std::optional<int64_t>{};
  store::Params params;
  std::string sql;
  if (current == 0) {
    std::string columns, marks = "(";  // the placeholders, one per column
    for (const auto* part : {&row.key, &row.data})
      for (const auto& [column, value] : *part) {
        columns += column + ", ";
        marks += "?, ";
        params.push_back(value);
      }
    // DO NOTHING: an editor who inserted the same row meanwhile wins; this one is told so (not a 500).
    sql = "INSERT INTO " + row.table + " (" + columns + "entered_by, entered_at, version) VALUES " + marks + "?, ?, 1) ON CONFLICT DO NOTHING";
    params.push_back(actor);
    params.push_back(at);
  } else {
    std::string sets;
    for (const auto& [column, value] : row.data) {
      sets += column + " = ?, ";
      params.push_back(value);
    }
    // The version again in the WHERE: two editors who read the same version race here; one changes the row.
    sql = "UPDATE " + row.table + " SET " + sets + "entered_by = ?, entered_at = ?, version = version + 1 WHERE " + where + " AND version = ?";
    params.push_back(actor);
    params.push_back(at);
    params.insert(params.end(), key_values.begin(), key_values.end());
    params.push_back(current);
  }
  if (auto s = db.exec(sql, params); !s) return s.error();
  if (db.changes() != 1) return std::optional<int64_t>{};  // someone else's edit came first
  return std::optional<int64_t>{current};
}

}  // namespace youjun::evaluate
