#include "admit/admit_run.hpp"

#include "admit/admit_files.hpp"
#include "admit/admit_report.hpp"
#include "admit/quota.hpp"
#include "enroll/lottery_number.hpp"
#include "policy/policy_report.hpp"

namespace youjun::admit {

namespace {
Error bad_input(const RowErrors& errors) { return Error{"输入有误：" + std::to_string(errors.size()) + " 处错误，未计算任何结果"}; }
}  // namespace

Result<nlohmann::json> compute_quota(const io::Table& hs_table, const io::Table& js_table, const policy::Policy& policy,
                                     int year, RowErrors& errors) {
  auto rules = quota_policy(policy, year);
  if (!rules) return Error{"策略 " + policy.name() + "：" + rules.error().message};
  auto cited = policy::cited_rules_json(policy, rules->keys);
  if (!cited) return cited.error();
  std::vector<HighSchool> high_schools;
  std::vector<JuniorSchool> juniors;
  errors = read_high_schools(hs_table, rules->rules.same_county, high_schools);
  RowErrors more = read_juniors(js_table, juniors);
  errors.insert(errors.end(), more.begin(), more.end());
  if (!errors.empty()) return bad_input(errors);
  auto allocations = allocate_quotas(high_schools, juniors, rules->rules);
  return quota_to_json({high_schools, juniors, allocations, *rules, policy.name(), year}, *cited);
}

void rank_ties_by_lottery(AdmissionProblem& p, const std::string& seed) {
  std::vector<uint8_t> tied = tied_students(p);
  std::vector<std::string> ids;
  std::vector<uint32_t> who;
  for (uint32_t s = 0; s < p.student_count(); ++s)
    if (tied[s]) ids.push_back(p.student_ids[s]), who.push_back(s);
  auto numbers = enroll::lottery_numbers(seed, ids);
  auto ranks = enroll::lottery_ranks(numbers, ids);
  for (size_t k = 0; k < who.size(); ++k) p.lottery_rank[who[k]] = ranks[k];
}

Result<PreparedAdmission> prepare_admission(const io::Table& students, const io::Table& hs_table, const nlohmann::json& quota,
                                            const std::string& quota_name, const policy::Policy& policy, int year,
                                            const std::string& seed, std::optional<Milli> min_total, RowErrors& errors) {
  PreparedAdmission m;
  auto rules = admission_policy(policy, year);
  if (!rules) return Error{"策略 " + policy.name() + "：" + rules.error().message};
  m.rules = std::move(*rules);
  if (min_total && !m.rules.min_line_allowed)
    return Error{"策略 " + policy.name() + " 不设指标生最低控制线（admission.quota_allocation.min_line_allowed = false），不能设定最低控制线"};
  auto cited = policy::cited_rules_json(policy, m.rules.keys);
  if (!cited) return cited.error();
  m.rules_json = *cited;
  if (min_total)
    m.rules_json.push_back({{"key", "quota_min_total"}, {"value", milli_to_double(*min_total)},
                            {"cite", "本次录取设定的指标生最低控制线"}, {"profile", "run"}});
  std::vector<HighSchool> high_schools;
  errors = read_high_schools(hs_table, false, high_schools);
  if (errors.empty()) errors = read_admission_input(students, high_schools, quota, quota_name, m.rules, m.problem);
  if (!errors.empty()) return bad_input(errors);
  m.problem.quota_min_total = min_total;
  for (const char* key : {"share", "profile", "year"})
    if (quota.contains(key)) m.quota_summary[key] = quota[key];
  rank_ties_by_lottery(m.problem, seed);
  return m;
}

Result<RoundAdmission> compute_round_admission(const RoundInputs& in, const std::string& seed) {
  auto policy = policy::load_policy(in.policy);
  if (!policy) return policy.error();
  auto students = io::parse_csv(in.students_csv, "students.csv");
  auto high_schools = io::parse_csv(in.high_schools_csv, "high_schools.csv");
  if (!students || !high_schools) return make_error("已存的考生或高中文件无法读取");
  auto quota = nlohmann::json::parse(in.quota_json, nullptr, false);
  if (quota.is_discarded()) return make_error("已存的名额表无法读取");
  RowErrors errors;
  auto m = prepare_admission(*students, *high_schools, quota, "quota.json", *policy, in.year, seed, std::nullopt, errors);
  if (!errors.empty()) return make_error("已存的输入有误：" + errors[0].to_string());
  if (!m) return m.error();
  Admission a = admit_students(m->problem);
  return RoundAdmission{std::move(*students), std::move(*m), std::move(a)};
}

Result<std::string> round_result_json(const RoundInputs& in, const std::string& seed) {
  auto run = compute_round_admission(in, seed);
  if (!run) return run.error();
  AdmissionContext context{run->prepared.problem, run->admission, in.policy, seed, in.year};
  return admission_to_json(context, run->prepared.rules_json, run->prepared.quota_summary);
}

}  // namespace youjun::admit
