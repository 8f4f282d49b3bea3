// 五育 综合评价 records (issue 8 §3): staff enter a student's evidence per term and indicator (who and when
// kept, every change audited, row version against lost updates); a school's term as the 五育 index — class
// and school means for the radar chart, students' levels only (001) unless the caller is a bureau analyst;
// one student's portrait: every record across terms with the dimensions per term, and the 综合素质 写实记录
// (教基二〔2014〕11号 aspects) staff write per term, set the same way.
#include "auth/audit.hpp"
#include "enroll/enroll_files.hpp"
#include "evaluate/quality_records.hpp"
#include "evaluate/wuyu_json.hpp"
#include "evaluate/wuyu_records.hpp"
#include "io/table.hpp"
#include "server/handlers.hpp"

namespace youjun::server {

namespace {

std::optional<policy::Policy> policy_or(const std::string& name, ApiResponse& error) {
  auto policy = policy::load_policy(name.empty() ? "national" : name);
  if (!policy) {
    error = error_response(400, "未知的策略配置 " + name);
    return std::nullopt;
  }
  return std::move(*policy);
}

std::optional<evaluate::WuyuRules> rules_or(const std::string& name, ApiResponse& error) {
  auto policy = policy_or(name, error);
  if (!policy) return std::nullopt;
  auto rules = evaluate::wuyu_rules(*policy);
  if (!rules) {
    error = internal_error("wuyu rules: " + rules.error().message);
    return std::nullopt;
  }
  return std::move(*rules);
}

std::optional<evaluate::QualityRules> quality_rules_or(const std::string& name, ApiResponse& error) {
  auto policy = policy_or(name, error);
  if (!policy) return std::nullopt;
  auto rules = evaluate::quality_rules(*policy);
  if (!rules) {
    error = internal_error("quality rules: " + rules.error().message);
    return std::nullopt;
  }
  return std::move(*rules);
}

// What every staff-entered record names: whose it is (student, term, school, class) and the version the editor
// saw (0 for a new record). A school_admin writes only for their own school.
struct RecordTarget {
  std::string student_id, term, school_code, class_id;
  int64_t version = 0;
};
std::string body_text(const nlohmann::json& body, const char* key) {
  return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
}
std::optional<RecordTarget> record_target(RequestContext& c, const nlohmann::json& body, ApiResponse& err) {
  RecordTarget t{body_text(body, "student_id"), body_text(body, "term"), body_text(body, "school_id"), body_text(body, "class_id"), 0};
  auto fail = [&](int status, const std::string& message) {
    err = error_response(status, message);
    return std::nullopt;
  };
  if (auto problem = enroll::id_problem(t.student_id); !problem.empty()) return fail(400, "student_id：" + problem);
  if (t.term.empty() || t.term.size() > 20) return fail(400, "请填写学期 term（如 2026-1）");
  if (t.school_code.empty() || t.class_id.empty()) return fail(400, "请填写学校 school_id 与班级 class_id");
  std::string own = c.own_school();
  if (!own.empty() && t.school_code != own) return fail(403, "只能填写本校学生的记录");
  if (!body.contains("version") || !body["version"].is_number_integer()) return fail(400, "请给出 version（新记录为 0）");
  t.version = body["version"].get<int64_t>();
  return t;
}

// The index of the given records (one row per student and term).
struct Scored {
  io::Table table;
  evaluate::WuyuColumns columns;
  std::vector<evaluate::WuyuStudent> students;
};
std::optional<Scored> score(const evaluate::WuyuRules& rules, const std::vector<evaluate::WuyuRecord>& records, ApiResponse& error) {
  auto table = io::parse_csv(evaluate::wuyu_records_csv(rules, records), "wuyu_records");
  if (!table) {
    error = internal_error("wuyu records table");
    return std::nullopt;
  }
  Scored s{std::move(*table), {}, {}};
  if (!evaluate::read_wuyu(s.table, rules, s.columns, s.students).empty()) {
    error = internal_error("stored wuyu records no longer fit the profile");
    return std::nullopt;
  }
  return s;
}

}  // namespace

// PUT /api/v1/evaluate/wuyu/records — {"student_id","term","indicator","value","note","school_id","class_id","version","policy"?}
ApiResponse handle_set_wuyu_record(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  auto t = record_target(c, *body, err);
  if (!t) return err;
  evaluate::WuyuRecord r{t->student_id, t->term, body_text(*body, "indicator"), t->school_code, t->class_id,
                         body_text(*body, "value"), body_text(*body, "note"), "", "", 0};
  if (r.value.empty()) return error_response(400, "请填写 value（等级或数值）");
  if (r.note.size() > 500) return error_response(400, "说明 note 不超过 500 字节");
  auto rules = rules_or(body_text(*body, "policy"), err);
  if (!rules) return err;
  if (auto problem = evaluate::wuyu_value_problem(*rules, r.indicator, r.value); !problem.empty()) return error_response(400, problem);
  auto saved = evaluate::set_wuyu_record(c.db, r, t->version, c.actor(), c.now);
  if (!saved) return database_error("wuyu record", saved.error());
  if (!*saved) return error_response(409, "这条记录已被他人修改，请刷新后再改");
  return ApiResponse::json(200, {{"record", evaluate::wuyu_record_json(**saved)}});
}

// PUT /api/v1/evaluate/quality/records — {"student_id","term","aspect","text","school_id","class_id","version","policy"?}
ApiResponse handle_set_quality_record(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  auto t = record_target(c, *body, err);
  if (!t) return err;
  evaluate::QualityRecord r{t->student_id, t->term, body_text(*body, "aspect"), t->school_code, t->class_id,
                            body_text(*body, "text"), "", "", 0};
  auto rules = quality_rules_or(body_text(*body, "policy"), err);
  if (!rules) return err;
  if (auto problem = evaluate::quality_record_problem(*rules, r.aspect, r.text); !problem.empty()) return error_response(400, problem);
  auto saved = evaluate::set_quality_record(c.db, r, t->version, c.actor(), c.now);
  if (!saved) return database_error("quality record", saved.error());
  if (!*saved) return error_response(409, "这条写实记录已被他人修改，请刷新后再改");
  return ApiResponse::json(200, {{"record", evaluate::quality_record_json(**saved)}});
}

// GET /api/v1/evaluate/wuyu?school_id=&term=&policy= — a school's term: class and school means (radar),
// students' levels (analysts also get dimensions and index). Audited.
ApiResponse handle_wuyu_school(RequestContext& c) {
  ApiResponse err;
  std::string own = c.own_school(), asked = c.req.param("school_id");
  std::string school = own.empty() ? asked : own;
  std::string term = c.req.param("term");
  if (school.empty() || term.empty()) return error_response(400, "请指定学校 school_id 与学期 term");
  if (!own.empty() && !asked.empty() && asked != own) return error_response(403, "只能查看本校");
  auto rules = rules_or(c.req.param("policy"), err);
  if (!rules) return err;
  auto records = evaluate::wuyu_records(c.db, school, term, "");
  if (!records) return database_error("wuyu records", records.error());
  auto scored = score(*rules, *records, err);
  if (!scored) return err;
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : evaluate::wuyu_groups(scored->table, scored->columns, *rules, scored->students)) {
    if (g.scope == "all") continue;  // the school itself is the "school" group
    nlohmann::json one = evaluate::wuyu_group_json(*rules, g);
    one["key"] = g.key;
    groups.push_back(std::move(one));
  }
  nlohmann::json students = nlohmann::json::array();
  for (const auto& s : scored->students) {
    nlohmann::json one = {{"student_id", std::string(scored->table.cell(s.row, scored->columns.student_id))},
                          {"class_id", std::string(scored->table.cell(s.row, scored->columns.klass))},
                          {"level", evaluate::kGradeNames[s.level]}};
    if (c.is_bureau_analyst()) one["index"] = s.index, one["dimensions"] = evaluate::wuyu_scores_json(*rules, s.dimensions);
    students.push_back(std::move(one));
  }
  nlohmann::json detail = {{"school", school}, {"term", term}, {"students", students.size()}};
  if (auto a = c.audit_read({c.actor(), "wuyu.students.view", school, detail.dump()}); !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, {{"school_id", school}, {"term", term}, {"dimensions", evaluate::wuyu_dimensions_json(*rules)}, {"groups", groups},
                                 {"grades_only", !c.is_bureau_analyst()}, {"students", students}});
}

// A student's 五育 portrait: the profile's dimensions, per term the level and dimensions (the index only for
// bureau analysts, 001), every record with who and when, and the 综合素质 写实记录. `school` "" = any school.
// JSON null: no records of either kind.
std::optional<nlohmann::json> wuyu_portrait(RequestContext& c, const std::string& school, const std::string& id,
                                            const std::string& policy, ApiResponse& err) {
  auto rules = rules_or(policy, err);
  auto aspects = rules ? quality_rules_or(policy, err) : std::nullopt;
  if (!rules || !aspects) return std::nullopt;
  auto records = evaluate::wuyu_records(c.db, school, "", id);
  auto quality = evaluate::quality_records(c.db, *aspects, school, "", id);
  if (!records || !quality) {
    err = database_error("wuyu records", records ? quality.error() : records.error());
    return std::nullopt;
  }
  if (records->empty() && quality->empty()) return nlohmann::json();
  nlohmann::json terms = nlohmann::json::array();
  if (!records->empty()) {
    auto scored = score(*rules, *records, err);
    if (!scored) return std::nullopt;
    for (const auto& s : scored->students) {
      nlohmann::json one = {{"term", std::string(scored->table.cell(s.row, scored->columns.term))},
                            {"level", evaluate::kGradeNames[s.level]},
                            {"dimensions", evaluate::wuyu_scores_json(*rules, s.dimensions)},
                            {"missing", s.missing}};
      if (c.is_bureau_analyst()) one["index"] = s.index;
      terms.push_back(std::move(one));
    }
  }
  nlohmann::json list = nlohmann::json::array(), written = nlohmann::json::array();
  for (const auto& r : *records) list.push_back(evaluate::wuyu_record_json(r));
  for (const auto& r : *quality) written.push_back(evaluate::quality_record_json(r));
  return nlohmann::json{{"dimensions", evaluate::wuyu_dimensions_json(*rules)},
                        {"terms", terms},
                        {"records", list},
                        {"quality_aspects", evaluate::quality_aspects_json(*aspects)},
                        {"quality", written}};
}

// GET /api/v1/evaluate/wuyu/students/{student_id}?policy= — the student's portrait. A school_admin sees only
// students of their school. Audited.
ApiResponse handle_wuyu_student(RequestContext& c) {
  ApiResponse err;
  const std::string& id = c.req.path_params.at("student_id");
  auto portrait = wuyu_portrait(c, c.own_school(), id, c.req.param("policy"), err);
  if (!portrait) return err;
  if (portrait->is_null()) return error_response(404, "没有学生 " + id + " 的五育或综合素质记录");
  if (auto a = c.audit_read({c.actor(), "wuyu.student.view", id, "{}"}); !a) return database_error("audit", a.error());
  (*portrait)["student_id"] = id;
  return ApiResponse::json(200, *portrait);
}

}  // namespace youjun::server
