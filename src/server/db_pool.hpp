#pragma once
// A small mutex-guarded pool of database connections. cpp-httplib serves requests on several threads;
// each request leases one connection for its whole life (SQLite in WAL mode lets readers run while one
// writer commits; writers queue on BEGIN IMMEDIATE with the busy timeout).
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::server {

class DbPool {
 public:
  explicit DbPool(std::string url, size_t max_idle = 16) : url_(std::move(url)), max_idle_(max_idle) {}

  class Lease {
   public:
    Lease(DbPool* pool, std::unique_ptr<store::Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    store::Connection& operator*() { return *conn_; }
    store::Connection* operator->() { return conn_.get(); }

   private:
    DbPool* pool_;
    std::unique_ptr<store::Connection> conn_;
  };

  Result<Lease> acquire();
  const std::string& url() const { return url_; }

 private:
  void give_back(std::unique_ptr<store::Connection> conn);
  std::string url_;
  size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Connection>> idle_;
};

}  // namespace youjun::server
