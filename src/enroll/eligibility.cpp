#include "enroll/eligibility.hpp"

#include <algorithm>
#include <set>

#include "enroll/table_cells.hpp"

namespace youjun::enroll {

namespace {

const std::map<std::string, std::string>& fact_labels() {
  static const std::map<std::string, std::string> labels = {
      {"hukou_in_catchment", "户籍在学区"},       {"owns_home_in_catchment", "房产在学区"},
      {"rents_in_catchment", "租房在学区"},       {"residence_permit", "有居住证"},
      {"talent_housing", "住人才房"},             {"migrant", "随迁子女"},
      {"migrant_documents_complete", "随迁子女材料齐全"}};
  return labels;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  split_on(text, sep, [&](std::string_view part) { parts.emplace_back(part); });
  return parts;
}

std::string yes_no(bool b) { return b ? "是" : "否"; }

// "户籍在学区 且 房产在学区" for one alternative.
std::string conjunction_zh(const std::vector<std::string>& facts) {
  std::string out;
  for (size_t i = 0; i < facts.size(); ++i) out += (i ? " 且 " : "") + fact_zh(facts[i]);
  return out;
}

}  // namespace

const std::vector<std::string>& eligibility_fact_names() {
  static const std::vector<std::string> names = {"hukou_in_catchment", "owns_home_in_catchment", "rents_in_catchment",
                                                 "residence_permit",   "talent_housing",         "migrant",
                                                 "migrant_documents_complete"};
  return names;
}

std::string fact_zh(const std::string& fact) {
  auto it = fact_labels().find(fact);
  return it == fact_labels().end() ? fact : it->second;
}

Result<std::vector<std::vector<std::string>>> parse_tier_condition(const std::string& text) {
  std::vector<std::vector<std::string>> alternatives;
  for (const auto& alternative : split(text, '|')) {
    std::vector<std::string> facts;
    for (const auto& fact : split(alternative, '&')) {
      if (fact.empty()) return make_error("类别条件“" + text + "”中有空项（应为 事实名 & 事实名 | …）");
      if (!fact_labels().count(fact))
        return make_error("类别条件中的“" + fact + "”不是可用的事实名（可用：hukou_in_catchment、owns_home_in_catchment、"
                          "rents_in_catchment、residence_permit、talent_housing、migrant、migrant_documents_complete）");
      facts.push_back(fact);
    }
    alternatives.push_back(std::move(facts));
  }
  return alternatives;
}

std::vector<EligibilityResult> derive_tiers(const std::vector<Application>& applications,
                                            const std::vector<HomeUse>& history, const EligibilityParams& params) {
  // The rule of 002 金华 (一套住宅 N 年内只允许一户家庭子女入学) applies only where the profile sets N.
  // An application loses its home when another household used that home less than N years ago; of the
  // rest, homes claimed this year by more than one household are flagged for staff to decide.
  auto owns_home = [](const Application& a) {
    auto it = a.facts.find("owns_home_in_catchment");
    return it != a.facts.end() && it->second && !a.home_id.empty();
  };
  auto earlier_use = [&](const Application& a) -> const HomeUse* {
    const HomeUse* latest = nullptr;
    if (params.one_household_years <= 0 || !owns_home(a)) return latest;
    for (const auto& use : history) {
      int age = params.year - use.year;
      if (use.home_id != a.home_id || use.household_id == a.household_id || age < 0 || age >= params.one_household_years)
        continue;
      if (!latest || use.year > latest->year) latest = &use;
    }
    return latest;
  };
  std::vector<const HomeUse*> blocked_by;
  std::map<std::string, std::set<std::string>> households_of_home;
  for (const auto& a : applications) {
    blocked_by.push_back(earlier_use(a));
    if (params.one_household_years > 0 && owns_home(a) && !blocked_by.back()) households_of_home[a.home_id].insert(a.household_id);
  }

  std::vector<EligibilityResult> results;
  results.reserve(applications.size());
  for (const auto& a : applications) {
    EligibilityResult r;
    r.application = &a;
    std::map<std::string, bool> facts = a.facts;
    auto fact = [&](const std::string& name) { return facts.count(name) && facts.at(name); };

    std::string line;
    for (const auto& name : eligibility_fact_names()) {
      if (name == "migrant_documents_complete") continue;
      line += (line.empty() ? "" : "；") + fact_zh(name) + "：" + yes_no(fact(name));
      if (name == "owns_home_in_catchment" && fact(name)) line += "（房产 " + a.home_id + "）";
    }
    r.derivation.push_back(line);

    if (const HomeUse* earlier = blocked_by[results.size()]) {
      std::string msg = "房产 " + a.home_id + " 已于 " + std::to_string(earlier->year) + " 年由另一户（申请人 " +
                        earlier->applicant_id + "）用于入学，" + std::to_string(params.one_household_years) +
                        " 年内只允许一户家庭子女入学：本次不计房产（" + params.housing_citation + "）";
      r.flags.push_back({"home_used_by_other_household", msg});
      r.derivation.push_back(msg);
      facts["owns_home_in_catchment"] = false;
    } else if (owns_home(a) && households_of_home[a.home_id].size() > 1) {
      std::string msg = "房产 " + a.home_id + " 本年有 " + std::to_string(households_of_home[a.home_id].size()) +
                        " 户申请使用，须人工核定哪一户可用（" + params.housing_citation + "）";
      r.flags.push_back({"home_shared_this_year", msg});
      r.derivation.push_back(msg);
    }

    if (fact("migrant")) {
      std::string missing;
      for (const auto& doc : params.migrant_documents)
        if (std::find(a.documents.begin(), a.documents.end(), doc) == a.documents.end())
          missing += (missing.empty() ? "" : "、") + doc;
      facts["migrant_documents_complete"] = missing.empty();
      r.derivation.push_back(missing.empty() ? "随迁子女材料齐全（" + params.documents_citation + "）"
                                             : "随迁子女材料缺：" + missing + "（" + params.documents_citation + "）");
    }

    for (const auto& tier : params.tiers) {
      const std::vector<std::string>* met = nullptr;
      std::string lacking;
      for (const auto& alternative : tier.alternatives) {
        std::string lack;
        for (const auto& f : alternative)
          if (!fact(f)) lack += (lack.empty() ? "" : "、") + fact_zh(f);
        if (lack.empty()) {
          met = &alternative;
          break;
        }
        lacking += (lacking.empty() ? "" : "；或 ") + conjunction_zh(alternative) + "（缺 " + lack + "）";
      }
      if (met) {
        r.tier = tier.tier;
        r.tier_name = tier.name;
        r.derivation.push_back("→ 第 " + std::to_string(tier.tier) + " 类：" + tier.name + "（满足 " +
                               conjunction_zh(*met) + "；" + tier.citation + "）");
        break;
      }
      r.derivation.push_back("第 " + std::to_string(tier.tier) + " 类（" + tier.name + "）需要 " + lacking);
    }
    if (!r.tier) r.derivation.push_back("→ 不符合任何类别：由教育局统筹安排");
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace youjun::enroll
