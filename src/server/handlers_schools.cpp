// GET /overview, GET /schools, GET /schools/{code}: aggregates over schools, school_facts and districts.
// Student and teacher numbers are those of one school year (default: the latest in school_facts).
#include <nlohmann/json.hpp>

#include "core/dates.hpp"
#include "import/kinds.hpp"
#include "server/handlers.hpp"

namespace youjun::server {

namespace {

std::string students_sum(const std::string& t) {
  std::string s;
  for (int g = 1; g <= 12; ++g) s += (g > 1 ? " + " : "") + t + ".students_g" + std::to_string(g);
  return s;
}

std::string teachers_sum(const std::string& t) {
  return t + ".teachers_primary + " + t + ".teachers_junior + " + t + ".teachers_senior";
}

// The requested school_year, or the latest one with facts ("" when there are none).
std::optional<std::string> school_year(RequestContext& c, ApiResponse& error) {
  std::string year = c.req.param("school_year");
  if (!year.empty()) {
    if (!is_valid_school_year(year)) {
      error = error_response(400, "学年格式应为 2025-2026");
      return std::nullopt;
    }
    return year;
  }
  auto rows = c.db.query("SELECT MAX(school_year) FROM school_facts");
  if (!rows) {
    error = internal_error("school year: " + rows.error().message);
    return std::nullopt;
  }
  return rows->empty() ? "" : (*rows)[0].text(0);
}

std::string label(const char* field, const std::string& value) {
  static const import::ImportKind* kind = import::find_import_kind("schools");
  const import::FieldSpec* f = kind ? import::find_field(*kind, field) : nullptr;
  return f ? import::choice_label(*f, value) : value;
}

const char* kSchoolSelect =
    "SELECT s.code, s.name, s.district_code, d.name, s.level, s.ownership, s.locale, s.address, s.lon, s.lat, "
    "s.row_version";

nlohmann::json school_json(const store::Row& r) {
  nlohmann::json j = {{"code", r.text(0)},          {"name", r.text(1)},
                      {"district_code", r.text(2)}, {"district_name", r.text(3)},
                      {"level", r.text(4)},         {"level_label", label("level", r.text(4))},
                      {"ownership", r.text(5)},     {"ownership_label", label("ownership", r.text(5))},
                      {"locale", r.text(6)},        {"locale_label", label("locale", r.text(6))},
                      {"address", r.text(7)},       {"lon", nullptr},
                      {"lat", nullptr},             {"row_version", r.integer(10)},
                      {"students", r.integer(11)},  {"teachers", r.integer(12)}};
  if (!r.is_null(8)) j["lon"] = r.real(8);
  if (!r.is_null(9)) j["lat"] = r.real(9);
  return j;
}

// WHERE clause and parameters of GET /schools.
void school_filters(const RequestContext& c, std::string& where, store::Params& params) {
  where = " WHERE 1 = 1";
  if (std::string q = c.req.param("q"); !q.empty()) {
    std::string like;
    for (char ch : q) {
      if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
      like += ch;
    }
    like = "%" + like + "%";
    where += " AND (s.name LIKE ? ESCAPE '\\' OR s.code LIKE ? ESCAPE '\\')";
    params.push_back(like);
    params.push_back(like);
  }
  for (const char* f : {"district", "level", "locale", "ownership"}) {
    std::string v = c.req.param(f);
    if (v.empty()) continue;
    where += std::string(" AND s.") + (std::string(f) == "district" ? "district_code" : f) + " = ?";
    params.push_back(v);
  }
  if (std::string own = c.own_school(); !own.empty()) {
    where += " AND s.code = ?";
    params.push_back(own);
  }
}

nlohmann::json facts_json(const store::Row& r, const import::ImportKind& kind) {
  nlohmann::json j;
  size_t i = 0;
  for (const auto& f : kind.fields) {
    if (f.db_column == "-") continue;
    size_t col = i++;
    if (r.is_null(col)) j[f.key] = nullptr;
    else if (f.type == import::FieldType::Money) j[f.key] = static_cast<double>(r.integer(col)) / 100.0;
    else if (f.type == import::FieldType::Integer) j[f.key] = r.integer(col);
    else if (f.type == import::FieldType::Decimal) j[f.key] = r.real(col);
    else j[f.key] = r.text(col);
  }
  j["students_total"] = r.integer(i);
  j["teachers_total"] = r.integer(i + 1);
  return j;
}

}  // namespace

ApiResponse handle_overview(RequestContext& c) {
  ApiResponse err;
  auto year = school_year(c, err);
  if (!year) return err;
  std::string own = c.own_school();
  std::string sql = "SELECT d.code, d.name, COUNT(s.code), COALESCE(SUM(" + students_sum("f") + "), 0), COALESCE(SUM(" +
                    teachers_sum("f") +
                    "), 0) FROM districts d LEFT JOIN schools s ON s.district_code = d.code "
                    "LEFT JOIN school_facts f ON f.school_code = s.code AND f.school_year = ?" +
                    (own.empty() ? "" : " WHERE s.code = ?") + " GROUP BY d.code, d.name ORDER BY d.code";
  store::Params params{*year};
  if (!own.empty()) params.push_back(own);
  auto rows = c.db.query(sql, params);
  if (!rows) return internal_error("overview: " + rows.error().message);
  nlohmann::json districts = nlohmann::json::array();
  int64_t schools = 0, students = 0, teachers = 0;
  for (const auto& r : *rows) {
    districts.push_back({{"code", r.text(0)},
                         {"name", r.text(1)},
                         {"schools", r.integer(2)},
                         {"students", r.integer(3)},
                         {"teachers", r.integer(4)}});
    schools += r.integer(2);
    students += r.integer(3);
    teachers += r.integer(4);
  }
  nlohmann::json totals = {
      {"districts", districts.size()}, {"schools", schools}, {"students", students}, {"teachers", teachers}};
  return ApiResponse::json(200, {{"school_year", year->empty() ? nlohmann::json(nullptr) : nlohmann::json(*year)},
                                 {"totals", totals},
                                 {"districts", districts}});
}

ApiResponse handle_schools(RequestContext& c) {
  ApiResponse err;
  auto page = int_param(c.req, "page", 1, 1000000, err);
  if (!page) return err;
  auto size = int_param(c.req, "page_size", 20, 200, err);
  if (!size) return err;
  auto year = school_year(c, err);
  if (!year) return err;
  std::string where;
  store::Params filter;
  school_filters(c, where, filter);
  auto count = c.db.query("SELECT COUNT(*) FROM schools s" + where, filter);
  if (!count) return internal_error("schools: " + count.error().message);
  std::string sql = std::string(kSchoolSelect) + ", COALESCE(" + students_sum("f") + ", 0), COALESCE(" +
                    teachers_sum("f") +
                    ", 0) FROM schools s JOIN districts d ON d.code = s.district_code "
                    "LEFT JOIN school_facts f ON f.school_code = s.code AND f.school_year = ?" +
                    where + " ORDER BY s.district_code, s.code LIMIT ? OFFSET ?";
  store::Params params{*year};
  params.insert(params.end(), filter.begin(), filter.end());
  params.push_back(*size);
  params.push_back((*page - 1) * *size);
  auto rows = c.db.query(sql, params);
  if (!rows) return internal_error("schools: " + rows.error().message);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rows) items.push_back(school_json(r));
  return ApiResponse::json(200, {{"total", (*count)[0].integer(0)},
                                 {"page", *page},
                                 {"page_size", *size},
                                 {"school_year", *year},
                                 {"items", items}});
}

ApiResponse handle_school(RequestContext& c) {
  ApiResponse err;
  auto year = school_year(c, err);
  if (!year) return err;
  const std::string& code = c.req.path_params.at("code");
  std::string sql = std::string(kSchoolSelect) + ", COALESCE(" + students_sum("f") + ", 0), COALESCE(" +
                    teachers_sum("f") +
                    ", 0) FROM schools s JOIN districts d ON d.code = s.district_code "
                    "LEFT JOIN school_facts f ON f.school_code = s.code AND f.school_year = ? WHERE s.code = ?";
  auto rows = c.db.query(sql, {*year, code});
  if (!rows) return internal_error("school: " + rows.error().message);
  if (rows->empty()) return error_response(404, "学校不存在: " + code);

  const import::ImportKind* kind = import::find_import_kind("school_facts");
  if (!kind) return internal_error("import kind school_facts missing");
  std::string cols;
  for (const auto& f : kind->fields) {
    if (f.db_column == "-") continue;
    cols += (cols.empty() ? "" : ", ") + std::string("f.") + (f.db_column.empty() ? f.key : f.db_column);
  }
  auto facts = c.db.query("SELECT " + cols + ", " + students_sum("f") + ", " + teachers_sum("f") +
                              " FROM school_facts f WHERE f.school_code = ? ORDER BY f.school_year DESC",
                          {code});
  if (!facts) return internal_error("school facts: " + facts.error().message);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : *facts) list.push_back(facts_json(r, *kind));
  return ApiResponse::json(200, {{"school", school_json((*rows)[0])}, {"facts", list}});
}

}  // namespace youjun::server
