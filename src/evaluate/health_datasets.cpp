#include "evaluate/health_datasets.hpp"

#include <cstdio>

#include "auth/audit.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {

namespace {

constexpr const char* kColumns = "id, kind, title, policy, year, record_count, created_by, created_at";

DatasetRecord record_of(const store::Row& r) {
  DatasetRecord d;
  d.id = r.text(0);
  d.kind = r.text(1);
  d.title = r.text(2);
  d.policy = r.text(3);
  d.year = r.integer(4);
  d.record_count = r.integer(5);
  d.created_by = r.text(6);
  d.created_at = r.text(7);
  return d;
}

}  // namespace

Result<DatasetRecord> create_dataset(store::Connection& db, const NewDataset& d, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  std::string at = auth::iso8601_utc(now);
  std::string prefix = d.kind + "-" + at.substr(0, 4) + "-";
  auto count = db.query("SELECT COUNT(*) FROM health_datasets WHERE id LIKE ?", {prefix + "%"});
  if (!count) return count.error();
  char seq[16];
  std::snprintf(seq, sizeof seq, "%03lld", static_cast<long long>((*count)[0].integer(0) + 1));
  std::string id = prefix + seq;
  auto s = db.exec(
      "INSERT INTO health_datasets (id, kind, title, year, policy, record_count, records_csv, summary_json, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, d.kind, d.title, d.year, d.policy, d.record_count, d.records_csv, d.summary_json, actor, at});
  if (!s) return s.error();
  nlohmann::json detail = {{"kind", d.kind}, {"title", d.title}, {"year", d.year}, {"policy", d.policy}, {"records", d.record_count}};
  if (auto a = auth::append_audit(db, {actor, "health.dataset.create", id, detail.dump()}, now); !a) return a.error();
  if (auto done = tx.commit(); !done) return done.error();
  auto found = find_dataset(db, id);
  if (!found) return found.error();
  return **found;
}

Result<std::vector<DatasetRecord>> list_datasets(store::Connection& db) {
  auto rows = db.query(std::string("SELECT ") + kColumns + " FROM health_datasets ORDER BY kind, year DESC, id DESC", {});
  if (!rows) return rows.error();
  std::vector<DatasetRecord> out;
  for (const auto& r : *rows) out.push_back(record_of(r));
  return out;
}

Result<std::optional<DatasetRecord>> find_dataset(store::Connection& db, const std::string& id) {
  auto rows = db.query(std::string("SELECT ") + kColumns + " FROM health_datasets WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<DatasetRecord>{};
  return std::optional<DatasetRecord>{record_of((*rows)[0])};
}

Result<std::optional<std::string>> dataset_text(store::Connection& db, const std::string& id, const std::string& which) {
  const char* column = which == "records" ? "records_csv" : "summary_json";
  auto rows = db.query(std::string("SELECT ") + column + " FROM health_datasets WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>{(*rows)[0].text(0)};
}

nlohmann::json dataset_json(const DatasetRecord& d) {
  return {{"id", d.id},          {"kind", d.kind},     {"title", d.title}, {"policy", d.policy}, {"year", d.year},
          {"records", d.record_count}, {"created_by", d.created_by}, {"created_at", d.created_at}};
}

Result<nlohmann::json> dataset_students(store::Connection& db, const DatasetRecord& d, const StudentListRequest& request) {
  auto text = dataset_text(db, d.id, "records");
  if (!text) return text.error();
  if (!*text) return make_error("数据集 " + d.id + " 没有存储的文件");
  auto table = io::parse_csv(**text, d.id + ".csv");
  if (!table) return make_error("数据集 " + d.id + " 的存储文件无法读取");
  auto policy = policy::load_policy(d.policy);
  if (!policy) return make_error("数据集 " + d.id + " 的策略配置 " + d.policy + " 无法读取");
  return health_students(d.kind, *table, *policy, static_cast<int>(d.year), request);
}

}  // namespace youjun::evaluate
