// `youjun balance …` — 优质均衡 supervision (issue 4): evaluate the seven resource indicators per school
// part and their 差异系数 per county, and plan the additions that would make them compliant.
#include <ctime>

#include "balance/balance_report.hpp"
#include "balance/facts_records.hpp"
#include "balance/school_file.hpp"
#include "cli/balance_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "store/migrations.hpp"

namespace youjun::cli {

int this_year() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return 1900 + local.tm_year;
}

std::optional<FactsDb> open_facts_db(const DbArgs& args, const std::string& school_year, int start_year, int& exit_code) {
  exit_code = kExitOk;
  auto db = store::open_database(args.url);
  if (!db) {
    exit_code = fail(db.error().message);
    return std::nullopt;
  }
  if (auto m = store::migrate(**db); !m) {
    exit_code = fail(m.error().message);
    return std::nullopt;
  }
  auto years = balance::fact_years(**db);
  if (!years) {
    exit_code = fail(years.error().message);
    return std::nullopt;
  }
  FactsDb out{std::move(*db), school_year, std::move(*years)};
  for (const auto& y : out.years)
    if (out.school_year.empty() && (start_year == 0 || balance::rules_year_of(y) == start_year)) out.school_year = y;
  if (out.school_year.empty()) {
    if (out.years.empty()) exit_code = fail("数据库中没有学校年度数据（school_facts）：请先导入");
    else std::fprintf(stderr, "没有 %d 学年的学校年度数据\n", start_year), exit_code = kExitBadInput;
    return std::nullopt;
  }
  return out;
}

namespace {

// The records of one school year from the database; fills in.school_year.
int records_from_db(const BalanceSource& src, BalanceInputs& in) {
  int code = kExitOk;
  auto facts_db = open_facts_db(src.db, src.school_year, 0, code);
  if (!facts_db) return code;
  auto records = balance::records_from_facts(*facts_db->db, facts_db->school_year);
  if (!records) return fail(records.error().message);
  in.school_year = facts_db->school_year;
  if (records->empty()) {
    std::fprintf(stderr, "学年 %s 没有义务教育学校的年度数据\n", in.school_year.c_str());
    return kExitBadInput;
  }
  in.records = std::move(*records);
  return kExitOk;
}

}  // namespace

std::optional<BalanceInputs> load_balance_inputs(const BalanceSource& src, int& exit_code) {
  exit_code = kExitOk;
  if (src.schools.empty() == src.db.url.empty()) {
    std::fprintf(stderr, "请给出 --schools 文件或 --db 数据库（二者选一）\n");
    exit_code = kExitBadInput;
    return std::nullopt;
  }
  auto policy = policy::load_policy(src.profile);
  if (!policy) {
    exit_code = fail(policy.error().message);
    return std::nullopt;
  }
  BalanceInputs in;
  in.profile = policy->name();
  if (!src.db.url.empty()) {
    if ((exit_code = records_from_db(src, in)) != kExitOk) return std::nullopt;
  } else {
    auto table = read_input_table(src.schools);
    if (!table) {
      exit_code = kExitBadInput;
      return std::nullopt;
    }
    if (auto errors = balance::read_school_records(*table, in.records); !errors.empty()) {
      exit_code = report_row_errors(errors);
      return std::nullopt;
    }
  }
  int year = src.year ? src.year : !in.school_year.empty() ? balance::rules_year_of(in.school_year) : this_year();
  auto rules = balance::balance_rules(*policy, year);
  if (!rules) {
    exit_code = fail(rules.error().message);
    return std::nullopt;
  }
  in.rules = std::move(*rules);
  return in;
}

void add_balance_source_options(CLI::App* cmd, BalanceSource& src) {
  cmd->add_option("--schools", src.schools, "学校资源配置文件（CSV/XLSX；列见 docs/balance.md）");
  add_db_options(cmd, src.db, false);
  cmd->add_option("--school-year", src.school_year, "用数据库时：学年，如 2025-2026（缺省最新）");
  cmd->add_option("--profile,--policy", src.profile, "策略配置（缺省 national；如 shaoxing、jinhua）");
  cmd->add_option("--year", src.year, "按哪一年的规则评估（城市目标按年份生效，如绍兴 2025 年起；缺省为学年起始年或今年）");
}

namespace {

struct EvaluateArgs {
  BalanceSource src;
  std::string out;
  bool json = false;
};

int run_evaluate(const EvaluateArgs& a) {
  int code = 0;
  auto in = load_balance_inputs(a.src, code);
  if (!in) return code;
  auto evaluation = balance::evaluate(in->records, in->rules);
  size_t compliant = 0, passing = 0;
  for (const auto& p : evaluation.parts) compliant += p.compliant;
  for (const auto& c : evaluation.counties) passing += c.cv_pass && c.compliant_schools == c.schools;
  if (a.json || !a.out.empty()) {
    OutputFile out(a.out);
    if (!out) return kExitFailure;
    JsonWriter w;
    w.set_sink(out.get());
    balance::write_evaluation_json(w, in->records, evaluation, in->rules, in->profile);
    if (!w.flush() || !out.close()) return kExitFailure;
  } else if (!write_output("", balance::evaluation_text(evaluation, in->rules))) {
    return kExitFailure;
  }
  std::fprintf(stderr, "优质均衡资源配置：%zu 个学校学段中 %zu 个达标；%zu 个区县学段中 %zu 个全部达标（策略 %s，%d 年）\n",
               evaluation.parts.size(), compliant, evaluation.counties.size(), passing, in->profile.c_str(),
               in->rules.year);
  return kExitOk;
}

}  // namespace

void register_balance_commands(CLI::App& app, Runner& selected) {
  auto* balance = app.add_subcommand("balance", "优质均衡：资源配置指标、差异系数、达标规划 / balanced-development supervision");
  balance->require_subcommand(1);

  auto e = std::make_shared<EvaluateArgs>();
  auto* evaluate = balance->add_subcommand("evaluate", "逐校计算 7 项资源配置指标与区县差异系数 / evaluate schools and counties");
  add_balance_source_options(evaluate, e->src);
  evaluate->add_flag("--json", e->json, "输出 JSON（字段见 docs/balance.md）");
  evaluate->add_option("--out", e->out, "把结果写入文件（JSON）");
  on_run(evaluate, selected, [e] { return run_evaluate(*e); });

  add_balance_plan_command(balance, selected);
  add_balance_creations_command(balance, selected);
  add_balance_funding_command(balance, selected);
  add_balance_exchange_command(balance, selected);
  add_balance_report_command(balance, selected);
}

}  // namespace youjun::cli
