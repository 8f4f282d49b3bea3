#include "admit/rounds.hpp"

#include <cstdio>

#include "admit/admit_run.hpp"
#include "admit/decimal.hpp"
#include "auth/audit.hpp"

namespace youjun::admit {

namespace {

constexpr const char* kColumns =
    "id, title, policy, status, COALESCE(seed, ''), year, version, student_count, created_by, created_at, "
    "COALESCE(admitted_by, ''), COALESCE(admitted_at, ''), COALESCE(published_by, ''), COALESCE(published_at, '')";

RoundRecord record_of(const store::Row& r) {
  RoundRecord x;
  x.id = r.text(0);
  x.title = r.text(1);
  x.policy = r.text(2);
  x.status = r.text(3);
  x.seed = r.text(4);
  x.year = r.integer(5);
  x.version = r.integer(6);
  x.student_count = r.integer(7);
  x.created_by = r.text(8);
  x.created_at = r.text(9);
  x.admitted_by = r.text(10);
  x.admitted_at = r.text(11);
  x.published_by = r.text(12);
  x.published_at = r.text(13);
  return x;
}

Result<std::optional<RoundRecord>> load(store::Connection& db, const std::string& id) {
  auto rows = db.query(std::string("SELECT ") + kColumns + " FROM admit_rounds WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<RoundRecord>{};
  return std::optional<RoundRecord>{record_of((*rows)[0])};
}

Result<RoundChange> finish(store::Transaction& tx, store::Connection& db, const std::string& id) {
  auto done = tx.commit();
  if (!done) return done.error();
  auto round = load(db, id);
  if (!round) return round.error();
  return RoundChange{RoundRefusal::None, "", **round};
}

RoundChange refused(RoundRefusal r, std::string message = "") { return RoundChange{r, std::move(message), {}}; }

}  // namespace

std::string refusal_message(RoundRefusal r, const std::string& id) {
  switch (r) {
    case RoundRefusal::None: return "";
    case RoundRefusal::NotFound: return "招生轮次 " + id + " 不存在";
    case RoundRefusal::WrongState:
      return "招生轮次 " + id + " 的状态不允许此操作（名额只能在录取前修改；已录取的不能再录取；已公布的不能更改）";
    case RoundRefusal::Conflict: return "名额表已被他人修改，请刷新后再改";
    case RoundRefusal::BadEdit: return "名额修改不符合规则";
  }
  return "";
}

Result<RoundChange> create_round(store::Connection& db, const NewRound& round, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  std::string at = auth::iso8601_utc(now);
  std::string year = at.substr(0, 4);
  auto count = db.query("SELECT COUNT(*) FROM admit_rounds WHERE id LIKE ?", {year + "-%"});
  if (!count) return count.error();
  char id[32];
  std::snprintf(id, sizeof id, "%s-%03lld", year.c_str(), static_cast<long long>((*count)[0].integer(0) + 1));
  auto s = db.exec(
      "INSERT INTO admit_rounds (id, title, year, policy, status, version, high_schools_csv, juniors_csv, students_csv, "
      "student_count, quota_json, created_by, created_at) VALUES (?, ?, ?, ?, 'draft', 1, ?, ?, ?, ?, ?, ?, ?)",
      {std::string(id), round.title, static_cast<int64_t>(round.year), round.policy, round.high_schools_csv,
       round.juniors_csv, round.students_csv, round.student_count, round.quota_json, actor, at});
  if (!s) return s.error();
  nlohmann::json detail = {{"title", round.title}, {"year", round.year}, {"policy", round.policy},
                           {"students", round.student_count}};
  if (auto a = auth::append_audit(db, {actor, "admit.round.create", id, detail.dump()}, now); !a) return a.error();
  return finish(tx, db, id);
}

Result<RoundChange> edit_quota(store::Connection& db, const std::string& id, const QuotaEdit& edit,
                               const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto rows = db.query("SELECT status, version, quota_json FROM admit_rounds WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return refused(RoundRefusal::NotFound);
  const auto& r = (*rows)[0];
  if (r.text(0) != "draft") return refused(RoundRefusal::WrongState);
  if (r.integer(1) != edit.version) return refused(RoundRefusal::Conflict);
  auto quota = nlohmann::json::parse(r.text(2), nullptr, false);
  if (quota.is_discarded()) return make_error("招生轮次 " + id + " 的名额表无法读取");
  auto share = share_from(quota.value("share", 0.0));
  if (!share) return make_error("招生轮次 " + id + " 的名额比例无法读取");
  bool junior_known = false;
  for (const auto& j : quota["juniors"]) junior_known = junior_known || j.value("js_id", "") == edit.js_id;
  if (!junior_known) return refused(RoundRefusal::BadEdit, "初中 " + edit.js_id + " 不在本轮名额表中");
  if (edit.seats < 0) return refused(RoundRefusal::BadEdit, "名额数应为非负整数");
  for (auto& h : quota["high_schools"]) {
    if (h.value("hs_id", "") != edit.hs_id) continue;
    if (!h.value("quality", false)) return refused(RoundRefusal::BadEdit, "高中 " + edit.hs_id + " 不是参加名额分配的优质高中");
    auto& by_junior = h["by_junior"];
    int64_t old = by_junior.value(edit.js_id, 0);
    int64_t plan = h.value("plan", 0), total = h.value("quota_total", 0) - old + edit.seats;
    int64_t floor_total = share->ceil_of(plan);
    if (total > plan)
      return refused(RoundRefusal::BadEdit, "改后名额合计 " + std::to_string(total) + " 超过招生计划 " + std::to_string(plan));
    if (total < floor_total)
      return refused(RoundRefusal::BadEdit, "改后名额合计 " + std::to_string(total) + " 低于下限 " + std::to_string(floor_total) +
                                                "（招生计划 × 比例，向上取整，“不少于”）：请先给另一所初中加名额，再减这一所");
    if (edit.seats == 0) by_junior.erase(edit.js_id);
    else by_junior[edit.js_id] = edit.seats;
    h["quota_total"] = total;
    h["share_of_plan"] = plan ? static_cast<double>(total) / static_cast<double>(plan) : 0.0;
    h["edited"] = true;
    for (auto& j : quota["juniors"])
      if (j.value("js_id", "") == edit.js_id) j["quota_seats"] = j.value("quota_seats", 0) - old + edit.seats;
    auto s = db.exec("UPDATE admit_rounds SET quota_json = ?, version = version + 1 WHERE id = ? AND version = ? AND status = 'draft'",
                     {quota.dump(2) + "\n", id, edit.version});
    if (!s) return s.error();
    if (db.changes() == 0) return refused(RoundRefusal::Conflict);
    nlohmann::json detail = {{"hs_id", edit.hs_id}, {"js_id", edit.js_id}, {"from", old}, {"to", edit.seats}, {"quota_total", total}};
    if (auto a = auth::append_audit(db, {actor, "admit.quota.edit", id, detail.dump()}, now); !a) return a.error();
    return finish(tx, db, id);
  }
  return refused(RoundRefusal::BadEdit, "高中 " + edit.hs_id + " 不在本轮名额表中");
}

Result<std::optional<RoundInputs>> round_inputs(store::Connection& db, const std::string& id) {
  auto rows = db.query("SELECT policy, year, high_schools_csv, juniors_csv, students_csv, quota_json FROM admit_rounds WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<RoundInputs>{};
  const auto& r = (*rows)[0];
  return std::optional<RoundInputs>{RoundInputs{r.text(0), r.text(2), r.text(3), r.text(4), r.text(5), static_cast<int>(r.integer(1))}};
}

Result<RoundChange> admit_round(store::Connection& db, const std::string& id, const std::string& seed,
                                const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto round = load(db, id);
  if (!round) return round.error();
  if (!*round) return refused(RoundRefusal::NotFound);
  if ((*round)->status != "draft") return refused(RoundRefusal::WrongState);
  auto inputs = round_inputs(db, id);
  if (!inputs) return inputs.error();
  auto result = round_result_json(**inputs, seed);
  if (!result) return result.error();
  auto s = db.exec("UPDATE admit_rounds SET status = 'admitted', seed = ?, result_json = ?, admitted_by = ?, admitted_at = ? "
                   "WHERE id = ? AND status = 'draft'",
                   {seed, *result, actor, auth::iso8601_utc(now), id});
  if (!s) return s.error();
  if (db.changes() == 0) return refused(RoundRefusal::WrongState);
  nlohmann::json detail = {{"seed", seed}, {"version", (*round)->version}};
  if (auto a = auth::append_audit(db, {actor, "admit.round.admit", id, detail.dump()}, now); !a) return a.error();
  return finish(tx, db, id);
}

Result<RoundChange> publish_round(store::Connection& db, const std::string& id, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto round = load(db, id);
  if (!round) return round.error();
  if (!*round) return refused(RoundRefusal::NotFound);
  auto s = db.exec("UPDATE admit_rounds SET status = 'published', published_by = ?, published_at = ? WHERE id = ? AND status = 'admitted'",
                   {actor, auth::iso8601_utc(now), id});
  if (!s) return s.error();
  if (db.changes() == 0) return refused(RoundRefusal::WrongState);
  nlohmann::json detail = {{"seed", (*round)->seed}};
  if (auto a = auth::append_audit(db, {actor, "admit.round.publish", id, detail.dump()}, now); !a) return a.error();
  return finish(tx, db, id);
}

Result<std::vector<RoundRecord>> list_rounds(store::Connection& db) {
  auto rows = db.query(std::string("SELECT ") + kColumns + " FROM admit_rounds ORDER BY id DESC");
  if (!rows) return rows.error();
  std::vector<RoundRecord> out;
  for (const auto& r : *rows) out.push_back(record_of(r));
  return out;
}

Result<std::optional<RoundRecord>> find_round(store::Connection& db, const std::string& id) { return load(db, id); }

Result<std::optional<std::string>> round_text(store::Connection& db, const std::string& id, const std::string& which) {
  const char* column = which == "high_schools" ? "high_schools_csv"
                       : which == "juniors"    ? "juniors_csv"
                       : which == "students"   ? "students_csv"
                       : which == "quota"      ? "quota_json"
                       : which == "result"     ? "result_json"
                                               : nullptr;
  if (!column) return std::optional<std::string>{};
  auto rows = db.query(std::string("SELECT ") + column + " FROM admit_rounds WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty() || (*rows)[0].is_null(0)) return std::optional<std::string>{};
  return std::optional<std::string>{(*rows)[0].text(0)};
}

nlohmann::json round_json(const RoundRecord& r) {
  auto opt = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  return {{"id", r.id},
          {"title", r.title},
          {"year", r.year},
          {"policy", r.policy},
          {"status", r.status},
          {"version", r.version},
          {"student_count", r.student_count},
          {"seed", opt(r.seed)},
          {"created_by", r.created_by},
          {"created_at", r.created_at},
          {"admitted_by", opt(r.admitted_by)},
          {"admitted_at", opt(r.admitted_at)},
          {"published_by", opt(r.published_by)},
          {"published_at", opt(r.published_at)}};
}

}  // namespace youjun::admit
