// `youjun balance exchange` — a teacher exchange (交流轮岗) plan for one county and level that lowers the
// teacher-indicator 差异系数 within the profile's exchange rules (issue 4 §3). Reads teachers' names: audited.
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "balance/exchange_source.hpp"
#include "balance/facts_records.hpp"
#include "cli/balance_inputs.hpp"
#include "cli/enroll_inputs.hpp"
#include "policy/policy_report.hpp"
#include "core/time_util.hpp"
#include "store/migrations.hpp"

namespace youjun::cli {

namespace {

struct ExchangeArgs {
  DbArgs db;
  std::string county, level = "primary", school_year, profile = "national", out;
  int year = 0;
  size_t max_moves = 0;
  bool same_title = false;
  bool json = false;
};

nlohmann::json plan_json(const balance::ExchangeInput& in, const balance::ExchangePlan& plan,
                         const balance::ExchangeRules& rules) {
  nlohmann::json moves = nlohmann::json::array(), applied = nlohmann::json::array();
  for (const auto& m : plan.moves) {
    const auto& t = in.teachers[m.teacher];
    moves.push_back({{"teacher_id", t.teacher_id},
                     {"name", t.name},
                     {"subject", t.subject},
                     {"title", t.title},
                     {"above_degree", t.above_degree},
                     {"backbone", t.backbone},
                     {"years_at_school", t.years_at_school},
                     {"from_school", in.schools[m.from].school_id},
                     {"from_name", in.schools[m.from].name},
                     {"to_school", in.schools[m.to].school_id},
                     {"to_name", in.schools[m.to].name},
                     {"partner_id", in.teachers[m.partner].teacher_id},
                     {"reason", balance::move_reason_key(m.reason)},
                     {"reason_zh", balance::move_reason_zh(m.reason)}});
  }
  for (const auto& r : rules.applied) applied.push_back(policy::cited_rule_json(r));
  for (const auto& r : in.applied) applied.push_back(policy::cited_rule_json(r));
  return {{"county", in.district_name},
          {"district_code", in.district_code},
          {"schools", in.schools.size()},
          {"teachers", in.teachers.size()},
          {"eligible", plan.eligible},
          {"required_moves", plan.required_moves},
          {"must_move", plan.must_move},
          {"unplaced_must_move", plan.unplaced_must_move},
          {"moved", plan.moves.size()},
          {"backbone_moved", plan.backbone_moved},
          {"share_met", plan.share_met},
          {"backbone_share_met", plan.backbone_share_met},
          {"cv",
           {{"teachers_above_degree_per100",
             {{"before", plan.cv_above_degree_before}, {"after", plan.cv_above_degree_after}}},
            {"backbone_teachers_per100", {{"before", plan.cv_backbone_before}, {"after", plan.cv_backbone_after}}}}},
          {"moves", moves},
          {"rules", applied}};
}

int run_exchange(const ExchangeArgs& a) {
  if (a.level != "primary" && a.level != "junior") {
    std::fprintf(stderr, "--level 应为 primary 或 junior\n");
    return kExitBadInput;
  }
  auto policy = policy::load_policy(a.profile);
  if (!policy) return fail(policy.error().message);
  int code = kExitOk;
  auto facts_db = open_facts_db(a.db, a.school_year, 0, code);
  if (!facts_db) return code;
  auto& db = facts_db->db;
  const std::string& school_year = facts_db->school_year;
  int year = a.year ? a.year : balance::rules_year_of(school_year);
  auto rules = balance::exchange_rules(*policy, year);
  if (!rules) return fail(rules.error().message);
  rules->max_moves = a.max_moves;
  rules->same_title = a.same_title;
  auto stage = a.level == "primary" ? balance::Stage::Primary : balance::Stage::Junior;
  auto in = balance::exchange_input(*db, *policy, a.county, stage, school_year, year);
  if (!in) {
    std::fprintf(stderr, "%s\n", in.error().message.c_str());
    return kExitBadInput;
  }
  nlohmann::json detail = {{"county", in->district_code}, {"level", a.level}, {"teachers", in->teachers.size()}};
  if (auto audited = auth::record_audit(*db, {cli_actor(), "teachers.read", "exchange", detail.dump()}, now_unix());
      !audited)
    return fail("写审计日志失败: " + audited.error().message);
  auto plan = balance::plan_exchange(in->schools, in->teachers, *rules);
  auto body = plan_json(*in, plan, *rules);
  body["profile"] = policy->name();
  body["level"] = a.level;
  body["school_year"] = school_year;
  body["year"] = year;
  body["same_title"] = rules->same_title;
  std::string text;
  if (a.json || !a.out.empty()) {
    text = body.dump(2) + "\n";
  } else {
    text = "教师\t学科\t原学校\t交流到\t原因\n";
    for (const auto& m : body["moves"])
      text += m["name"].get<std::string>() + "（" + m["teacher_id"].get<std::string>() + "）\t" +
              m["subject"].get<std::string>() + "\t" + m["from_name"].get<std::string>() + "\t" +
              m["to_name"].get<std::string>() + "\t" + m["reason_zh"].get<std::string>() + "\n";
  }
  if (!write_output(a.out, text)) return kExitFailure;
  std::fprintf(stderr,
               "%s %s：符合交流条件 %zu 人，须交流不少于 %zu 人，本方案交流 %zu 人（骨干 %zu 人%s）；差异系数 高学历教师 %.4f→%.4f，"
               "骨干教师 %.4f→%.4f\n",
               in->district_name.c_str(), a.level == "primary" ? "小学" : "初中", plan.eligible, plan.required_moves,
               plan.moves.size(), plan.backbone_moved, plan.backbone_share_met ? "" : "，未达 20%",
               plan.cv_above_degree_before, plan.cv_above_degree_after, plan.cv_backbone_before, plan.cv_backbone_after);
  return kExitOk;
}

}  // namespace

void add_balance_exchange_command(CLI::App* balance, Runner& selected) {
  auto a = std::make_shared<ExchangeArgs>();
  auto* cmd = balance->add_subcommand("exchange", "教师交流轮岗方案：降低教师指标差异系数 / teacher exchange plan");
  add_db_options(cmd, a->db);
  cmd->add_option("--county", a->county, "区县（行政区划代码或名称）")->required();
  cmd->add_option("--level", a->level, "学段 primary 或 junior（缺省 primary）");
  cmd->add_option("--school-year", a->school_year, "学年（在校生数取自该学年；缺省最新）");
  cmd->add_option("--profile,--policy", a->profile, "策略配置（缺省 national；诸城 zhucheng：9 年轮岗、12 年上限；金华 jinhua）");
  cmd->add_option("--year", a->year, "计算任教年限的年份（缺省学年起始年）");
  cmd->add_option("--max-moves", a->max_moves, "改善均衡的交流人数上限（0 = 不设；到期教师和规定比例仍会满足）");
  cmd->add_flag("--same-title", a->same_title, "交流双方职称相同（保持各校职称结构 / 岗位设置）");
  cmd->add_flag("--json", a->json, "输出 JSON");
  cmd->add_option("--out", a->out, "把结果写入文件（JSON）");
  on_run(cmd, selected, [a] { return run_exchange(*a); });
}

}  // namespace youjun::cli
