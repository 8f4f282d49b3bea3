// `youjun enroll lottery | verify | number | digest` — the publicly verifiable lottery (issue 6 §2).
// `youjun enroll match` lives in cmd_enroll_match.cpp.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "core/personal_data.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/lottery.hpp"
#include "enroll/lottery_number.hpp"
#include "enroll/runs.hpp"

namespace youjun::cli {

namespace {

struct LotteryArgs {
  std::string applicants, seats, seed, out, canonical_out, policy = "national";
  bool json = false;
};

struct LotteryInputs {
  std::vector<enroll::SchoolSeats> seats;
  std::vector<enroll::LotteryApplicant> applicants;
};

// Reads both files; every bad row of both is reported before giving up. With `policy`, the applicants'
// columns are also checked against the selection rules (the draw itself; verify only recomputes).
std::optional<LotteryInputs> read_lottery_inputs(const std::string& applicants_path, const std::string& seats_path,
                                                 int& exit_code, const policy::Policy* policy = nullptr) {
  exit_code = kExitBadInput;
  auto seats_table = read_input_table(seats_path);
  auto applicants_table = read_input_table(applicants_path);
  if (!seats_table || !applicants_table) return std::nullopt;
  LotteryInputs in;
  RowErrors errors = policy ? enroll::forbidden_criteria(*applicants_table, *policy) : RowErrors{};
  RowErrors seat_errors = enroll::read_seats(*seats_table, in.seats);
  errors.insert(errors.end(), seat_errors.begin(), seat_errors.end());
  RowErrors more = enroll::read_applicants(*applicants_table, in.seats, in.applicants);
  errors.insert(errors.end(), more.begin(), more.end());
  if (!errors.empty()) {
    report_row_errors(errors);
    return std::nullopt;
  }
  return in;
}

std::string lottery_summary(const enroll::LotteryResult& r) {
  std::ostringstream out;
  out << "申请名单摘要 applicants_sha256: " << r.applicants_sha256 << "\n种子 seed: " << r.seed << "\n";
  for (const auto& s : r.schools)
    out << "学校 " << s.school_id << (s.sector == "private" ? "（民办）" : s.sector == "public" ? "（公办）" : "") << "：学位 "
        << s.seats << "，报名 " << s.admitted.size() + s.waitlist.size() << "，录取 " << s.admitted.size() << "，候补 "
        << s.waitlist.size() << "\n";
  if (!r.fallbacks.empty()) out << "未录取、回到兜底公办学校 " << r.fallbacks.size() << " 人（见 JSON 的 fallbacks）\n";
  return out.str();
}

int run_lottery(const LotteryArgs& a) {
  int rc = kExitOk;
  auto seed = seed_or_report(a.seed);
  if (!seed) return kExitBadInput;
  auto policy = policy::load_policy(a.policy);
  if (!policy) return fail(policy.error().message);
  auto in = read_lottery_inputs(a.applicants, a.seats, rc, &*policy);
  if (!in) return rc;
  auto rules = cited_rules(*policy, enroll::lottery_rule_keys());
  if (!rules) return kExitFailure;
  if (!a.canonical_out.empty() && !write_output(a.canonical_out, enroll::canonical_applicants(in->applicants)))
    return kExitFailure;
  auto result = enroll::run_lottery(in->applicants, in->seats, *seed);
  std::string text = a.json || !a.out.empty() ? enroll::lottery_to_json(result, *rules).dump(2) + "\n" : lottery_summary(result);
  return write_output(a.out, text) ? kExitOk : kExitFailure;
}

struct VerifyArgs {
  std::string result, applicants, seats, students, schools, seed;
};

int run_verify(const VerifyArgs& a) {
  std::ifstream in(a.result, std::ios::binary);
  if (!in) return fail("无法读取结果文件 " + a.result);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    std::fprintf(stderr, "%s: 不是有效的 JSON 结果文件\n", a.result.c_str());
    return kExitBadInput;
  }
  auto seed = seed_or_report(a.seed);
  if (!seed) return kExitBadInput;
  if (j.contains("assignments")) {
    if (a.students.empty() || a.schools.empty()) {
      std::fprintf(stderr, "这是多校划片匹配结果：请给出 --students 与 --schools\n");
      return kExitBadInput;
    }
    return verify_match_result(j, a.students, a.schools, *seed);
  }
  if (a.applicants.empty() || a.seats.empty()) {
    std::fprintf(stderr, "这是摇号结果：请给出 --applicants 与 --seats\n");
    return kExitBadInput;
  }
  auto published = enroll::lottery_from_json(j);
  if (!published) {
    std::fprintf(stderr, "%s: %s\n", a.result.c_str(), published.error().message.c_str());
    return kExitBadInput;
  }
  int rc = kExitOk;
  auto inputs = read_lottery_inputs(a.applicants, a.seats, rc);
  if (!inputs) return rc;
  auto expected = enroll::run_lottery(inputs->applicants, inputs->seats, *seed);
  std::string difference = enroll::first_lottery_difference(*published, expected);
  if (!difference.empty()) {
    std::printf("不一致 MISMATCH: %s\n", difference.c_str());
    return kExitFailure;
  }
  size_t admitted = 0;
  for (const auto& s : expected.schools) admitted += s.admitted.size();
  std::printf("一致 OK: %zu 所学校、%zu 名申请人、录取 %zu 人，与公开算法的计算结果完全相同\n", expected.schools.size(),
              inputs->applicants.size(), admitted);
  return kExitOk;
}

int run_number(const std::string& seed_text, const std::vector<std::string>& ids) {
  auto seed = seed_or_report(seed_text);
  if (!seed) return kExitBadInput;
  for (const auto& id : ids) std::printf("%s  %s\n", enroll::lottery_number(*seed, id).hex().c_str(), id.c_str());
  return kExitOk;
}

int run_digest(const std::string& applicants, const std::string& seats, const std::string& canonical_out) {
  int rc = kExitOk;
  auto in = read_lottery_inputs(applicants, seats, rc);
  if (!in) return rc;
  std::string canonical = enroll::canonical_applicants(in->applicants);
  if (!canonical_out.empty() && !write_output(canonical_out, canonical)) return kExitFailure;
  std::printf("%s  (%zu 名申请人)\n", sha256_hex(canonical).c_str(), in->applicants.size());
  return kExitOk;
}

}  // namespace

void register_enroll_commands(CLI::App& app, Runner& selected) {
  auto* enroll = app.add_subcommand("enroll", "义务教育招生：学区查询、学区预警、摇号、多校划片匹配、验证 / enrollment: catchments, seat warnings, lotteries, matching");
  enroll->require_subcommand(1);

  auto la = std::make_shared<LotteryArgs>();
  auto* lottery = enroll->add_subcommand("lottery", "电脑随机派位（公开可复算）/ verifiable lottery");
  lottery->add_option("--applicants", la->applicants, "申请文件 applicant_id,school_id,tier")->required();
  lottery->add_option("--seats", la->seats, "学位文件 school_id,seats")->required();
  lottery->add_option("--seed", la->seed, "公开的十六进制种子")->required();
  lottery->add_flag("--json", la->json, "输出 JSON");
  lottery->add_option("--out", la->out, "把 JSON 结果写入文件");
  lottery->add_option("--canonical-out", la->canonical_out, "同时写出规范化申请文件（其 SHA-256 即 applicants_sha256）");
  lottery->add_option("--policy", la->policy, "策略配置（缺省 national）");
  on_run(lottery, selected, [la] { return run_lottery(*la); });

  auto va = std::make_shared<VerifyArgs>();
  auto* verify = enroll->add_subcommand("verify", "验证公开的派位或匹配结果 / verify a published result (exit 0 = identical)");
  verify->add_option("--result", va->result, "公开的结果 JSON")->required();
  verify->add_option("--seed", va->seed, "公开的十六进制种子")->required();
  verify->add_option("--applicants", va->applicants, "摇号：申请文件");
  verify->add_option("--seats", va->seats, "摇号：学位文件");
  verify->add_option("--students", va->students, "匹配：学生志愿文件");
  verify->add_option("--schools", va->schools, "匹配：学校学位文件");
  on_run(verify, selected, [va] { return run_verify(*va); });

  auto number_seed = std::make_shared<std::string>();
  auto number_ids = std::make_shared<std::vector<std::string>>();
  auto* number = enroll->add_subcommand("number", "计算摇号号码 SHA-256(种子:编号) / print lottery numbers");
  number->add_option("--seed", *number_seed, "公开的十六进制种子")->required();
  number->add_option("ids", *number_ids, "申请人编号")->required();
  on_run(number, selected, [number_seed, number_ids] { return run_number(*number_seed, *number_ids); });

  auto da = std::make_shared<LotteryArgs>();
  auto* digest = enroll->add_subcommand("digest", "派位前公布的申请名单摘要 / applicant-list digest to publish before the draw");
  digest->add_option("--applicants", da->applicants, "申请文件")->required();
  digest->add_option("--seats", da->seats, "学位文件")->required();
  digest->add_option("--canonical-out", da->canonical_out, "写出规范化申请文件");
  on_run(digest, selected, [da] { return run_digest(da->applicants, da->seats, da->canonical_out); });

  add_enroll_match_command(enroll, selected);
  add_enroll_locate_command(enroll, selected);
  add_enroll_warn_command(enroll, selected);
  add_enroll_eligibility_command(enroll, selected);
  add_enroll_migrant_command(enroll, selected);
}

}  // namespace youjun::cli
