// `youjun enroll eligibility` — each applicant's tier derived by the profile's rules, with the derivation,
// and the 3-year one-household housing rule (issue 6 §5). Its --lottery-out file feeds `enroll lottery`.
#include <algorithm>
#include <cstdio>

#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "enroll/eligibility_files.hpp"
#include "enroll/eligibility_policy.hpp"
#include "enroll/table_cells.hpp"

namespace youjun::cli {

namespace {

struct EligibilityArgs {
  std::string applications, history, out, lottery_out, policy = "national";
  int year = 0;
  bool json = false;
};

nlohmann::json result_json(const std::vector<enroll::EligibilityResult>& results, const enroll::EligibilityParams& params) {
  nlohmann::json applicants = nlohmann::json::array();
  std::map<std::string, size_t> by_tier;
  size_t none = 0, flagged = 0;
  for (const auto& r : results) {
    nlohmann::json one = enroll::eligibility_json(r);
    one["applicant_id"] = r.application->applicant_id;
    one["school_id"] = r.application->school_id;
    applicants.push_back(std::move(one));
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
  auto params = enroll::eligibility_params(*policy, a.year ? a.year : this_year(), keys);
  if (!params) return fail(params.error().message);
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
