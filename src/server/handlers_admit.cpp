// 高中招生轮次 routes (issue 7 §4): create a round from the three files, edit the quota table while it is a
// draft, admit with the public seed, publish; the cutoffs and the 指标到校 share per quality school; one
// student's explanation (audited: 考生 scores are minors' data); the files `youjun admit verify` needs.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdlib.h>
#include <functional>
#include <map>
#include <set>

#include "admit/admit_report.hpp"
#include "admit/admit_run.hpp"
#include "admit/admit_workbook.hpp"
#include "admit/rounds.hpp"
#include "auth/audit.hpp"
#include "enroll/lottery_number.hpp"
#include "server/handlers.hpp"
#include "server/upload_table.hpp"

namespace youjun::server {

namespace {

ApiResponse round_refusal(const admit::RoundChange& r, const std::string& id) {
  int status = r.refusal == admit::RoundRefusal::NotFound ? 404 : r.refusal == admit::RoundRefusal::BadEdit ? 400 : 409;
  std::string message = admit::refusal_message(r.refusal, id);
  if (!r.message.empty()) message += "：" + r.message;
  return error_response(status, message);
}

// Per quality school: the policy's real test — the share of its plan that went to junior schools.
nlohmann::json quota_shares(const nlohmann::json& quota, const nlohmann::json& result) {
  std::map<std::string, const nlohmann::json*> filled;
  if (result.is_object())
    for (const auto& h : result["high_schools"]) filled[h["hs_id"].get<std::string>()] = &h;
  nlohmann::json out = nlohmann::json::array();
  double floor_share = quota.value("share", 0.0);
  for (const auto& h : quota["high_schools"]) {
    if (!h.value("quality", false)) continue;
    int64_t plan = h.value("plan", 0);
    nlohmann::json e = {{"hs_id", h["hs_id"]}, {"name", h.value("name", "")}, {"county", h.value("county", "")},
                        {"plan", plan}, {"quota_total", h["quota_total"]}, {"share_of_plan", h["share_of_plan"]},
                        {"floor_share", floor_share}, {"juniors", h["by_junior"].size()}, {"edited", h.value("edited", false)},
                        {"quota_filled", nullptr}, {"filled_share", nullptr}};
    auto it = filled.find(h["hs_id"].get<std::string>());
    if (it != filled.end()) {
      int64_t q = (*it->second)["quota_filled"].get<int64_t>();
      e["quota_filled"] = q;
      e["filled_share"] = plan ? static_cast<double>(q) / static_cast<double>(plan) : 0.0;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

// GET /api/v1/admit/rounds
ApiResponse handle_admit_rounds(RequestContext& c) {
  auto rounds = admit::list_rounds(c.db);
  if (!rounds) return database_error("admit rounds", rounds.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rounds) items.push_back(admit::round_json(r));
  return ApiResponse::json(200, {{"items", items}});
}

// POST /api/v1/admit/rounds — multipart: high_schools, juniors, students (files: the students file is the
// `admit match` input, e.g. `admit score --csv`), title, year, policy. The quota is computed now.
ApiResponse handle_create_admit_round(RequestContext& c) {
  admit::NewRound round;
  round.title = part_text(c.req, "title");
  round.policy = part_text(c.req, "policy");
  if (round.policy.empty()) round.policy = "national";
  if (round.title.empty() || round.title.size() > 200) return error_response(400, "请填写招生轮次名称（不超过 200 字节）");
  std::string year_text = part_text(c.req, "year");
  round.year = year_text.size() == 4 && std::all_of(year_text.begin(), year_text.end(), ::isdigit) ? std::stoi(year_text) : 0;
  if (round.year < 2000 || round.year > 2100) return error_response(400, "请填写招生年份 year（如 2026）");
  auto policy = policy::load_policy(round.policy);
  if (!policy) return error_response(400, "未知的策略配置 " + round.policy);
  ApiResponse err;
  auto high_schools = uploaded_table(c.req, "high_schools", "", err);
  if (!high_schools) return err;
  auto juniors = uploaded_table(c.req, "juniors", "", err);
  if (!juniors) return err;
  auto students = uploaded_table(c.req, "students", "", err);
  if (!students) return err;
  RowErrors errors;
  auto quota = admit::compute_quota(*high_schools, *juniors, *policy, round.year, errors);
  if (!errors.empty()) return rejected_import("招生轮次被拒绝：共 " + std::to_string(errors.size()) + " 处错误，未创建", errors);
  if (!quota) return internal_error("admit quota: " + quota.error().message);
  // The students are checked now (with a throwaway seed) so that a round never holds a file it cannot admit.
  auto checked = admit::prepare_admission(*students, *high_schools, *quota, "quota", *policy, round.year, "00", std::nullopt, errors);
  if (!errors.empty()) return rejected_import("招生轮次被拒绝：共 " + std::to_string(errors.size()) + " 处错误，未创建", errors);
  if (!checked) return internal_error("admit check: " + checked.error().message);
  if (checked->problem.student_count() == 0) return error_response(400, "考生文件没有考生");
  round.high_schools_csv = io::table_to_csv(*high_schools);
  round.juniors_csv = io::table_to_csv(*juniors);
  round.students_csv = io::table_to_csv(*students);
  round.student_count = static_cast<int64_t>(checked->problem.student_count());
  round.quota_json = quota->dump(2) + "\n";
  auto created = admit::create_round(c.db, round, c.actor(), c.now);
  if (!created) return database_error("admit round create", created.error());
  return ApiResponse::json(201, {{"round", admit::round_json(created->round)}});
}

// GET /api/v1/admit/rounds/{id} — the round, its quota table, the 指标到校 shares and, once admitted, the
// per-school results (not the student list: that is result.json).
ApiResponse handle_admit_round(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  auto round = admit::find_round(c.db, id);
  if (!round) return database_error("admit round", round.error());
  if (!*round) return error_response(404, admit::refusal_message(admit::RoundRefusal::NotFound, id));
  auto quota_text = admit::round_text(c.db, id, "quota");
  auto result_text = admit::round_text(c.db, id, "result");
  if (!quota_text || !result_text) return database_error("admit round texts", !quota_text ? quota_text.error() : result_text.error());
  auto quota = nlohmann::json::parse(quota_text->value_or("{}"), nullptr, false);
  nlohmann::json result = *result_text ? nlohmann::json::parse(**result_text, nullptr, false) : nlohmann::json();
  nlohmann::json summary = nullptr;
  if (result.is_object()) {
    std::map<std::string, int64_t> by_batch;
    int64_t none = 0;
    for (const auto& a : result["assignments"])
      if (a["batch"].is_null()) ++none;
      else ++by_batch[a["batch"].get<std::string>()];
    summary = {{"batches", result["batches"]}, {"admitted_by_batch", by_batch}, {"not_admitted", none},
               {"high_schools", result["high_schools"]}, {"rules", result["rules"]}};
  }
  return ApiResponse::json(200, {{"round", admit::round_json(**round)},
                                 {"quota", quota},
                                 {"quota_shares", quota_shares(quota, result)},
                                 {"result", summary}});
}

// PUT /api/v1/admit/rounds/{id}/quota {"hs_id","js_id","seats","version"} — one cell of the quota table.
ApiResponse handle_edit_admit_quota(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  const auto& b = *body;
  if (!b.contains("hs_id") || !b["hs_id"].is_string() || !b.contains("js_id") || !b["js_id"].is_string() ||
      !b.contains("seats") || !b["seats"].is_number_integer() || !b.contains("version") || !b["version"].is_number_integer())
    return error_response(400, "请给出 hs_id、js_id、seats（非负整数）和 version（名额表版本）");
  const std::string& id = c.req.path_params.at("id");
  admit::QuotaEdit edit{b["hs_id"], b["js_id"], b["seats"].get<int64_t>(), b["version"].get<int64_t>()};
  auto changed = admit::edit_quota(c.db, id, edit, c.actor(), c.now);
  if (!changed) return database_error("admit quota edit", changed.error());
  if (changed->refusal != admit::RoundRefusal::None) return round_refusal(*changed, id);
  return ApiResponse::json(200, {{"round", admit::round_json(changed->round)}});
}

// POST /api/v1/admit/rounds/{id}/admit {"seed": "hex"} — computes the admission once.
ApiResponse handle_admit_round_admit(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  if (!body->contains("seed") || !(*body)["seed"].is_string()) return error_response(400, "请给出公开的十六进制种子 seed");
  auto seed = enroll::normalize_seed((*body)["seed"].get<std::string>());
  if (!seed) return error_response(400, seed.error().message);
  const std::string& id = c.req.path_params.at("id");
  auto changed = admit::admit_round(c.db, id, *seed, c.actor(), c.now);
  if (!changed) return database_error("admit round admit", changed.error());
  if (changed->refusal != admit::RoundRefusal::None) return round_refusal(*changed, id);
  return ApiResponse::json(200, {{"round", admit::round_json(changed->round)}});
}

// POST /api/v1/admit/rounds/{id}/publish
ApiResponse handle_admit_round_publish(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  auto changed = admit::publish_round(c.db, id, c.actor(), c.now);
  if (!changed) return database_error("admit round publish", changed.error());
  if (changed->refusal != admit::RoundRefusal::None) return round_refusal(*changed, id);
  return ApiResponse::json(200, {{"round", admit::round_json(changed->round)}});
}

// GET /api/v1/admit/rounds/{id}/students/{student_id} — the student's result and why (audited).
// One student's admission in an admitted round: the explanation (places in the order only `with_positions`,
// i.e. for staff), the score breakdown as stored and the text. `pick` chooses the student's row of the
// stored students file; JSON null when no row matches.
Result<nlohmann::json> admit_student_view(const admit::RoundRecord& round, const admit::RoundInputs& inputs,
                                          const std::function<bool(const io::Table&, size_t)>& pick, bool with_positions) {
  auto run = admit::compute_round_admission(inputs, round.seed);
  if (!run) return run.error();
  const auto& p = run->prepared.problem;
  const io::Table& table = run->students;
  auto column = [&](const char* name) { return static_cast<size_t>(std::find(table.header.begin(), table.header.end(), name) - table.header.begin()); };
  size_t id_column = column("student_id");
  size_t row = 0;
  while (row < table.row_count() && !pick(table, row)) ++row;
  if (row == table.row_count() || id_column == table.header.size()) return nlohmann::json();
  std::string student(table.cell(row, id_column));
  auto it = std::find(p.student_ids.begin(), p.student_ids.end(), student);
  if (it == p.student_ids.end()) return nlohmann::json();
  admit::AdmissionContext context{p, run->admission, round.policy, round.seed, static_cast<int>(round.year)};
  auto e = admit::explain_admission(context, static_cast<size_t>(it - p.student_ids.begin()), with_positions);
  // The score breakdown as stored (total and each component's points; lists, flags and numbers left out).
  nlohmann::json scores = nlohmann::json::object();
  static const std::set<std::string> not_scores = {"student_id", "js_id", "quota_eligible", "county", "student_no"};
  for (size_t col = 0; col < table.header.size(); ++col) {
    const std::string& h = table.header[col];
    bool list = h == "prefs" || (h.size() > 6 && h.compare(h.size() - 6, 6, "_prefs") == 0);
    if (!not_scores.count(h) && !list) scores[h] = std::string(table.cell(row, col));
  }
  e["scores"] = scores;
  e["text"] = admit::explanation_text(e);
  return e;
}

ApiResponse handle_admit_round_student(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  const std::string& student = c.req.path_params.at("student_id");
  auto round = admit::find_round(c.db, id);
  if (!round) return database_error("admit round", round.error());
  if (!*round) return error_response(404, admit::refusal_message(admit::RoundRefusal::NotFound, id));
  if ((*round)->status == "draft") return error_response(409, "招生轮次 " + id + " 尚未录取");
  auto inputs = admit::round_inputs(c.db, id);
  if (!inputs || !*inputs) return database_error("admit round inputs", inputs ? Error{"missing"} : inputs.error());
  auto pick = [&](const io::Table& t, size_t r) {
    auto col = std::find(t.header.begin(), t.header.end(), "student_id") - t.header.begin();
    return static_cast<size_t>(col) < t.header.size() && t.cell(r, static_cast<size_t>(col)) == student;
  };
  auto e = admit_student_view(**round, **inputs, pick, true);
  if (!e) return internal_error("admit recompute: " + e.error().message);
  if (e->is_null()) return error_response(404, "考生 " + student + " 不在招生轮次 " + id + " 中");
  if (auto a = c.audit_read({c.actor(), "admit.student.view", id + "/" + student, "{}"}); !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, *e);
}

namespace {

// The workbook written to a private temp file and read back (the XLSX writer writes files).
Result<std::string> workbook_bytes(const std::vector<io::XlsxSheet>& sheets) {
  std::string dir_template = (std::filesystem::temp_directory_path() / "youjun-export-XXXXXX").string();
  if (!mkdtemp(dir_template.data())) return make_error("无法创建临时目录");
  std::filesystem::path file = std::filesystem::path(dir_template) / "admission.xlsx";
  Result<std::string> bytes = make_error("无法写入工作簿");
  if (io::write_xlsx_sheets(file.string(), sheets)) {
    std::ifstream in(file, std::ios::binary);
    bytes = std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_template, ec);
  return bytes;
}

}  // namespace

// GET /api/v1/admit/rounds/{id}/export.xlsx?school= — the admission list by school and place, the cutoffs, who
// was not admitted and the rules, as `youjun admit export` writes it (Chinese headers). Admitted or published
// rounds; audited (the list names 考生 and their totals).
ApiResponse handle_admit_round_export(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  auto round = admit::find_round(c.db, id);
  if (!round) return database_error("admit round", round.error());
  if (!*round) return error_response(404, admit::refusal_message(admit::RoundRefusal::NotFound, id));
  if ((*round)->status == "draft") return error_response(409, "招生轮次 " + id + " 尚未录取，没有录取名单");
  auto result_text = admit::round_text(c.db, id, "result");
  auto inputs = admit::round_inputs(c.db, id);
  if (!result_text || !*result_text || !inputs || !*inputs) return internal_error("admit round " + id + " files");
  auto result = nlohmann::json::parse(**result_text, nullptr, false);
  std::map<std::string, std::string> names;
  if (auto schools = io::parse_csv((*inputs)->high_schools_csv, "high_schools.csv")) {
    auto id_col = std::find(schools->header.begin(), schools->header.end(), "hs_id") - schools->header.begin();
    auto name_col = std::find(schools->header.begin(), schools->header.end(), "name") - schools->header.begin();
    for (size_t r = 0; r < schools->row_count() && static_cast<size_t>(name_col) < schools->header.size(); ++r)
      names[std::string(schools->cell(r, static_cast<size_t>(id_col)))] = std::string(schools->cell(r, static_cast<size_t>(name_col)));
  }
  std::string school = c.req.param("school");
  auto workbook = admit::admission_workbook(result, names, school);
  if (!workbook) return error_response(school.empty() ? 500 : 404, workbook.error().message);
  auto bytes = workbook_bytes(workbook->sheets(!school.empty()));
  if (!bytes) return internal_error("admission workbook: " + bytes.error().message);
  nlohmann::json detail = {{"school", school}, {"rows", workbook->list.rows.size()}};
  if (auto a = c.audit_read({c.actor(), "admit.export", id, detail.dump()}); !a) return database_error("audit", a.error());
  ApiResponse out;
  out.body = std::move(*bytes);
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.headers.push_back({"Content-Disposition", "attachment; filename=\"admission-" + id + (school.empty() ? "" : "-" + school) + ".xlsx\""});
  return out;
}

// GET /api/v1/admit/rounds/{id}/files/{name} — high_schools.csv, juniors.csv, students.csv, quota.json,
// result.json: everything `youjun admit verify` needs.
ApiResponse handle_admit_round_file(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  const std::string& name = c.req.path_params.at("name");
  static const std::vector<StoredFile> files = {{"high_schools.csv", "high_schools", "text/csv; charset=utf-8"},
                                                {"juniors.csv", "juniors", "text/csv; charset=utf-8"},
                                                {"students.csv", "students", "text/csv; charset=utf-8"},
                                                {"quota.json", "quota", "application/json; charset=utf-8"},
                                                {"result.json", "result", "application/json; charset=utf-8"}};
  return stored_file_response(files, name, [&](const std::string& key) { return admit::round_text(c.db, id, key); },
                              "招生轮次 " + id);
}

}  // namespace youjun::server
