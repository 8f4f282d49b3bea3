#include "enroll/datasets.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <unordered_set>

#include "auth/audit.hpp"
#include "core/personal_data.hpp"
#include "enroll/warning_files.hpp"

namespace youjun::enroll {

namespace {

std::unordered_set<std::string> ids_of(const CatchmentMap* map) {
  std::unordered_set<std::string> ids;
  if (map)
    for (const auto& c : map->catchments()) ids.insert(c.id);
  return ids;
}

Result<io::Table> table_of(const Dataset& d) { return io::parse_csv(d.content, d.file_name); }

}  // namespace

const std::vector<std::string>& dataset_kinds() {
  static const std::vector<std::string> kinds = {"catchments", "birth_cohorts", "new_housing", "intake_seats", "addresses"};
  return kinds;
}

std::string dataset_zh(const std::string& kind) {
  if (kind == "catchments") return "学区范围";
  if (kind == "birth_cohorts") return "出生人口";
  if (kind == "new_housing") return "新建住房";
  if (kind == "intake_seats") return "起始年级学位";
  if (kind == "addresses") return "地址库";
  return kind;
}

CheckedUpload check_catchments_upload(const std::string& geojson, const std::string& file_name) {
  CheckedUpload up;
  auto map = CatchmentMap::from_geojson(geojson, file_name, std::nullopt, up.errors);
  if (up.errors.empty() && map.catchments().empty()) up.errors.push_back({file_name, 0, "", "文件中没有学区"});
  up.content = geojson;
  up.item_count = static_cast<int64_t>(map.catchments().size());
  return up;
}

Result<CheckedUpload> check_table_upload(store::Connection& db, const std::string& kind, const io::Table& table) {
  auto in_force = current_catchment_map(db);
  if (!in_force) return in_force.error();
  const CatchmentMap* map = in_force->get();
  CheckedUpload up;
  if ((kind == "birth_cohorts" || kind == "new_housing") && !map) {
    up.errors.push_back({table.file, 0, "catchment_id", "请先上传学区范围（学区编号据此核对）"});
    return up;
  }
  auto known = ids_of(map);
  if (kind == "birth_cohorts") {
    std::vector<CohortCount> rows;
    up.errors = read_cohorts(table, known, rows);
  } else if (kind == "new_housing") {
    std::vector<HousingDelivery> rows;
    up.errors = read_housing(table, known, rows);
  } else if (kind == "intake_seats") {
    std::vector<SeatPlan> rows;
    up.errors = read_seat_plans(table, rows);
  } else {
    up.errors.push_back({table.file, 0, "", "未知的招生数据类型 " + kind});
  }
  if (up.errors.empty() && table.row_count() == 0) up.errors.push_back({table.file, 0, "", "文件没有数据行"});
  up.content = io::table_to_csv(table);
  up.item_count = static_cast<int64_t>(table.row_count());
  return up;
}

Result<Dataset> store_dataset(store::Connection& db, const std::string& kind, const std::string& file_name,
                              const CheckedUpload& upload, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  // The same file again (e.g. `demo load` twice) is not a new version.
  auto current = current_dataset(db, kind);
  if (!current) return current.error();
  if (*current && (*current)->sha256 == sha256_hex(upload.content)) return **current;
  auto last = db.query("SELECT COALESCE(MAX(version), 0) FROM enroll_datasets WHERE kind = ?", {kind});
  if (!last) return last.error();
  Dataset d{kind, file_name, upload.content, sha256_hex(upload.content), actor, auth::iso8601_utc(now),
            (*last)[0].integer(0) + 1, upload.item_count};
  auto s = db.exec("INSERT INTO enroll_datasets (kind, version, file_name, content, sha256, item_count, uploaded_by, "
                   "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   {d.kind, d.version, d.file_name, d.content, d.sha256, d.item_count, d.uploaded_by, d.uploaded_at});
  if (!s) return s.error();
  nlohmann::json detail = {{"version", d.version}, {"file", d.file_name}, {"sha256", d.sha256}, {"items", d.item_count}};
  if (auto a = auth::append_audit(db, {actor, "enroll.data." + kind, kind, detail.dump()}, now); !a) return a.error();
  auto committed = tx.commit();
  if (!committed) return committed.error();
  return d;
}

Result<std::optional<Dataset>> current_dataset(store::Connection& db, const std::string& kind) {
  auto rows = db.query("SELECT kind, file_name, content, sha256, uploaded_by, uploaded_at, version, item_count "
                       "FROM enroll_datasets WHERE kind = ? ORDER BY version DESC LIMIT 1",
                       {kind});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Dataset>{};
  const auto& r = (*rows)[0];
  return std::optional<Dataset>{
      Dataset{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.integer(6), r.integer(7)}};
}

Result<std::shared_ptr<const CatchmentMap>> current_catchment_map(store::Connection& db) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const CatchmentMap>> cache;  // by sha256; one map in practice
  // The digest first: the file itself (megabytes for a city) is read only when the version changed.
  auto version = db.query("SELECT sha256 FROM enroll_datasets WHERE kind = 'catchments' ORDER BY version DESC LIMIT 1");
  if (!version) return version.error();
  if (version->empty()) return std::shared_ptr<const CatchmentMap>{};
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find((*version)[0].text(0));
    if (it != cache.end()) return it->second;
  }
  auto d = current_dataset(db, "catchments");
  if (!d) return d.error();
  if (!*d) return std::shared_ptr<const CatchmentMap>{};
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find((*d)->sha256);
  if (it != cache.end()) return it->second;
  RowErrors errors;
  auto map = std::make_shared<const CatchmentMap>(CatchmentMap::from_geojson((*d)->content, (*d)->file_name, std::nullopt, errors));
  if (!errors.empty()) return make_error("已存学区范围无法读取：" + errors[0].to_string());
  cache.clear();  // only the version in force is kept
  cache[(*d)->sha256] = map;
  return map;
}

Result<WarningInputs> warning_inputs(store::Connection& db, RowErrors& errors) {
  WarningInputs in;
  std::map<std::string, Dataset> sets;
  for (const std::string kind : {"catchments", "birth_cohorts", "new_housing", "intake_seats"}) {
    auto d = current_dataset(db, kind);
    if (!d) return d.error();
    if (*d) {
      in.versions.push_back(kind + " v" + std::to_string((*d)->version));
      sets.emplace(kind, std::move(**d));
    } else if (kind != "new_housing") {  // housing is optional
      errors.push_back({kind, 0, "", "尚未上传" + dataset_zh(kind) + "数据"});
    }
  }
  if (!errors.empty()) return in;
  const Dataset& catchments = sets.at("catchments");
  in.map = CatchmentMap::from_geojson(catchments.content, catchments.file_name, std::nullopt, errors);
  auto known = ids_of(&in.map);
  auto read = [&](const std::string& kind, auto&& reader) -> Status {
    auto it = sets.find(kind);
    if (it == sets.end()) return ok_status();
    auto table = table_of(it->second);
    if (!table) return table.error();
    auto more = reader(*table);
    errors.insert(errors.end(), more.begin(), more.end());
    return ok_status();
  };
  if (auto s = read("birth_cohorts", [&](const io::Table& t) { return read_cohorts(t, known, in.cohorts); }); !s) return s.error();
  if (auto s = read("new_housing", [&](const io::Table& t) { return read_housing(t, known, in.housing); }); !s) return s.error();
  if (auto s = read("intake_seats", [&](const io::Table& t) { return read_seat_plans(t, in.seats); }); !s) return s.error();
  in.seats_file = sets.at("intake_seats").file_name;
  in.catchments_file = catchments.file_name;
  return in;
}

}  // namespace youjun::enroll
