// `youjun balance plan` — the cheapest additions that make each school part compliant, and for counties
// whose 差异系数 fails, which schools pull it over and how far to raise the lowest (issue 4 §3).
#include "balance/plan_report.hpp"
#include "cli/balance_inputs.hpp"
#include "cli/enroll_inputs.hpp"

namespace youjun::cli {

namespace {

struct PlanArgs {
  BalanceSource src;
  std::string out;
  bool json = false;
  size_t pullers = 5;
};

int run_plan(const PlanArgs& a) {
  int code = 0;
  auto in = load_balance_inputs(a.src, code);
  if (!in) return code;
  auto policy = policy::load_policy(a.src.profile);
  if (!policy) return fail(policy.error().message);
  auto costs = balance::unit_costs(*policy, in->rules.year);
  if (!costs) return fail(costs.error().message);
  auto evaluation = balance::evaluate(in->records, in->rules);
  auto plan = balance::make_plan(in->records, evaluation, in->rules, *costs, a.pullers);
  std::string text = a.json || !a.out.empty()
                         ? balance::plan_json(in->records, evaluation, plan, in->rules, *costs, in->profile).dump(2) + "\n"
                         : balance::plan_text(in->records, evaluation, plan);
  if (!write_output(a.out, text)) return kExitFailure;
  std::fprintf(stderr, "达标规划：%zu 个学校学段需补充，%zu 个区县学段差异系数需调整，合计约 %.1f 万元（单价见 balance.unit_cost.*）\n",
               plan.parts.size(), plan.counties.size(), plan.cost / 10000);
  return kExitOk;
}

}  // namespace

void add_balance_plan_command(CLI::App* balance, Runner& selected) {
  auto a = std::make_shared<PlanArgs>();
  auto* cmd = balance->add_subcommand("plan", "达标规划：未达标学校的最少补充与差异系数超限区县的调整 / the way to compliance");
  add_balance_source_options(cmd, a->src);
  cmd->add_flag("--json", a->json, "输出 JSON（字段见 docs/balance.md）");
  cmd->add_option("--out", a->out, "把结果写入文件（JSON）");
  cmd->add_option("--pullers", a->pullers, "每项超限差异系数列出的主要拉高学校数（缺省 5）");
  on_run(cmd, selected, [a] { return run_plan(*a); });
}

}  // namespace youjun::cli
