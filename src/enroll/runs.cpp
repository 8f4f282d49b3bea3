#include "enroll/runs.hpp"

#include <algorithm>
#include <cstdio>

#include "auth/audit.hpp"
#include "core/personal_data.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/lottery.hpp"
#include "enroll/match_runs.hpp"
#include "io/table.hpp"
#include "policy/policy_report.hpp"

namespace youjun::enroll {

namespace {

constexpr const char* kColumns =
    "id, title, policy, status, applicants_sha256, COALESCE(seed, ''), COALESCE(replaces, ''), applicant_count, "
    "created_by, created_at, COALESCE(drawn_by, ''), COALESCE(drawn_at, ''), COALESCE(published_by, ''), "
    "COALESCE(published_at, ''), method";

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
  x.method = r.text(14);
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
  const bool match = run.method == "match";
  // A match run stores the canonical students file itself: the digest's file and the draw's input at once.
  std::string stored = match ? canonical_students(run.match) : applicants_file(run.applicants);
  std::string digest = sha256_hex(match ? stored : canonical_applicants(run.applicants));
  size_t people = match ? run.match.student_count() : run.applicants.size();
  auto s = db.exec(
      "INSERT INTO enroll_runs (id, title, policy, status, applicants_csv, seats_csv, applicants_sha256, applicant_count, "
      "replaces, created_by, created_at, method) VALUES (?, ?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string(id), run.title, run.policy, stored, seats_file(run.seats), digest, static_cast<int64_t>(people),
       run.replaces.empty() ? store::Value{} : store::Value{run.replaces}, actor, at, std::string(match ? "match" : "lottery")});
  if (!s) return s.error();
  nlohmann::json detail = {{"method", match ? "match" : "lottery"}, {"applicants_sha256", digest}, {"applicants", people},
                           {"schools", run.seats.size()}};
  if (!run.replaces.empty()) detail["replaces"] = run.replaces;
  if (auto a = auth::append_audit(db, {actor, "enroll.run.register", id, detail.dump()}, now); !a) return a.error();
  return finish(tx, db, id);
}

namespace {

// The result of a lottery run's stored lists, as `youjun enroll lottery --json` prints it.
Result<std::string> draw_lottery(const std::string& id, const io::Table& applicants_table, const io::Table& seats_table,
                                 const std::string& seed, const policy::Policy& policy) {
  std::vector<SchoolSeats> seats;
  std::vector<LotteryApplicant> applicants;
  RowErrors errors = read_seats(seats_table, seats);
  if (errors.empty()) errors = read_applicants(applicants_table, seats, applicants);
  if (!errors.empty()) return make_error("派位 " + id + " 的已存名单有误：" + errors[0].to_string());
  auto rules = policy::cited_rules_json(policy, lottery_rule_keys());
  if (!rules) return rules.error();
  return lottery_to_json(run_lottery(applicants, seats, seed), *rules).dump(2) + "\n";
}

// The result of a match run's stored files, as `youjun enroll match --json` prints it, plus the digest.
Result<std::string> draw_match(const std::string& id, const io::Table& students_table, const io::Table& seats_table,
                               const std::string& seed, const std::string& digest, const policy::Policy& policy) {
  MatchProblem problem;
  RowErrors errors = read_match_input(students_table, seats_table, problem);
  if (!errors.empty()) return make_error("派位 " + id + " 的已存名单有误：" + errors[0].to_string());
  auto numbers = number_students(problem, seed);
  auto configured = policy.text("enroll.match.mechanism");
  std::string mechanism = mechanism_name(configured ? *configured : "");
  if (mechanism.empty()) mechanism = kDeferredAcceptance;
  Matching matching = run_mechanism(problem, mechanism);
  auto rules = policy::cited_rules_json(policy, match_rule_keys());
  if (!rules) return rules.error();
  MatchContext context{problem, matching, numbers, mechanism, seed};
  return match_to_json(context, {{"applicants_sha256", digest}, {"rules", *rules}});
}

}  // namespace

Result<RunChange> draw_run(store::Connection& db, const std::string& id, const std::string& seed,
                           const policy::Policy& policy, const std::string& actor, int64_t now) {
  store::Transaction tx(db);
  if (!tx.started()) return tx.start_error();
  auto rows = db.query("SELECT status, applicants_csv, seats_csv, COALESCE(replaces, ''), method, applicants_sha256 "
                       "FROM enroll_runs WHERE id = ?", {id});
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
  const std::string digest = r.text(5);
  auto result = r.text(4) == "match" ? draw_match(id, *applicants_table, *seats_table, seed, digest, policy)
                                     : draw_lottery(id, *applicants_table, *seats_table, seed, policy);
  if (!result) return result.error();
  std::string at = auth::iso8601_utc(now);
  auto s = db.exec("UPDATE enroll_runs SET status = 'drawn', seed = ?, result_json = ?, drawn_by = ?, drawn_at = ? "
                   "WHERE id = ? AND status = 'registered'",
                   {seed, *result, actor, at, id});
  if (!s) return s.error();
  if (db.changes() == 0) return refused(RunRefusal::WrongState);
  nlohmann::json detail = {{"seed", seed}, {"applicants_sha256", digest}};
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
  auto rows = db.query(std::string("SELECT ") + column + ", method FROM enroll_runs WHERE id = ?", {id});
  if (!rows) return rows.error();
  if (rows->empty() || (*rows)[0].is_null(0)) return std::optional<std::string>{};
  std::string text = (*rows)[0].text(0);
  // A match run stores its canonical file as it is.
  if (which == "canonical" && (*rows)[0].text(1) == "lottery") {
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
          {"method", r.method},
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

Result<std::map<std::string, RunPlacement>> run_placements(const std::string& method, const nlohmann::json& result) {
  std::map<std::string, RunPlacement> out;
  if (method == "match") {
    auto placed = match_placements(result);
    if (!placed) return placed.error();
    for (const auto& [id, p] : *placed) out[id] = {p.school_id, !p.school_id.empty(), 0, "", p.choice_rank};
    return out;
  }
  auto lottery = lottery_from_json(result);
  if (!lottery) return lottery.error();
  for (const auto& [id, p] : lottery_placements(*lottery))
    out[id] = {p.school_id, p.admitted, p.waitlist_place, p.fallback_school_id, 0};
  return out;
}

Result<DrawnMatch> drawn_match(store::Connection& db, const RunRecord& run) {
  if (run.method != "match" || run.seed.empty()) return make_error("派位 " + run.id + " 不是已派位的多校划片匹配");
  auto students = run_text(db, run.id, "applicants");
  auto seats = run_text(db, run.id, "seats");
  auto result = run_text(db, run.id, "result");
  for (const auto* text : {&students, &seats, &result})
    if (!*text) return text->error();
  if (!*students || !*seats || !*result) return make_error("派位 " + run.id + " 的已存文件不全");
  auto students_table = io::parse_csv(**students, "students");
  auto seats_table = io::parse_csv(**seats, "seats");
  if (!students_table || !seats_table) return make_error("派位 " + run.id + " 的已存名单无法读取");
  DrawnMatch d;
  RowErrors errors = read_match_input(*students_table, *seats_table, d.problem);
  if (!errors.empty()) return make_error("派位 " + run.id + " 的已存名单有误：" + errors[0].to_string());
  d.seed = run.seed;
  d.numbers = number_students(d.problem, d.seed);
  auto json = nlohmann::json::parse(**result, nullptr, false);
  auto matching = matching_from_result(d.problem, json);
  if (!matching) return matching.error();
  d.matching = std::move(*matching);
  d.mechanism = json.is_object() ? json.value("mechanism", kDeferredAcceptance) : kDeferredAcceptance;
  return d;
}

}  // namespace youjun::enroll
