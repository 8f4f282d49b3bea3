// 网上报名 and 材料审核 (issue 6 §6). A parent applies for their own child (the child's ID number must be one
// the bureau linked to the parent's account), sees the status, the tier the profile's rules derive with
// the derivation, the reason when the application is returned, and — once the 派位 run holding it is
// published — the lottery number and the result. Staff review the queue (approve, or return with a reason);
// the approved applications of a year become a run's applicant list (handle_create_run).
#include <algorithm>
#include <functional>
#include <set>

#include "auth/accounts.hpp"
#include "auth/audit.hpp"
#include "auth/roles.hpp"
#include "core/id_number.hpp"
#include "enroll/applications.hpp"
#include "enroll/eligibility_policy.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/lottery.hpp"
#include "enroll/lottery_number.hpp"
#include "enroll/notices.hpp"
#include "enroll/runs.hpp"
#include "policy/policy.hpp"
#include "server/handlers.hpp"
#include "server/masking.hpp"

namespace youjun::server {

namespace {

// The intake year applications are for by default: this year's September until the term starts, then
// next year's (报名 for an autumn intake runs in spring and summer).
int64_t intake_year(int64_t unix_seconds) {
  std::string date = auth::iso8601_utc(unix_seconds);
  int64_t year = std::stoll(date.substr(0, 4));
  return std::stoi(date.substr(5, 2)) >= 9 ? year + 1 : year;
}

ApiResponse refusal_response(const enroll::ApplicationChange& c) {
  using R = enroll::ApplicationRefusal;
  int status = c.refusal == R::NotFound ? 404 : c.refusal == R::WrongState ? 400 : 409;
  return error_response(status, c.message);
}

// The form of a request body, every field checked; "" when fine, else the first problem (zh-CN).
std::string read_form(RequestContext& c, const nlohmann::json& b, enroll::ApplicationForm& f) {
  auto text = [&](const char* k) { return b.contains(k) && b[k].is_string() ? b[k].get<std::string>() : std::string(); };
  f.child_name = text("child_name");
  f.school_id = text("school_id");
  f.fallback_school_id = text("fallback_school_id");
  f.household_id = text("household_id");
  f.home_id = text("home_id");
  if (b.contains("prefs") && !b["prefs"].is_null()) {
    // 多校划片: the zone's schools ranked best first; the first is the school applied for.
    if (!b["prefs"].is_array()) return "prefs 应为按志愿顺序排列的学校代码数组";
    for (const auto& p : b["prefs"]) {
      if (!p.is_string() || p.get<std::string>().empty()) return "prefs 中每项应为学校代码";
      if (std::find(f.prefs.begin(), f.prefs.end(), p.get<std::string>()) != f.prefs.end())
        return "志愿中学校 " + p.get<std::string>() + " 填报了两次";
      f.prefs.push_back(p.get<std::string>());
    }
    if (f.prefs.size() > 30) return "多校划片志愿不超过 30 所学校";
    if (!f.prefs.empty()) {
      if (!f.school_id.empty() && f.school_id != f.prefs[0]) return "填写志愿 prefs 时，school_id 应为第一志愿（可不填）";
      f.school_id = f.prefs[0];
    }
  }
  if (f.child_name.empty() || f.child_name.size() > 60) return "请填写儿童姓名 child_name";
  for (const std::string* id : {&f.household_id, &f.home_id})
    if (id->size() > 64) return "户号 household_id、房产编号 home_id 不超过 64 字节";
  std::vector<const std::string*> schools = {&f.school_id, &f.fallback_school_id};
  for (size_t k = 1; k < f.prefs.size(); ++k) schools.push_back(&f.prefs[k]);
  for (const std::string* school : schools) {
    if (school->empty() && school == &f.fallback_school_id) continue;
    auto rows = c.db.query("SELECT 1 FROM schools WHERE code = ?", {*school});
    if (!rows) return "数据库错误";
    if (rows->empty()) return school->empty() ? "请选择报名学校 school_id" : "学校代码“" + *school + "”不存在";
  }
  if (b.contains("facts")) {
    if (!b["facts"].is_object()) return "facts 应为对象：{\"hukou_in_catchment\": true, …}";
    const auto& names = enroll::eligibility_fact_names();
    for (auto it = b["facts"].begin(); it != b["facts"].end(); ++it) {
      if (std::find(names.begin(), names.end(), it.key()) == names.end()) return "未知的情况项 " + it.key();
      if (it.key() == "migrant_documents_complete") return "随迁子女材料是否齐全由所交材料 documents 认定，不能直接填写";
      if (!it.value().is_boolean()) return "情况项 " + it.key() + " 应为 true 或 false";
      f.facts[it.key()] = it.value().get<bool>();
    }
  }
  if (b.contains("documents")) {
    if (!b["documents"].is_array()) return "documents 应为材料名称的数组";
    for (const auto& d : b["documents"]) {
      if (!d.is_string() || d.get<std::string>().empty() || d.get<std::string>().size() > 100) return "documents 中每项应为材料名称";
      f.documents.push_back(d.get<std::string>());
    }
  }
  // The one-household rule needs to know which home and which household (issue 6 §5, 002 金华).
  if (f.facts["owns_home_in_catchment"] && (f.home_id.empty() || f.household_id.empty()))
    return "在学区有房产时须填写房产编号 home_id 与户号 household_id";
  return "";
}

// The derived tier of each of `wanted` (applications of one intake year), with the derivation, by the bureau's
// profile. A tier depends on the application's own facts and on the other uses of its home: the same home
// this year (flagged when shared) and the approved uses of earlier years (002 金华's window). So the
// applications of the year naming the same homes are derived together with the wanted ones — exact, without
// reading the whole year for one parent's status.
Result<std::map<std::string, nlohmann::json>> eligibility_of(RequestContext& c, int64_t year,
                                                             const std::vector<enroll::ApplicationRecord>& wanted) {
  auto policy = policy::load_policy(c.state.options.profile);
  if (!policy) return policy.error();
  std::vector<std::string> keys;
  auto params = enroll::eligibility_params(*policy, static_cast<int>(year), keys);
  if (!params) return params.error();
  std::map<std::string, enroll::ApplicationRecord> together;
  std::set<std::string> homes;
  for (const auto& a : wanted)
    if (a.status != "withdrawn") {
      together[a.id] = a;
      if (!a.form.home_id.empty()) homes.insert(a.form.home_id);
    }
  for (const auto& home : homes) {
    auto same = enroll::list_applications(c.db, {year, "", "", "", home});
    if (!same) return same.error();
    for (auto& a : *same)
      if (a.status != "withdrawn") together.emplace(a.id, std::move(a));
  }
  std::vector<enroll::ApplicationRecord> live;
  for (auto& [id, a] : together) live.push_back(std::move(a));
  auto history = enroll::home_history(c.db, year);
  if (!history) return history.error();
  auto inputs = enroll::eligibility_inputs(live);
  std::map<std::string, nlohmann::json> out;
  for (const auto& r : enroll::derive_tiers(inputs, *history, *params)) out[r.application->applicant_id] = enroll::eligibility_json(r);
  return out;
}

// What a family sees of the derivation: the steps and the tier; a flag says what to expect, not whose
// household used the home before (that stays with the bureau).
nlohmann::json family_eligibility(nlohmann::json e) {
  for (auto& f : e["flags"]) f["message"] = "该房产在规定年限内已有其他家庭用于入学，或今年有其他家庭同时使用，须由教育局核实";
  return e;
}

// The published 派位 results (each run read once per process, PublishedRuns): per application id, its place in
// each run — lottery number; for a lottery the admitted school or waiting-list place and the fallback school;
// for a 多校划片 match the school and choice, with the explanation of every choice ranked above it.
Result<std::map<std::string, nlohmann::json>> run_results(RequestContext& c, const std::set<std::string>& ids) {
  std::map<std::string, nlohmann::json> out;
  if (ids.empty()) return out;
  auto runs = enroll::list_runs(c.db);
  if (!runs) return runs.error();
  for (const auto& run : *runs) {
    if (run.status != "published") continue;
    auto published = c.state.published_runs.get(c.db, run);
    if (!published) return published.error();
    for (const auto& id : ids) {
      auto it = (*published)->placements.find(id);
      if (it == (*published)->placements.end()) continue;
      const enroll::RunPlacement& place = it->second;
      nlohmann::json mine = {{"method", run.method},
                             {"school_id", place.school_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(place.school_id)},
                             {"admitted", place.admitted}};
      if (run.method == "match") {
        mine["choice_rank"] = place.admitted ? nlohmann::json(place.choice_rank) : nlohmann::json(nullptr);
        mine["explanation"] = (*published)->explain(id);
      } else if (!place.admitted) {
        mine["waitlist_place"] = place.waitlist_place;
      }
      if (!place.fallback_school_id.empty()) mine["fallback_school_id"] = place.fallback_school_id;
      mine["run_id"] = run.id;
      mine["run_title"] = run.title;
      mine["seed"] = run.seed;
      mine["applicants_sha256"] = run.applicants_sha256;
      mine["lottery_number"] = enroll::lottery_number(run.seed, id).hex();
      out[id].push_back(std::move(mine));
    }
  }
  return out;
}

// The names of every school the parent's applications mention (applied for, ranked, fallback, placed, or
// explained), by code: a parent has no school routes of their own.
Result<nlohmann::json> school_names(RequestContext& c, const nlohmann::json& items) {
  std::set<std::string> codes;
  auto add = [&](const nlohmann::json& v) {
    if (v.is_string() && !v.get<std::string>().empty()) codes.insert(v.get<std::string>());
  };
  for (const auto& a : items) {
    add(a["school_id"]);
    add(a["fallback_school_id"]);
    for (const auto& p : a["prefs"]) add(p);
    for (const auto& r : a["results"]) {
      add(r.value("school_id", nlohmann::json()));
      add(r.value("fallback_school_id", nlohmann::json()));
      if (r.contains("explanation") && r["explanation"].is_object())
        for (const auto& choice : r["explanation"]["choices"]) add(choice["school_id"]);
    }
  }
  nlohmann::json out = nlohmann::json::object();
  for (const auto& code : codes) {
    auto rows = c.db.query("SELECT name FROM schools WHERE code = ?", {code});
    if (!rows) return rows.error();
    if (!rows->empty()) out[code] = (*rows)[0].text(0);
  }
  return out;
}

std::optional<nlohmann::json> body_or(RequestContext& c, ApiResponse& err) { return json_body(c.req, err); }

int64_t version_of(const nlohmann::json& b) { return b.contains("version") && b["version"].is_number_integer() ? b["version"].get<int64_t>() : -1; }

}  // namespace

// GET /api/v1/my/applications?id= — the parent's own applications (or one) with eligibility and published results.
ApiResponse handle_my_applications(RequestContext& c) {
  enroll::ApplicationFilter filter;
  filter.username = c.user->username;
  filter.id = c.req.param("id");
  auto mine = enroll::list_applications(c.db, filter);
  if (!mine) return database_error("applications", mine.error());
  std::map<int64_t, std::vector<enroll::ApplicationRecord>> by_year;
  std::set<std::string> ids;
  for (const auto& a : *mine) by_year[a.year].push_back(a), ids.insert(a.id);
  std::map<std::string, nlohmann::json> derived;
  for (const auto& [year, list] : by_year) {
    auto e = eligibility_of(c, year, list);
    if (!e) return internal_error("eligibility: " + e.error().message);
    derived.insert(e->begin(), e->end());
  }
  auto results = run_results(c, ids);
  if (!results) return database_error("lottery results", results.error());
  enroll::NoticeFilter notice_filter;
  notice_filter.username = c.user->username;
  auto notices = enroll::list_notices(c.db, notice_filter);
  if (!notices) return database_error("notices", notices.error());
  std::map<std::string, const enroll::NoticeRecord*> notice_of;
  for (const auto& n : *notices) notice_of[n.application_id] = &n;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : *mine) {
    nlohmann::json one = enroll::application_json(a);
    auto it = derived.find(a.id);
    one["eligibility"] = it == derived.end() ? nlohmann::json() : family_eligibility(it->second);
    auto r = results->find(a.id);
    one["results"] = r == results->end() ? nlohmann::json::array() : r->second;
    one["notice"] = nullptr;
    if (auto n = notice_of.find(a.id); n != notice_of.end())
      one["notice"] = {{"code", n->second->code},           {"school_id", n->second->school_id},
                       {"school_name", n->second->school_name}, {"status", n->second->status},
                       {"status_zh", enroll::notice_status_zh(n->second->status)},
                       {"issued_at", n->second->issued_at},   {"reported_at", n->second->reported_at},
                       {"fallback", n->second->fallback},     {"report_time", n->second->report_time},
                       {"report_note", n->second->report_note}, {"revoked_at", n->second->revoked_at},
                       {"revoke_reason", n->second->revoke_reason},
                       {"pdf", n->second->status == "revoked" ? nlohmann::json(nullptr)
                                                              : nlohmann::json("/api/v1/my/applications/" + a.id + "/notice.pdf")}};
    items.push_back(std::move(one));
  }
  auto names = school_names(c, items);
  if (!names) return database_error("schools", names.error());
  if (auto a = c.audit_read({c.actor(), "enroll.applications.read", c.actor(), nlohmann::json{{"count", items.size()}}.dump()}); !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, {{"profile", c.state.options.profile}, {"fact_names", enroll::eligibility_fact_names()}, {"items", items},
                                 {"school_names", *names}});
}

// POST /api/v1/my/applications — {"child_id_number","child_name","school_id","fallback_school_id"?,"household_id"?,
// "home_id"?,"facts"?,"documents"?,"year"?}
ApiResponse handle_submit_application(RequestContext& c) {
  ApiResponse err;
  auto body = body_or(c, err);
  if (!body) return err;
  std::string id_number = body->contains("child_id_number") && (*body)["child_id_number"].is_string() ? (*body)["child_id_number"].get<std::string>() : "";
  if (auto problem = id_number_problem(id_number)) return error_response(400, "儿童身份证号：" + *problem);
  std::string hash = c.state.key.lookup_hash(id_number);
  auto linked = c.db.query("SELECT 1 FROM parent_children WHERE username = ? AND student_id_hash = ?", {c.user->username, hash});
  if (!linked) return database_error("children", linked.error());
  if (linked->empty())
    return error_response(403, "只能为本人子女报名：这个身份证号未登记在您的账号中（请联系教育局或学校登记）");
  enroll::ApplicationForm form;
  if (auto problem = read_form(c, *body, form); !problem.empty()) return error_response(400, problem);
  int64_t year = body->contains("year") && (*body)["year"].is_number_integer() ? (*body)["year"].get<int64_t>() : intake_year(c.now);
  if (year < 2000 || year > 2100) return error_response(400, "year 应为入学年份");
  auto changed = enroll::submit_application(c.db, static_cast<int>(year), c.user->username,
                                            {hash, c.state.key.encrypt(id_number), mask_id_number(id_number)}, form, c.now);
  if (!changed) return database_error("application submit", changed.error());
  if (changed->refusal != enroll::ApplicationRefusal::None) return refusal_response(*changed);
  auto e = eligibility_of(c, year, {changed->application});
  if (!e) return internal_error("eligibility: " + e.error().message);
  nlohmann::json out = enroll::application_json(changed->application);
  out["eligibility"] = family_eligibility((*e)[changed->application.id]);
  return ApiResponse::json(201, {{"application", out}});
}

// PUT /api/v1/my/applications/{id} — a returned application corrected: the form fields and "version".
ApiResponse handle_resubmit_application(RequestContext& c) {
  ApiResponse err;
  auto body = body_or(c, err);
  if (!body) return err;
  enroll::ApplicationForm form;
  if (auto problem = read_form(c, *body, form); !problem.empty()) return error_response(400, problem);
  if (version_of(*body) < 0) return error_response(400, "请给出 version");
  auto changed = enroll::resubmit_application(c.db, c.req.path_params.at("id"), c.user->username, form, version_of(*body), c.now);
  if (!changed) return database_error("application resubmit", changed.error());
  if (changed->refusal != enroll::ApplicationRefusal::None) return refusal_response(*changed);
  return ApiResponse::json(200, {{"application", enroll::application_json(changed->application)}});
}

// POST /api/v1/my/applications/{id}/withdraw — {"version"}
ApiResponse handle_withdraw_application(RequestContext& c) {
  ApiResponse err;
  auto body = body_or(c, err);
  if (!body) return err;
  if (version_of(*body) < 0) return error_response(400, "请给出 version");
  auto changed = enroll::withdraw_application(c.db, c.req.path_params.at("id"), c.user->username, version_of(*body), c.now);
  if (!changed) return database_error("application withdraw", changed.error());
  if (changed->refusal != enroll::ApplicationRefusal::None) return refusal_response(*changed);
  return ApiResponse::json(200, {{"application", enroll::application_json(changed->application)}});
}

// GET /api/v1/enroll/applications?year=&status=&school_id=&limit=&offset= — the review queue (oldest first,
// a page of `limit`, default 200) with each tier's derivation and flags (with the earlier use named), the
// number matching (`total`) and the counts per status whatever `status` asks. Names in full for the bureau's staff, masked for auditors. Audited.
ApiResponse handle_applications(RequestContext& c) {
  ApiResponse err;
  auto year = int_param(c.req, "year", intake_year(c.now), 2100, err);
  if (!year) return err;
  auto limit = int_param(c.req, "limit", 200, 1000, err);
  if (!limit) return err;
  int64_t offset = 0;
  if (!c.req.param("offset").empty()) {
    auto o = int_param(c.req, "offset", 1, 100000000, err);
    if (!o) return err;
    offset = *o;
  }
  std::string status = c.req.param("status");
  static const std::set<std::string> statuses = {"", "submitted", "returned", "approved", "withdrawn"};
  if (!statuses.count(status)) return error_response(400, "status 应为 submitted、returned、approved 或 withdrawn");
  enroll::ApplicationFilter filter{*year, "", status, c.req.param("school_id"), "", "", *limit, offset};
  enroll::ApplicationFilter every_status = filter;
  every_status.status = "";
  auto counts = enroll::count_applications(c.db, every_status);  // the tabs' numbers
  if (!counts) return database_error("applications", counts.error());
  int64_t total = 0;
  for (const auto& [s, n] : *counts)
    if (status.empty() || s == status) total += n;
  auto list = enroll::list_applications(c.db, filter);
  if (!list) return database_error("applications", list.error());
  const auto& page = *list;
  auto derived = eligibility_of(c, *year, page);
  if (!derived) return internal_error("eligibility: " + derived.error().message);
  bool full_names = c.is_bureau_analyst();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : page) {
    nlohmann::json one = enroll::application_json(a);
    if (!full_names) one["child_name"] = mask_name(a.form.child_name);
    auto it = derived->find(a.id);
    one["eligibility"] = it == derived->end() ? nlohmann::json() : it->second;
    items.push_back(std::move(one));
  }
  nlohmann::json detail = {{"year", *year}, {"status", status}, {"count", items.size()}};
  if (auto a = c.audit_read({c.actor(), "enroll.applications.view", std::to_string(*year), detail.dump()}); !a)
    return database_error("audit", a.error());
  return ApiResponse::json(200, {{"year", *year}, {"profile", c.state.options.profile}, {"counts", *counts}, {"total", total},
                                 {"offset", offset}, {"limit", *limit}, {"items", items}});
}

// POST /api/v1/enroll/applications/{id}/review — {"decision":"approve"|"return","reason"?,"version"}
ApiResponse handle_review_application(RequestContext& c) {
  ApiResponse err;
  auto body = body_or(c, err);
  if (!body) return err;
  if (version_of(*body) < 0) return error_response(400, "请给出 version");
  auto text = [&](const char* k) { return body->contains(k) && (*body)[k].is_string() ? (*body)[k].get<std::string>() : std::string(); };
  if (text("reason").size() > 500) return error_response(400, "退回原因不超过 500 字节");
  auto changed = enroll::review_application(c.db, c.req.path_params.at("id"), text("decision"), text("reason"), version_of(*body), c.actor(), c.now);
  if (!changed) return database_error("application review", changed.error());
  if (changed->refusal != enroll::ApplicationRefusal::None) return refusal_response(*changed);
  return ApiResponse::json(200, {{"application", enroll::application_json(changed->application)}});
}

namespace {

// Calls take(application, tier) for each approved application of `year` that `joins` a run over the schools of
// `seats` and has a derived tier; those without a tier (统筹安排) are counted in `without_tier`, not taken.
Status each_approved(RequestContext& c, int64_t year, const std::vector<enroll::SchoolSeats>& seats, size_t& without_tier,
                     const std::function<bool(const enroll::ApplicationRecord&, const std::set<std::string>&)>& joins,
                     const std::function<void(const enroll::ApplicationRecord&, int)>& take) {
  auto approved = enroll::list_applications(c.db, {year, "", "approved", ""});
  if (!approved) return approved.error();
  auto derived = eligibility_of(c, year, *approved);
  if (!derived) return derived.error();
  std::set<std::string> schools;
  for (const auto& s : seats) schools.insert(s.school_id);
  without_tier = 0;
  for (const auto& a : *approved) {
    if (!joins(a, schools)) continue;
    const auto& tier = (*derived)[a.id]["tier"];
    if (!tier.is_number_integer()) {
      ++without_tier;
      continue;
    }
    take(a, tier.get<int>());
  }
  return ok_status();
}

}  // namespace

// The approved single-school applications of `year` for the schools of `seats`, with their derived tiers, as a
// lottery run's applicants (ranked 多校划片 applications join match runs only).
Result<std::vector<enroll::LotteryApplicant>> approved_applicants(RequestContext& c, int64_t year, const std::vector<enroll::SchoolSeats>& seats,
                                                                   size_t& without_tier) {
  std::vector<enroll::LotteryApplicant> out;
  auto walked = each_approved(
      c, year, seats, without_tier,
      [](const enroll::ApplicationRecord& a, const std::set<std::string>& schools) { return a.form.prefs.empty() && schools.count(a.form.school_id) > 0; },
      [&](const enroll::ApplicationRecord& a, int tier) {
        out.push_back({a.id, a.form.school_id, static_cast<uint16_t>(tier), a.form.fallback_school_id});
      });
  if (!walked) return walked.error();
  return out;
}

// The approved 多校划片 applications of `year` whose ranked schools all have seats in `seats`, as a match run's
// students file (student_id,prefs,tier: the derived tier holds at every school of the list).
Result<std::string> approved_match_students(RequestContext& c, int64_t year, const std::vector<enroll::SchoolSeats>& seats,
                                            size_t& without_tier) {
  std::string csv = "student_id,prefs,tier\n";
  auto walked = each_approved(
      c, year, seats, without_tier,
      [](const enroll::ApplicationRecord& a, const std::set<std::string>& schools) {
        return !a.form.prefs.empty() &&
               std::all_of(a.form.prefs.begin(), a.form.prefs.end(), [&](const std::string& p) { return schools.count(p) > 0; });
      },
      [&](const enroll::ApplicationRecord& a, int tier) {
        std::string prefs;
        for (const auto& p : a.form.prefs) prefs += (prefs.empty() ? "" : "|") + p;
        csv += a.id + "," + prefs + "," + std::to_string(tier) + "\n";
      });
  if (!walked) return walked.error();
  return csv;
}

}  // namespace youjun::server
