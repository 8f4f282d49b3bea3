#include "evaluate/fitness_report.hpp"

#include <cmath>

namespace youjun::evaluate {

namespace {

const char* sex_code(Sex s) { return s == Sex::male ? "M" : "F"; }

double rate(size_t n, size_t d) { return d ? std::round(1e4 * double(n) / double(d)) / 1e4 : 0.0; }

}  // namespace

std::string score_text(Milli v) { return measure_text(v); }

void write_student_json(JsonWriter& w, const io::Table& t, const RecordColumns& c, const FitnessRules& rules,
                        const FitnessRecord& rec, const FitnessResult& res) {
  w.begin_object();
  w.key("student_id").value(t.cell(rec.row, c.student_id));
  w.key("grade").value(static_cast<int>(rec.grade)).key("sex").value(sex_code(rec.sex));
  if (c.year >= 0) w.key("year").value(t.cell(rec.row, c.year));
  if (c.school >= 0) w.key("school_id").value(t.cell(rec.row, c.school));
  if (c.klass >= 0) w.key("class_id").value(t.cell(rec.row, c.klass));
  w.key("bmi");
  if (res.bmi >= 0) w.raw(score_text(res.bmi));
  else w.null();
  w.key("bmi_band");
  if (res.bmi_band >= 0) w.value(rules.tables->bmi[slot(rec.grade, rec.sex)][res.bmi_band].band);
  else w.null();
  w.key("items").begin_object();
  for (size_t i = 0; i < rules.items.size(); ++i)
    if (res.state[i] == kScored) w.key(rules.items[i].key).value(static_cast<int>(res.points[i]));
  w.end_object();
  w.key("bonus_items").begin_object();
  for (size_t i = 0; i < rules.items.size(); ++i)
    if (res.bonus[i] > 0) w.key(rules.items[i].key).value(static_cast<int>(res.bonus[i]));
  w.end_object();
  w.key("standard_score").raw(score_text(res.standard));
  w.key("bonus").value(res.bonus_total);
  w.key("total").raw(score_text(res.total));
  w.key("level").value(kLevelNames[res.level]);
  w.key("complete").value(res.complete);
  w.key("missing").begin_array();
  for (size_t i = 0; i < rules.items.size(); ++i)
    if (res.state[i] == kMissing) w.value(rules.items[i].key);
  w.end_array();
  w.key("not_applicable").begin_array();
  for (size_t i = 0; i < rules.items.size(); ++i)
    if (res.state[i] == kNotApplicable) w.value(rules.items[i].key);
  w.end_array();
  w.end_object();
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
  w.key("students").begin_array();
  for (size_t i = 0; i < run.records.size(); ++i) {
    w.newline();
    write_student_json(w, run.table, run.columns, run.rules, run.records[i], run.results[i]);
  }
  w.end_array();
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

}  // namespace youjun::evaluate
