#include "server/db_pool.hpp"

namespace youjun::server {

DbPool::Lease::~Lease() {
  if (pool_ && conn_) pool_->give_back(std::move(conn_));
}

Result<DbPool::Lease> DbPool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
  }
  auto conn = store::open_database(url_);
  if (!conn) return conn.error();
  return Lease(this, std::move(*conn));
}

void DbPool::give_back(std::unique_ptr<store::Connection> conn) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(conn));
}

}  // namespace youjun::server
