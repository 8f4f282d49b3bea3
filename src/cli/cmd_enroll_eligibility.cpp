// `youjun enroll eligibility` — each applicant's tier derived by the profile's rules, with the derivation,
// and the 3-year one-household housing rule (issue 6 §5). Its --lottery-out file feeds `enroll lottery`.
#include <algorithm>
#include <cstdio>

#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "enroll/eligibility_files.hpp"
#include "enroll/table_cells.hpp"

namespace youjun::cli {

namespace {

struct EligibilityArgs {
  std::string applications, history, out, lottery_out, policy = "national";
  int year = 0;
  bool json = false;
};

const std::string kTierPrefix = "enroll.eligibility.tier.";

// The profile's tier rules "名称: 条件", ascending; prints the problem and returns nullopt on a bad rule.
std::optional<std::vector<enroll::TierRule>> tier_rules(const policy::Policy& p, std::vector<std::string>& keys) {
  std::vector<enroll::TierRule> tiers;
  for (const auto& key : p.keys(kTierPrefix)) {
    auto rule = p.rule(key);
    std::string number = key.substr(kTierPrefix.size());
    const std::string* text = rule ? std::get_if<std::string>(&rule->value) : nullptr;
    size_t colon = text ? text->find(':') : std::string::npos;
    bool numeric = !number.empty() && number.size() < 5 && std::all_of(number.begin(), number.end(), ::isdigit);
    if (!text || colon == std::string::npos || !numeric) {
      std::fprintf(stderr, "策略 %s 的 %s 应为文本“名称: 条件”，键名以类别号结尾\n", p.name().c_str(), key.c_str());
      return std::nullopt;
    }
    auto condition = enroll::parse_tier_condition(text->substr(colon + 1));
    if (!condition) {
      std::fprintf(stderr, "策略 %s 的 %s：%s\n", p.name().c_str(), key.c_str(), condition.error().message.c_str());
      return std::nullopt;
    }
    std::string name = text->substr(0, colon);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    tiers.push_back({std::stoi(number), name, rule->citation(), std::move(*condition)});
    keys.push_back(key);
  }
  std::sort(tiers.begin(), tiers.end(), [](const auto& a, const auto& b) { return a.tier < b.tier; });
  if (tiers.empty()) std::fprintf(stderr, "策略 %s 没有类别规则 %s*\n", p.name().c_str(), kTierPrefix.c_str());
  if (tiers.empty()) return std::nullopt;
  return tiers;
}

std::optional<enroll::EligibilityParams> eligibility_params(const policy::Policy& p, int year,
                                                            std::vector<std::string>& keys) {
  enroll::EligibilityParams params;
  params.year = year ? year : this_year();
  auto tiers = tier_rules(p, keys);
  if (!tiers) return std::nullopt;
  params.tiers = std::move(*tiers);
  if (auto docs = p.rule("enroll.eligibility.migrant_documents"); docs && std::holds_alternative<std::string>(docs->value)) {
    enroll::split_on(std::get<std::string>(docs->value), '|',
                     [&](std::string_view doc) { params.migrant_documents.emplace_back(doc); });
    params.documents_citation = docs->citation();
    keys.push_back(docs->key);
  }
  // The one-household rule exists only where a profile sets it (002 金华); without it no home is checked.
  if (auto years = p.rule("enroll.housing.one_household_years"); years && std::holds_alternative<double>(years->value)) {
    params.one_household_years = static_cast<int>(std::get<double>(years->value));
    params.housing_citation = years->citation();
    keys.push_back(years->key);
  }
  return params;
}

nlohmann::json result_json(const std::vector<enroll::EligibilityResult>& results, const enroll::EligibilityParams& params) {
  nlohmann::json applicants = nlohmann::json::array();
  std::map<std::string, size_t> by_tier;
  size_t none = 0, flagged = 0;
  for (const auto& r : results) {
    nlohmann::json flags = nlohmann::json::array();
    for (const auto& f : r.flags) flags.push_back({{"kind", f.kind}, {"message", f.message}});
    applicants.push_back({{"applicant_id", r.application->applicant_id},
                          {"school_id", r.application->school_id},
                          {"tier", r.tier ? nlohmann::json(*r.tier) : nullptr},
                          {"tier_name", r.tier_name},
                          {"derivation", r.derivation},
                          {"flags", flags}});
    if (r.tier) ++by_tier[std::to_string(*r.tier)];
    else ++none;
    flagged += !r.flags.empty();
  }
  return {{"year", params.year},
          {"one_household_years", params.one_household_years ? nlohmann::json(params.one_household_years) : nullptr},
          {"summary", {{"applicants", results.size()}, {"by_tier", by_tier}, {"no_tier", none}, {"flagged", flagged}}},
          {"applicants", applicants}};
}

int run_eligibility(const EligibilityArgs& a) {
  auto policy = policy::load_policy(a.policy);
  if (!policy) return fail(policy.error().message);
  std::vector<std::string> keys;
  auto params = eligibility_params(*policy, a.year, keys);
  if (!params) return kExitFailure;
  auto rules = cited_rules(*policy, keys);
  if (!rules) return kExitFailure;

  auto table = read_input_table(a.applications);
  if (!table) return kExitBadInput;
  std::vector<enroll::Application> applications;
  std::vector<enroll::HomeUse> history;
  RowErrors errors = enroll::read_applications(*table, applications);
  if (!a.history.empty()) {
    auto history_table = read_input_table(a.history);
    if (!history_table) return kExitBadInput;
    auto more = enroll::read_home_history(*history_table, history);
    errors.insert(errors.end(), more.begin(), more.end());
  }
  if (!errors.empty()) return report_row_errors(errors);

  auto results = enroll::derive_tiers(applications, history, *params);
  if (!a.lottery_out.empty()) {
    std::string csv = "applicant_id,school_id,tier\n";
    for (const auto& r : results)
      if (r.tier) csv += r.application->applicant_id + "," + r.application->school_id + "," + std::to_string(*r.tier) + "\n";
    if (!write_output(a.lottery_out, csv)) return kExitFailure;
  }
  std::string text;
  if (a.json || !a.out.empty()) {
    auto j = result_json(results, *params);
    j["rules"] = *rules;
    text = j.dump(2) + "\n";
  } else {
    for (const auto& r : results) {
      text += r.application->applicant_id + "  " + r.application->school_id + "  " +
              (r.tier ? "第 " + std::to_string(*r.tier) + " 类 " + r.tier_name : std::string("无类别（统筹安排）")) + "\n";
      for (const auto& line : r.derivation) text += "    " + line + "\n";
    }
  }
  bool written = write_output(a.out, text);
  size_t flagged = std::count_if(results.begin(), results.end(), [](const auto& r) { return !r.flags.empty(); });
  size_t none = std::count_if(results.begin(), results.end(), [](const auto& r) { return !r.tier; });
  std::fprintf(stderr, "%zu 名申请人（%d 年，策略 %s）：无类别 %zu，须核对房产 %zu%s\n", results.size(), params->year,
               policy->name().c_str(), none, flagged,
               params->one_household_years ? "" : "；本策略没有“一套住宅限一户”规则，未核对房产");
  return written ? kExitOk : kExitFailure;
}

}  // namespace

void add_enroll_eligibility_command(CLI::App* enroll, Runner& selected) {
  auto a = std::make_shared<EligibilityArgs>();
  auto* cmd = enroll->add_subcommand("eligibility", "入学资格：按策略规则推定每位申请人的类别并写明依据，核对一房一户 / tiers by policy");
  cmd->add_option("--applications", a->applications,
                  "申请文件 applicant_id,school_id[,household_id,home_id,hukou_in_catchment,owns_home_in_catchment,…]")
      ->required();
  cmd->add_option("--history", a->history, "往年房产入学记录 home_id,household_id,year[,applicant_id]");
  cmd->add_option("--year", a->year, "入学年份（缺省：今年）");
  cmd->add_option("--policy", a->policy, "策略配置（缺省 national；金华 jinhua 有 3 年一户规则）");
  cmd->add_flag("--json", a->json, "输出 JSON（缺省输出每人的推定过程）");
  cmd->add_option("--out", a->out, "把结果写入文件");
  cmd->add_option("--lottery-out", a->lottery_out, "同时写出摇号申请文件 applicant_id,school_id,tier（只含有类别者）");
  on_run(cmd, selected, [a] { return run_eligibility(*a); });
}

}  // namespace youjun::cli
