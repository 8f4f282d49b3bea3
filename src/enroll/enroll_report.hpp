#pragma once
// JSON forms of lottery and matching results (the CLI and the API print the same), explanations
// for one student, and reading a published lottery result back for `youjun enroll verify`.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "enroll/lottery.hpp"
#include "enroll/lottery_number.hpp"
#include "enroll/matching.hpp"

namespace youjun::enroll {

// {"applicants_sha256", "seed", "schools": [{"school_id", "seats", "admitted", "waitlist"}], "rules"}
nlohmann::json lottery_to_json(const LotteryResult& r, const nlohmann::json& rules);
Result<LotteryResult> lottery_from_json(const nlohmann::json& j);

// Everything a matching report needs besides the problem and the matching.
struct MatchContext {
  const MatchProblem& problem;
  const Matching& matching;
  const std::vector<LotteryNumber>& numbers;  // per student
  std::string mechanism;                      // "deferred_acceptance" | "immediate_acceptance"
  std::string seed;
};

// {"mechanism", "seed", "stats", "assignments": [...], "schools": [...], "unassigned": [...]} plus
// `extra` members (rules, comparison, timings) merged at the top level. Written directly (1M students
// make a 60 MB document); assignments in input order, schools in the schools file's order.
std::string match_to_json(const MatchContext& c, const nlohmann::json& extra);

// Why student s got what they got: for each choice, the school's seats, filled count and cutoff
// against the student's own tier and lottery number.
nlohmann::json explain_student(const MatchContext& c, size_t s);
// The same in Chinese sentences, one per line, for the CLI.
std::string explanation_text(const nlohmann::json& explanation);

// Students better off under one mechanism than the other (a lower choice rank; any school beats none).
struct MechanismComparison {
  size_t better_under_da = 0, better_under_boston = 0, same = 0;
};
MechanismComparison compare_mechanisms(const Matching& da, const Matching& boston);

}  // namespace youjun::enroll
