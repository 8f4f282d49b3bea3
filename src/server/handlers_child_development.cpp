// GET /api/v1/my/children/{student_no}/development — a parent's view of their own child's development
// (issue 8: the portrait is for staff and the own parent only): the child's 体质健康 results and 视力筛查
// status from every stored dataset, and the 五育 portrait. Grades only (001: 等级呈现): levels, the BMI band
// and each item's level, never points, totals or an order. The child is found through the parent's own
// links (parent_children) and the roster's student number; another child's number answers 404 like an
// unknown one. Every answer is audited.
#include "auth/audit.hpp"
#include "evaluate/health_datasets.hpp"
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

}  // namespace

ApiResponse handle_child_development(RequestContext& c) {
  const std::string& student_no = c.req.path_params.at("student_no");
  auto child = own_child(c, student_no);
  if (!child) return database_error("child", child.error());
  if (!*child) return error_response(404, "没有找到您孩子的学号 " + student_no + "（请确认学校名册中已登记学号）");
  const Child& k = **child;

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
  ApiResponse err;
  auto wuyu = wuyu_portrait(c, k.school_code, k.student_no, "", err);
  if (!wuyu) return err;

  nlohmann::json detail = {{"fitness", fitness.size()}, {"vision", vision.size()}, {"wuyu_terms", wuyu->is_null() ? 0 : (*wuyu)["terms"].size()}};
  if (auto a = auth::record_audit(c.db, {c.actor(), "children.development.read", k.student_no, detail.dump()}, c.now); !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, {{"student",
                                  {{"student_no", k.student_no},
                                   {"name", k.name},
                                   {"school_code", k.school_code},
                                   {"school_name", k.school_name},
                                   {"grade", k.grade},
                                   {"class_no", k.class_no}}},
                                 {"grades_only", true},
                                 {"fitness", fitness},
                                 {"vision", vision},
                                 {"wuyu", *wuyu}});
}

}  // namespace youjun::server
