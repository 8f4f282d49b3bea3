#pragma once
// The eligibility rules of a policy profile (issue 6 §5): the tier rules enroll.eligibility.tier.<n>
// ("名称: 条件"), the 随迁子女 documents and, where the profile sets it, the one-household housing window
// (002 金华). Shared by `youjun enroll eligibility` and the online application (网上报名) routes.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "enroll/eligibility.hpp"
#include "policy/policy.hpp"

namespace youjun::enroll {

// `keys` gets the policy keys used (for the cited rules); an error names the bad rule.
Result<EligibilityParams> eligibility_params(const policy::Policy& policy, int year, std::vector<std::string>& keys);

// {"tier","tier_name","derivation","flags":[{"kind","message"}]} of one applicant.
nlohmann::json eligibility_json(const EligibilityResult& r);

}  // namespace youjun::enroll
