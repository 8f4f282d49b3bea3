// `youjun admit match` — quota batches, then 平行志愿 (issue 7 §3) — and `youjun admit verify`, which
// recomputes a published admission or quota result and names the first difference.
#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "admit/admission.hpp"
#include "admit/admit_files.hpp"
#include "admit/admit_report.hpp"
#include "admit/admit_run.hpp"
#include "cli/admit_inputs.hpp"
#include "cli/enroll_inputs.hpp"
#include "enroll/lottery_number.hpp"
#include "io/table.hpp"

namespace youjun::cli {

namespace {

struct MatchArgs {
  std::string students, high_schools, quota, seed, profile = "national", out, explain, quota_min_total;
  int year = 0;
  bool json = false, timings = false;
};

std::optional<nlohmann::json> read_json_file(const std::string& path) {
  auto text = io::read_file(path, path);
  if (!text) {
    std::fprintf(stderr, "无法读取 %s\n", path.c_str());
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "%s:0:: 不是有效的 JSON：%s\n", path.c_str(), e.what());
    return std::nullopt;
  }
}

struct Prepared {
  admit::PreparedAdmission m;
  double read_seconds = 0;
};

std::optional<Prepared> prepare(const MatchArgs& a, const policy::Policy& policy, int year, const std::string& seed,
                                int& exit_code) {
  exit_code = kExitBadInput;
  std::optional<admit::Milli> min_total;
  if (!a.quota_min_total.empty()) {
    min_total = admit::parse_milli(a.quota_min_total);
    if (!min_total) {
      std::fprintf(stderr, "--quota-min-total 应为非负分数\n");
      return std::nullopt;
    }
  }
  auto t0 = Clock::now();
  auto hs_table = read_input_table(a.high_schools);
  auto students = read_input_table(a.students);
  auto quota = read_json_file(a.quota);
  if (!hs_table || !students || !quota) return std::nullopt;
  RowErrors errors;
  auto m = admit::prepare_admission(*students, *hs_table, *quota, a.quota, policy, year, seed, min_total, errors);
  if (!errors.empty()) {
    report_row_errors(errors);
    return std::nullopt;
  }
  if (!m) {
    std::fprintf(stderr, "%s\n", m.error().message.c_str());
    if (!min_total) exit_code = kExitFailure;
    return std::nullopt;
  }
  exit_code = kExitOk;
  return Prepared{std::move(*m), seconds_since(t0)};
}

std::string summary_text(const admit::AdmissionContext& c) {
  const auto& p = c.problem;
  const auto& a = c.admission;
  std::vector<size_t> by_batch(p.batches.size(), 0);
  size_t none = 0;
  for (size_t s = 0; s < p.student_count(); ++s)
    if (a.batch_of[s] < 0) ++none;
    else ++by_batch[static_cast<size_t>(a.batch_of[s])];
  std::string out = "高中录取：策略 " + c.profile + "，考生 " + std::to_string(p.student_count()) + " 人，学校 " +
                    std::to_string(p.school_count()) + " 所\n";
  for (size_t b = 0; b < p.batches.size(); ++b)
    out += "  " + p.batches[b].name + " 批次录取 " + std::to_string(by_batch[b]) + " 人\n";
  out += "  未录取 " + std::to_string(none) + " 人\n";
  return out;
}

int run_match(const MatchArgs& a) {
  auto seed = seed_or_report(a.seed);
  if (!seed) return kExitBadInput;
  auto policy = load_profile(a.profile);
  if (!policy) return kExitFailure;
  int year = a.year ? a.year : this_year();
  int code = kExitOk;
  auto prepared = prepare(a, *policy, year, *seed, code);
  if (!prepared) return code;
  const auto& p = prepared->m.problem;
  auto t = Clock::now();
  admit::Admission admission = admit::admit_students(p);
  double admit_seconds = seconds_since(t);
  admit::AdmissionContext context{p, admission, policy->name(), *seed, year};
  if (!a.explain.empty()) {
    auto it = std::find(p.student_ids.begin(), p.student_ids.end(), a.explain);
    if (it == p.student_ids.end()) {
      std::fprintf(stderr, "考生 %s 不在 %s 中\n", a.explain.c_str(), a.students.c_str());
      return kExitBadInput;
    }
    auto e = admit::explain_admission(context, static_cast<size_t>(it - p.student_ids.begin()));
    return write_output(a.out, a.json ? e.dump(2) + "\n" : admit::explanation_text(e)) ? kExitOk : kExitFailure;
  }
  t = Clock::now();
  std::string text = a.json || !a.out.empty() ? admit::admission_to_json(context, prepared->m.rules_json, prepared->m.quota_summary)
                                               : summary_text(context);
  bool written = write_output(a.out, text);
  if (a.timings)
    std::fprintf(stderr, "用时 timings: read and rank ties %.3f s, admit %.3f s, output %.3f s\n", prepared->read_seconds,
                 admit_seconds, seconds_since(t));
  return written ? kExitOk : kExitFailure;
}

int mismatch(const std::string& what) {
  std::printf("不一致 MISMATCH: %s\n", what.c_str());
  return kExitFailure;
}

// Compares the objects of two arrays keyed by `id_key` on `fields`; "" when equal, else the first difference.
std::string first_difference(const nlohmann::json& got, const nlohmann::json& want, const char* id_key,
                             const std::vector<std::string>& fields, const char* noun) {
  if (!got.is_array()) return std::string("结果缺少 ") + noun + " 列表";
  std::unordered_map<std::string, const nlohmann::json*> by_id;
  for (const auto& g : got)
    if (g.is_object() && g.contains(id_key) && g[id_key].is_string()) by_id[g[id_key].get<std::string>()] = &g;
  for (const auto& w : want) {
    std::string id = w[id_key];
    auto it = by_id.find(id);
    if (it == by_id.end()) return std::string("结果缺少") + noun + " " + id;
    for (const auto& f : fields) {
      nlohmann::json g = it->second->value(f, nlohmann::json());
      if (g != w[f]) return std::string(noun) + " " + id + " 的 " + f + "：结果为 " + g.dump() + "，按算法应为 " + w[f].dump();
    }
  }
  if (got.size() != want.size())
    return std::string("结果有 ") + std::to_string(got.size()) + " 条" + noun + "记录，按输入应为 " + std::to_string(want.size()) + " 条";
  return "";
}

struct VerifyArgs {
  std::string result, students, high_schools, juniors, quota, seed, profile, quota_min_total;
  int year = 0;
};

int verify_admission(const VerifyArgs& v, const nlohmann::json& result) {
  if (v.students.empty() || v.quota.empty() || v.seed.empty()) {
    std::fprintf(stderr, "核对录取结果需要 --students、--high-schools、--quota 和 --seed\n");
    return kExitBadInput;
  }
  auto seed = seed_or_report(v.seed);
  if (!seed) return kExitBadInput;
  if (result.value("seed", "") != *seed) return mismatch("种子不符：结果为 " + result.value("seed", "") + "，给定种子为 " + *seed);
  std::string profile = !v.profile.empty() ? v.profile : result.value("profile", "national");
  int year = v.year ? v.year : result.value("year", this_year());
  auto policy = load_profile(profile);
  if (!policy) return kExitFailure;
  MatchArgs a;
  a.students = v.students, a.high_schools = v.high_schools, a.quota = v.quota, a.quota_min_total = v.quota_min_total;
  if (a.quota_min_total.empty())
    for (const auto& r : result.value("rules", nlohmann::json::array()))
      if (r.value("key", "") == "quota_min_total" && r["value"].is_number()) a.quota_min_total = r["value"].dump();
  int code = kExitOk;
  auto prepared = prepare(a, *policy, year, *seed, code);
  if (!prepared) return code;
  const auto& p = prepared->m.problem;
  admit::Admission admission = admit::admit_students(p);
  admit::AdmissionContext context{p, admission, policy->name(), *seed, year};
  auto want = nlohmann::json::parse(admit::admission_to_json(context, nlohmann::json::array(), nlohmann::json::object()));
  std::string diff = first_difference(result.value("assignments", nlohmann::json()), want["assignments"], "student_id",
                                      {"batch", "hs_id", "choice_rank"}, "考生");
  if (diff.empty())
    diff = first_difference(result.value("high_schools", nlohmann::json()), want["high_schools"], "hs_id",
                            {"plan", "quota_filled", "unified_filled", "unified_cutoff_total"}, "高中");
  if (!diff.empty()) return mismatch(diff);
  std::printf("一致 OK: %zu 名考生、%zu 所高中，录取结果与公开算法（策略 %s，%d 年）的计算完全相同\n", p.student_count(),
              p.school_count(), profile.c_str(), year);
  return kExitOk;
}

int verify_quota(const VerifyArgs& v, const nlohmann::json& result) {
  if (v.juniors.empty()) {
    std::fprintf(stderr, "核对名额分配结果需要 --high-schools 和 --juniors\n");
    return kExitBadInput;
  }
  std::string profile = !v.profile.empty() ? v.profile : result.value("profile", "national");
  int year = v.year ? v.year : result.value("year", this_year());
  auto policy = load_profile(profile);
  if (!policy) return kExitFailure;
  int code = kExitOk;
  auto want = quota_from_files(v.high_schools, v.juniors, *policy, year, code);
  if (!want) return code;
  if (result.value("share", -1.0) != (*want)["share"].get<double>())
    return mismatch("比例不符：结果为 " + result.value("share", nlohmann::json()).dump() + "，策略 " + profile + " " +
                    std::to_string(year) + " 年为 " + (*want)["share"].dump());
  std::string diff = first_difference(result.value("high_schools", nlohmann::json()), (*want)["high_schools"], "hs_id",
                                      {"plan", "quota_total", "by_junior"}, "高中");
  if (!diff.empty()) return mismatch(diff);
  std::printf("一致 OK: %zu 所高中的名额分配与公开算法（策略 %s，%d 年）的计算完全相同\n", (*want)["high_schools"].size(),
              profile.c_str(), year);
  return kExitOk;
}

int run_verify(const VerifyArgs& v) {
  auto result = read_json_file(v.result);
  if (!result) return kExitBadInput;
  try {
    if (result->contains("assignments")) return verify_admission(v, *result);
    if (result->contains("share") && result->contains("high_schools")) return verify_quota(v, *result);
  } catch (const nlohmann::json::exception& e) {
    std::fprintf(stderr, "结果文件的字段类型不对：%s\n", e.what());
    return kExitBadInput;
  }
  std::fprintf(stderr, "%s 既不是 admit match 也不是 admit quota 的结果\n", v.result.c_str());
  return kExitBadInput;
}

}  // namespace

void add_admit_match_commands(CLI::App* admit, Runner& selected) {
  auto a = std::make_shared<MatchArgs>();
  auto* match = admit->add_subcommand("match", "名额分配批次 + 统一招生平行志愿录取 / quota batches, then parallel choices");
  match->add_option("--students", a->students,
                    "考生文件 student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs")->required();
  match->add_option("--high-schools", a->high_schools, "高中文件 hs_id,name,plan,quality")->required();
  match->add_option("--quota", a->quota, "admit quota 输出的名额文件 QUOTA.json")->required();
  match->add_option("--seed", a->seed, "公开的十六进制种子（同分同序时抽签）")->required();
  match->add_option("--profile,--policy", a->profile, "策略配置（缺省 national）");
  match->add_option("--year", a->year, "招生年份（缺省今年）");
  match->add_option("--quota-min-total", a->quota_min_total, "指标生最低控制线（总分）；策略不允许时被拒绝");
  match->add_option("--explain", a->explain, "解释某个考生的结果");
  match->add_flag("--json", a->json, "输出 JSON");
  match->add_option("--out", a->out, "把 JSON 结果写入文件");
  match->add_flag("--timings", a->timings, "在标准错误输出各阶段用时");
  on_run(match, selected, [a] { return run_match(*a); });

  auto v = std::make_shared<VerifyArgs>();
  auto* verify = admit->add_subcommand("verify", "核对公布的录取或名额分配结果 / recompute a published result");
  verify->add_option("--result", v->result, "公布的结果 JSON（admit match 或 admit quota 的输出）")->required();
  verify->add_option("--high-schools", v->high_schools, "高中文件")->required();
  verify->add_option("--students", v->students, "考生文件（核对录取结果时）");
  verify->add_option("--quota", v->quota, "名额文件（核对录取结果时）");
  verify->add_option("--juniors", v->juniors, "初中文件（核对名额分配时）");
  verify->add_option("--seed", v->seed, "公开的种子（核对录取结果时）");
  verify->add_option("--profile,--policy", v->profile, "策略配置（缺省取结果中的 profile）");
  verify->add_option("--year", v->year, "年份（缺省取结果中的 year）");
  verify->add_option("--quota-min-total", v->quota_min_total, "指标生最低控制线（缺省取结果 rules 中的 quota_min_total）");
  on_run(verify, selected, [v] { return run_verify(*v); });
}

}  // namespace youjun::cli
