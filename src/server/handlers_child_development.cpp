// A parent's views of their own child, found through the parent's own links (parent_children) and the
// roster's student number; another child's number answers 404 like an unknown one; every answer audited.
//
// GET /api/v1/my/children/{student_no}/development — the child's development
// (issue 8: the portrait is for staff and the own parent only): the child's 体质健康 results and 视力筛查
// status from every stored dataset, and the 五育 portrait. Grades only (001: 等级呈现): levels, the BMI band
// and each item's level, never points, totals or an order; the 五育 dimensions as levels and test scores
// among the 五育 records as their levels.
//
// GET /api/v1/my/children/{student_no}/admission — the child's 中考 admission in every published round
// (issue 7 §4: own record — composite score breakdown, result and explanation), without any place in the
// order. The child's row: the round's students file row of the child's junior school whose student_no
// column (or, without one, student_id) is the child's number.
#include "admit/rounds.hpp"
#include "auth/audit.hpp"
#include "evaluate/health_datasets.hpp"
#include "evaluate/fitness_rules.hpp"
#include "evaluate/fitness_tables.hpp"
#include "evaluate/wuyu.hpp"
#include "io/table.hpp"
#include "server/handlers.hpp"

namespace youjun::server {

namespace {

struct Child {
  std::string student_no, name, school_code, school_name;
  int64_t grade = 0, class_no = 0;
};

Result<std::optional<Child>> own_child(RequestContext& c, const std::string& student_no) {
  auto rows = c.db.query(
      "SELECT s.student_no, s.name, s.school_code, s.grade, s.class_no, sc.name FROM parent_children pc "
      "JOIN students s ON s.id_hash = pc.student_id_hash LEFT JOIN schools sc ON sc.code = s.school_code "
      "WHERE pc.username = ? AND s.student_no = ?",
      {c.user->username, student_no});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Child>{};
  const auto& r = (*rows)[0];
  return std::optional<Child>{Child{r.text(0), r.text(1), r.text(2), r.is_null(5) ? "" : r.text(5), r.integer(3), r.integer(4)}};
}

std::optional<Child> child_or(RequestContext& c, ApiResponse& err) {
  const std::string& student_no = c.req.path_params.at("student_no");
  auto child = own_child(c, student_no);
  if (!child) {
    err = database_error("child", child.error());
    return std::nullopt;
  }
  if (!*child) {
    err = error_response(404, "没有找到您孩子的学号 " + student_no + "（请确认学校名册中已登记学号）");
    return std::nullopt;
  }
  return **child;
}

nlohmann::json child_json(const Child& k) {
  return {{"student_no", k.student_no}, {"name", k.name},   {"school_code", k.school_code}, {"school_name", k.school_name},
          {"grade", k.grade},           {"class_no", k.class_no}};
}

// 001 (等级呈现) for families: each term's dimensions as levels instead of scores, and a test score's record
// (an indicator marked score=…: the 体质健康 学年总分 by the fitness standard's levels, so it agrees with the
// 体质健康 card) as its level instead of the value.
void grades_only(nlohmann::json& wuyu, const evaluate::WuyuRules& rules, const evaluate::FitnessRules& fitness) {
  if (!wuyu.is_object()) return;
  for (auto& term : wuyu["terms"])
    for (auto& [key, value] : term["dimensions"].items())
      if (value.is_number()) value = evaluate::kGradeNames[evaluate::wuyu_level(rules, value.get<double>())];
  for (auto& record : wuyu["records"]) {
    auto it = std::find_if(rules.indicators.begin(), rules.indicators.end(),
                           [&](const evaluate::WuyuIndicator& i) { return i.key == record.value("indicator", ""); });
    if (it == rules.indicators.end() || it->score.empty()) continue;
    std::string value = record.value("value", "");
    if (it->score == "fitness") {
      auto total = evaluate::parse_measure(value);
      record["value"] = total ? evaluate::kLevelNames[evaluate::level_of(fitness, *total)] : "";
    } else {
      auto score = evaluate::linear_score(*it, value);
      record["value"] = score ? evaluate::kGradeNames[evaluate::wuyu_level(rules, *score)] : "";
    }
    record["value_is_level"] = true;
  }
}

int column_of(const io::Table& t, const char* name) {
  auto it = std::find(t.header.begin(), t.header.end(), name);
  return it == t.header.end() ? -1 : static_cast<int>(it - t.header.begin());
}

}  // namespace

ApiResponse handle_child_development(RequestContext& c) {
  ApiResponse err;
  auto child = child_or(c, err);
  if (!child) return err;
  const Child& k = *child;

  auto datasets = evaluate::list_datasets(c.db);
  if (!datasets) return database_error("health datasets", datasets.error());
  nlohmann::json fitness = nlohmann::json::array(), vision = nlohmann::json::array();
  evaluate::StudentListRequest request;
  request.student_id = k.student_no;
  request.school_id = k.school_code;  // numbers are the school's own: a file's rows of other schools never match
  request.with_detail = true;
  for (const auto& d : *datasets) {
    auto rows = evaluate::dataset_students(c.db, d, request);
    if (!rows) return internal_error("child development: " + rows.error().message);
    for (auto& row : *rows) {
      row["dataset_id"] = d.id;
      row["title"] = d.title;
      (d.kind == "fitness" ? fitness : vision).push_back(std::move(row));
    }
  }
  auto wuyu = wuyu_portrait(c, k.school_code, k.student_no, "", err);
  if (!wuyu) return err;
  auto policy = policy::load_policy("national");  // the portrait's profile
  auto rules = policy ? evaluate::wuyu_rules(*policy) : Result<evaluate::WuyuRules>(policy.error());
  if (!rules) return internal_error("wuyu rules: " + rules.error().message);
  auto fitness_levels = evaluate::fitness_rules(*policy);
  if (!fitness_levels) return internal_error("fitness rules: " + fitness_levels.error().message);
  grades_only(*wuyu, *rules, *fitness_levels);

  nlohmann::json detail = {{"fitness", fitness.size()}, {"vision", vision.size()}, {"wuyu_terms", wuyu->is_null() ? 0 : (*wuyu)["terms"].size()}};
  if (auto a = c.audit_read({c.actor(), "children.development.read", k.student_no, detail.dump()}); !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, {{"student", child_json(k)},
                                 {"grades_only", true},
                                 {"fitness", fitness},
                                 {"vision", vision},
                                 {"wuyu", *wuyu}});
}

ApiResponse handle_child_admission(RequestContext& c) {
  ApiResponse err;
  auto child = child_or(c, err);
  if (!child) return err;
  const Child& k = *child;
  auto rounds = admit::list_rounds(c.db);
  if (!rounds) return database_error("admit rounds", rounds.error());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& round : *rounds) {
    if (round.status != "published") continue;  // results reach families once published
    auto inputs = admit::round_inputs(c.db, round.id);
    if (!inputs || !*inputs) return database_error("admit round inputs", inputs ? Error{"missing"} : inputs.error());
    auto pick = [&](const io::Table& t, size_t r) {
      int junior = column_of(t, "js_id"), number = column_of(t, "student_no");
      if (number < 0) number = column_of(t, "student_id");
      return junior >= 0 && number >= 0 && t.cell(r, static_cast<size_t>(junior)) == k.school_code &&
             t.cell(r, static_cast<size_t>(number)) == k.student_no;
    };
    auto view = admit_student_view(round, **inputs, pick, false);
    if (!view) return internal_error("child admission: " + view.error().message);
    if (view->is_null()) continue;
    // The names of the schools the explanation mentions, from the round's own file.
    nlohmann::json names = nlohmann::json::object();
    if (auto schools = io::parse_csv((*inputs)->high_schools_csv, "high_schools.csv")) {
      int id = column_of(*schools, "hs_id"), name = column_of(*schools, "name");
      for (size_t r = 0; id >= 0 && name >= 0 && r < schools->row_count(); ++r)
        names[std::string(schools->cell(r, static_cast<size_t>(id)))] = std::string(schools->cell(r, static_cast<size_t>(name)));
    }
    out.push_back({{"round", {{"id", round.id}, {"title", round.title}, {"year", round.year}, {"published_at", round.published_at}}},
                   {"high_schools", names},
                   {"admission", *view}});
  }
  if (auto a = c.audit_read({c.actor(), "children.admission.read", k.student_no, nlohmann::json{{"rounds", out.size()}}.dump()});
      !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, {{"student", child_json(k)}, {"rounds", out}});
}

}  // namespace youjun::server
