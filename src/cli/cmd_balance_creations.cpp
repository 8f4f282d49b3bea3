// `youjun balance creations` — 五大创建 progress per district against 004's schedule (issue 4 §4).
#include <map>

#include <nlohmann/json.hpp>

#include "balance/creations.hpp"
#include "cli/balance_inputs.hpp"
#include "cli/enroll_inputs.hpp"

namespace youjun::cli {

namespace {

struct CreationsArgs {
  std::string achieved, profile = "shaoxing", out;
  int year = 0;
  bool json = false;
};

int run_creations(const CreationsArgs& a) {
  auto policy = policy::load_policy(a.profile);
  if (!policy) return fail(policy.error().message);
  auto schedule = balance::creation_schedule(*policy);
  if (!schedule) return fail(schedule.error().message);
  if (schedule->empty()) return fail("策略 " + policy->name() + " 没有五大创建进度安排（extends.creations.*）：请用 --profile shaoxing");
  std::vector<balance::Achievement> achieved;
  if (!a.achieved.empty()) {
    auto table = read_input_table(a.achieved);
    if (!table) return kExitBadInput;
    if (auto errors = balance::read_achievements(*table, *schedule, achieved); !errors.empty())
      return report_row_errors(errors);
  }
  int year = a.year ? a.year : this_year();
  auto statuses = balance::track_creations(*schedule, achieved, year);
  auto report = balance::creations_json(statuses, policy->name(), year);
  std::string text;
  if (a.json || !a.out.empty()) {
    text = report.dump(2) + "\n";
  } else {
    text = "区县\t创建项目\t目标\t状态\n";
    for (const auto& d : report["districts"])
      for (const auto& c : d["creations"])
        text += d["district"].get<std::string>() + "\t" + c["name"].get<std::string>() + "\t" +
                std::to_string(c["target_year"].get<int>()) + " " + c["target"].get<std::string>() + "\t" +
                c["status_zh"].get<std::string>() + "\n";
  }
  if (!write_output(a.out, text)) return kExitFailure;
  std::fprintf(stderr, "五大创建（%d 年）：%zu 项落后于进度安排（%s）\n", year, report["behind"].get<size_t>(),
               "004 绍政办发〔2021〕2号 附件");
  return kExitOk;
}

}  // namespace

void add_balance_creations_command(CLI::App* balance, Runner& selected) {
  auto a = std::make_shared<CreationsArgs>();
  auto* cmd = balance->add_subcommand("creations", "五大创建进度：各区县对照进度安排 / five-creations progress");
  cmd->add_option("--achieved", a->achieved, "已达成情况文件（district,creation,achieved_year,rate,province_average,province_rank）");
  cmd->add_option("--profile,--policy", a->profile, "策略配置（缺省 shaoxing：004 的进度安排）");
  cmd->add_option("--year", a->year, "截至哪一年（缺省今年）");
  cmd->add_flag("--json", a->json, "输出 JSON");
  cmd->add_option("--out", a->out, "把结果写入文件（JSON）");
  on_run(cmd, selected, [a] { return run_creations(*a); });
}

}  // namespace youjun::cli
