#include "evaluate/fitness_report.hpp"

#include <algorithm>
#include <cmath>

#include "core/parallel.hpp"
#include "enroll/json_text.hpp"

namespace youjun::evaluate {

namespace {

const char* sex_code(Sex s) { return s == Sex::male ? "M" : "F"; }

double rate(size_t n, size_t d) { return d ? std::round(1e4 * double(n) / double(d)) / 1e4 : 0.0; }

}  // namespace

std::string score_text(Milli v) { return measure_text(v); }

namespace {

// Thousandths as JSON number text without a temporary string: 92800 → 92.8, 100000 → 100, 18350 → 18.35.
void append_score(std::string& out, Milli v) {
  if (v < 0) {
    out += '-';
    v = -v;
  }
  enroll::append_number(out, static_cast<uint64_t>(v / kMilli));
  int fraction = static_cast<int>(v % kMilli);
  if (fraction == 0) return;
  char digits[4] = {'.', char('0' + fraction / 100), char('0' + fraction / 10 % 10), char('0' + fraction % 10)};
  size_t len = 4;
  while (digits[len - 1] == '0') --len;
  out.append(digits, len);
}

void append_key(std::string& out, const char* key) {
  out += '"';
  out += key;
  out += "\":";
}

}  // namespace

// Written by hand rather than through JsonWriter: a million students are 350 MB of JSON, and the generic
// writer's per-value bookkeeping made output the slowest step. Ids passed id_problem (no quotes or control
// characters); item keys and band names come from the profile and tables.
void append_student_json(std::string& out, const io::Table& t, const RecordColumns& c, const FitnessRules& rules,
                         const FitnessRecord& rec, const FitnessResult& res) {
  out += "{\"student_id\":";
  enroll::append_string(out, t.cell(rec.row, c.student_id));
  out += ",\"grade\":";
  enroll::append_number(out, rec.grade);
  out += rec.sex == Sex::male ? ",\"sex\":\"M\"" : ",\"sex\":\"F\"";
  struct Optional {
    const char* key;
    int column;
  };
  for (Optional o : {Optional{"year", c.year}, Optional{"school_id", c.school}, Optional{"class_id", c.klass}}) {
    if (o.column < 0) continue;
    out += ',';
    append_key(out, o.key);
    enroll::append_string(out, t.cell(rec.row, o.column));
  }
  out += ",\"bmi\":";
  if (res.bmi >= 0) append_score(out, res.bmi);
  else out += "null";
  out += ",\"bmi_band\":";
  if (res.bmi_band >= 0) enroll::append_string(out, rules.tables->bmi[slot(rec.grade, rec.sex)][res.bmi_band].band);
  else out += "null";
  out += ",\"items\":{";
  bool first = true;
  for (size_t i = 0; i < rules.items.size(); ++i) {
    if (res.state[i] != kScored) continue;
    if (!first) out += ',';
    first = false;
    enroll::append_string(out, rules.items[i].key);
    out += ':';
    enroll::append_number(out, static_cast<uint64_t>(res.points[i]));
  }
  out += "},\"bonus_items\":{";
  first = true;
  for (size_t i = 0; i < rules.items.size(); ++i) {
    if (res.bonus[i] <= 0) continue;
    if (!first) out += ',';
    first = false;
    enroll::append_string(out, rules.items[i].key);
    out += ':';
    enroll::append_number(out, static_cast<uint64_t>(res.bonus[i]));
  }
  out += "},\"standard_score\":";
  append_score(out, res.standard);
  out += ",\"bonus\":";
  enroll::append_number(out, static_cast<uint64_t>(res.bonus_total));
  out += ",\"total\":";
  append_score(out, res.total);
  out += ",\"level\":\"";
  out += kLevelNames[res.level];
  out += res.complete ? "\",\"complete\":true" : "\",\"complete\":false";
  for (auto [key, state] : {std::pair{"missing", kMissing}, std::pair{"not_applicable", kNotApplicable}}) {
    out += ",\"";
    out += key;
    out += "\":[";
    first = true;
    for (size_t i = 0; i < rules.items.size(); ++i) {
      if (res.state[i] != state) continue;
      if (!first) out += ',';
      first = false;
      enroll::append_string(out, rules.items[i].key);
    }
    out += ']';
  }
  out += '}';
}

void write_aggregate_json(JsonWriter& w, const FitnessRules& rules, const FitnessAggregate& a) {
  w.begin_object();
  w.key("scope").value(a.scope);
  if (a.scope != "all") w.key(a.scope == "class" ? "class" : a.scope == "school" ? "school_id" : "district").value(a.key);
  if (!a.year.empty()) w.key("year").value(a.year);
  w.key("students").value(a.students).key("complete").value(a.complete);
  w.key("pass_rate").value(rate(a.levels[0] + a.levels[1] + a.levels[2], a.students));
  w.key("good_rate").value(rate(a.levels[0] + a.levels[1], a.students));
  w.key("mean_total").value(a.students ? std::round(100.0 * a.mean_total()) / 100.0 : 0.0);
  w.key("levels").begin_object();
  for (int l = 0; l < 4; ++l) w.key(kLevelNames[l]).value(a.levels[l]);
  w.end_object();
  w.key("targets").begin_object();
  if (rules.target_pass_rate > 0)
    w.key("pass_rate").begin_object().key("target").value(rules.target_pass_rate).key("met").value(a.pass_rate() >= rules.target_pass_rate).end_object();
  if (rules.target_good_rate > 0)
    w.key("good_rate").begin_object().key("target").value(rules.target_good_rate).key("met").value(a.good_rate() >= rules.target_good_rate).end_object();
  w.end_object();
  w.key("items").begin_object();
  for (size_t i = 0; i < rules.items.size(); ++i) {
    if (!a.item_tested[i]) continue;
    w.key(rules.items[i].key).begin_object();
    w.key("tested").value(a.item_tested[i]);
    w.key("mean_points").value(std::round(100.0 * double(a.item_points_sum[i]) / double(a.item_tested[i])) / 100.0);
    if (rules.items[i].better == Better::band) {
      w.key("bands").begin_object();
      const auto& names = rules.tables->bmi[slot(kMinGrade, Sex::male)];
      for (size_t b = 0; b < names.size() && b < 4; ++b) w.key(names[b].band).value(a.item_levels[i][b]);
      w.end_object();
    } else {
      w.key("pass_rate").value(rate(a.item_tested[i] - a.item_levels[i][3], a.item_tested[i]));
      w.key("levels").begin_object();
      for (int l = 0; l < 4; ++l) w.key(kLevelNames[l]).value(a.item_levels[i][l]);
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

void write_fitness_json(JsonWriter& w, const FitnessRun& run, const std::string& profile, const nlohmann::json& cited_rules) {
  w.begin_object();
  w.key("profile").value(profile);
  w.key("rules").raw(cited_rules.dump());
  // Students in blocks: each block is formatted on all cores, then written in order.
  w.key("students").raw("[");
  w.flush();
  constexpr size_t kBlock = 1 << 16;
  size_t n = run.records.size();
  std::vector<std::string> texts(worker_count(n, 4096));  // reused: fresh buffers cost page clearing
  for (size_t begin = 0; begin < n; begin += kBlock) {
    size_t end = std::min(n, begin + kBlock), chunks = std::min(texts.size(), worker_count(end - begin, 4096));
    for_each_chunk(end - begin, chunks, [&](size_t chunk, size_t from, size_t to) {
      std::string& out = texts[chunk];
      out.clear();
      for (size_t i = begin + from; i < begin + to; ++i) {
        out += i ? ",\n" : "\n";
        append_student_json(out, run.table, run.columns, run.rules, run.records[i], run.results[i]);
      }
    });
    for (size_t k = 0; k < chunks; ++k) w.write_raw(texts[k]);
  }
  w.write_raw("]");
  w.key("summary").begin_array();
  for (const auto& a : run.aggregates) {
    w.newline();
    write_aggregate_json(w, run.rules, a);
  }
  w.end_array();
  w.end_object();
  w.newline();
}

std::vector<std::string> fitness_csv_header(const FitnessRules& rules) {
  std::vector<std::string> h{"student_id", "grade", "sex", "bmi", "bmi_band"};
  for (const auto& item : rules.items) h.push_back(item.key + "_points");
  for (const auto& item : rules.items)
    if (item.bonus) h.push_back(item.key + "_bonus");
  for (const char* k : {"standard_score", "bonus", "total", "level", "missing"}) h.emplace_back(k);
  return h;
}

std::vector<std::string> fitness_csv_row(const io::Table& t, const RecordColumns& c, const FitnessRules& rules,
                                         const FitnessRecord& rec, const FitnessResult& res) {
  std::vector<std::string> row{std::string(t.cell(rec.row, c.student_id)), std::to_string(rec.grade), sex_code(rec.sex),
                               res.bmi >= 0 ? score_text(res.bmi) : "",
                               res.bmi_band >= 0 ? rules.tables->bmi[slot(rec.grade, rec.sex)][res.bmi_band].band : ""};
  for (size_t i = 0; i < rules.items.size(); ++i) row.push_back(res.state[i] == kScored ? std::to_string(res.points[i]) : "");
  for (size_t i = 0; i < rules.items.size(); ++i)
    if (rules.items[i].bonus) row.push_back(res.bonus[i] ? std::to_string(res.bonus[i]) : "");
  std::string missing;
  for (size_t i = 0; i < rules.items.size(); ++i)
    if (res.state[i] == kMissing) missing += (missing.empty() ? "" : "|") + rules.items[i].key;
  for (std::string v : {score_text(res.standard), std::to_string(res.bonus_total), score_text(res.total),
                        std::string(kLevelNames[res.level]), missing})
    row.push_back(std::move(v));
  return row;
}

std::vector<std::string> fitness_grade_header() { return {"student_id", "grade", "class_id", "level"}; }

std::vector<std::string> fitness_grade_row(const io::Table& t, const RecordColumns& c, const FitnessRecord& rec,
                                           const FitnessResult& res) {
  return {std::string(t.cell(rec.row, c.student_id)), std::to_string(rec.grade),
          c.klass >= 0 ? std::string(t.cell(rec.row, c.klass)) : "", kLevelNames[res.level]};
}

}  // namespace youjun::evaluate
