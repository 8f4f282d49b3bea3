#include "store/sqlite_connection.hpp"

#include "core/private_file.hpp"

namespace youjun::store {

namespace {

// Machine-readable kind of a failure (Error::code) from SQLite's extended result code.
Error classified(Error e, int code) {
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) e.code = "conflict";
  else if ((code & 0xff) == SQLITE_BUSY) e.code = "retry";
  // A full disk is SQLITE_FULL; a write refused by the OS (quota, file-size limit) is an I/O error.
  else if ((code & 0xff) == SQLITE_FULL || code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
           code == SQLITE_IOERR_TRUNCATE)
    e.code = "storage";
  return e;
}

class SqliteStatement : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* s) : db_(db), stmt_(s) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  Status execute(const Params& params) override {
    sqlite3_reset(stmt_);
    auto b = sqlite_bind(db_, stmt_, params);
    if (!b) return b;
    int rc = sqlite3_step(stmt_);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
      return classified(make_error(std::string("SQLite: ") + sqlite3_errmsg(db_)), sqlite3_extended_errcode(db_));
    return ok_status();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

Value column_value(sqlite3_stmt* s, int i) {
  switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER: return static_cast<int64_t>(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT: return sqlite3_column_double(s, i);
    case SQLITE_NULL: return std::monostate{};
    default: {
      auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      return std::string(p ? p : "", sqlite3_column_bytes(s, i));
    }
  }
}

}  // namespace

Status sqlite_bind(sqlite3* db, sqlite3_stmt* stmt, const Params& params) {
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
    return make_error("SQL 参数个数不符: 需要 " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
                      "，提供 " + std::to_string(params.size()));
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i) + 1, rc;
    const Value& v = params[i];
    if (auto p = std::get_if<int64_t>(&v)) rc = sqlite3_bind_int64(stmt, idx, *p);
    else if (auto p = std::get_if<double>(&v)) rc = sqlite3_bind_double(stmt, idx, *p);
    else if (auto p = std::get_if<std::string>(&v))
      rc = sqlite3_bind_text(stmt, idx, p->data(), static_cast<int>(p->size()), SQLITE_STATIC);  // params outlive the step
    else rc = sqlite3_bind_null(stmt, idx);
    if (rc != SQLITE_OK) return make_error(std::string("SQLite bind: ") + sqlite3_errmsg(db));
  }
  return ok_status();
}

constexpr int kBusyTimeoutMs = 10000;

// NOMUTEX: a connection is used by one thread at a time (the server leases one per request).
Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path) {
  // A new database file holds minors' data: create it owner-only (SQLite gives -wal/-shm the same mode).
  if (path != ":memory:") create_private_file(path);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return make_error("无法打开数据库 " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  std::unique_ptr<SqliteConnection> c(new SqliteConnection(db));
  auto s = c->exec_script("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
  if (!s) return s.error();
  return c;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Error SqliteConnection::last_error(std::string_view context) const {
  return classified(make_error("SQLite: " + std::string(sqlite3_errmsg(db_)) + " [" + std::string(context.substr(0, 120)) + "]"),
                    sqlite3_extended_errcode(db_));
}

Result<sqlite3_stmt*> SqliteConnection::cached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    return last_error(sql);
  cache_.emplace(std::string(sql), stmt);
  return stmt;
}

Result<std::vector<Row>> SqliteConnection::query(std::string_view sql, const Params& params) {
  auto st = cached(sql);
  if (!st) return st.error();
  sqlite3_stmt* s = *st;
  auto b = sqlite_bind(db_, s, params);
  if (!b) return b.error();
  std::vector<Row> rows;
  int n = sqlite3_column_count(s);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    Row r;
    r.cells.reserve(n);
    for (int i = 0; i < n; ++i) r.cells.push_back(column_value(s, i));
    rows.push_back(std::move(r));
  }
  Error err = rc == SQLITE_DONE ? Error{} : last_error(sql);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) return err;
  return rows;
}

Status SqliteConnection::exec_script(std::string_view sql) {
  char* err = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown";
    sqlite3_free(err);
    return classified(make_error("SQLite: " + msg), sqlite3_extended_errcode(db_));
  }
  return ok_status();
}

Result<std::unique_ptr<Statement>> SqliteConnection::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    return last_error(sql);
  return std::unique_ptr<Statement>(new SqliteStatement(db_, stmt));
}

Status SqliteConnection::begin() { return exec_script("BEGIN IMMEDIATE"); }
Status SqliteConnection::commit() { return exec_script("COMMIT"); }
Status SqliteConnection::rollback() {
  set_aside_indexes_.clear();  // the rollback brings them back
  return exec_script("ROLLBACK");
}
int64_t SqliteConnection::changes() { return sqlite3_changes64(db_); }

// Leaving WAL needs every other connection closed. Another process with the database open makes the
// switch fail at once (no busy wait) and the load runs in WAL mode as usual. While the rollback journal
// is in use, a process that tries to open the database waits up to its busy timeout.
bool SqliteConnection::begin_exclusive_load() {
  sqlite3_busy_timeout(db_, 0);
  auto mode = query("PRAGMA journal_mode=DELETE");
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  return mode && !mode->empty() && mode->front().text(0) == "delete";
}

void SqliteConnection::end_exclusive_load() { (void)exec("PRAGMA journal_mode=WAL"); }

// Only indexes declared with CREATE INDEX (sql not NULL): the automatic ones behind PRIMARY KEY and
// UNIQUE enforce constraints during the load and stay.
Status SqliteConnection::begin_bulk_load(const std::string& table) {
  auto indexes = query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                       {table});
  if (!indexes) return indexes.error();
  for (const auto& ix : *indexes) {
    auto s = exec_script("DROP INDEX \"" + ix.text(0) + "\"");
    if (!s) return s;
    set_aside_indexes_.push_back(ix.text(1));
  }
  return ok_status();
}

Status SqliteConnection::end_bulk_load() {
  std::vector<std::string> pending;
  pending.swap(set_aside_indexes_);
  for (const auto& sql : pending) {
    auto s = exec_script(sql);
    if (!s) return s;
  }
  return ok_status();
}

}  // namespace youjun::store
