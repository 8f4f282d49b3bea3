#pragma once
// The JSON of `youjun admit quota | score | match` and the explanation of one student's result.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "admit/admission.hpp"
#include "admit/admit_rules.hpp"
#include "admit/score.hpp"

namespace youjun::admit {

struct QuotaContext {
  const std::vector<HighSchool>& high_schools;
  const std::vector<JuniorSchool>& juniors;
  const std::vector<QuotaAllocation>& allocations;
  const QuotaPolicy& policy;
  std::string profile;
  int year = 0;
};
// {"profile","year","share","rules":[…],"high_schools":[{"hs_id","name","plan","quality","quota_total",
//  "share_of_plan","graduates_pool","by_junior":{…}, …}],"juniors":[{"js_id","county","graduates","quota_seats"}]}
nlohmann::json quota_to_json(const QuotaContext& c, const nlohmann::json& rules);

nlohmann::json scores_to_json(const ScoreScheme& scheme, const std::vector<StudentScore>& students,
                              const std::string& profile, const nlohmann::json& rules);

struct AdmissionContext {
  const AdmissionProblem& problem;
  const Admission& admission;
  std::string profile, seed;
  int year = 0;
};
// {"profile","seed","batches":[…],"rules":[…],"assignments":[…],"high_schools":[…]} (issue 7 §3 keys);
// assignments in the students file's order, each with its 1-based rank `position`.
// `quota`: what the result says of the quota file it used ({"share","profile","year"}).
std::string admission_to_json(const AdmissionContext& c, const nlohmann::json& rules, const nlohmann::json& quota);
// Per high school: filled, seats and cutoff of each batch (also used by the summary text).
struct SchoolBatchResult {
  uint32_t seats = 0, filled = 0;
  std::optional<Milli> cutoff_total;  // lowest total admitted in this batch
};
std::vector<std::vector<SchoolBatchResult>> school_batch_results(const AdmissionContext& c);

// Why student s got what they got: their place, and for every school above it in each batch the reason.
// The family's view (with_positions false) leaves out every place in the order — the student's own and the
// last admitted's — and names only the last admitted total (the school's published cutoff), 001.
nlohmann::json explain_admission(const AdmissionContext& c, size_t s, bool with_positions = true);
std::string explanation_text(const nlohmann::json& explanation);
// A JSON number as people write it: 402 rather than 402.0, 402.5 as is; null as "".
std::string number_text(const nlohmann::json& v);

}  // namespace youjun::admit
