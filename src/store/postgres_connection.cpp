#include "store/postgres_connection.hpp"

#include <cstdio>
#include <cstring>

namespace youjun::store {

namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700, kFloat8Oid = 701,
              kNumericOid = 1700;

struct ResultGuard {
  PGresult* res;
  ~ResultGuard() { PQclear(res); }
};

Value cell_value(PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return std::monostate{};
  const char* text = PQgetvalue(res, row, col);
  switch (PQftype(res, col)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: return static_cast<int64_t>(std::strtoll(text, nullptr, 10));
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return std::strtod(text, nullptr);
    case kBoolOid: return static_cast<int64_t>(text[0] == 't');
    default: return std::string(text, PQgetlength(res, row, col));
  }
}

// Text-format parameters; the server infers each type from the statement.
struct BoundParams {
  std::vector<std::string> storage;
  std::vector<const char*> values;
  explicit BoundParams(const Params& params) : storage(params.size()), values(params.size(), nullptr) {
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (auto p = std::get_if<int64_t>(&v)) storage[i] = std::to_string(*p);
      else if (auto p = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *p);
        storage[i] = buf;
      } else if (auto p = std::get_if<std::string>(&v)) storage[i] = *p;
      else continue;  // NULL stays nullptr
      values[i] = storage[i].c_str();
    }
  }
};

class PostgresStatement : public Statement {
 public:
  PostgresStatement(PostgresConnection& conn, std::string name, int param_count, std::string sql)
      : conn_(conn), name_(std::move(name)), param_count_(param_count), sql_(std::move(sql)) {}
  Status execute(const Params& params) override {
    auto r = conn_.run_prepared(name_, param_count_, params, sql_);
    if (!r) return r.error();
    return ok_status();
  }

 private:
  PostgresConnection& conn_;
  std::string name_;
  int param_count_;
  std::string sql_;
};

}  // namespace

std::string rewrite_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"') {  // copy a quoted literal or identifier verbatim ('' and "" escape)
      size_t j = i + 1;
      while (j < sql.size() && !(sql[j] == c && (j + 1 >= sql.size() || sql[j + 1] != c))) j += sql[j] == c ? 2 : 1;
      out.append(sql.substr(i, j - i + 1));
      i = j;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      size_t j = sql.find('\n', i);
      if (j == std::string_view::npos) j = sql.size();
      out.append(sql.substr(i, j - i));
      i = j - 1;
    } else if (c == '?') {
      out += '$' + std::to_string(++count);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn || PQstatus(conn) != CONNECTION_OK) {
    std::string msg = conn ? PQerrorMessage(conn) : "out of memory";
    if (conn) PQfinish(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return make_error("无法连接 PostgreSQL: " + msg);
  }
  std::unique_ptr<PostgresConnection> c(new PostgresConnection(conn));
  // Quiet NOTICEs ("relation already exists, skipping") and fix the session settings we rely on.
  auto s = c->exec_script("SET client_min_messages = warning; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
  if (!s) return s.error();
  return c;
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

Error PostgresConnection::error_from(PGresult* res, std::string_view context) const {
  std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  Error e = make_error("PostgreSQL: " + msg + " [" + std::string(context.substr(0, 120)) + "]");
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  if (state && std::strcmp(state, "23505") == 0) e.code = "conflict";                      // unique_violation
  if (state && (std::strcmp(state, "40001") == 0 || std::strcmp(state, "40P01") == 0)) e.code = "retry";
  if (state && std::strcmp(state, "53100") == 0) e.code = "storage";                         // disk_full
  return e;
}

Result<std::string> PostgresConnection::prepared_name(std::string_view sql, int& param_count) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    param_count = it->second.param_count;
    return it->second.name;
  }
  std::string text = rewrite_placeholders(sql, param_count);
  std::string name = "yj" + std::to_string(++next_statement_);
  ResultGuard g{PQprepare(conn_, name.c_str(), text.c_str(), param_count, nullptr)};
  if (PQresultStatus(g.res) != PGRES_COMMAND_OK) return error_from(g.res, sql);
  cache_.emplace(std::string(sql), Prepared{name, param_count});
  return name;
}

Result<std::vector<Row>> PostgresConnection::run_prepared(const std::string& name, int param_count,
                                                          const Params& params, std::string_view context) {
  if (static_cast<int>(params.size()) != param_count)
    return make_error("SQL 参数个数不符: 需要 " + std::to_string(param_count) + "，提供 " +
                      std::to_string(params.size()));
  BoundParams bound(params);
  ResultGuard g{PQexecPrepared(conn_, name.c_str(), param_count, bound.values.data(), nullptr, nullptr, 0)};
  auto status = PQresultStatus(g.res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return error_from(g.res, context);
  const char* tuples = PQcmdTuples(g.res);
  changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
  std::vector<Row> rows;
  int n = PQntuples(g.res), cols = PQnfields(g.res);
  rows.reserve(n);
  for (int r = 0; r < n; ++r) {
    Row row;
    row.cells.reserve(cols);
    for (int c = 0; c < cols; ++c) row.cells.push_back(cell_value(g.res, r, c));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<Row>> PostgresConnection::query(std::string_view sql, const Params& params) {
  int count = 0;
  auto name = prepared_name(sql, count);
  if (!name) return name.error();
  return run_prepared(*name, count, params, sql);
}

Status PostgresConnection::exec_script(std::string_view sql) {
  std::string text(sql);
  ResultGuard g{PQexec(conn_, text.c_str())};
  auto status = PQresultStatus(g.res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return error_from(g.res, sql);
  return ok_status();
}

Result<std::unique_ptr<Statement>> PostgresConnection::prepare(std::string_view sql) {
  int count = 0;
  auto name = prepared_name(sql, count);
  if (!name) return name.error();
  return std::unique_ptr<Statement>(new PostgresStatement(*this, *name, count, std::string(sql)));
}

Status PostgresConnection::begin() { return exec_script("BEGIN"); }
Status PostgresConnection::commit() { return exec_script("COMMIT"); }
Status PostgresConnection::rollback() { return exec_script("ROLLBACK"); }

}  // namespace youjun::store
