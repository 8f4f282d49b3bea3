#pragma once
// Versioned schema migrations (src/store/migrations/NNN_name.sql, embedded in the binary).
// Naming rule: NNN_name.sql runs on every backend; NNN_name.sqlite.sql or
// NNN_name.postgresql.sql runs only on that backend (same NNN = same version).
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace youjun::store {

struct MigrationInfo {
  int version;
  std::string name;
  bool applied;
  std::string applied_at;  // ISO timestamp, "" when pending
};

// Every migration for this backend with its state.
Result<std::vector<MigrationInfo>> migration_status(Connection& db);
// Applies pending migrations in order, each in its own transaction. Returns how many ran.
Result<int> migrate(Connection& db);

}  // namespace youjun::store
