#include "store/connection.hpp"

#include <cmath>

#include "store/postgres_connection.hpp"
#include "store/sqlite_connection.hpp"

namespace youjun::store {

int64_t Row::integer(size_t i) const {
  const Value& v = cells.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? 0 : std::stoll(*p);
  return 0;
}

double Row::real(size_t i) const {
  const Value& v = cells.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? 0.0 : std::stod(*p);
  return 0.0;
}

std::string Row::text(size_t i) const {
  const Value& v = cells.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", *p);
    return buf;
  }
  return "";
}

Status Connection::exec(std::string_view sql, const Params& params) {
  auto q = query(sql, params);
  if (!q) return q.error();
  return ok_status();
}

Transaction::Transaction(Connection& c) : conn_(c) {
  auto s = conn_.begin();
  started_ = s.ok();
  if (!started_) start_error_ = s.error();
}

Transaction::~Transaction() {
  if (started_ && !finished_) conn_.rollback();
}

Status Transaction::commit() {
  if (!started_) return start_error_;
  finished_ = true;
  return conn_.commit();
}

bool is_postgresql_url(std::string_view url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Connection>> open_database(const std::string& url) {
  if (is_postgresql_url(url)) {
    auto c = PostgresConnection::open(url);
    if (!c) return c.error();
    return std::unique_ptr<Connection>(std::move(c.value()));
  }
  auto c = SqliteConnection::open(url);
  if (!c) return c.error();
  return std::unique_ptr<Connection>(std::move(c.value()));
}

}  // namespace youjun::store
