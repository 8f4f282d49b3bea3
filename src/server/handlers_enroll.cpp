// Enrollment routes (issue 6): the figures the bureau reviews and the 派位 runs it registers, draws and publishes.
#include "enroll/lottery_number.hpp"
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

std::string part_text(const ApiRequest& req, const std::string& name) {
  auto it = req.parts.find(name);
  return it == req.parts.end() ? "" : it->second.content;
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

// POST /api/v1/enroll/runs — multipart: applicants, seats (files), title, policy, replaces.
ApiResponse handle_create_run(RequestContext& c) {
  enroll::NewRun run;
  run.title = part_text(c.req, "title");
  run.policy = part_text(c.req, "policy");
  run.replaces = part_text(c.req, "replaces");
  if (run.policy.empty()) run.policy = "national";
  if (run.title.empty() || run.title.size() > 200) return error_response(400, "请填写派位名称（不超过 200 字节）");
  auto policy = policy::load_policy(run.policy);
  if (!policy) return error_response(400, "未知的策略配置 " + run.policy);
  ApiResponse err;
  auto applicants = uploaded_table(c.req, "applicants", "", err);
  if (!applicants) return err;
  auto seats = uploaded_table(c.req, "seats", "", err);
  if (!seats) return err;
  RowErrors errors = enroll::forbidden_criteria(*applicants, *policy);
  RowErrors more = enroll::read_seats(*seats, run.seats);
  errors.insert(errors.end(), more.begin(), more.end());
  more = enroll::read_applicants(*applicants, run.seats, run.applicants);
  errors.insert(errors.end(), more.begin(), more.end());
  if (!errors.empty())
    return rejected_import("派位名单被拒绝：共 " + std::to_string(errors.size()) + " 处错误，未登记", errors);
  if (run.applicants.empty()) return error_response(400, "申请名单没有申请人");
  auto created = enroll::create_run(c.db, run, c.actor(), c.now);
  if (!created) return database_error("run register", created.error());
  if (created->refusal != enroll::RunRefusal::None) return refusal_response(created->refusal, run.replaces);
  return ApiResponse::json(201, {{"run", enroll::run_json(created->run)}});
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
  nlohmann::json rules = nlohmann::json::array();
  for (const char* key : {"enroll.lottery.method", "enroll.selection.tier_and_lottery_only", "enroll.selection.forbidden_columns"}) {
    auto rule = policy->rule(key);
    if (!rule) return internal_error("run rules: " + rule.error().message);
    rules.push_back(policy::cited_rule_json(*rule));
  }
  auto drawn = enroll::draw_run(c.db, id, *seed, rules, c.actor(), c.now);
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
// seats.csv, result.json: everything `youjun enroll verify` needs.
ApiResponse handle_run_file(RequestContext& c) {
  const std::string& id = c.req.path_params.at("id");
  const std::string& name = c.req.path_params.at("name");
  static const std::map<std::string, std::pair<std::string, std::string>> files = {
      {"canonical.csv", {"canonical", "text/csv; charset=utf-8"}},
      {"applicants.csv", {"applicants", "text/csv; charset=utf-8"}},
      {"seats.csv", {"seats", "text/csv; charset=utf-8"}},
      {"result.json", {"result", "application/json; charset=utf-8"}}};
  auto f = files.find(name);
  if (f == files.end()) return error_response(404, "没有文件 " + name + "（可下载 canonical.csv、applicants.csv、seats.csv、result.json）");
  auto text = enroll::run_text(c.db, id, f->second.first);
  if (!text) return database_error("run file", text.error());
  if (!*text) return error_response(404, "派位 " + id + " 没有 " + name + "（不存在或尚未派位）");
  ApiResponse r;
  r.status = 200;
  r.content_type = f->second.second;
  r.body = **text;
  return r;
}

}  // namespace youjun::server
