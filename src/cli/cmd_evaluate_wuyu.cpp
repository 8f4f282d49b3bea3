// `youjun evaluate wuyu` — 五育 综合评价 index per student, class and school (issue 8 §3).
#include <nlohmann/json.hpp>

#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "evaluate/wuyu.hpp"
#include "evaluate/wuyu_json.hpp"

namespace youjun::cli {

namespace {

struct WuyuArgs {
  std::string records, profile = "national", out;
  bool json = false, grades_only = false;
};

int run_wuyu(const WuyuArgs& a) {
  auto policy = load_profile(a.profile);
  if (!policy) return kExitFailure;
  auto rules = evaluate::wuyu_rules(*policy);
  if (!rules) return fail(rules.error().message);
  auto table = read_input_table(a.records);
  if (!table) return kExitBadInput;
  evaluate::WuyuColumns columns;
  std::vector<evaluate::WuyuStudent> students;
  RowErrors errors = evaluate::read_wuyu(*table, *rules, columns, students);
  if (!errors.empty()) return report_row_errors(errors);
  auto groups = evaluate::wuyu_groups(*table, columns, *rules, students);
  if (!a.json && a.out.empty()) {
    std::string text = "五育综合评价（策略 " + policy->name() + "）：" + std::to_string(students.size()) + " 名学生\n  维度：";
    for (const auto& d : rules->dimensions) text += d.label + " " + std::to_string(d.weight) + "%  ";
    const auto& all = groups.front();
    text += "\n  全体平均：";
    for (size_t d = 0; d < rules->dimensions.size(); ++d) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s %.1f  ", rules->dimensions[d].label.c_str(), all.dimension_means[d]);
      text += buf;
    }
    text += "\n  等级：";
    for (int l = 0; l < 4; ++l) text += std::string(evaluate::kGradeNames[l]) + " " + std::to_string(all.levels[l]) + " 人  ";
    return write_output("", text + "\n") ? kExitOk : kExitFailure;
  }
  auto cited = cited_rules(*policy, rules->keys);
  if (!cited) return kExitFailure;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : students) {
    nlohmann::json one = {{"student_id", std::string(table->cell(s.row, columns.student_id))}, {"level", evaluate::kGradeNames[s.level]}};
    if (columns.term >= 0) one["term"] = std::string(table->cell(s.row, columns.term));
    if (!a.grades_only) {
      if (columns.school >= 0) one["school_id"] = std::string(table->cell(s.row, columns.school));
      if (columns.klass >= 0) one["class_id"] = std::string(table->cell(s.row, columns.klass));
      one["index"] = s.index;
      one["dimensions"] = evaluate::wuyu_scores_json(*rules, s.dimensions);
      one["missing"] = s.missing;
    }
    list.push_back(std::move(one));
  }
  // Grades only (for schools and parents, 001): in student_id order, nothing that orders students.
  if (a.grades_only)
    std::stable_sort(list.begin(), list.end(), [](const nlohmann::json& x, const nlohmann::json& y) {
      return x["student_id"].get<std::string>() < y["student_id"].get<std::string>();
    });
  nlohmann::json out_groups = nlohmann::json::array();
  for (const auto& g : groups) {
    nlohmann::json one = evaluate::wuyu_group_json(*rules, g);
    if (g.scope != "all") one[g.scope == "school" ? "school_id" : "class"] = g.key;
    out_groups.push_back(std::move(one));
  }
  nlohmann::json result = {{"profile", policy->name()}, {"rules", *cited},     {"dimensions", evaluate::wuyu_dimensions_json(*rules)},
                           {"grades_only", a.grades_only}, {"students", list}, {"groups", out_groups}};
  return write_output(a.out, result.dump(2) + "\n") ? kExitOk : kExitFailure;
}

}  // namespace

void add_wuyu_command(CLI::App* evaluate, Runner& selected) {
  auto w = std::make_shared<WuyuArgs>();
  auto* cmd = evaluate->add_subcommand("wuyu", "五育综合评价：德智体美劳各维度与综合指数，按班级、学校汇总 / five-education index");
  cmd->add_option("--records", w->records, "评价记录 student_id,<策略中的指标列>（可选 term,school_id,class_id）")->required();
  cmd->add_option("--profile,--policy", w->profile, "策略配置（缺省 national 示例方案；成都 chengdu 五维各 20%）");
  cmd->add_flag("--json", w->json, "输出 JSON（学生各维度得分、综合指数、等级；班级、学校平均，供雷达图）");
  cmd->add_flag("--grades-only", w->grades_only, "学生只输出等级（给学校和家长：以等级呈现，不含分数，按学号排列）");
  cmd->add_option("--out", w->out, "把 JSON 写入文件");
  on_run(cmd, selected, [w] { return run_wuyu(*w); });
}

}  // namespace youjun::cli
