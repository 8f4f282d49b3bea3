#pragma once
// Schema introspection shared by `db copy`, `db backup` checks and the tests that compare whole
// databases: the application's tables in creation order (a valid order for foreign keys, since a
// referenced table is always created first), their columns, and their rows in a stable order.
#include <functional>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace youjun::store {

// Application tables in creation order; schema_migrations excluded.
Result<std::vector<std::string>> list_tables(Connection& db);
Result<std::vector<std::string>> table_columns(Connection& db, const std::string& table);
// Every row, ordered by all columns, so two databases with equal content give equal results.
Result<std::vector<Row>> dump_table(Connection& db, const std::string& table);

struct CopyReport {
  std::vector<std::pair<std::string, int64_t>> rows_per_table;
};
// Copies every application table from `from` into `to` (migrated, and empty) in one transaction on
// `to`. `progress` (may be empty) is called after each table.
Result<CopyReport> copy_database(Connection& from, Connection& to,
                                 const std::function<void(const std::string&, int64_t)>& progress = {});

}  // namespace youjun::store
