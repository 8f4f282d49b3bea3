#include "store/tables.hpp"

#include "store/migrations.hpp"

namespace youjun::store {

Result<std::vector<std::string>> list_tables(Connection& db) {
  const char* sql = db.backend() == "postgresql"
                        ? "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                          "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.oid"
                        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                          "ORDER BY rowid";
  auto rows = db.query(sql);
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (auto& r : *rows)
    if (r.text(0) != "schema_migrations") out.push_back(r.text(0));
  return out;
}

Result<std::vector<std::string>> table_columns(Connection& db, const std::string& table) {
  auto rows = db.backend() == "postgresql"
                  ? db.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                             "AND table_name = ? ORDER BY ordinal_position",
                             {table})
                  : db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {table});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (auto& r : *rows) out.push_back(r.text(0));
  if (out.empty()) return make_error("表不存在: " + table);
  return out;
}

namespace {

// Table and column names come from the catalog, never from user input; they are still checked so
// that nothing but a plain identifier can reach the SQL text.
bool plain_identifier(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

Result<std::string> column_list(Connection& db, const std::string& table, std::vector<std::string>* names = nullptr) {
  if (!plain_identifier(table)) return make_error("非法表名: " + table);
  auto cols = table_columns(db, table);
  if (!cols) return cols.error();
  std::string list;
  for (const auto& c : *cols) {
    if (!plain_identifier(c)) return make_error("非法列名: " + table + "." + c);
    list += (list.empty() ? "" : ", ") + c;
  }
  if (names) *names = *cols;
  return list;
}

}  // namespace

Result<std::vector<Row>> dump_table(Connection& db, const std::string& table) {
  std::vector<std::string> names;
  auto list = column_list(db, table, &names);
  if (!list) return list.error();
  std::string order;
  for (size_t i = 1; i <= names.size(); ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
  return db.query("SELECT " + *list + " FROM " + table + " ORDER BY " + order);
}

Result<CopyReport> copy_database(Connection& from, Connection& to,
                                 const std::function<void(const std::string&, int64_t)>& progress) {
  auto m = migrate(from);
  if (!m) return m.error();
  m = migrate(to);
  if (!m) return m.error();
  auto tables = list_tables(from);
  if (!tables) return tables.error();
  for (const auto& t : *tables) {
    if (!plain_identifier(t)) return make_error("非法表名: " + t);
    auto n = to.query("SELECT COUNT(*) FROM " + t);
    if (!n) return make_error("目标库缺少表 " + t + ": " + n.error().message);
    if ((*n)[0].integer(0) != 0) return make_error("目标库不是空库（表 " + t + " 已有数据）；为防止覆盖，拒绝复制");
  }
  CopyReport report;
  Transaction tx(to);
  if (!tx.started()) return tx.start_error();
  for (const auto& t : *tables) {
    std::vector<std::string> names;
    auto list = column_list(from, t, &names);
    if (!list) return list.error();
    std::string marks;
    for (size_t i = 0; i < names.size(); ++i) marks += i ? ", ?" : "?";
    std::string sql = "INSERT INTO " + t + " (" + *list + ") VALUES (";
    sql += marks + ")";  // placeholders only
    auto insert = to.prepare(sql);
    if (!insert) return insert.error();
    auto rows = from.query("SELECT " + *list + " FROM " + t);
    if (!rows) return rows.error();
    for (auto& r : *rows) {
      auto s = (*insert)->execute(r.cells);
      if (!s) return make_error("复制表 " + t + " 失败: " + s.error().message);
    }
    report.rows_per_table.emplace_back(t, static_cast<int64_t>(rows->size()));
    if (progress) progress(t, static_cast<int64_t>(rows->size()));
  }
  auto s = tx.commit();
  if (!s) return s.error();
  return report;
}

}  // namespace youjun::store
