#include "evaluate/health_run.hpp"

#include <algorithm>

#include "core/json_writer.hpp"
#include "evaluate/fitness_report.hpp"
#include "evaluate/vision_report.hpp"
#include "policy/policy_report.hpp"

namespace youjun::evaluate {

namespace {

Result<std::optional<HealthSummary>> summarize_fitness(const io::Table& t, const policy::Policy& policy, int year,
                                                       RowErrors& errors) {
  auto rules = fitness_rules(policy);
  if (!rules) return rules.error();
  RecordColumns columns;
  std::vector<FitnessRecord> records;
  errors = read_fitness_records(t, *rules, columns, records);
  if (!errors.empty()) return std::optional<HealthSummary>{};
  auto results = score_records(*rules, records);
  auto aggregates = aggregate_fitness(t, columns, *rules, records, results);
  JsonWriter w;
  w.begin_array();
  for (const auto& a : aggregates) write_aggregate_json(w, *rules, a);
  w.end_array();
  auto cited = policy::cited_rules_json(policy, rules->keys);
  if (!cited) return cited.error();
  HealthSummary s;
  s.summary = {{"rules", *cited},
               {"levels", {kLevelNames[0], kLevelNames[1], kLevelNames[2], kLevelNames[3]}},
               {"targets", {{"pass_rate", rules->target_pass_rate}, {"good_rate", rules->target_good_rate}}},
               {"aggregates", nlohmann::json::parse(w.str())}};
  s.record_count = static_cast<int64_t>(records.size());
  s.year = year;
  return std::optional<HealthSummary>{std::move(s)};
}

Result<std::optional<HealthSummary>> summarize_vision(const io::Table& t, const policy::Policy& policy, RowErrors& errors) {
  auto in = read_vision(t, policy, 0, errors);  // the target of the latest screening year
  if (!errors.empty()) return std::optional<HealthSummary>{};
  if (!in) return in.error();
  const auto* rules = &in->rules;
  auto report = vision_report(t, in->columns, *rules, in->screenings);
  auto cited = policy::cited_rules_json(policy, rules->keys);
  if (!cited) return cited.error();
  HealthSummary s;
  s.summary = vision_json(t, in->columns, *rules, in->screenings, report, false);
  s.summary["rules"] = *cited;
  s.summary["target_drop_points"] = static_cast<double>(rules->annual_drop) / kMilli;
  s.record_count = static_cast<int64_t>(in->screenings.size());
  s.year = in->year;
  return std::optional<HealthSummary>{std::move(s)};
}

// A class filter applies where the file has classes (fitness records); screenings are per school.
bool wanted(const io::Table& t, size_t row, int id_col, int school_col, int class_col, const StudentListRequest& r) {
  if (!r.student_id.empty() && t.cell(row, id_col) != r.student_id) return false;
  if (!r.school_id.empty() && (school_col < 0 || t.cell(row, school_col) != r.school_id)) return false;
  if (!r.class_id.empty() && class_col >= 0 && t.cell(row, class_col) != r.class_id) return false;
  return true;
}

// A student's own report: the BMI band and each tested item's level by the total's cut points (单项等级), and
// the items the student should have taken but has no result for. Levels only, no points (001).
void add_detail(nlohmann::json& one, const FitnessRules& rules, const FitnessRecord& rec, const FitnessResult& res) {
  one["bmi_band"] = res.bmi_band >= 0 ? nlohmann::json(rules.tables->bmi[slot(rec.grade, rec.sex)][res.bmi_band].band) : nlohmann::json();
  nlohmann::json items = nlohmann::json::object(), missing = nlohmann::json::array();
  for (size_t i = 1; i < rules.items.size(); ++i) {  // item 0 is BMI, shown as its band
    if (res.state[i] == kScored) items[rules.items[i].key] = kLevelNames[level_of(rules, static_cast<Milli>(res.points[i]) * kMilli)];
    if (res.state[i] == kMissing) missing.push_back(rules.items[i].key);
  }
  one["items"] = std::move(items);
  one["missing"] = std::move(missing);
}

}  // namespace

Result<std::optional<HealthSummary>> summarize_health(const std::string& kind, const io::Table& table,
                                                     const policy::Policy& policy, int year, RowErrors& errors) {
  if (kind == "fitness") return summarize_fitness(table, policy, year, errors);
  if (kind == "vision") return summarize_vision(table, policy, errors);
  return make_error("未知的数据类型 " + kind + "（应为 fitness 或 vision）");
}

Result<nlohmann::json> health_students(const std::string& kind, const io::Table& t, const policy::Policy& policy, int year,
                                       const StudentListRequest& request) {
  nlohmann::json out = nlohmann::json::array();
  if (kind == "vision") {
    RowErrors errors;
    auto in = read_vision(t, policy, year, errors);
    if (!errors.empty()) return make_error("存储的筛查文件无法读取");
    if (!in) return in.error();
    const VisionColumns& c = in->columns;
    for (const auto& s : in->screenings) {
      if (!wanted(t, s.row, c.student_id, c.school, -1, request)) continue;
      nlohmann::json one = {{"student_id", std::string(t.cell(s.row, c.student_id))}, {"year", s.year},
                            {"status", vision_status_name(s.status)}};
      if (s.grade) one["grade"] = s.grade;
      out.push_back(std::move(one));
    }
  } else {
    auto rules = fitness_rules(policy);
    if (!rules) return rules.error();
    RecordColumns c;
    std::vector<FitnessRecord> records;
    if (auto errors = read_fitness_records(t, *rules, c, records); !errors.empty()) return make_error("存储的体测文件无法读取");
    std::vector<std::pair<FitnessResult, const FitnessRecord*>> picked;
    for (const auto& rec : records)
      if (wanted(t, rec.row, c.student_id, c.school, c.klass, request)) picked.emplace_back(score_record(*rules, rec), &rec);
    if (request.with_scores)
      std::stable_sort(picked.begin(), picked.end(), [](const auto& a, const auto& b) { return a.first.total > b.first.total; });
    for (const auto& [res, rec] : picked) {
      nlohmann::json one = {{"student_id", std::string(t.cell(rec->row, c.student_id))}, {"grade", rec->grade},
                            {"level", kLevelNames[res.level]}, {"complete", res.complete}};
      if (c.klass >= 0) one["class_id"] = std::string(t.cell(rec->row, c.klass));
      if (c.year >= 0) one["year"] = std::string(t.cell(rec->row, c.year));
      if (request.with_detail) add_detail(one, *rules, *rec, res);
      if (request.with_scores) {
        one["total"] = static_cast<double>(res.total) / kMilli;
        one["standard_score"] = static_cast<double>(res.standard) / kMilli;
        one["bonus"] = res.bonus_total;
      }
      out.push_back(std::move(one));
    }
  }
  // Grade-only lists come in student_id order: nothing in them says who scored more (001: 等级呈现).
  if (!request.with_scores)
    std::stable_sort(out.begin(), out.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
      return a["student_id"].get<std::string>() < b["student_id"].get<std::string>();
    });
  return out;
}

}  // namespace youjun::evaluate
