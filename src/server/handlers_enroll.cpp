// Enrollment routes (issue 6): figures the bureau reviews.
#include "enroll/migrant_share.hpp"
#include "policy/policy.hpp"
#include "server/handlers.hpp"

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
