#pragma once
// 多校划片 matching outside the pure engine (issue 6 §3): reading and numbering a problem, running the
// chosen mechanism, the canonical students file whose SHA-256 is published before the draw, and reading a
// published result back. Shared by `youjun enroll match` / `verify` and the 派位 runs in the database, so
// the CLI, the API and the parent's page see one reading of the same result.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/row_error.hpp"
#include "enroll/lottery_number.hpp"
#include "enroll/matching.hpp"
#include "io/table.hpp"

namespace youjun::enroll {

inline constexpr const char* kDeferredAcceptance = "deferred_acceptance";
inline constexpr const char* kImmediateAcceptance = "immediate_acceptance";

// "da" / "boston" are accepted as short names; "" when the name is neither mechanism.
std::string mechanism_name(const std::string& name);

// The lottery number of every student (seed normalized) and their rank in number order.
std::vector<LotteryNumber> number_students(MatchProblem& p, const std::string& seed);

Matching run_mechanism(const MatchProblem& p, const std::string& mechanism);

// The canonical students file: UTF-8, header "student_id,prefs,tier,tiers", one line per student sorted by
// student_id (byte order), "\n" line ends; prefs `|`-joined best first; tier = the tier at the first choice
// (1 when the list is empty); tiers = the per-choice tiers `|`-joined when they differ, else empty. Reading it
// back gives the same problem, so it is both the digest's file and the stored input.
std::string canonical_students(const MatchProblem& p);

// Where a published matching placed each student: the school (or "" = 统筹安排) and its choice rank.
struct MatchPlacement {
  std::string school_id;
  int choice_rank = 0;  // 0 = unassigned
};
Result<std::map<std::string, MatchPlacement>> match_placements(const nlohmann::json& result);

// The matching a published result records, for explanations against the problem it was drawn from.
Result<Matching> matching_from_result(const MatchProblem& p, const nlohmann::json& result);

// The rules a drawn matching cites (policy::cited_rules_json of these keys).
const std::vector<std::string>& match_rule_keys();

}  // namespace youjun::enroll
