#pragma once
// Rules of eligibility (issue 6 §5): each applicant's admission tier derived from household, housing and
// residence facts by the tier rules of the policy profile, with the derivation spelled out for staff and
// parents, and the housing rule of 002 金华 (一套住宅 3 年内只允许一户家庭子女入学): a home already used by
// another household inside the window does not count, and the earlier use is named.
//
// A tier rule is a condition over the applicant's facts: alternatives separated by `|`, each a
// conjunction of fact names separated by `&` ("hukou_in_catchment & owns_home_in_catchment | talent_housing").
// The tier is the number of the first rule that holds; none holds → not in any tier (统筹安排).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace youjun::enroll {

// The facts a rule may name, in the order the derivation lists them.
const std::vector<std::string>& eligibility_fact_names();
// 户籍在学区, … for the derivation text.
std::string fact_zh(const std::string& fact);

struct TierRule {
  int tier = 0;
  std::string name;                                    // e.g. 户籍与房产均在学区
  std::string citation;                                // the policy rule, for the derivation
  std::vector<std::vector<std::string>> alternatives;  // OR of ANDs of fact names
};

// Parses "a & b | c"; an unknown fact name or an empty term is an error naming it.
Result<std::vector<std::vector<std::string>>> parse_tier_condition(const std::string& text);

struct Application {
  std::string applicant_id, school_id, household_id, home_id;
  std::map<std::string, bool> facts;      // by fact name; absent = false
  std::vector<std::string> documents;     // 随迁子女 documents handed in
};

// An earlier use of a home for enrollment (this bureau's records of past years).
struct HomeUse {
  std::string home_id, household_id, applicant_id;
  int year = 0;
};

struct EligibilityFlag {
  std::string kind;     // "home_used_by_other_household" | "home_shared_this_year"
  std::string message;  // zh-CN, names the earlier use
};

struct EligibilityResult {
  const Application* application = nullptr;
  std::optional<int> tier;
  std::string tier_name;
  std::vector<std::string> derivation;  // one line per step, zh-CN
  std::vector<EligibilityFlag> flags;
};

struct EligibilityParams {
  int year = 0;                                  // the intake year
  int one_household_years = 0;                   // policy enroll.housing.one_household_years
  std::string housing_citation;                  // that rule's citation
  std::vector<std::string> migrant_documents;    // policy enroll.eligibility.migrant_documents
  std::string documents_citation;
  std::vector<TierRule> tiers;                   // ascending tier
};

// One result per application, in input order.
std::vector<EligibilityResult> derive_tiers(const std::vector<Application>& applications,
                                            const std::vector<HomeUse>& history, const EligibilityParams& params);

}  // namespace youjun::enroll
