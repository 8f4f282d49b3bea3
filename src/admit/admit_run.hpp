#pragma once
// One quota allocation or admission from input tables and a profile: what `youjun admit quota | match`
// and the 招生轮次 routes share. Bad rows go to `errors` (the call then fails with "输入有误"); a profile
// problem fails with its message and leaves `errors` empty.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "admit/admission.hpp"
#include "admit/admit_rules.hpp"
#include "admit/rounds.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::admit {

// The JSON of `admit quota` (with its cited rules).
Result<nlohmann::json> compute_quota(const io::Table& high_schools, const io::Table& juniors, const policy::Policy& policy,
                                     int year, RowErrors& errors);

struct PreparedAdmission {
  AdmissionProblem problem;
  AdmissionPolicy rules;
  nlohmann::json rules_json;                                 // cited rules (and the quota line if any)
  nlohmann::json quota_summary = nlohmann::json::object();  // QUOTA.json's share, profile and year
};
// Reads the students against the high schools and QUOTA.json and ranks ties by the seed's lottery.
// `min_total`: a 指标生最低控制线, refused (error) where the profile has abolished it.
Result<PreparedAdmission> prepare_admission(const io::Table& students, const io::Table& high_schools,
                                            const nlohmann::json& quota, const std::string& quota_name,
                                            const policy::Policy& policy, int year, const std::string& seed,
                                            std::optional<Milli> min_total, RowErrors& errors);
// The lottery ranks of the students whose total and chain tie with someone (only they need a number).
void rank_ties_by_lottery(AdmissionProblem& p, const std::string& seed);

// The admission of a round's stored inputs for `seed`: what `admit_round` stores, and what a student
// lookup recomputes (with the parsed students file, for the score breakdown).
struct RoundAdmission {
  io::Table students;
  PreparedAdmission prepared;
  Admission admission;
};
Result<RoundAdmission> compute_round_admission(const RoundInputs& in, const std::string& seed);
// Its `admit match --json` text.
Result<std::string> round_result_json(const RoundInputs& in, const std::string& seed);

}  // namespace youjun::admit
