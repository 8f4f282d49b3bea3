// 学生发展评价 routes (issue 8): 体质健康 and 视力筛查 datasets — upload (every row checked and scored, 422
// and nothing stored on error), list, the dashboard summary, and individual results: grades only, in
// student_id order, for everyone but the bureau's analysts (001: 结果以等级呈现, never rank lists). Every
// read of individual results is audited (minors' data).
#include <algorithm>

#include "auth/audit.hpp"
#include "evaluate/health_datasets.hpp"
#include "evaluate/health_run.hpp"
#include "server/handlers.hpp"
#include "server/upload_table.hpp"

namespace youjun::server {

namespace {

// A school_admin's view of a summary: the city figure for comparison, their school and its classes.
nlohmann::json school_view(nlohmann::json summary, const std::string& kind, const std::string& school) {
  auto keep = [&](const nlohmann::json& entry) {
    std::string scope = entry.value("scope", "");
    if (scope == "all" || scope == "grade") return kind == "fitness" || scope == "all";
    if (scope == "school") return entry.value("school_id", "") == school;
    if (scope == "class") return entry.value("class", "").rfind(school + "/", 0) == 0;
    return false;
  };
  for (const char* list : {"aggregates", "rates", "changes", "schools_behind"}) {
    if (!summary.contains(list)) continue;
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& e : summary[list])
      if (keep(e)) kept.push_back(e);
    summary[list] = kept;
  }
  summary.erase("cohorts");
  return summary;
}

std::optional<evaluate::DatasetRecord> dataset_or(RequestContext& c, ApiResponse& error) {
  const std::string& id = c.req.path_params.at("id");
  auto d = evaluate::find_dataset(c.db, id);
  if (!d) {
    error = database_error("health dataset", d.error());
    return std::nullopt;
  }
  if (!*d) {
    error = error_response(404, "数据集 " + id + " 不存在");
    return std::nullopt;
  }
  return **d;
}

}  // namespace

// GET /api/v1/evaluate/datasets
ApiResponse handle_health_datasets(RequestContext& c) {
  auto list = evaluate::list_datasets(c.db);
  if (!list) return database_error("health datasets", list.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : *list) items.push_back(evaluate::dataset_json(d));
  return ApiResponse::json(200, {{"items", items}});
}

// POST /api/v1/evaluate/datasets — multipart: kind (fitness|vision), title, year, policy, file.
ApiResponse handle_create_health_dataset(RequestContext& c) {
  evaluate::NewDataset d;
  d.kind = part_text(c.req, "kind");
  if (d.kind != "fitness" && d.kind != "vision") return error_response(400, "kind 应为 fitness（体质健康）或 vision（视力筛查）");
  d.title = part_text(c.req, "title");
  if (d.title.empty() || d.title.size() > 200) return error_response(400, "请填写数据集名称（不超过 200 字节）");
  std::string year_text = part_text(c.req, "year");
  d.year = year_text.size() == 4 && std::all_of(year_text.begin(), year_text.end(), ::isdigit) ? std::stoi(year_text) : 0;
  if (d.kind == "fitness" && (d.year < 2000 || d.year > 2100)) return error_response(400, "请填写测试学年的年份 year（如 2026）");
  d.policy = part_text(c.req, "policy");
  if (d.policy.empty()) d.policy = "national";
  auto policy = policy::load_policy(d.policy);
  if (!policy) return error_response(400, "未知的策略配置 " + d.policy);
  ApiResponse err;
  auto table = uploaded_table(c.req, "file", "", err);
  if (!table) return err;
  RowErrors errors;
  auto summary = evaluate::summarize_health(d.kind, *table, *policy, static_cast<int>(d.year), errors);
  if (!errors.empty()) return rejected_import("数据集被拒绝：共 " + std::to_string(errors.size()) + " 处错误，未保存", errors);
  if (!summary) return internal_error("health summary: " + summary.error().message);
  if ((*summary)->record_count == 0) return error_response(400, "文件没有数据行");
  d.year = (*summary)->year;
  d.record_count = (*summary)->record_count;
  d.summary_json = (*summary)->summary.dump();
  d.records_csv = io::table_to_csv(*table);
  auto created = evaluate::create_dataset(c.db, d, c.actor(), c.now);
  if (!created) return database_error("health dataset create", created.error());
  return ApiResponse::json(201, {{"dataset", evaluate::dataset_json(*created)}});
}

// GET /api/v1/evaluate/datasets/{id} — the dashboard: the dataset and its summary (a school_admin's own school).
ApiResponse handle_health_dataset(RequestContext& c) {
  ApiResponse err;
  auto d = dataset_or(c, err);
  if (!d) return err;
  auto text = evaluate::dataset_text(c.db, d->id, "summary");
  if (!text || !*text) return database_error("health dataset summary", text ? Error{"missing"} : text.error());
  auto summary = nlohmann::json::parse(**text, nullptr, false);
  if (summary.is_discarded()) return internal_error("health dataset summary unreadable");
  std::string school = c.own_school();
  if (!school.empty()) summary = school_view(std::move(summary), d->kind, school);
  return ApiResponse::json(200, {{"dataset", evaluate::dataset_json(*d)}, {"summary", summary}});
}

// GET /api/v1/evaluate/datasets/{id}/students?school_id=&class_id=&order=total — individual results.
// Grades only, in student_id order; order=total (with totals) only for the bureau's analysts.
ApiResponse handle_health_dataset_students(RequestContext& c) {
  ApiResponse err;
  auto d = dataset_or(c, err);
  if (!d) return err;
  evaluate::StudentListRequest request;
  request.school_id = c.req.param("school_id");
  request.class_id = c.req.param("class_id");
  std::string order = c.req.param("order");
  if (!order.empty() && order != "total" && order != "student_id") return error_response(400, "order 应为 student_id 或 total");
  if (order == "total") {
    if (!c.is_bureau_analyst()) return error_response(403, "按成绩排序的名单只提供给教育局分析人员；学校和家长看到的是等级（001：结果以等级呈现）");
    request.with_scores = true;
  }
  std::string school = c.own_school();
  if (!school.empty()) {
    if (!request.school_id.empty() && request.school_id != school) return error_response(403, "只能查看本校学生的结果");
    request.school_id = school;
  }
  if (request.school_id.empty() && !request.with_scores) return error_response(400, "请指定学校 school_id");
  auto students = evaluate::dataset_students(c.db, *d, request);
  if (!students) return internal_error("health students: " + students.error().message);
  nlohmann::json detail = {{"school_id", request.school_id}, {"class_id", request.class_id}, {"order", order},
                           {"students", students->size()}};
  if (auto a = c.audit_read({c.actor(), "health.students.view", d->id, detail.dump()}); !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, {{"dataset", evaluate::dataset_json(*d)}, {"grades_only", !request.with_scores}, {"students", *students}});
}

}  // namespace youjun::server
