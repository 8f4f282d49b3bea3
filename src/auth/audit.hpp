#pragma once
// Tamper-evident audit log: an append-only hash chain in the audit_log table.
//   hash(n) = SHA-256( prev_hash "\n" seq "\n" len(at) ":" at "\n" len(actor) ":" actor "\n" … detail )
// with prev_hash(1) = 64 zeros (docs/security-notes.md). Editing, deleting or reordering any row breaks
// the chain from that row on; verify_audit_chain names the first broken seq.
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::auth {

struct AuditEvent {
  std::string actor;   // username, "cli:<os user>", or "-" for an anonymous request
  std::string action;  // dotted verb: auth.login, user.create, students.read, import.students, …
  std::string target;  // what it was done to: a username, a school code, an import kind
  std::string detail = "{}";  // JSON object (re-serialised canonically); never personal data
};

struct AuditEntry {
  int64_t seq = 0;
  std::string at, actor, action, target, detail, prev_hash, hash;
};

struct ChainCheck {
  bool ok = true;
  int64_t count = 0;             // rows checked
  int64_t first_broken_seq = 0;  // 0 when ok
  std::string problem;           // zh-CN, when not ok
  std::string head_hash;         // hash of the last row ("" for an empty log): record it elsewhere to
                                 // detect truncation of the tail
};

inline const std::string kAuditGenesisHash(64, '0');

// 2026-11-23T14:05:09Z
std::string iso8601_utc(int64_t unix_seconds);
// The hash an entry must carry, from its prev_hash and fields.
std::string audit_entry_hash(const AuditEntry& entry);

// Appends inside the caller's open transaction (seq = max+1 of what this transaction sees).
Status append_audit(store::Connection& db, const AuditEvent& event, int64_t now);
// Appends in a transaction of its own.
Status record_audit(store::Connection& db, const AuditEvent& event, int64_t now);

Result<ChainCheck> verify_audit_chain(store::Connection& db);
// Newest first.
Result<std::vector<AuditEntry>> recent_audit(store::Connection& db, int64_t limit);

}  // namespace youjun::auth
