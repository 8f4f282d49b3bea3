#pragma once
// The admission rules of a policy profile (policy/national.toml, "高中阶段招生"), with the keys each
// result cites. Every number and order the admission engines use comes from here.
#include <string>
#include <vector>

#include "admit/admission.hpp"
#include "admit/quota.hpp"
#include "core/result.hpp"
#include "policy/policy.hpp"

namespace youjun::admit {

struct QuotaPolicy {
  QuotaRules rules;
  double share = 0;
  std::vector<std::string> keys;  // cited in the result
};
// The rules in force in `year` (the share may change by year: 金华 85 % from 2025).
Result<QuotaPolicy> quota_policy(const policy::Policy& policy, int year);

struct AdmissionPolicy {
  std::vector<BatchSpec> batches;
  std::vector<std::vector<std::string>> tiebreak;  // each key: the columns it adds up
  bool min_line_allowed = true;
  std::vector<std::string> keys;
};
Result<AdmissionPolicy> admission_policy(const policy::Policy& policy, int year);

// A 中考 component (admission.score.component.<name>): "score full=120 [points=20] label=语文" or
// "grade A=20 B=16 … label=…".
struct ScoreComponent {
  std::string name, label;
  bool graded = false;
  Milli full = 0, points = 0;                          // score: raw 0..full → raw × points / full
  std::vector<std::pair<std::string, Milli>> grades;   // grade: letter → points
  Milli max_points() const;
};
struct ScoreScheme {
  std::vector<ScoreComponent> components;
  int decimals = 1;
  std::vector<std::string> keys;
};
Result<ScoreScheme> score_scheme(const policy::Policy& policy, int year);
// Parses one component's text; the error says what is wrong with it.
Result<ScoreComponent> parse_component(const std::string& name, const std::string& spec);

}  // namespace youjun::admit
