// Enrollment routes (issue 6): the figures the bureau reviews and the 派位 runs it registers, draws and publishes.
#include <algorithm>

#include "auth/audit.hpp"
#include "enroll/addresses.hpp"
#include "enroll/datasets.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/lottery_number.hpp"
#include "enroll/warning_files.hpp"
#include "enroll/warning_report.hpp"
#include "enroll/migrant_share.hpp"
#include "enroll/runs.hpp"
#include "policy/policy.hpp"
#include "policy/policy_report.hpp"
#include "server/handlers.hpp"
#include "server/upload_table.hpp"

namespace youjun::server {

// GET /api/v1/enroll/migrant-share?policy=NAME — 随迁子女 in public schools per district.
ApiResponse handle_migrant_share(RequestContext& c) {
  std::string name = c.req.param("policy", "national");
  auto policy = policy::load_policy(name);
  if (!policy) return error_response(400, "未知的策略配置 " + name);
  auto rule = policy->rule("enroll.migrant.public_share.min");
  if (!rule) return internal_error("migrant share: " + rule.error().message);
  auto shares = enroll::migrant_shares(c.db);
  if (!shares) return database_error("migrant share", shares.error());
  auto body = enroll::migrant_share_json(*shares, *rule);
  body["policy"] = policy->name();
  return ApiResponse::json(200, body);
}

}  // namespace youjun::server

// ── 派位 runs (issue 6 §6) ──────────────────────────────────────────────────────────────────────────

namespace youjun::server {

namespace {

ApiResponse refusal_response(enroll::RunRefusal r, const std::string& id) {
  int status = r == enroll::RunRefusal::NotFound ? 404 : r == enroll::RunRefusal::SeedReused ? 400 : 409;
  if (r == enroll::RunRefusal::ReplacesUnknown) status = 400;
  return error_response(status, enroll::refusal_message(r, id));
}

}  // namespace

// GET /api/v1/enroll/runs
ApiResponse handle_runs(RequestContext& c) {
  auto runs = enroll::list_runs(c.db);
  if (!runs) return database_error("runs", runs.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *runs) items.push_back(enroll::run_json(r));
  return ApiResponse::json(200, {{"items", items}});
}

namespace {

// The year of `applications_year` (four digits), or 0.
int64_t applications_year(const std::string& text) {
  return text.size() == 4 && std::all_of(text.begin(), text.end(), ::isdigit) ? std::stoll(text) : 0;
}

// A match run's students: the uploaded `students` file, or the approved 多校划片 applications of the year.
std::optional<ApiResponse> read_match_students(RequestContext& c, const io::Table& seats_table, enroll::NewRun& run,
                                               const std::string& from_year, size_t& without_tier) {
  std::optional<io::Table> students;
  if (from_year.empty()) {
    ApiResponse err;
    students = uploaded_table(c.req, "students", "", err);
    if (!students) return err;
  } else {
    int64_t year = applications_year(from_year);
    if (!year) return error_response(400, "applications_year 应为四位入学年份");
    auto csv = approved_match_students(c, year, run.seats, without_tier);
    if (!csv) return internal_error("approved applications: " + csv.error().message);
    auto parsed = io::parse_csv(*csv, "网上报名");
    if (!parsed) return internal_error("approved applications: " + parsed.error().message);
    students = std::move(*parsed);
  }
  auto policy = policy::load_policy(run.policy);
  if (!policy) return internal_error("run policy: " + policy.error().message);
  RowErrors errors = enroll::forbidden_criteria(*students, *policy);
  RowErrors more = enroll::read_match_input(*students, seats_table, run.match);
  errors.insert(errors.end(), more.begin(), more.end());
  if (!errors.empty())
    return rejected_import("匹配名单被拒绝：共 " + std::to_string(errors.size()) + " 处错误，未登记", errors);
  return std::nullopt;
}

}  // namespace

// POST /api/v1/enroll/runs — multipart: method (lottery | match), title, policy, replaces; seats (file); the
// applicants (lottery) or students (match) file, or applications_year for that year's approved 网上报名.
ApiResponse handle_create_run(RequestContext& c) {
  enroll::NewRun run;
  run.title = part_text(c.req, "title");
  run.policy = part_text(c.req, "policy");
  run.replaces = part_text(c.req, "replaces");
  run.method = part_text(c.req, "method");
  if (run.method.empty()) run.method = "lottery";
  if (run.method != "lottery" && run.method != "match")
    return error_response(400, "method 应为 lottery（电脑派位）或 match（多校划片志愿匹配）");
  if (run.policy.empty()) run.policy = "national";
  if (run.title.empty() || run.title.size() > 200) return error_response(400, "请填写派位名称（不超过 200 字节）");
  auto policy = policy::load_policy(run.policy);
  if (!policy) return error_response(400, "未知的策略配置 " + run.policy);
  ApiResponse err;
  std::string from_year = part_text(c.req, "applications_year");
  auto seats = uploaded_table(c.req, "seats", "", err);
  if (!seats) return err;
  size_t without_tier = 0;
  if (run.method == "match") {
    if (RowErrors errors = enroll::read_seats(*seats, run.seats); !errors.empty())
      return rejected_import("学位文件被拒绝：共 " + std::to_string(errors.size()) + " 处错误，未登记", errors);
    if (auto refused = read_match_students(c, *seats, run, from_year, without_tier)) return *refused;
    if (run.match.student_count() == 0) return error_response(400, "匹配名单没有学生");
  } else {
    // The applicants: an uploaded list, or (applications_year) the approved 网上报名 of that year for these schools.
    std::optional<io::Table> applicants;
    if (from_year.empty()) {
      applicants = uploaded_table(c.req, "applicants", "", err);
      if (!applicants) return err;
    }
    RowErrors errors = applicants ? enroll::forbidden_criteria(*applicants, *policy) : RowErrors{};
    RowErrors more = enroll::read_seats(*seats, run.seats);
    errors.insert(errors.end(), more.begin(), more.end());
    if (applicants) {
      more = enroll::read_applicants(*applicants, run.seats, run.applicants);
      errors.insert(errors.end(), more.begin(), more.end());
    }
    if (!errors.empty())
      return rejected_import("派位名单被拒绝：共 " + std::to_string(errors.size()) + " 处错误，未登记", errors);
    if (!applicants) {
      int64_t year = applications_year(from_year);
      if (!year) return error_response(400, "applications_year 应为四位入学年份");
      auto approved = approved_applicants(c, year, run.seats, without_tier);
      if (!approved) return internal_error("approved applications: " + approved.error().message);
      run.applicants = std::move(*approved);
    }
    if (run.applicants.empty()) return error_response(400, "申请名单没有申请人");
  }
  auto created = enroll::create_run(c.db, run, c.actor(), c.now);
  if (!created) return database_error("run register", created.error());
  if (created->refusal != enroll::RunRefusal::None) return refusal_response(created->refusal, run.replaces);
  nlohmann::json out = {{"run", enroll::run_json(created->run)}};
  if (!from_year.empty()) out["without_tier"] = without_tier;  // approved, but no tier holds: 统筹安排
  return ApiResponse::json(201, out);
}

// GET /api/v1/enroll/runs/{id} — the run and, once drawn, its result.
ApiResponse handle_run(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  auto run = enroll::find_run(c.db, id);
  if (!run) return database_error("run", run.error());
  if (!*run) return error_response(404, enroll::refusal_message(enroll::RunRefusal::NotFound, id));
  nlohmann::json body = {{"run", enroll::run_json(**run)}, {"result", nullptr}};
  auto result = enroll::run_text(c.db, id, "result");
  if (!result) return database_error("run result", result.error());
  if (*result) body["result"] = nlohmann::json::parse(**result, nullptr, false);
  return ApiResponse::json(200, body);
}

// POST /api/v1/enroll/runs/{id}/draw {"seed": "hex"}
ApiResponse handle_draw_run(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  if (!body->contains("seed") || !(*body)["seed"].is_string()) return error_response(400, "请给出公开的十六进制种子 seed");
  auto seed = enroll::normalize_seed((*body)["seed"].get<std::string>());
  if (!seed) return error_response(400, seed.error().message);
  const std::string& id = c.req.path_params.at("id");
  auto run = enroll::find_run(c.db, id);
  if (!run) return database_error("run", run.error());
  if (!*run) return error_response(404, enroll::refusal_message(enroll::RunRefusal::NotFound, id));
  auto policy = policy::load_policy((*run)->policy);
  if (!policy) return internal_error("run policy: " + policy.error().message);
  auto drawn = enroll::draw_run(c.db, id, *seed, *policy, c.actor(), c.now);
  if (!drawn) return database_error("run draw", drawn.error());
  if (drawn->refusal != enroll::RunRefusal::None) return refusal_response(drawn->refusal, id);
  return ApiResponse::json(200, {{"run", enroll::run_json(drawn->run)}});
}

// POST /api/v1/enroll/runs/{id}/publish
ApiResponse handle_publish_run(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  auto published = enroll::publish_run(c.db, id, c.actor(), c.now);
  if (!published) return database_error("run publish", published.error());
  if (published->refusal != enroll::RunRefusal::None) return refusal_response(published->refusal, id);
  return ApiResponse::json(200, {{"run", enroll::run_json(published->run)}});
}

// GET /api/v1/enroll/runs/{id}/files/{name} — canonical.csv (its SHA-256 is the digest), applicants.csv,
// seats.csv, result.json: everything `youjun enroll verify` needs (a match run's students.csv and schools.csv
// are its applicants.csv — the canonical file itself — and seats.csv).
ApiResponse handle_run_file(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  const std::string& name = c.req.path_params.at("name");
  static const std::vector<StoredFile> files = {{"canonical.csv", "canonical", "text/csv; charset=utf-8"},
                                                {"applicants.csv", "applicants", "text/csv; charset=utf-8"},
                                                {"students.csv", "applicants", "text/csv; charset=utf-8"},
                                                {"seats.csv", "seats", "text/csv; charset=utf-8"},
                                                {"schools.csv", "seats", "text/csv; charset=utf-8"},
                                                {"result.json", "result", "application/json; charset=utf-8"}};
  return stored_file_response(files, name, [&](const std::string& key) { return enroll::run_text(c.db, id, key); }, "派位 " + id);
}

// GET /api/v1/enroll/runs/{id}/explain?student_id= — why a drawn 多校划片 match placed the student where it did:
// per choice, the school's seats, how many it admitted and its cutoff against the student's own tier and number.
ApiResponse handle_explain_run(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  std::string student = c.req.param("student_id");
  if (student.empty()) return error_response(400, "请给出 student_id");
  auto run = enroll::find_run(c.db, id);
  if (!run) return database_error("run", run.error());
  if (!*run) return error_response(404, enroll::refusal_message(enroll::RunRefusal::NotFound, id));
  if ((*run)->method != "match") return error_response(400, "派位 " + id + " 是电脑派位，不是多校划片志愿匹配：结果见派位详情");
  if ((*run)->status == "registered") return error_response(409, "派位 " + id + " 尚未派位");
  auto drawn = (*run)->status == "published" ? c.state.published_runs.get(c.db, **run) : read_drawn_run(c.db, **run);
  if (!drawn) return internal_error("match run: " + drawn.error().message);
  auto explanation = (*drawn)->explain(student);
  if (explanation.is_null()) return error_response(404, "学生 " + student + " 不在派位 " + id + " 中");
  if (auto a = c.audit_read({c.actor(), "enroll.run.explain", id, nlohmann::json{{"student_id", student}}.dump()}); !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, {{"run", enroll::run_json(**run)}, {"explanation", explanation},
                                 {"text", enroll::explanation_text(explanation)}});
}

}  // namespace youjun::server

// ── 招生基础数据, 学区预警 and 学区查询 (issue 6 §1) ────────────────────────────────────────────────────

namespace youjun::server {

namespace {

nlohmann::json dataset_json(const enroll::Dataset& d) {
  return {{"kind", d.kind},           {"zh", enroll::dataset_zh(d.kind)}, {"version", d.version},
          {"file_name", d.file_name}, {"sha256", d.sha256},               {"item_count", d.item_count},
          {"uploaded_by", d.uploaded_by}, {"uploaded_at", d.uploaded_at}};
}

std::optional<double> number_param(const ApiRequest& req, const std::string& name) {
  std::string text = req.param(name);
  if (text.empty() || text.size() > 32) return std::nullopt;
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size()) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

// GET /api/v1/enroll/data — the version in force of each dataset (null when never uploaded).
ApiResponse handle_datasets(RequestContext& c) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& kind : enroll::dataset_kinds()) {
    auto d = enroll::current_dataset(c.db, kind);
    if (!d) return database_error("datasets", d.error());
    items.push_back(*d ? dataset_json(**d) : nlohmann::json{{"kind", kind}, {"zh", enroll::dataset_zh(kind)}, {"version", nullptr}});
  }
  return ApiResponse::json(200, {{"items", items}});
}

// POST /api/v1/enroll/data/{kind} — multipart `file`; a new version when every row is good.
ApiResponse handle_upload_dataset(RequestContext& c) {
  const std::string& kind = c.req.path_params.at("kind");
  const auto& kinds = enroll::dataset_kinds();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
    return error_response(404, "未知的招生数据类型 " + kind + "（可上传 catchments、birth_cohorts、new_housing、intake_seats、addresses）");
  auto part = c.req.parts.find("file");
  if (part == c.req.parts.end() || part->second.content.empty())
    return error_response(400, "请以 multipart/form-data 上传文件（字段名 file）");
  std::string name = part->second.filename.empty() ? kind : part->second.filename;
  enroll::CheckedUpload checked;
  if (kind == "catchments") {
    checked = enroll::check_catchments_upload(part->second.content, name);
  } else if (kind == "addresses") {
    auto crs = geo::parse_crs(part_text(c.req, "crs").empty() ? "WGS-84" : part_text(c.req, "crs"));
    if (!crs) return error_response(400, "crs 应为 WGS-84 或 GCJ-02");
    ApiResponse err;
    auto table = uploaded_table(c.req, "file", "", err);
    if (!table) return err;
    checked = enroll::check_addresses_upload(*table, *crs);
  } else {
    ApiResponse err;
    auto table = uploaded_table(c.req, "file", "", err);
    if (!table) return err;
    auto table_checked = enroll::check_table_upload(c.db, kind, *table);
    if (!table_checked) return database_error("catchments", table_checked.error());
    checked = std::move(*table_checked);
  }
  if (!checked.errors.empty())
    return rejected_import(enroll::dataset_zh(kind) + "被拒绝：共 " + std::to_string(checked.errors.size()) + " 处错误，未保存",
                           checked.errors);
  auto stored = enroll::store_dataset(c.db, kind, name, checked, c.actor(), c.now);
  if (!stored) return database_error("dataset", stored.error());
  return ApiResponse::json(201, {{"dataset", dataset_json(*stored)}});
}

// GET /api/v1/enroll/warnings?stage=&year=&years=&policy= — 学区预警 from the datasets in force.
ApiResponse handle_warnings(RequestContext& c) {
  std::string stage = c.req.param("stage");
  if (!stage.empty() && stage != "primary" && stage != "junior") return error_response(400, "stage 应为 primary 或 junior");
  ApiResponse err;
  auto year = int_param(c.req, "year", 0, 2150, err);
  if (!year) return err;
  auto years = int_param(c.req, "years", 3, 12, err);
  if (!years) return err;
  std::string name = c.req.param("policy", "national");
  auto policy = policy::load_policy(name);
  if (!policy) return error_response(400, "未知的策略配置 " + name);
  // Default: the next September intake (this year's until September, then next year's).
  std::string today = auth::iso8601_utc(c.now);
  int first = *year > 1 ? static_cast<int>(*year) : std::stoi(today.substr(0, 4)) + (std::stoi(today.substr(5, 2)) >= 9 ? 1 : 0);
  if (first < 1950) return error_response(400, "year 应为四位年份");
  auto params = enroll::warning_params(*policy, first, static_cast<int>(*years));
  if (!params) return internal_error("warning params: " + params.error().message);

  RowErrors errors;
  auto in = enroll::warning_inputs(c.db, errors);
  if (!in) return database_error("warning inputs", in.error());
  std::vector<enroll::Catchment> selected;
  if (errors.empty()) selected = enroll::catchments_for_stage(in->map, stage, in->catchments_file, errors);
  enroll::SeatBook book(in->seats);
  if (errors.empty()) errors = enroll::check_seat_coverage(selected, book, *params, in->seats_file);
  if (!errors.empty()) return rejected_import("学区预警无法计算：招生基础数据不全或不一致", errors);
  auto result = enroll::forecast_seats(selected, in->cohorts, in->housing, book, *params);
  auto body = enroll::warning_to_json(result, *params);
  // Names, and coordinates for the seat map (null where the school table has none).
  auto names = c.db.query("SELECT code, name, lon, lat FROM schools");
  if (!names) return database_error("schools", names.error());
  std::map<std::string, nlohmann::json> school_of;
  for (const auto& r : *names)
    school_of[r.text(0)] = {{"name", r.text(1)},
                            {"lon", r.is_null(2) ? nlohmann::json(nullptr) : nlohmann::json(r.real(2))},
                            {"lat", r.is_null(3) ? nlohmann::json(nullptr) : nlohmann::json(r.real(3))}};
  for (auto& s : body["schools"]) {
    auto it = school_of.find(s["school_id"].get<std::string>());
    s["name"] = it == school_of.end() ? "" : it->second["name"];
    s["lon"] = it == school_of.end() ? nlohmann::json(nullptr) : it->second["lon"];
    s["lat"] = it == school_of.end() ? nlohmann::json(nullptr) : it->second["lat"];
  }
  auto rules = policy::cited_rules_json(*policy, enroll::warning_rule_keys());
  if (!rules) return internal_error("warning rules: " + rules.error().message);
  body["rules"] = *rules;
  body["stage"] = stage.empty() ? nlohmann::json(nullptr) : nlohmann::json(stage);
  body["datasets"] = in->versions;
  return ApiResponse::json(200, body);
}

namespace {

// The catchments of the map in force holding `p` (WGS-84) for `stage` ("" = both), each with its schools'
// names and addresses (codes not in the school table are listed without them).
Result<nlohmann::json> catchments_at(RequestContext& c, const enroll::CatchmentMap& map, geo::LonLat p,
                                     const std::string& stage, bool& on_border) {
  auto located = map.locate(p);
  on_border = located.on_border;
  nlohmann::json found = nlohmann::json::array();
  for (uint32_t i : located.catchments) {
    const auto& ct = map.catchments()[i];
    if (!enroll::in_stage(ct, stage)) continue;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& code : ct.schools) {
      auto rows = c.db.query("SELECT name, address FROM schools WHERE code = ?", {code});
      if (!rows) return rows.error();
      list.push_back(rows->empty() ? nlohmann::json{{"code", code}}
                                   : nlohmann::json{{"code", code}, {"name", (*rows)[0].text(0)}, {"address", (*rows)[0].text(1)}});
    }
    found.push_back({{"catchment_id", ct.id}, {"name", ct.name}, {"stage", ct.stage}, {"schools", list}});
  }
  return found;
}

}  // namespace

// GET /api/v1/enroll/locate?lon=&lat=&crs=&stage= — which catchment(s) a point lies in (学区查询).
ApiResponse handle_locate(RequestContext& c) {
  auto lon = number_param(c.req, "lon"), lat = number_param(c.req, "lat");
  if (!lon || !lat || *lon < -180 || *lon > 180 || *lat < -90 || *lat > 90)
    return error_response(400, "请给出经度 lon（-180–180）和纬度 lat（-90–90），十进制度");
  auto crs = geo::parse_crs(c.req.param("crs", "WGS-84"));
  if (!crs) return error_response(400, "crs 应为 WGS-84 或 GCJ-02");
  auto map = enroll::current_catchment_map(c.db);
  if (!map) return database_error("catchments", map.error());
  if (!*map) return error_response(409, "尚未上传学区范围");
  bool on_border = false;
  auto found = catchments_at(c, **map, geo::to_wgs84({*lon, *lat}, *crs), c.req.param("stage"), on_border);
  if (!found) return database_error("schools", found.error());
  return ApiResponse::json(200, {{"lon", *lon}, {"lat", *lat}, {"crs", geo::crs_name(*crs)},
                                 {"on_border", on_border}, {"catchments", *found}});
}

// GET /api/v1/enroll/addresses?q=&stage=&limit= — 学区查询 by address: the addresses of the 地址库 in force
// containing every word of `q` (at most `limit`, default 10), each with the catchment(s) it lies in.
ApiResponse handle_address_search(RequestContext& c) {
  std::string q = c.req.param("q");
  if (q.empty() || q.size() > 200) return error_response(400, "请输入地址关键词 q（如 街道、路名、门牌号）");
  ApiResponse err;
  auto limit = int_param(c.req, "limit", 10, 50, err);
  if (!limit) return err;
  auto book = enroll::current_address_book(c.db);
  if (!book) return database_error("addresses", book.error());
  if (!*book) return error_response(409, "尚未上传地址库：请用经纬度查询");
  auto map = enroll::current_catchment_map(c.db);
  if (!map) return database_error("catchments", map.error());
  if (!*map) return error_response(409, "尚未上传学区范围");
  const auto& points = (*book)->points();
  nlohmann::json items = nlohmann::json::array();
  auto hits = (*book)->search(q, static_cast<size_t>(*limit) + 1);
  for (size_t n = 0; n < hits.size() && n < static_cast<size_t>(*limit); ++n) {
    size_t i = hits[n];
    bool on_border = false;
    auto found = catchments_at(c, **map, points.wgs84[i], c.req.param("stage"), on_border);
    if (!found) return database_error("schools", found.error());
    items.push_back({{"address_id", points.ids[i]}, {"address", points.labels[i]}, {"lon", points.wgs84[i].lon},
                     {"lat", points.wgs84[i].lat}, {"on_border", on_border}, {"catchments", *found}});
  }
  return ApiResponse::json(200, {{"q", q}, {"items", items}, {"more", hits.size() > static_cast<size_t>(*limit)}});
}

}  // namespace youjun::server
