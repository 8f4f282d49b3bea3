#include "server/published_runs.hpp"

#include "enroll/enroll_report.hpp"

namespace youjun::server {

nlohmann::json PublishedRun::explain(const std::string& id) const {
  auto it = student_index.find(id);
  if (!match || it == student_index.end()) return nullptr;
  enroll::MatchContext context{match->problem, match->matching, match->numbers, match->mechanism, match->seed};
  return enroll::explain_student(context, it->second);
}

Result<std::shared_ptr<const PublishedRun>> read_drawn_run(store::Connection& db, const enroll::RunRecord& run) {
  auto out = std::make_shared<PublishedRun>();
  out->run = run;
  auto text = enroll::run_text(db, run.id, "result");
  if (!text) return text.error();
  if (!*text) return make_error("派位 " + run.id + " 尚无结果");
  auto placements = enroll::run_placements(run.method, nlohmann::json::parse(**text, nullptr, false));
  if (!placements) return placements.error();
  out->placements = std::move(*placements);
  if (run.method == "match") {
    auto match = enroll::drawn_match(db, run);
    if (!match) return match.error();
    out->match = std::move(*match);
    for (size_t s = 0; s < out->match->problem.student_count(); ++s) out->student_index[out->match->problem.student_ids[s]] = s;
  }
  return std::shared_ptr<const PublishedRun>(std::move(out));
}

Result<std::shared_ptr<const PublishedRun>> PublishedRuns::get(store::Connection& db, const enroll::RunRecord& run) {
  const std::string key = run.id + "\n" + run.seed + "\n" + run.applicants_sha256;
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  // Read outside the lock (two requests may both read a run the first time; the results are the same).
  auto read = read_drawn_run(db, run);
  if (!read) return read.error();
  std::lock_guard lock(mutex_);
  return cache_.emplace(key, *read).first->second;
}

}  // namespace youjun::server
