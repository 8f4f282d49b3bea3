#pragma once
// The published 派位 runs, each read once per server process: a published run never changes (a re-run is a new
// run), so its placements — and for a 多校划片 match, the problem and matching behind explanations — are kept in
// memory instead of parsing the stored result on every parent's status request. Keyed by run id, seed and
// digest, so a database restored under a running server is read afresh.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/result.hpp"
#include "enroll/runs.hpp"
#include "store/connection.hpp"

namespace youjun::server {

struct PublishedRun {
  enroll::RunRecord run;
  std::map<std::string, enroll::RunPlacement> placements;  // by applicant / student id
  std::optional<enroll::DrawnMatch> match;                 // match runs
  std::unordered_map<std::string, size_t> student_index;   // match: id → index in match->problem

  // Why the match placed student `id` where it did (enroll::explain_student); null when not in this run.
  nlohmann::json explain(const std::string& id) const;
};

// A drawn run read from the database (not cached: it may still be replaced before publication).
Result<std::shared_ptr<const PublishedRun>> read_drawn_run(store::Connection& db, const enroll::RunRecord& run);

class PublishedRuns {
 public:
  // `run` must be published.
  Result<std::shared_ptr<const PublishedRun>> get(store::Connection& db, const enroll::RunRecord& run);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const PublishedRun>> cache_;  // key: id, seed, digest
};

}  // namespace youjun::server
