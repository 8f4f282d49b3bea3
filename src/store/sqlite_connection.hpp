#pragma once
// SQLite backend: WAL journal, foreign keys on, prepared statements cached per SQL text.
#include <sqlite3.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace youjun::store {

class SqliteConnection : public Connection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path);
  ~SqliteConnection() override;

  std::string backend() const override { return "sqlite"; }
  Result<std::vector<Row>> query(std::string_view sql, const Params& params = {}) override;
  Status exec_script(std::string_view sql) override;
  Result<std::unique_ptr<Statement>> prepare(std::string_view sql) override;
  Status begin() override;
  Status commit() override;
  Status rollback() override;
  int64_t changes() override;
  Status begin_bulk_load(const std::string& table) override;
  Status end_bulk_load() override;
  bool begin_exclusive_load() override;
  void end_exclusive_load() override;

  sqlite3* handle() { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> cached(std::string_view sql);
  Error last_error(std::string_view context) const;

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
  std::vector<std::string> set_aside_indexes_;  // CREATE INDEX statements dropped by begin_bulk_load
};

// Binds params (1-based) to a statement; shared by the cached and the prepared path.
Status sqlite_bind(sqlite3* db, sqlite3_stmt* stmt, const Params& params);

}  // namespace youjun::store
