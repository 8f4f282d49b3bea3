#pragma once
// `youjun db backup|restore`. SQLite: the online backup API (a consistent copy while the server runs).
// PostgreSQL: pg_dump/pg_restore in custom format. A restore goes only into an empty database, so it
// can never silently overwrite live data.
#include <string>

#include "core/result.hpp"

namespace youjun::store {

Status backup_database(const std::string& url, const std::string& out_file);
Status restore_database(const std::string& backup_file, const std::string& url);

// "sqlite", "postgresql" (pg_dump custom format) or "" (unknown) from the file's first bytes.
std::string backup_format(const std::string& file);

}  // namespace youjun::store
