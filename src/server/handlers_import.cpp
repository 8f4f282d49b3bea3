// GET /import/kinds and POST /import/{kind} (multipart: file, optional sheet). The upload goes through
// the same import::import_table as `youjun import`: every row is validated first, any bad row rejects the
// whole file (422 with every bad cell) and nothing is written.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "auth/roles.hpp"
#include "import/importer.hpp"
#include "import/kinds.hpp"
#include "server/handlers.hpp"
#include "server/upload_table.hpp"

namespace youjun::server {

namespace {

const char* type_name(import::FieldType t) {
  switch (t) {
    case import::FieldType::Text: return "text";
    case import::FieldType::Integer: return "integer";
    case import::FieldType::Decimal: return "decimal";
    case import::FieldType::Money: return "money";
    case import::FieldType::Date: return "date";
    case import::FieldType::Enum: return "enum";
    case import::FieldType::Bool: return "bool";
    case import::FieldType::IdNumber: return "id_number";
    case import::FieldType::SchoolYear: return "school_year";
  }
  return "text";
}

// Kinds whose rows belong to one school (a school_ref column): the ones a school_admin may import.
bool is_school_level(const import::ImportKind& kind) {
  return std::any_of(kind.fields.begin(), kind.fields.end(), [](const auto& f) { return f.references == "schools"; });
}

nlohmann::json kind_json(const import::ImportKind& k) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : k.fields) {
    nlohmann::json choices = nlohmann::json::array();
    for (const auto& ch : f.choices) choices.push_back({{"value", ch.value}, {"label", ch.label}});
    nlohmann::json j = {{"key", f.key}, {"zh", f.zh}, {"type", type_name(f.type)}, {"required", f.required},
                        {"choices", choices}};
    if (f.type == import::FieldType::Integer || f.type == import::FieldType::Decimal ||
        f.type == import::FieldType::Money) {
      j["min"] = f.min;
      j["max"] = f.max;
    }
    fields.push_back(j);
  }
  return {{"name", k.name}, {"zh", k.zh}, {"key", k.key}, {"fields", fields}};
}

}  // namespace

ApiResponse handle_import_kinds(RequestContext& c) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& k : import::import_kinds())
    if (!c.is_role(auth::kSchoolAdmin) || is_school_level(k)) out.push_back(kind_json(k));
  return ApiResponse::json(200, out);
}

ApiResponse handle_import(RequestContext& c) {
  const std::string& kind_name = c.req.path_params.at("kind");
  const import::ImportKind* kind = import::find_import_kind(kind_name);
  if (!kind) return error_response(404, "未知的导入类型: " + kind_name);
  bool school_admin = c.is_role(auth::kSchoolAdmin);
  if (school_admin && !is_school_level(*kind))
    return error_response(403, "学校管理员只能导入本校的学校年度数据、教师和学生名单");
  ApiResponse err;
  auto table = uploaded_table(c.req, "file", "sheet", err);
  if (!table) return err;

  import::ImportOptions options;
  if (school_admin) options.restrict_school = c.user->school_code;
  // The audit entry is written in the import's own transaction: no import without its entry.
  options.before_commit = [&](store::Connection& db, const import::ImportReport& r) {
    nlohmann::json detail = {{"rows", r.rows}, {"inserted", r.inserted}, {"updated", r.updated}};
    if (school_admin) detail["school_code"] = options.restrict_school;
    return auth::append_audit(db, {c.actor(), "import." + kind->name, kind->name, detail.dump()}, c.now);
  };
  auto report = import::import_table(c.db, c.state.key, *kind, *table, options);
  if (!report) return database_error("import", report.error());
  if (!report->ok())
    return rejected_import("导入被拒绝：共 " + std::to_string(report->errors.size()) + " 处错误，未写入任何数据",
                           report->errors);
  return ApiResponse::json(200, {{"kind", report->kind},
                                 {"rows", report->rows},
                                 {"inserted", report->inserted},
                                 {"updated", report->updated},
                                 {"unchanged", report->unchanged()}});
}

}  // namespace youjun::server
