#pragma once
// The 五大创建 achievements file in the database (migration 015): stored as uploaded (CSV re-written as UTF-8)
// after every row passed read_achievements, one version per upload, audited; the newest is in force.
#include <optional>
#include <string>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::balance {

struct CreationFile {
  int64_t version = 0, item_count = 0;
  std::string file_name, content, sha256, uploaded_by, uploaded_at;
};

// `content` must already be checked. The same content as the version in force is not a new version.
Result<CreationFile> store_creation_file(store::Connection& db, const std::string& file_name, const std::string& content,
                                         int64_t item_count, const std::string& actor, int64_t now);
Result<std::optional<CreationFile>> current_creation_file(store::Connection& db);

}  // namespace youjun::balance
