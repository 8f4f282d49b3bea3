#pragma once
// 派位 runs in the database (issue 6 §6): register → draw (once, with the public seed) → publish (locked).
//   registered  the applicant list is fixed; its digest (applicants_sha256) can be published
//   drawn       the seed is set and the result computed; the run can no longer be drawn again
//   published   locked for good
// A re-run is a new run that `replaces` an earlier one and must use another seed; both are kept.
// Every state change writes its audit entry in the same transaction.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "enroll/enroll_files.hpp"
#include "store/connection.hpp"

namespace youjun::enroll {

struct RunRecord {
  std::string id, title, policy, status, applicants_sha256, seed, replaces;
  int64_t applicant_count = 0;
  std::string created_by, created_at, drawn_by, drawn_at, published_by, published_at;
};

struct NewRun {
  std::string title, policy, replaces;
  std::vector<LotteryApplicant> applicants;
  std::vector<SchoolSeats> seats;
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
// `seed` normalized; `rules` the cited rules of the run's policy (stored inside the result).
Result<RunChange> draw_run(store::Connection& db, const std::string& id, const std::string& seed,
                           const nlohmann::json& rules, const std::string& actor, int64_t now);
Result<RunChange> publish_run(store::Connection& db, const std::string& id, const std::string& actor, int64_t now);

Result<std::vector<RunRecord>> list_runs(store::Connection& db);
Result<std::optional<RunRecord>> find_run(store::Connection& db, const std::string& id);
// One stored text of a run: "applicants" (4 columns), "canonical" (the digest's file), "seats", "result".
Result<std::optional<std::string>> run_text(store::Connection& db, const std::string& id, const std::string& which);

nlohmann::json run_json(const RunRecord& r);

// The rules a drawn lottery result cites: method, tier-and-lottery-only, forbidden columns
// (policy::cited_rules_json of these keys).
const std::vector<std::string>& lottery_rule_keys();

}  // namespace youjun::enroll
