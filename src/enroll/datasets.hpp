#pragma once
// 招生基础数据 in the database (issue 6 §1): the catchment map (GeoJSON) and the seat-warning inputs
// (birth_cohorts, new_housing, intake_seats CSV), stored as validated files with versions
// (migration 005). Uploads are checked by the same readers as `youjun enroll warn`/`locate`, all rows
// first; a bad file is refused whole. Cohorts and housing must name catchments of the map in force.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/row_error.hpp"
#include "enroll/catchments.hpp"
#include "enroll/seat_warning.hpp"
#include "io/table.hpp"
#include "store/connection.hpp"

namespace youjun::enroll {

// "catchments", "birth_cohorts", "new_housing", "intake_seats", "addresses" (地址库, addresses.hpp).
const std::vector<std::string>& dataset_kinds();
// 学区范围, 出生人口, 新建住房, 起始年级学位, 地址库.
std::string dataset_zh(const std::string& kind);

struct Dataset {
  std::string kind, file_name, content, sha256, uploaded_by, uploaded_at;
  int64_t version = 0, item_count = 0;
};

struct CheckedUpload {
  RowErrors errors;      // non-empty: refused
  std::string content;   // what is stored (GeoJSON as uploaded; CSV re-written as UTF-8)
  int64_t item_count = 0;
};

// `geojson` is the uploaded text for "catchments"; `table` the read file for the CSV kinds.
CheckedUpload check_catchments_upload(const std::string& geojson, const std::string& file_name);
// Cohorts and housing are checked against the catchment map in force in `db`.
Result<CheckedUpload> check_table_upload(store::Connection& db, const std::string& kind, const io::Table& table);

// Stores a checked upload as the next version of `kind`, with its audit entry, in one transaction; the
// same content as the version in force changes nothing and returns that version.
Result<Dataset> store_dataset(store::Connection& db, const std::string& kind, const std::string& file_name,
                              const CheckedUpload& upload, const std::string& actor, int64_t now);
// The version in force (the newest); nullopt when never uploaded.
Result<std::optional<Dataset>> current_dataset(store::Connection& db, const std::string& kind);

// Everything `enroll warn` needs, read from the datasets in force. A missing dataset or a file that no
// longer fits the map (e.g. cohorts of a catchment that was removed) comes back as errors.
struct WarningInputs {
  CatchmentMap map;
  std::vector<CohortCount> cohorts;
  std::vector<HousingDelivery> housing;
  std::vector<SeatPlan> seats;
  std::vector<std::string> versions;  // "catchments v3", … for the result
  std::string catchments_file;        // file names, for errors that name the whole file
  std::string seats_file;
};
Result<WarningInputs> warning_inputs(store::Connection& db, RowErrors& errors);

// The catchment map in force, parsed once per stored version (cached by sha256; thread-safe).
Result<std::shared_ptr<const CatchmentMap>> current_catchment_map(store::Connection& db);

}  // namespace youjun::enroll
