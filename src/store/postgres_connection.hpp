#pragma once
// PostgreSQL backend on libpq, the server's own client library. Same interface as SQLite: `?`
// placeholders are rewritten to $1…$n, every statement is prepared once per connection and cached by
// its SQL text, parameters are always bound (text format), never spliced into SQL.
#include <libpq-fe.h>

#include <map>
#include <memory>
#include <string>

#include "store/connection.hpp"

namespace youjun::store {

class PostgresConnection : public Connection {
 public:
  // url: postgresql://user[:password]@host:port/dbname[?options]
  static Result<std::unique_ptr<PostgresConnection>> open(const std::string& url);
  ~PostgresConnection() override;

  std::string backend() const override { return "postgresql"; }
  Result<std::vector<Row>> query(std::string_view sql, const Params& params = {}) override;
  Status exec_script(std::string_view sql) override;
  Result<std::unique_ptr<Statement>> prepare(std::string_view sql) override;
  Status begin() override;
  Status commit() override;
  Status rollback() override;
  int64_t changes() override { return changes_; }
  bool broken() const override { return PQstatus(conn_) != CONNECTION_OK; }

  // Runs a prepared statement (by name) and returns its rows; used by query() and Statement.
  Result<std::vector<Row>> run_prepared(const std::string& name, int param_count, const Params& params,
                                        std::string_view context);

 private:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  Result<std::string> prepared_name(std::string_view sql, int& param_count);
  Error error_from(PGresult* res, std::string_view context) const;

  PGconn* conn_;
  struct Prepared {
    std::string name;
    int param_count;
  };
  std::map<std::string, Prepared, std::less<>> cache_;
  int next_statement_ = 0;
  int64_t changes_ = 0;
};

// "?" → "$1", "$2", … outside quoted strings, identifiers and comments. Returns the count in `count`.
std::string rewrite_placeholders(std::string_view sql, int& count);

}  // namespace youjun::store
