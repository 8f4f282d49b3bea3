// 优质均衡 routes (issue 4 §5): the evaluation and the plan of one school year, on the database.
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "balance/balance_report.hpp"
#include "balance/creation_files.hpp"
#include "balance/creations.hpp"
#include "balance/facts_records.hpp"
#include "balance/plan_report.hpp"
#include "policy/policy.hpp"
#include "server/handlers.hpp"
#include "server/upload_table.hpp"

namespace youjun::server {

namespace {

struct BalanceRequest {
  std::string profile;
  balance::FactsSelection facts;
  balance::BalanceRules rules;
};

// ?profile=NAME&school_year=2025-2026&year=2025 (all optional). An error response when a parameter is bad.
std::optional<BalanceRequest> balance_request(RequestContext& c, std::unique_ptr<policy::Policy>& policy,
                                              ApiResponse& error) {
  BalanceRequest r;
  std::string name = c.req.param("profile", c.req.param("policy", "national"));
  auto loaded = policy::load_policy(name);
  if (!loaded) {
    error = error_response(400, "未知的策略配置 " + name);
    return std::nullopt;
  }
  policy = std::make_unique<policy::Policy>(std::move(*loaded));
  r.profile = policy->name();
  auto facts = balance::select_facts(c.db, c.req.param("school_year", ""));
  if (!facts) {
    error = database_error("balance facts", facts.error());
    return std::nullopt;
  }
  r.facts = std::move(*facts);
  if (r.facts.school_year.empty()) {
    error = error_response(404, "还没有学校年度数据：请先导入 school_facts");
    return std::nullopt;
  }
  if (r.facts.records.empty()) {
    error = error_response(404, "学年 " + r.facts.school_year + " 没有义务教育学校的年度数据");
    return std::nullopt;
  }
  auto year = int_param(c.req, "year", balance::rules_year_of(r.facts.school_year), 2100, error);
  if (!year) return std::nullopt;
  auto rules = balance::balance_rules(*policy, static_cast<int>(*year));
  if (!rules) {
    error = internal_error("balance rules: " + rules.error().message);
    return std::nullopt;
  }
  r.rules = std::move(*rules);
  return r;
}

void add_selection(nlohmann::json& body, const BalanceRequest& r) {
  body["school_year"] = r.facts.school_year;
  body["school_years"] = r.facts.years;
}

}  // namespace

// GET /api/v1/balance/evaluation — the JSON of `youjun balance evaluate --db` plus the school years.
ApiResponse handle_balance_evaluation(RequestContext& c) {
  ApiResponse error;
  std::unique_ptr<policy::Policy> policy;
  auto r = balance_request(c, policy, error);
  if (!r) return error;
  auto evaluation = balance::evaluate(r->facts.records, r->rules);
  auto body = nlohmann::json::parse(balance::evaluation_json(r->facts.records, evaluation, r->rules, r->profile));
  add_selection(body, *r);
  return ApiResponse::json(200, body);
}

// GET /api/v1/balance/plan — the JSON of `youjun balance plan --db` plus the school years.
ApiResponse handle_balance_plan(RequestContext& c) {
  ApiResponse error;
  std::unique_ptr<policy::Policy> policy;
  auto r = balance_request(c, policy, error);
  if (!r) return error;
  auto costs = balance::unit_costs(*policy, r->rules.year);
  if (!costs) return internal_error("balance plan: " + costs.error().message);
  auto evaluation = balance::evaluate(r->facts.records, r->rules);
  auto plan = balance::make_plan(r->facts.records, evaluation, r->rules, *costs);
  auto body = balance::plan_json(r->facts.records, evaluation, plan, r->rules, *costs, r->profile);
  add_selection(body, *r);
  return ApiResponse::json(200, body);
}

// GET /api/v1/schools/{code}/balance — one school's parts: the 7 indicators against their floors, the failing
// ones explained, and its cheapest additions (a principal sees their own school; the county CVs are not shown).
ApiResponse handle_school_balance(RequestContext& c) {
  ApiResponse error;
  std::unique_ptr<policy::Policy> policy;
  auto r = balance_request(c, policy, error);
  if (!r) return error;
  const std::string& code = c.req.path_params.at("code");
  std::vector<balance::SchoolRecord> mine;
  for (auto& rec : r->facts.records)
    if (rec.school_id == code) mine.push_back(std::move(rec));
  if (mine.empty()) return error_response(404, "学校 " + code + " 在 " + r->facts.school_year + " 学年没有义务教育年度数据");
  auto costs = balance::unit_costs(*policy, r->rules.year);
  if (!costs) return internal_error("balance plan: " + costs.error().message);
  auto evaluation = balance::evaluate(mine, r->rules);
  auto plan = balance::make_plan(mine, evaluation, r->rules, *costs);
  auto full = nlohmann::json::parse(balance::evaluation_json(mine, evaluation, r->rules, r->profile));
  auto planned = balance::plan_json(mine, evaluation, plan, r->rules, *costs, r->profile);
  nlohmann::json floors = nlohmann::json::object();
  for (auto stage : {balance::Stage::Primary, balance::Stage::Junior}) {
    nlohmann::json f = nlohmann::json::object();
    for (int i = 0; i < balance::kIndicatorCount; ++i) f[balance::kIndicators[i].key] = r->rules.floor(stage, i);
    floors[balance::stage_key(stage)] = f;
  }
  nlohmann::json body = {{"profile", r->profile},       {"year", r->rules.year}, {"schools", full["schools"]},
                         {"plan", planned["schools"]},   {"floors", floors},      {"rules", full["rules"]}};
  add_selection(body, *r);
  return ApiResponse::json(200, body);
}

// ── 五大创建 (issue 4 §4–5) ─────────────────────────────────────────────────────────────────────────

namespace {

// The profile with 004's schedule: `profile` (default shaoxing, where the schedule is).
std::optional<ApiResponse> creation_schedule(RequestContext& c, std::unique_ptr<policy::Policy>& policy,
                                             std::vector<balance::CreationTarget>& schedule) {
  std::string name = c.req.param("profile", "shaoxing");
  auto loaded = policy::load_policy(name);
  if (!loaded) return error_response(400, "未知的策略配置 " + name);
  auto targets = balance::creation_schedule(*loaded);
  if (!targets) return internal_error("creations: " + targets.error().message);
  if (targets->empty()) return error_response(400, "策略 " + name + " 没有五大创建进度安排：请用 profile=shaoxing");
  policy = std::make_unique<policy::Policy>(std::move(*loaded));
  schedule = std::move(*targets);
  return std::nullopt;
}

nlohmann::json creation_file_json(const std::optional<balance::CreationFile>& f) {
  if (!f) return nullptr;
  return {{"version", f->version}, {"file_name", f->file_name}, {"sha256", f->sha256}, {"item_count", f->item_count},
          {"uploaded_by", f->uploaded_by}, {"uploaded_at", f->uploaded_at}};
}

}  // namespace

// GET /api/v1/balance/creations?year=&profile= — each district's 五大创建 against 004's schedule as of `year`
// (default this year), from the achievements file in force (none yet: every target without data).
ApiResponse handle_balance_creations(RequestContext& c) {
  std::unique_ptr<policy::Policy> policy;
  std::vector<balance::CreationTarget> schedule;
  if (auto refused = creation_schedule(c, policy, schedule)) return *refused;
  ApiResponse err;
  auto year = int_param(c.req, "year", std::stoll(auth::iso8601_utc(c.now).substr(0, 4)), 2100, err);
  if (!year) return err;
  if (*year < 2000) return error_response(400, "year 应为四位年份");
  auto file = balance::current_creation_file(c.db);
  if (!file) return database_error("creations", file.error());
  std::vector<balance::Achievement> achieved;
  if (*file) {
    auto table = io::parse_csv((*file)->content, (*file)->file_name);
    if (!table) return internal_error("creations file: " + table.error().message);
    if (auto errors = balance::read_achievements(*table, schedule, achieved); !errors.empty())
      return rejected_import("已存的五大创建情况与策略 " + policy->name() + " 的进度安排不符", errors);
  }
  auto statuses = balance::track_creations(schedule, achieved, static_cast<int>(*year));
  auto body = balance::creations_json(statuses, policy->name(), static_cast<int>(*year));
  body["file"] = creation_file_json(*file);
  return ApiResponse::json(200, body);
}

// POST /api/v1/balance/creations — multipart `file` (CSV/XLSX, `balance creations --achieved` columns); a new
// version when every row is good (422 with each bad row and nothing stored otherwise).
ApiResponse handle_upload_creations(RequestContext& c) {
  std::unique_ptr<policy::Policy> policy;
  std::vector<balance::CreationTarget> schedule;
  if (auto refused = creation_schedule(c, policy, schedule)) return *refused;
  ApiResponse err;
  auto table = uploaded_table(c.req, "file", "", err);
  if (!table) return err;
  std::vector<balance::Achievement> achieved;
  RowErrors errors = balance::read_achievements(*table, schedule, achieved);
  if (errors.empty() && table->row_count() == 0) errors.push_back({table->file, 0, "", "文件没有数据行"});
  if (!errors.empty())
    return rejected_import("五大创建情况被拒绝：共 " + std::to_string(errors.size()) + " 处错误，未保存", errors);
  auto part = c.req.parts.find("file");
  std::string name = part->second.filename.empty() ? "creations.csv" : part->second.filename;
  auto stored = balance::store_creation_file(c.db, name, io::table_to_csv(*table), static_cast<int64_t>(table->row_count()),
                                             c.actor(), c.now);
  if (!stored) return database_error("creations", stored.error());
  return ApiResponse::json(201, {{"file", creation_file_json(*stored)}});
}

}  // namespace youjun::server
