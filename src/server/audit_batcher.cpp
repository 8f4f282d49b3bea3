#include "server/audit_batcher.hpp"

namespace youjun::server {

AuditBatcher::AuditBatcher(std::string db_url, size_t max_batch)
    : url_(std::move(db_url)), max_batch_(max_batch == 0 ? 1 : max_batch), writer_([this] { run(); }) {}

AuditBatcher::~AuditBatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  queued_.notify_all();
  writer_.join();
}

Status AuditBatcher::record(const auth::AuditEvent& event, int64_t now) {
  Pending p{event, now, false, ok_status()};
  std::unique_lock<std::mutex> lock(mutex_);
  if (stop_) return make_error("审计日志写入器已停止");
  queue_.push_back(&p);
  queued_.notify_one();
  written_.wait(lock, [&] { return p.done; });
  return p.status;
}

void AuditBatcher::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    queued_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    std::deque<Pending*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) batch.push_back(queue_.front()), queue_.pop_front();
    lock.unlock();
    Status s = write(batch);
    if (!s) {
      // The batch's transaction failed as a whole (a lost connection, a full disk): each entry on its own,
      // so one bad moment does not fail the others' reads.
      for (Pending* p : batch) p->status = db_ ? auth::record_audit(*db_, p->event, p->now) : s;
    }
    lock.lock();
    for (Pending* p : batch) {
      if (s) p->status = s;
      p->done = true;
    }
    written_.notify_all();
  }
}

Status AuditBatcher::write(std::deque<Pending*>& batch) {
  if (db_ && db_->broken()) db_.reset();
  if (!db_) {
    auto opened = store::open_database(url_);
    if (!opened) return opened.error();
    db_ = std::move(*opened);
  }
  store::Transaction tx(*db_);
  if (!tx.started()) return tx.start_error();
  for (Pending* p : batch)
    if (auto s = auth::append_audit(*db_, p->event, p->now); !s) return s;
  return tx.commit();
}

}  // namespace youjun::server
