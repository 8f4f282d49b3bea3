// 优质均衡 routes (issue 4 §5): the evaluation and the plan of one school year, on the database.
#include <nlohmann/json.hpp>

#include "balance/balance_report.hpp"
#include "balance/facts_records.hpp"
#include "balance/plan_report.hpp"
#include "server/handlers.hpp"

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

}  // namespace youjun::server
