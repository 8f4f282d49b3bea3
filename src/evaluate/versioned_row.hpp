#pragma once
// One row edited by staff with a version against lost updates (五育 records, 综合素质 写实记录): written only when
// its current version is the one the editor saw (0 = no row yet), then version + 1, with who and when. The
// caller holds the transaction and writes the audit entry. Table and column names come from the code.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::evaluate {

struct VersionedRow {
  std::string table;
  std::vector<std::pair<std::string, store::Value>> key, data;  // column, value
};

// The row's version before the write (0 = inserted), or nullopt when another edit came first.
Result<std::optional<int64_t>> write_versioned(store::Connection& db, const VersionedRow& row, int64_t expected_version,
                                               const std::string& actor, const std::string& at);

}  // namespace youjun::evaluate
