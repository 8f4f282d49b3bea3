#include "server/db_pool.hpp"

namespace youjun::server {

DbPool::Lease::~Lease() {
  if (pool_ && conn_) pool_->give_back(std::move(conn_));
}

Result<DbPool::Lease> DbPool::acquire() {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!freed_.wait_for(lock, wait_, [this] { return !idle_.empty() || open_ < size_; })) {
      Error e = make_error("数据库连接池已满（" + std::to_string(size_) + " 个连接均在使用），请稍后重试");
      e.code = "busy";
      return e;
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;  // reserve the slot, then connect without holding the lock
  }
  auto conn = store::open_database(url_);
  if (!conn) {
    std::lock_guard<std::mutex> lock(mutex_);
    --open_;
    freed_.notify_one();
    return conn.error();
  }
  return Lease(this, std::move(*conn));
}

void DbPool::give_back(std::unique_ptr<store::Connection> conn) {
  bool broken = conn->broken();
  if (broken) conn.reset();  // close outside the lock
  std::lock_guard<std::mutex> lock(mutex_);
  if (broken) --open_;
  else idle_.push_back(std::move(conn));
  freed_.notify_one();
}

size_t DbPool::open_count() {
  std::lock_guard<std::mutex> lock(mutex_);
  return open_;
}

}  // namespace youjun::server
