#pragma once
// A bounded pool of database connections. cpp-httplib serves requests on several threads; each request
// leases one connection for its whole life. At most `size` connections are open; a request that finds
// none free waits up to `wait` and then gets a clear error (503). A connection that broke (PostgreSQL
// restarted under the server) is closed on return instead of being reused, so the next request opens a
// fresh one. SQLite in WAL mode lets readers run while one writer commits; writers queue on
// BEGIN IMMEDIATE with the busy timeout.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::server {

class DbPool {
 public:
  explicit DbPool(std::string url, size_t size = 16, std::chrono::milliseconds wait = std::chrono::seconds(10))
      : url_(std::move(url)), size_(size == 0 ? 1 : size), wait_(wait) {}

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

  // Error code "busy" when every connection stayed in use for the whole wait.
  Result<Lease> acquire();
  const std::string& url() const { return url_; }
  size_t size() const { return size_; }
  size_t open_count();

 private:
  void give_back(std::unique_ptr<store::Connection> conn);
  std::string url_;
  size_t size_;
  std::chrono::milliseconds wait_;
  std::mutex mutex_;
  std::condition_variable freed_;
  size_t open_ = 0;  // idle + leased
  std::vector<std::unique_ptr<store::Connection>> idle_;
};

}  // namespace youjun::server
