#pragma once
// One storage interface for both backends (DESIGN.md "store"). SQL is portable and uses `?`
// placeholders; a backend rewrites them if it needs another style. Values are bound, never
// spliced into SQL text.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace youjun::store {

using Value = std::variant<std::monostate, int64_t, double, std::string>;
using Params = std::vector<Value>;

struct Row {
  std::vector<Value> cells;
  bool is_null(size_t i) const { return std::holds_alternative<std::monostate>(cells.at(i)); }
  int64_t integer(size_t i) const;     // 0 for NULL; converts a double by truncation
  double real(size_t i) const;         // 0 for NULL
  std::string text(size_t i) const;    // "" for NULL; numbers printed
};

// A statement prepared once and executed many times (bulk imports).
class Statement {
 public:
  virtual ~Statement() = default;
  virtual Status execute(const Params& params) = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"
  // A statement whose rows (if any) are not needed: query() without the rows.
  Status exec(std::string_view sql, const Params& params = {});
  virtual Result<std::vector<Row>> query(std::string_view sql, const Params& params = {}) = 0;
  // Several statements separated by ';', no parameters (migrations).
  virtual Status exec_script(std::string_view sql) = 0;
  virtual Result<std::unique_ptr<Statement>> prepare(std::string_view sql) = 0;
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;
  // Rows changed by the last exec/execute.
  virtual int64_t changes() = 0;
  // A load of many new rows into `table` inside the current transaction. The backend may set the
  // table's secondary indexes aside here and rebuild them in end_bulk_load() (SQLite: one sorted build
  // instead of a million random index inserts). Both run inside the caller's transaction, so a failed
  // load rolls the indexes back too. Default: nothing.
  virtual Status begin_bulk_load(const std::string& table) { (void)table; return ok_status(); }
  virtual Status end_bulk_load() { return ok_status(); }
  // Outside a transaction, before a load of many rows: the backend may switch to a faster mode while no
  // other connection has the database open, and says whether it did; end_exclusive_load() switches
  // back. SQLite: rollback journal instead of WAL, so each new page is written once instead of into the
  // WAL and again at the checkpoint (1M students: commit 3.5 s -> 1.2 s). Use ExclusiveLoad.
  virtual bool begin_exclusive_load() { return false; }
  virtual void end_exclusive_load() {}
  // True when the connection is unusable (server restarted, network gone): pools drop it.
  virtual bool broken() const { return false; }
};

// begin_exclusive_load() for a scope, when `wanted`; declare it before the Transaction so it ends after.
class ExclusiveLoad {
 public:
  ExclusiveLoad(Connection& c, bool wanted) : c_(c), on_(wanted && c.begin_exclusive_load()) {}
  ~ExclusiveLoad() {
    if (on_) c_.end_exclusive_load();
  }
  ExclusiveLoad(const ExclusiveLoad&) = delete;
  ExclusiveLoad& operator=(const ExclusiveLoad&) = delete;
  bool on() const { return on_; }

 private:
  Connection& c_;
  bool on_;
};

// Rolls back unless commit() was called: a failed import or request changes nothing.
class Transaction {
 public:
  explicit Transaction(Connection& c);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  bool started() const { return started_; }
  const Error& start_error() const { return start_error_; }
  Status commit();

 private:
  Connection& conn_;
  bool started_ = false;
  bool finished_ = false;
  Error start_error_;
};

// "postgresql://…" or "postgres://…" selects PostgreSQL; anything else is a SQLite file path.
Result<std::unique_ptr<Connection>> open_database(const std::string& url);
bool is_postgresql_url(std::string_view url);

}  // namespace youjun::store
