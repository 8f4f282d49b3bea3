#pragma once
// 派位 runs in the database (issue 6 §6): register → draw (once, with the public seed) → publish (locked).
//   registered  the applicant list is fixed; its digest (applicants_sha256) can be published
//   drawn       the seed is set and the result computed; the run can no longer be drawn again
//   published   locked for good
// A re-run is a new run that `replaces` an earlier one and must use another seed; both are kept.
// Every state change writes its audit entry in the same transaction.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "enroll/enroll_files.hpp"
#include "enroll/lottery_number.hpp"
#include "enroll/matching.hpp"
#include "policy/policy.hpp"
#include "store/connection.hpp"

namespace youjun::enroll {

// method "lottery": one school per applicant (电脑派位, 公民同招); "match": 多校划片, each student ranks
// several schools and the profile's mechanism (enroll.match.mechanism) assigns them.
struct RunRecord {
  std::string id, title, policy, status, applicants_sha256, seed, replaces, method = "lottery";
  int64_t applicant_count = 0;
  std::string created_by, created_at, drawn_by, drawn_at, published_by, published_at;
};

struct NewRun {
  std::string title, policy, replaces;
  std::vector<LotteryApplicant> applicants;  // method "lottery"
  std::vector<SchoolSeats> seats;
  std::string method = "lottery";
  MatchProblem match;                        // method "match": students and their ranked schools (seats from `seats`)
};

// Why a state change was refused (the HTTP layer maps these to 404/409/400).
enum class RunRefusal { None, NotFound, WrongState, SeedReused, ReplacesUnknown, ReplacesNotDrawn };
std::string refusal_message(RunRefusal r, const std::string& id);

struct RunChange {
  RunRefusal refusal = RunRefusal::None;
  RunRecord run;  // the run after the change (when refusal is None)
};

// The stored text forms (sorted, "\n" line ends), from which a draw is recomputed.
std::string applicants_file(const std::vector<LotteryApplicant>& applicants);
std::string seats_file(const std::vector<SchoolSeats>& seats);

Result<RunChange> create_run(store::Connection& db, const NewRun& run, const std::string& actor, int64_t now);
// `seed` normalized; `policy` the run's profile: its cited rules go inside the result, and a match run uses
// its mechanism (enroll.match.mechanism).
Result<RunChange> draw_run(store::Connection& db, const std::string& id, const std::string& seed,
                           const policy::Policy& policy, const std::string& actor, int64_t now);
Result<RunChange> publish_run(store::Connection& db, const std::string& id, const std::string& actor, int64_t now);

Result<std::vector<RunRecord>> list_runs(store::Connection& db);
Result<std::optional<RunRecord>> find_run(store::Connection& db, const std::string& id);
// One stored text of a run: "applicants" (a lottery's 4 columns; a match's canonical students file),
// "canonical" (the digest's file), "seats", "result".
Result<std::optional<std::string>> run_text(store::Connection& db, const std::string& id, const std::string& which);

nlohmann::json run_json(const RunRecord& r);

// Where a drawn run placed each applicant, whichever the method: admitted at school_id (a match also says
// which choice), or for a lottery on the waiting list with the 公民同招 fallback school; a match's unassigned
// student (统筹安排) has neither.
struct RunPlacement {
  std::string school_id;
  bool admitted = false;
  int64_t waitlist_place = 0;      // lottery, not admitted: 1-based
  std::string fallback_school_id;  // lottery: "" = none
  int choice_rank = 0;             // match, admitted: 1-based
};
Result<std::map<std::string, RunPlacement>> run_placements(const std::string& method, const nlohmann::json& result);

// A drawn match run read back for explanations: the problem from its stored files, the lottery numbers from
// its seed and the matching its result records.
struct DrawnMatch {
  MatchProblem problem;
  std::vector<LotteryNumber> numbers;
  Matching matching;
  std::string mechanism, seed;
};
Result<DrawnMatch> drawn_match(store::Connection& db, const RunRecord& run);

// The rules a drawn lottery result cites: method, tier-and-lottery-only, forbidden columns
// (policy::cited_rules_json of these keys).
const std::vector<std::string>& lottery_rule_keys();

}  // namespace youjun::enroll
