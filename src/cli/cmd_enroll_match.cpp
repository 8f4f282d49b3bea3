// `youjun enroll match` — 多校划片 matching (issue 6 §3), and verification of a published matching.
#include <chrono>
#include <cstdio>
#include <unordered_map>

#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "enroll/enroll_files.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/lottery_number.hpp"
#include "enroll/match_runs.hpp"
#include "enroll/matching.hpp"

namespace youjun::cli {

namespace {

const char* kDeferred = enroll::kDeferredAcceptance;
const char* kBoston = enroll::kImmediateAcceptance;

struct MatchArgs {
  std::string students, schools, seed, out, explain, mechanism, policy = "national";
  bool json = false, compare_boston = false, timings = false;
};

// The problem with its lottery numbers and ranks, read from the two files.
struct PreparedMatch {
  enroll::MatchProblem problem;
  std::vector<enroll::LotteryNumber> numbers;
  double read_seconds = 0, lottery_seconds = 0;
};

std::optional<PreparedMatch> prepare(const std::string& students_path, const std::string& schools_path,
                                     const std::string& seed) {
  auto t0 = Clock::now();
  auto schools = read_input_table(schools_path);
  auto students = read_input_table(students_path);
  if (!schools || !students) return std::nullopt;
  PreparedMatch m;
  RowErrors errors = enroll::read_match_input(*students, *schools, m.problem);
  if (!errors.empty()) {
    report_row_errors(errors);
    return std::nullopt;
  }
  m.read_seconds = seconds_since(t0);
  auto t1 = Clock::now();
  m.numbers = enroll::number_students(m.problem, seed);
  m.lottery_seconds = seconds_since(t1);
  return m;
}

using enroll::run_mechanism;

std::string summary_text(const enroll::MatchContext& c) {
  const auto& m = c.matching;
  std::vector<size_t> by_rank;
  size_t unassigned = 0;
  for (size_t s = 0; s < m.school_of.size(); ++s) {
    if (m.school_of[s] < 0) { ++unassigned; continue; }
    size_t r = static_cast<size_t>(m.choice_rank[s]);
    if (by_rank.size() < r) by_rank.resize(r, 0);
    ++by_rank[r - 1];
  }
  std::string out = "机制 " + c.mechanism + (m.stats.serial_dictatorship ? "（各校排序一致，按序列独裁计算）" : "") + "，学生 " +
                    std::to_string(m.school_of.size()) + " 人，学校 " + std::to_string(c.problem.school_count()) + " 所\n";
  for (size_t r = 0; r < by_rank.size(); ++r)
    out += "  第 " + std::to_string(r + 1) + " 志愿录取 " + std::to_string(by_rank[r]) + " 人\n";
  out += "  未录取（统筹安排）" + std::to_string(unassigned) + " 人\n";
  out += "  申请次数 " + std::to_string(m.stats.proposals) + "，轮次 " + std::to_string(m.stats.rounds) + "\n";
  return out;
}

int run_match(const MatchArgs& a) {
  auto seed = seed_or_report(a.seed);
  if (!seed) return kExitBadInput;
  auto policy = policy::load_policy(a.policy);
  if (!policy) return fail(policy.error().message);
  std::string mechanism = a.mechanism;
  if (mechanism.empty()) {
    auto configured = policy->text("enroll.match.mechanism");
    mechanism = configured ? *configured : kDeferred;
  }
  mechanism = enroll::mechanism_name(mechanism);
  if (mechanism.empty()) {
    std::fprintf(stderr, "--mechanism 应为 da（deferred_acceptance）或 boston（immediate_acceptance）\n");
    return kExitBadInput;
  }
  auto rules = cited_rules(*policy, enroll::match_rule_keys());
  if (!rules) return kExitFailure;

  auto prepared = prepare(a.students, a.schools, *seed);
  if (!prepared) return kExitBadInput;
  const auto& p = prepared->problem;
  auto t = Clock::now();
  enroll::Matching matching = run_mechanism(p, mechanism);
  double match_seconds = seconds_since(t);
  enroll::MatchContext context{p, matching, prepared->numbers, mechanism, *seed};

  if (!a.explain.empty()) {
    for (size_t s = 0; s < p.student_count(); ++s) {
      if (p.student_ids[s] != a.explain) continue;
      auto e = enroll::explain_student(context, s);
      return write_output(a.out, a.json ? e.dump(2) + "\n" : enroll::explanation_text(e)) ? kExitOk : kExitFailure;
    }
    std::fprintf(stderr, "学生 %s 不在 %s 中\n", a.explain.c_str(), a.students.c_str());
    return kExitBadInput;
  }

  nlohmann::json extra = {{"rules", *rules}};
  if (a.compare_boston) {
    enroll::Matching other = run_mechanism(p, mechanism == kBoston ? kDeferred : kBoston);
    auto c = mechanism == kBoston ? enroll::compare_mechanisms(other, matching) : enroll::compare_mechanisms(matching, other);
    extra["comparison"] = {{"better_under_deferred_acceptance", c.better_under_da},
                           {"better_under_boston", c.better_under_boston},
                           {"same", c.same}};
  }
  t = Clock::now();
  std::string text = a.json || !a.out.empty() ? enroll::match_to_json(context, extra) : summary_text(context);
  if (!a.json && a.out.empty() && extra.contains("comparison")) text += "  比较：" + extra["comparison"].dump() + "\n";
  bool written = write_output(a.out, text);
  if (a.timings)
    std::fprintf(stderr, "用时 timings: read %.3f s, lottery %.3f s, match %.3f s, output %.3f s; proposals %llu, rounds %u%s\n",
                 prepared->read_seconds, prepared->lottery_seconds, match_seconds, seconds_since(t),
                 static_cast<unsigned long long>(matching.stats.proposals), matching.stats.rounds,
                 matching.stats.serial_dictatorship ? ", serial dictatorship" : "");
  return written ? kExitOk : kExitFailure;
}

std::string cutoff_text(const nlohmann::json& cutoff) { return cutoff.is_null() ? "无" : cutoff.dump(); }

}  // namespace

namespace {

int compare_match_result(const nlohmann::json& result, const std::string& students_path,
                         const std::string& schools_path, const std::string& seed) {
  std::string mechanism = result.value("mechanism", "");
  if (mechanism != kDeferred && mechanism != kBoston) {
    std::fprintf(stderr, "结果中的 mechanism 应为 %s 或 %s\n", kDeferred, kBoston);
    return kExitBadInput;
  }
  if (result.value("seed", "") != seed) {
    std::printf("不一致 MISMATCH: 种子不符：结果为 %s，给定种子为 %s\n", result.value("seed", "").c_str(), seed.c_str());
    return kExitFailure;
  }
  auto prepared = prepare(students_path, schools_path, seed);
  if (!prepared) return kExitBadInput;
  const auto& p = prepared->problem;
  enroll::Matching expected = run_mechanism(p, mechanism);
  enroll::MatchContext context{p, expected, prepared->numbers, mechanism, seed};
  auto want = nlohmann::json::parse(enroll::match_to_json(context, nlohmann::json::object()));
  auto mismatch = [](const std::string& what) {
    std::printf("不一致 MISMATCH: %s\n", what.c_str());
    return kExitFailure;
  };
  const auto got_assignments = result.value("assignments", nlohmann::json::array());
  const auto& want_assignments = want["assignments"];
  std::unordered_map<std::string, const nlohmann::json*> got_by_id;
  for (const auto& a : got_assignments) got_by_id[a.value("student_id", "")] = &a;
  for (const auto& w : want_assignments) {
    std::string id = w["student_id"];
    auto it = got_by_id.find(id);
    if (it == got_by_id.end()) return mismatch("结果缺少学生 " + id);
    const auto& g = *it->second;
    if (g.value("school_id", nlohmann::json()) != w["school_id"] || g.value("choice_rank", nlohmann::json()) != w["choice_rank"])
      return mismatch("学生 " + id + "：结果为 " + g.value("school_id", nlohmann::json()).dump() + "，按算法应为 " +
                      w["school_id"].dump() + "（第 " + w["choice_rank"].dump() + " 志愿）");
  }
  if (got_assignments.size() != want_assignments.size())
    return mismatch("结果有 " + std::to_string(got_assignments.size()) + " 条录取记录，学生文件有 " +
                    std::to_string(want_assignments.size()) + " 名学生");
  const auto got_school_list = result.value("schools", nlohmann::json::array());
  std::unordered_map<std::string, const nlohmann::json*> got_schools;
  for (const auto& s : got_school_list) got_schools[s.value("school_id", "")] = &s;
  for (const auto& w : want["schools"]) {
    std::string id = w["school_id"];
    auto it = got_schools.find(id);
    if (it == got_schools.end()) return mismatch("结果缺少学校 " + id);
    const auto& g = *it->second;
    if (g.value("seats", -1) != w["seats"].get<int>() || g.value("filled", -1) != w["filled"].get<int>() ||
        g.value("cutoff", nlohmann::json()) != w["cutoff"])
      return mismatch("学校 " + id + " 的学位/录取数/录取线与算法不符（应为 学位 " + w["seats"].dump() + "，录取 " +
                      w["filled"].dump() + "，录取线 " + cutoff_text(w["cutoff"]) + "）");
  }
  std::printf("一致 OK: %zu 名学生、%zu 所学校，%s 的结果与公开算法的计算完全相同\n", p.student_count(), p.school_count(),
              mechanism.c_str());
  return kExitOk;
}

}  // namespace

int verify_match_result(const nlohmann::json& result, const std::string& students_path, const std::string& schools_path,
                        const std::string& seed) {
  try {
    return compare_match_result(result, students_path, schools_path, seed);
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "匹配结果文件格式不对（assignments、schools 的字段类型）：%s\n", e.what());
    return kExitBadInput;
  }
}

void add_enroll_match_command(CLI::App* enroll, Runner& selected) {
  auto a = std::make_shared<MatchArgs>();
  auto* match = enroll->add_subcommand("match", "多校划片志愿匹配（延迟接受 / 志愿优先）/ multi-school matching");
  match->add_option("--students", a->students, "学生志愿文件 student_id,prefs,tier[,tiers]，prefs 用 | 分隔")->required();
  match->add_option("--schools", a->schools, "学校学位文件 school_id,seats")->required();
  match->add_option("--seed", a->seed, "公开的十六进制种子")->required();
  match->add_option("--mechanism", a->mechanism, "da（缺省，按策略 enroll.match.mechanism）或 boston");
  match->add_flag("--compare-boston", a->compare_boston, "同时计算另一机制，统计哪些学生在延迟接受下更好");
  match->add_option("--explain", a->explain, "解释某个学生的结果");
  match->add_flag("--json", a->json, "输出 JSON");
  match->add_option("--out", a->out, "把 JSON 结果写入文件");
  match->add_flag("--timings", a->timings, "在标准错误输出各阶段用时");
  match->add_option("--policy", a->policy, "策略配置（缺省 national）");
  on_run(match, selected, [a] { return run_match(*a); });
}

}  // namespace youjun::cli
