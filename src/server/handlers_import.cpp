// GET /import/kinds and POST /import/{kind} (multipart: file, optional sheet). The upload goes through
// the same import::import_table as `youjun import`: every row is validated first, any bad row rejects the
// whole file (422 with every bad cell) and nothing is written.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "auth/roles.hpp"
#include "import/importer.hpp"
#include "import/kinds.hpp"
#include "server/handlers.hpp"

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

// File name for messages: the last path component, printable, at most 100 bytes.
std::string clean_filename(const std::string& name) {
  std::string base = name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  std::string out;
  for (char ch : base)
    if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F) out += ch;
  if (out.size() > 100) out.resize(100);
  return out.empty() || out == "." || out == ".." ? "upload.csv" : out;
}

std::string lower_extension(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot);
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return ext;
}

// io's "FILE:LINE:: message" back into a row error.
RowError read_error(const std::string& file, const std::string& text) {
  RowError e{file, 0, "", text};
  if (text.rfind(file + ":", 0) == 0) {
    size_t sep = text.find(":: ", file.size() + 1);
    if (sep != std::string::npos) {
      std::string line = text.substr(file.size() + 1, sep - file.size() - 1);
      if (!line.empty() && line.size() < 10 && std::all_of(line.begin(), line.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) e.row = std::stol(line);
      e.message = text.substr(sep + 3);
    }
  }
  return e;
}

// CSV is parsed in memory; XLSX (and anything else, for its error message) goes through a private temp file.
Result<io::Table> read_upload(const UploadedPart& part, const std::string& name, const std::string& sheet) {
  bool zip = part.content.compare(0, 4, "PK\x03\x04", 4) == 0;
  std::string ext = lower_extension(name);
  if (!zip && (ext == ".csv" || ext == ".txt" || ext.empty())) return io::parse_csv(part.content, name);
  std::string dir_template = (std::filesystem::temp_directory_path() / "youjun-upload-XXXXXX").string();
  if (!mkdtemp(dir_template.data())) return make_error(name + ":0:: 无法创建临时目录");
  std::filesystem::path dir(dir_template);
  std::filesystem::path file = dir / ("upload" + (zip ? std::string(".xlsx") : ext));
  Result<io::Table> table = make_error(name + ":0:: 无法写入临时文件");
  {
    std::ofstream out(file, std::ios::binary);
    out.write(part.content.data(), static_cast<std::streamsize>(part.content.size()));
    if (out.good()) {
      out.close();
      table = io::read_table(file.string(), io::ReadOptions{sheet, name});
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return table;
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
  auto file = c.req.parts.find("file");
  if (file == c.req.parts.end() || file->second.content.empty())
    return error_response(400, "请以 multipart/form-data 上传文件（字段名 file）");
  std::string name = clean_filename(file->second.filename);
  auto sheet = c.req.parts.find("sheet");
  auto table = read_upload(file->second, name, sheet == c.req.parts.end() ? "" : sheet->second.content);
  if (!table) return rejected_import("文件无法读取，未写入任何数据", {read_error(name, table.error().message)});

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
                                 {"updated", report->updated}});
}

}  // namespace youjun::server
