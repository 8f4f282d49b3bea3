// GET /schools/{code}/students and GET /my/children: the two answers that carry minors' personal data.
// ID numbers only ever leave as the stored mask; names are masked unless the student is in the caller's
// own scope; every answer is written to the audit log before it is sent (no audit, no data).
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "auth/roles.hpp"
#include "server/handlers.hpp"
#include "server/masking.hpp"

namespace youjun::server {

namespace {

const char* kStudentColumns =
    "s.id_masked, s.name, s.gender, s.birth_date, s.grade, s.class_no, s.hukou_type, s.migrant, s.school_code, s.student_no";

nlohmann::json student_json(const store::Row& r, bool full_name) {
  return {{"id_masked", r.text(0)},  {"name", full_name ? r.text(1) : mask_name(r.text(1))},
          {"gender", r.text(2)},     {"birth_date", r.text(3)},
          {"grade", r.integer(4)},   {"class_no", r.integer(5)},
          {"hukou_type", r.text(6)}, {"migrant", r.integer(7) != 0},
          {"school_code", r.text(8)},  {"student_no", r.is_null(9) ? "" : r.text(9)}};
}

}  // namespace

ApiResponse handle_students(RequestContext& c) {
  ApiResponse err;
  const std::string& code = c.req.path_params.at("code");
  auto grade = int_param(c.req, "grade", 0, 12, err);
  if (!grade) return err;
  auto class_no = int_param(c.req, "class_no", 0, 1000, err);
  if (!class_no) return err;
  auto page = int_param(c.req, "page", 1, 1000000, err);
  if (!page) return err;
  auto size = int_param(c.req, "page_size", 50, 200, err);
  if (!size) return err;

  auto school = c.db.query("SELECT 1 FROM schools WHERE code = ?", {code});
  if (!school) return internal_error("students: " + school.error().message);
  if (school->empty()) return error_response(404, "学校不存在: " + code);
  std::string where = " WHERE s.school_code = ?";
  store::Params params{code};
  if (*grade) where += " AND s.grade = ?", params.push_back(*grade);
  if (*class_no) where += " AND s.class_no = ?", params.push_back(*class_no);
  auto total = c.db.query("SELECT COUNT(*) FROM students s" + where, params);
  if (!total) return internal_error("students: " + total.error().message);
  params.push_back(*size);
  params.push_back((*page - 1) * *size);
  auto rows = c.db.query(std::string("SELECT ") + kStudentColumns + " FROM students s" + where +
                             " ORDER BY s.grade, s.class_no, s.name, s.id_hash LIMIT ? OFFSET ?",
                         params);
  if (!rows) return internal_error("students: " + rows.error().message);

  bool full_names = c.is_role(auth::kSchoolAdmin);  // scope already limited them to their own school
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rows) items.push_back(student_json(r, full_names));
  nlohmann::json detail = {{"count", items.size()}, {"total", (*total)[0].integer(0)}, {"page", *page},
                           {"names", full_names ? "full" : "masked"}};
  if (*grade) detail["grade"] = *grade;
  if (*class_no) detail["class_no"] = *class_no;
  auto s = c.audit_read({c.actor(), "students.read", code, detail.dump()});
  if (!s) return internal_error("audit: " + s.error().message);
  return ApiResponse::json(200, {{"total", (*total)[0].integer(0)},
                                 {"page", *page},
                                 {"page_size", *size},
                                 {"names_masked", !full_names},
                                 {"items", items}});
}

ApiResponse handle_my_children(RequestContext& c) {
  auto rows = c.db.query(std::string("SELECT ") + kStudentColumns +
                             ", sc.name FROM parent_children pc JOIN students s ON s.id_hash = pc.student_id_hash "
                             "LEFT JOIN schools sc ON sc.code = s.school_code WHERE pc.username = ? "
                             "ORDER BY s.birth_date, s.id_hash",
                         {c.user->username});
  if (!rows) return internal_error("children: " + rows.error().message);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rows) {
    nlohmann::json j = student_json(r, true);
    j["school_name"] = r.text(10);
    items.push_back(j);
  }
  auto s = c.audit_read({c.actor(), "children.read", c.actor(), nlohmann::json{{"count", items.size()}}.dump()});
  if (!s) return internal_error("audit: " + s.error().message);
  return ApiResponse::json(200, {{"items", items}});
}

}  // namespace youjun::server
