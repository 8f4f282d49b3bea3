#include "evaluate/quality_records.hpp"

#include <algorithm>
#include <sstream>

#include "auth/audit.hpp"
#include "evaluate/versioned_row.hpp"

namespace youjun::evaluate {

namespace {

constexpr const char* kColumns = "student_id, term, aspect, school_code, class_id, text, entered_by, entered_at, version";

QualityRecord record_of(const store::Row& r) {
  return QualityRecord{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.integer(8)};
}

size_t code_points(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

Result<QualityRules> quality_rules(const policy::Policy& policy) {
  QualityRules r;
  auto list = policy.text("quality.aspects");
  if (!list) return list.error();
  std::istringstream in(*list);
  for (std::string item; std::getline(in, item, '|');) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
      return make_error("策略 " + policy.name() + " 的 quality.aspects：“" + item + "” 应为 键=名称");
    r.aspects.push_back({item.substr(0, eq), item.substr(eq + 1)});
  }
  if (r.aspects.empty()) return make_error("策略 " + policy.name() + " 的 quality.aspects 为空");
  auto max = policy.number("quality.max_chars");
  if (!max) return max.error();
  if (*max < 1) return make_error("策略 " + policy.name() + " 的 quality.max_chars 应为正整数");
  r.max_chars = static_cast<size_t>(*max);
  r.keys = {"quality.aspects", "quality.max_chars"};
  return r;
}

std::string quality_record_problem(const QualityRules& rules, const std::string& aspect, const std::string& text) {
  auto it = std::find_if(rules.aspects.begin(), rules.aspects.end(), [&](const QualityAspect& a) { return a.key == aspect; });
  if (it == rules.aspects.end()) {
    std::string known;
    for (const auto& a : rules.aspects) known += (known.empty() ? "" : "、") + a.key + "（" + a.label + "）";
    return "方面 aspect 应为 " + known + " 之一，收到 “" + aspect + "”";
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return "请填写写实记录 text（做了什么、在哪里、什么时候）";
  size_t n = code_points(text);
  if (n > rules.max_chars)
    return "写实记录不超过 " + std::to_string(rules.max_chars) + " 字（现为 " + std::to_string(n) + " 字；quality.max_chars）";
  return "";
}

Result<std::optional<QualityRecord>> set_quality_record(store::Connection& db, const QualityRecord& rec, int64_t expected_version,
                                                        const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  VersionedRow row{"quality_records",
                   {{"student_id", rec.student_id}, {"term", rec.term}, {"aspect", rec.aspect}},
                   {{"school_code", rec.school_code}, {"class_id", rec.class_id}, {"text", rec.text}}};
  auto written = write_versioned(db, row, expected_version, actor, auth::iso8601_utc(now));
  if (!written) return written.error();
  if (!*written) return std::optional<QualityRecord>{};
  // The minor's record stays out of the audit log: who changed which aspect of which term, and when.
  nlohmann::json detail = {{"term", rec.term}, {"aspect", rec.aspect}, {"school", rec.school_code}, {"version", **written + 1}};
  if (auto a = auth::append_audit(db, {actor, "quality.record.set", rec.student_id, detail.dump()}, now); !a) return a.error();
  if (auto done = tx.commit(); !done) return done.error();
  auto saved = db.query(std::string("SELECT ") + kColumns + " FROM quality_records WHERE student_id = ? AND term = ? AND aspect = ?",
                        {rec.student_id, rec.term, rec.aspect});
  if (!saved) return saved.error();
  return std::optional<QualityRecord>{record_of((*saved)[0])};
}

Status import_quality_records(store::Connection& db, const std::vector<QualityRecord>& records, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  std::string at = auth::iso8601_utc(now);
  for (const auto& r : records) {
    auto s = db.exec("INSERT INTO quality_records (student_id, term, aspect, school_code, class_id, text, entered_by, entered_at, "
                     "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                     {r.student_id, r.term, r.aspect, r.school_code, r.class_id, r.text, actor, at});
    if (!s) return s.error();
  }
  nlohmann::json detail = {{"records", records.size()}};
  if (auto a = auth::append_audit(db, {actor, "quality.records.import", records.empty() ? "" : records[0].school_code, detail.dump()}, now);
      !a)
    return a.error();
  return tx.commit();
}

Result<std::vector<QualityRecord>> quality_records(store::Connection& db, const QualityRules& rules, const std::string& school_code,
                                                   const std::string& term, const std::string& student_id) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM quality_records WHERE 1 = 1";
  store::Params params;
  if (!school_code.empty()) sql += " AND school_code = ?", params.push_back(school_code);
  if (!term.empty()) sql += " AND term = ?", params.push_back(term);
  if (!student_id.empty()) sql += " AND student_id = ?", params.push_back(student_id);
  sql += " ORDER BY student_id, term";
  auto rows = db.query(sql, params);
  if (!rows) return rows.error();
  std::vector<QualityRecord> out;
  for (const auto& r : *rows) out.push_back(record_of(r));
  // Aspects in the profile's order within a student's term (an aspect the profile no longer has goes last).
  auto rank = [&](const std::string& aspect) {
    for (size_t i = 0; i < rules.aspects.size(); ++i)
      if (rules.aspects[i].key == aspect) return i;
    return rules.aspects.size();
  };
  std::stable_sort(out.begin(), out.end(), [&](const QualityRecord& a, const QualityRecord& b) {
    if (a.student_id != b.student_id) return a.student_id < b.student_id;
    if (a.term != b.term) return a.term < b.term;
    return rank(a.aspect) < rank(b.aspect);
  });
  return out;
}

nlohmann::json quality_record_json(const QualityRecord& r) {
  return {{"student_id", r.student_id}, {"term", r.term},     {"aspect", r.aspect},         {"school_id", r.school_code},
          {"class_id", r.class_id},     {"text", r.text},     {"entered_by", r.entered_by}, {"entered_at", r.entered_at},
          {"version", r.version}};
}

nlohmann::json quality_aspects_json(const QualityRules& rules) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : rules.aspects) out.push_back({{"key", a.key}, {"label", a.label}});
  return out;
}

}  // namespace youjun::evaluate
