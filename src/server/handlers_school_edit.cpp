// PATCH /api/v1/schools/{code}: staff correct a school's name, address, coordinates or locale.
// Optimistic concurrency: the client sends the row_version it read; when someone else saved in between,
// the answer is 409 with the current version instead of a silent overwrite. The audit entry is written
// in the same transaction as the change.
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "server/handlers.hpp"

namespace youjun::server {

namespace {

struct SchoolChange {
  std::vector<std::string> columns;  // "name = ?" …
  store::Params params;
  nlohmann::json fields = nlohmann::json::object();
};

// Reads the editable fields; a 400 in `error` for a bad one.
bool read_change(const nlohmann::json& body, SchoolChange& change, ApiResponse& error) {
  auto bad = [&](const std::string& msg) {
    error = error_response(400, msg);
    return false;
  };
  for (const char* key : {"name", "address"}) {
    if (!body.contains(key)) continue;
    if (!body[key].is_string()) return bad(std::string("字段 ") + key + " 应为字符串");
    std::string v = body[key].get<std::string>();
    if (std::string(key) == "name" && v.empty()) return bad("学校名称不能为空");
    if (v.size() > 300) return bad(std::string("字段 ") + key + " 过长（最多 100 个汉字）");
    change.columns.push_back(std::string(key) + " = ?");
    change.params.push_back(v);
    change.fields[key] = v;
  }
  if (body.contains("locale")) {
    if (!body["locale"].is_string()) return bad("字段 locale 应为 urban、town 或 rural");
    std::string v = body["locale"].get<std::string>();
    if (v != "urban" && v != "town" && v != "rural") return bad("字段 locale 应为 urban（城区）、town（镇区）或 rural（乡村）");
    change.columns.push_back("locale = ?");
    change.params.push_back(v);
    change.fields["locale"] = v;
  }
  // Coordinates (WGS-84 degrees) within China's extent, or null to clear.
  struct Range {
    const char* key;
    double min, max;
  };
  for (const Range& r : {Range{"lon", 73.0, 136.0}, Range{"lat", 3.0, 54.0}}) {
    if (!body.contains(r.key)) continue;
    const auto& v = body[r.key];
    if (v.is_null()) {
      change.columns.push_back(std::string(r.key) + " = ?");
      change.params.push_back(store::Value{});
      change.fields[r.key] = nullptr;
      continue;
    }
    if (!v.is_number() || v.get<double>() < r.min || v.get<double>() > r.max)
      return bad(std::string("字段 ") + r.key + " 应为 " + std::to_string(static_cast<int>(r.min)) + "–" +
                 std::to_string(static_cast<int>(r.max)) + " 之间的经纬度，或 null");
    change.columns.push_back(std::string(r.key) + " = ?");
    change.params.push_back(v.get<double>());
    change.fields[r.key] = v.get<double>();
  }
  if (change.columns.empty()) return bad("没有可修改的字段（可改：name、address、locale、lon、lat）");
  return true;
}

}  // namespace

ApiResponse handle_update_school(RequestContext& c) {
  ApiResponse err;
  auto body = json_body(c.req, err);
  if (!body) return err;
  if (!body->contains("row_version") || !(*body)["row_version"].is_number_integer())
    return error_response(400, "缺少 row_version：请先读取学校信息，再带上读到的 row_version 提交修改");
  int64_t expected = (*body)["row_version"].get<int64_t>();
  SchoolChange change;
  if (!read_change(*body, change, err)) return err;
  const std::string& code = c.req.path_params.at("code");

  store::Transaction tx(c.db);
  if (!tx.started()) return internal_error("begin: " + tx.start_error().message);
  std::string sql = "UPDATE schools SET ";
  for (const auto& col : change.columns) sql += col + ", ";
  sql += "row_version = row_version + 1 WHERE code = ? AND row_version = ?";
  store::Params params = change.params;
  params.push_back(code);
  params.push_back(expected);
  auto updated = c.db.exec(sql, params);
  if (!updated) return internal_error("school update: " + updated.error().message);
  if (c.db.changes() == 0) {
    auto current = c.db.query("SELECT row_version FROM schools WHERE code = ?", {code});
    if (!current) return internal_error("school version: " + current.error().message);
    if (current->empty()) return error_response(404, "学校不存在: " + code);
    int64_t now_version = (*current)[0].integer(0);
    auto r = error_response(409, "该学校信息已被他人修改（您读取的是第 " + std::to_string(expected) + " 版，当前为第 " +
                                     std::to_string(now_version) + " 版）。请刷新后重新修改。");
    auto j = nlohmann::json::parse(r.body);
    j["current_row_version"] = now_version;
    return ApiResponse::json(409, j);
  }
  nlohmann::json detail = {{"fields", change.fields}, {"row_version", expected + 1}};
  auto audited = auth::append_audit(c.db, {c.actor(), "school.update", code, detail.dump()}, c.now);
  if (!audited) return internal_error("audit: " + audited.error().message);
  auto committed = tx.commit();
  if (!committed) return internal_error("commit: " + committed.error().message);
  return ApiResponse::json(200, {{"code", code}, {"row_version", expected + 1}, {"changed", change.fields}});
}

}  // namespace youjun::server
