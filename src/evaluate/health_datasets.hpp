#pragma once
// 体质健康 / 视力筛查 datasets in the database (migration 007): created from an upload (all rows checked and
// scored first; the audit entry in the same transaction), listed, and read back.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "evaluate/health_run.hpp"
#include "store/connection.hpp"

namespace youjun::evaluate {

struct DatasetRecord {
  std::string id, kind, title, policy, created_by, created_at;
  int64_t year = 0, record_count = 0;
};

struct NewDataset {
  std::string kind, title, policy, records_csv, summary_json;
  int64_t year = 0, record_count = 0;
};

Result<DatasetRecord> create_dataset(store::Connection& db, const NewDataset& dataset, const std::string& actor, int64_t now);
Result<std::vector<DatasetRecord>> list_datasets(store::Connection& db);
Result<std::optional<DatasetRecord>> find_dataset(store::Connection& db, const std::string& id);
// "records" or "summary"; nullopt when there is no such dataset.
Result<std::optional<std::string>> dataset_text(store::Connection& db, const std::string& id, const std::string& which);

nlohmann::json dataset_json(const DatasetRecord& d);

// The individual results of a stored dataset (its file re-read and scored under its own profile).
Result<nlohmann::json> dataset_students(store::Connection& db, const DatasetRecord& d, const StudentListRequest& request);

}  // namespace youjun::evaluate
