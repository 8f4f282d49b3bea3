#include "enroll/runs.hpp"

#include <algorithm>
#include <cstdio>

#include "auth/audit.hpp"
#include "core/personal_data.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/lottery.hpp"
#include "io/table.hpp"

namespace youjun::enroll {

namespace {

constexpr const char* kColumns =
    "id, title, policy, status, applicants_sha256, COALESCE(seed, ''), COALESCE(replaces, ''), applicant_count, "
    "created_by, created_at, COALESCE(drawn_by, ''), COALESCE(drawn_at, ''), COALESCE(published_by, ''), "
    "COALESCE(published_at, '')";

RunRecord record_of(const store::Row& r) {
  RunRecord x;
  x.id = r.text(0);
  x.title = r.text(1);
  x.policy = r.text(2);
  x.status = r.text(3);
  x.applicants_sha256 = r.text(4);
  x.seed = r.text(5);
  x.replaces = r.text(6);
  x.applicant_count = r.integer(7);
  x.created_by = r.text(8);
  x.created_at = r.text(9);
  x.drawn_by = r.text(10);
  x.drawn_at = r.text(11);
  x.published_by = r.text(12);
  x.published_at = r.text(13);
  return x;
}

Result<std::optional<RunRecord>> load(store::Connection& db, const std::string& id) {
  auto rows = db.query(std::string("SELECT ") + kColumns + " FROM enroll_runs WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<RunRecord>{};
  return std::optional<RunRecord>{record_of((*rows)[0])};
}

// Commits and returns the run as it now is.
Result<RunChange> finish(store::Transaction& tx, store::Connection& db, const std::string& id) {
  auto done = tx.commit();
  if (!done) return done.error();
  auto run = load(db, id);
  if (!run) return run.error();
  return RunChange{RunRefusal::None, **run};
}

RunChange refused(RunRefusal r) { return RunChange{r, {}}; }

}  // namespace

std::string refusal_message(RunRefusal r, const std::string& id) {
  switch (r) {
    case RunRefusal::None: return "";
    case RunRefusal::NotFound: return "派位 " + id + " 不存在";
    case RunRefusal::WrongState: return "派位 " + id + " 的状态不允许此操作（已派位的不能重新派位，已公布的不能更改；重新派位请新建一次并换用新的种子）";
    case RunRefusal::SeedReused: return "重新派位必须使用新的种子：该种子已用于被替代的派位";
    case RunRefusal::ReplacesUnknown: return "要替代的派位 " + id + " 不存在";
    case RunRefusal::ReplacesNotDrawn: return "只能替代已派位的派位（" + id + " 尚未派位）";
  }
  return "";
}

std::string applicants_file(const std::vector<LotteryApplicant>& applicants) {
  std::vector<const LotteryApplicant*> sorted;
  for (const auto& a : applicants) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->applicant_id < b->applicant_id; });
  std::string text = "applicant_id,school_id,tier,fallback_school_id\n";
  for (const auto* a : sorted)
    text += a->applicant_id + "," + a->school_id + "," + std::to_string(a->tier) + "," + a->fallback_school_id + "\n";
  return text;
}

std::string seats_file(const std::vector<SchoolSeats>& seats) {
  std::vector<const SchoolSeats*> sorted;
  for (const auto& s : seats) sorted.push_back(&s);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->school_id < b->school_id; });
  std::string text = "school_id,seats,sector\n";
  for (const auto* s : sorted) text += s->school_id + "," + std::to_string(s->seats) + "," + s->sector + "\n";
  return text;
}

Result<RunChange> create_run(store::Connection& db, const NewRun& run, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  if (!run.replaces.empty()) {
    auto old = load(db, run.replaces);
    if (!old) return old.error();
    if (!*old) return refused(RunRefusal::ReplacesUnknown);
    if ((*old)->status == "registered") return refused(RunRefusal::ReplacesNotDrawn);
  }
  std::string at = auth::iso8601_utc(now);
  std::string year = at.substr(0, 4);
  auto count = db.query("SELECT COUNT(*) FROM enroll_runs WHERE id LIKE ?", {year + "-%"});
  if (!count) return count.error();
  char id[32];
  std::snprintf(id, sizeof id, "%s-%03lld", year.c_str(), static_cast<long long>((*count)[0].integer(0) + 1));
  std::string digest = sha256_hex(canonical_applicants(run.applicants));
  auto s = db.exec(
      "INSERT INTO enroll_runs (id, title, policy, status, applicants_csv, seats_csv, applicants_sha256, applicant_count, "
      "replaces, created_by, created_at) VALUES (?, ?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?)",
      {std::string(id), run.title, run.policy, applicants_file(run.applicants), seats_file(run.seats), digest,
       static_cast<int64_t>(run.applicants.size()),
       run.replaces.empty() ? store::Value{} : store::Value{run.replaces}, actor, at});
  if (!s) return s.error();
  nlohmann::json detail = {{"applicants_sha256", digest}, {"applicants", run.applicants.size()}, {"schools", run.seats.size()}};
  if (!run.replaces.empty()) detail["replaces"] = run.replaces;
  if (auto a = auth::append_audit(db, {actor, "enroll.run.register", id, detail.dump()}, now); !a) return a.error();
  return finish(tx, db, id);
}

Result<RunChange> draw_run(store::Connection& db, const std::string& id, const std::string& seed,
                           const nlohmann::json& rules, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto rows = db.query("SELECT status, applicants_csv, seats_csv, COALESCE(replaces, '') FROM enroll_runs WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty()) return refused(RunRefusal::NotFound);
  const auto& r = (*rows)[0];
  if (r.text(0) != "registered") return refused(RunRefusal::WrongState);
  // The seed of every run this one replaces, back along the chain, is used up.
  for (std::string prev = r.text(3); !prev.empty();) {
    auto old = db.query("SELECT COALESCE(seed, ''), COALESCE(replaces, '') FROM enroll_runs WHERE id = ?", {prev});
    if (!old) return old.error();
    if (old->empty()) break;
    if ((*old)[0].text(0) == seed) return refused(RunRefusal::SeedReused);
    prev = (*old)[0].text(1);
  }
  auto applicants_table = io::parse_csv(r.text(1), "applicants");
  auto seats_table = io::parse_csv(r.text(2), "seats");
  if (!applicants_table || !seats_table) return make_error("派位 " + id + " 的已存名单无法读取");
  std::vector<SchoolSeats> seats;
  std::vector<LotteryApplicant> applicants;
  RowErrors errors = read_seats(*seats_table, seats);
  if (errors.empty()) errors = read_applicants(*applicants_table, seats, applicants);
  if (!errors.empty()) return make_error("派位 " + id + " 的已存名单有误：" + errors[0].to_string());
  auto result = run_lottery(applicants, seats, seed);
  std::string at = auth::iso8601_utc(now);
  auto s = db.exec("UPDATE enroll_runs SET status = 'drawn', seed = ?, result_json = ?, drawn_by = ?, drawn_at = ? "
                   "WHERE id = ? AND status = 'registered'",
                   {seed, lottery_to_json(result, rules).dump(2) + "\n", actor, at, id});
  if (!s) return s.error();
  if (db.changes() == 0) return refused(RunRefusal::WrongState);
  nlohmann::json detail = {{"seed", seed}, {"applicants_sha256", result.applicants_sha256}};
  if (auto a = auth::append_audit(db, {actor, "enroll.run.draw", id, detail.dump()}, now); !a) return a.error();
  return finish(tx, db, id);
}

Result<RunChange> publish_run(store::Connection& db, const std::string& id, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto run = load(db, id);
  if (!run) return run.error();
  if (!*run) return refused(RunRefusal::NotFound);
  auto s = db.exec("UPDATE enroll_runs SET status = 'published', published_by = ?, published_at = ? "
                   "WHERE id = ? AND status = 'drawn'",
                   {actor, auth::iso8601_utc(now), id});
  if (!s) return s.error();
  if (db.changes() == 0) return refused(RunRefusal::WrongState);
  nlohmann::json detail = {{"seed", (*run)->seed}, {"applicants_sha256", (*run)->applicants_sha256}};
  if (auto a = auth::append_audit(db, {actor, "enroll.run.publish", id, detail.dump()}, now); !a) return a.error();
  return finish(tx, db, id);
}

Result<std::vector<RunRecord>> list_runs(store::Connection& db) {
  auto rows = db.query(std::string("SELECT ") + kColumns + " FROM enroll_runs ORDER BY id DESC");
  if (!rows) return rows.error();
  std::vector<RunRecord> out;
  for (const auto& r : *rows) out.push_back(record_of(r));
  return out;
}

Result<std::optional<RunRecord>> find_run(store::Connection& db, const std::string& id) { return load(db, id); }

Result<std::optional<std::string>> run_text(store::Connection& db, const std::string& id, const std::string& which) {
  const char* column = which == "applicants" ? "applicants_csv"
                       : which == "canonical" ? "applicants_csv"
                       : which == "seats"     ? "seats_csv"
                       : which == "result"    ? "result_json"
                                              : nullptr;
  if (!column) return std::optional<std::string>{};
  auto rows = db.query(std::string("SELECT ") + column + " FROM enroll_runs WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty() || (*rows)[0].is_null(0)) return std::optional<std::string>{};
  std::string text = (*rows)[0].text(0);
  if (which == "canonical") {
    // The digest's file is the stored list without its last column (fallback_school_id): ids hold no
    // commas, so every line is cut at its last comma.
    std::string canonical;
    for (size_t start = 0; start < text.size();) {
      size_t end = text.find('\n', start);
      std::string line = text.substr(start, end - start);
      canonical += line.substr(0, line.rfind(',')) + "\n";
      start = end == std::string::npos ? text.size() : end + 1;
    }
    text = canonical;
  }
  return std::optional<std::string>{text};
}

const std::vector<std::string>& lottery_rule_keys() {
  static const std::vector<std::string> keys = {"enroll.lottery.method", "enroll.selection.tier_and_lottery_only",
                                                "enroll.selection.forbidden_columns"};
  return keys;
}

nlohmann::json run_json(const RunRecord& r) {
  auto opt = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
  return {{"id", r.id},
          {"title", r.title},
          {"policy", r.policy},
          {"status", r.status},
          {"applicants_sha256", r.applicants_sha256},
          {"applicant_count", r.applicant_count},
          {"seed", opt(r.seed)},
          {"replaces", opt(r.replaces)},
          {"created_by", r.created_by},
          {"created_at", r.created_at},
          {"drawn_by", opt(r.drawn_by)},
          {"drawn_at", opt(r.drawn_at)},
          {"published_by", opt(r.published_by)},
          {"published_at", opt(r.published_at)}};
}

}  // namespace youjun::enroll
