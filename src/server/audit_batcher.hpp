#pragma once
// Audited reads in batches (group commit). Every read of minors' data is audited before the answer leaves
// (no audit, no data), and the audit log is one hash chain, so its appends are serialized: one transaction —
// one commit and its fsync — per read made the chain the server's ceiling under load (issue 5 §3). Reads'
// entries do not belong to any data change, so the requests queue them here and one writer appends every
// waiting entry in one transaction and commits once; each request returns when its entry is committed.
// Writes keep their entry in their own transaction (auth::append_audit), unchanged.
//
// The writer has a connection of its own, outside the request pool: requests hold pooled connections while
// they wait here, so a pooled one could never be free for the writer.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "auth/audit.hpp"
#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::server {

class AuditBatcher {
 public:
  explicit AuditBatcher(std::string db_url, size_t max_batch = 256);
  ~AuditBatcher();  // writes what is queued, then stops
  AuditBatcher(const AuditBatcher&) = delete;
  AuditBatcher& operator=(const AuditBatcher&) = delete;

  // Appends the event to the chain; returns once it is committed, or the error.
  Status record(const auth::AuditEvent& event, int64_t now);

 private:
  struct Pending {
    auth::AuditEvent event;
    int64_t now = 0;
    bool done = false;
    Status status = ok_status();
  };
  void run();
  Status write(std::deque<Pending*>& batch);

  std::string url_;
  size_t max_batch_;
  std::unique_ptr<store::Connection> db_;  // the writer thread's own
  std::mutex mutex_;
  std::condition_variable queued_, written_;
  std::deque<Pending*> queue_;
  bool stop_ = false;
  std::thread writer_;
};

}  // namespace youjun::server
