// GET/POST /users, PUT /users/{username} (bureau_admin) and GET /audit (bureau_admin, auditor).
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "auth/roles.hpp"
#include "core/id_number.hpp"
#include "server/handlers.hpp"

namespace youjun::server {

namespace {

ApiResponse outcome_error(const auth::Outcome<auth::User>& o) {
  switch (o.failure) {
    case auth::Failure::Invalid: return error_response(400, o.message);
    case auth::Failure::NotFound: return error_response(404, o.message);
    case auth::Failure::Conflict: return error_response(409, o.message);
    default: return internal_error("users: " + o.message);
  }
}

// Optional string member; false (and `error`) when present with another type. null reads as "".
bool get_string(const nlohmann::json& b, const char* key, std::optional<std::string>& out, ApiResponse& error) {
  if (!b.contains(key)) return true;
  if (b[key].is_null()) out = "";
  else if (b[key].is_string()) out = b[key].get<std::string>();
  else {
    error = error_response(400, std::string("字段 ") + key + " 应为字符串");
    return false;
  }
  return true;
}

// "children": ID numbers of the parent's children -> keyed hashes (the numbers themselves are not kept).
bool get_children(RequestContext& c, const nlohmann::json& b, std::optional<std::vector<std::string>>& out,
                  ApiResponse& error) {
  if (!b.contains("children")) return true;
  if (!b["children"].is_array()) {
    error = error_response(400, "字段 children 应为身份证号数组");
    return false;
  }
  out.emplace();
  for (size_t i = 0; i < b["children"].size(); ++i) {
    const auto& v = b["children"][i];
    std::string id = v.is_string() ? v.get<std::string>() : "";
    if (!id.empty() && id.back() == 'x') id.back() = 'X';
    if (auto problem = id_number_problem(id)) {
      error = error_response(400, "children 第 " + std::to_string(i + 1) + " 项: " + *problem);
      return false;
    }
    out->push_back(c.state.key.lookup_hash(id));
  }
  return true;
}

}  // namespace

ApiResponse handle_users(RequestContext& c) {
  auto users = auth::list_users(c.db);
  if (!users) return internal_error("users: " + users.error().message);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : *users) items.push_back(user_json(u, c.now));
  return ApiResponse::json(200, {{"items", items}});
}

ApiResponse handle_create_user(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  std::optional<std::string> username, display, password, role, school;
  std::optional<std::vector<std::string>> children;
  if (!get_string(*body, "username", username, err) || !get_string(*body, "display_name", display, err) ||
      !get_string(*body, "password", password, err) || !get_string(*body, "role", role, err) ||
      !get_string(*body, "school_code", school, err) || !get_children(c, *body, children, err))
    return err;
  if (!username || !password || !role) return error_response(400, "新建用户须提供 username、password 和 role");
  auth::NewUser u{*username, display.value_or(""), *password, *role, school.value_or(""),
                  children.value_or(std::vector<std::string>{})};
  auto created = auth::create_user(c.db, u, c.actor(), c.now);
  if (!created.ok()) return outcome_error(created);
  return ApiResponse::json(201, {{"user", user_json(*created.value, c.now)}});
}

ApiResponse handle_update_user(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  auth::UserUpdate up;
  if (!get_string(*body, "display_name", up.display_name, err) || !get_string(*body, "role", up.role, err) ||
      !get_string(*body, "school_code", up.school_code, err) || !get_string(*body, "password", up.password, err) ||
      !get_children(c, *body, up.children, err))
    return err;
  for (const char* flag : {"disabled", "unlock"}) {
    if (body->contains(flag) && !(*body)[flag].is_boolean())
      return error_response(400, std::string("字段 ") + flag + " 应为布尔值");
  }
  if (body->contains("disabled")) up.disabled = (*body)["disabled"].get<bool>();
  up.unlock = body->value("unlock", false);
  const std::string& target = c.req.path_params.at("username");
  if (target == c.user->username && ((up.disabled && *up.disabled) || (up.role && *up.role != c.user->role)))
    return error_response(400, "不能停用自己的账号或更改自己的角色");
  auto updated = auth::update_user(c.db, target, up, c.actor(), c.now);
  if (!updated.ok()) return outcome_error(updated);
  return ApiResponse::json(200, {{"user", user_json(*updated.value, c.now)}});
}

ApiResponse handle_audit(RequestContext& c) {
  ApiResponse err;
  auto limit = int_param(c.req, "limit", 100, 1000, err);
  if (!limit) return err;
  auto entries = auth::recent_audit(c.db, *limit);
  if (!entries) return internal_error("audit: " + entries.error().message);
  auto chain = auth::verify_audit_chain(c.db);
  if (!chain) return internal_error("audit verify: " + chain.error().message);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : *entries) {
    auto detail = nlohmann::json::parse(e.detail, nullptr, false);
    if (detail.is_discarded()) detail = e.detail;
    items.push_back({{"seq", e.seq},
                     {"at", e.at},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"target", e.target},
                     {"detail", detail},
                     {"hash", e.hash}});
  }
  nlohmann::json out = {{"items", items}, {"chain_ok", chain->ok}, {"chain_count", chain->count},
                        {"first_broken_seq", nullptr}};
  if (!chain->ok) {
    out["first_broken_seq"] = chain->first_broken_seq;
    out["chain_problem"] = chain->problem;
  }
  return ApiResponse::json(200, out);
}

}  // namespace youjun::server
