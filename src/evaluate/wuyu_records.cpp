#include "evaluate/wuyu_records.hpp"

#include <algorithm>
#include <map>

#include "auth/audit.hpp"
#include "evaluate/versioned_row.hpp"
#include "io/table.hpp"

namespace youjun::evaluate {

namespace {

constexpr const char* kColumns =
    "student_id, term, indicator, school_code, class_id, value, note, entered_by, entered_at, version";

WuyuRecord record_of(const store::Row& r) {
  return WuyuRecord{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8), r.integer(9)};
}

}  // namespace

std::string wuyu_value_problem(const WuyuRules& rules, const std::string& indicator, const std::string& value) {
  auto it = std::find_if(rules.indicators.begin(), rules.indicators.end(), [&](const WuyuIndicator& i) { return i.key == indicator; });
  if (it == rules.indicators.end()) return "指标 " + indicator + " 不在策略的五育指标中";
  // One row through the file reader: the same messages as `youjun evaluate wuyu`.
  std::vector<WuyuRecord> one{{"S", "T", indicator, "", "", value, "", "", "", 0}};
  auto table = io::parse_csv(wuyu_records_csv(rules, one), "record");
  if (!table) return table.error().message;
  WuyuColumns columns;
  std::vector<WuyuStudent> out;
  auto errors = read_wuyu(*table, rules, columns, out);
  return errors.empty() ? "" : errors.front().message;
}

Result<std::optional<WuyuRecord>> set_wuyu_record(store::Connection& db, const WuyuRecord& rec, int64_t expected_version,
                                                  const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  VersionedRow row{"wuyu_records",
                   {{"student_id", rec.student_id}, {"term", rec.term}, {"indicator", rec.indicator}},
                   {{"school_code", rec.school_code}, {"class_id", rec.class_id}, {"value", rec.value}, {"note", rec.note}}};
  auto written = write_versioned(db, row, expected_version, actor, auth::iso8601_utc(now));
  if (!written) return written.error();
  if (!*written) return std::optional<WuyuRecord>{};
  int64_t current = **written;
  // Minors' values stay out of the audit log: who changed which indicator of which record, and when.
  nlohmann::json detail = {{"term", rec.term}, {"indicator", rec.indicator}, {"school", rec.school_code}, {"version", current + 1}};
  if (auto a = auth::append_audit(db, {actor, "wuyu.record.set", rec.student_id, detail.dump()}, now); !a) return a.error();
  if (auto done = tx.commit(); !done) return done.error();
  auto saved = db.query(std::string("SELECT ") + kColumns + " FROM wuyu_records WHERE student_id = ? AND term = ? AND indicator = ?",
                        {rec.student_id, rec.term, rec.indicator});
  if (!saved) return saved.error();
  return std::optional<WuyuRecord>{record_of((*saved)[0])};
}

Status import_wuyu_records(store::Connection& db, const std::vector<WuyuRecord>& records, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  std::string at = auth::iso8601_utc(now);
  for (const auto& r : records) {
    auto s = db.exec("INSERT INTO wuyu_records (student_id, term, indicator, school_code, class_id, value, note, entered_by, "
                     "entered_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                     {r.student_id, r.term, r.indicator, r.school_code, r.class_id, r.value, r.note, actor, at});
    if (!s) return s.error();
  }
  nlohmann::json detail = {{"records", records.size()}};
  if (auto a = auth::append_audit(db, {actor, "wuyu.records.import", records.empty() ? "" : records[0].school_code, detail.dump()}, now); !a)
    return a.error();
  return tx.commit();
}

Result<std::vector<WuyuRecord>> wuyu_records(store::Connection& db, const std::string& school_code, const std::string& term,
                                             const std::string& student_id) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM wuyu_records WHERE 1 = 1";
  store::Params params;
  if (!school_code.empty()) sql += " AND school_code = ?", params.push_back(school_code);
  if (!term.empty()) sql += " AND term = ?", params.push_back(term);
  if (!student_id.empty()) sql += " AND student_id = ?", params.push_back(student_id);
  sql += " ORDER BY student_id, term, indicator";
  auto rows = db.query(sql, params);
  if (!rows) return rows.error();
  std::vector<WuyuRecord> out;
  for (const auto& r : *rows) out.push_back(record_of(r));
  return out;
}

nlohmann::json wuyu_record_json(const WuyuRecord& r) {
  return {{"student_id", r.student_id}, {"term", r.term},   {"indicator", r.indicator},   {"school_id", r.school_code},
          {"class_id", r.class_id},     {"value", r.value}, {"note", r.note},             {"entered_by", r.entered_by},
          {"entered_at", r.entered_at}, {"version", r.version}};
}

std::string wuyu_records_csv(const WuyuRules& rules, const std::vector<WuyuRecord>& records) {
  std::vector<std::string> header{"student_id", "term", "school_id", "class_id"};
  for (const auto& i : rules.indicators) header.push_back(i.key);
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> rows;
  for (const auto& r : records) {
    auto& row = rows[{r.student_id, r.term}];
    if (row.empty()) row = {r.student_id, r.term, r.school_code, r.class_id}, row.resize(header.size());
    for (size_t k = 0; k < rules.indicators.size(); ++k)
      if (rules.indicators[k].key == r.indicator) row[4 + k] = r.value;
  }
  std::string out;
  io::append_csv_row(out, header, "\n");
  for (const auto& [key, row] : rows) io::append_csv_row(out, row, "\n");
  return out;
}

}  // namespace youjun::evaluate
