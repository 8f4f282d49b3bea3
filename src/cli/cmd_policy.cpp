// `youjun policy list | show NAME [--json] | check | index [--out FILE]`
#include <cstdio>
#include <fstream>

#include "cli/cli.hpp"
#include "policy/policy.hpp"
#include "policy/policy_report.hpp"

namespace youjun::cli {

namespace {

int bad_input(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  return kExitBadInput;
}

int run_list() {
  auto infos = policy::policy_infos();
  if (!infos) return bad_input(infos.error().message);
  std::printf("%-12s %-8s %s\n", "名称 name", "基础 base", "标题 title");
  for (const auto& p : *infos)
    std::printf("%-12s %-8s %s\n", p.name.c_str(), p.base.empty() ? "-" : p.base.c_str(),
                p.title.empty() ? "（无标题）" : p.title.c_str());
  return kExitOk;
}

int run_show(const std::string& name, bool json) {
  auto p = policy::load_policy(name);
  if (!p) return bad_input(p.error().message);
  if (json) {
    std::printf("%s\n", policy::policy_to_json(*p).dump(2).c_str());
    return kExitOk;
  }
  std::string chain;
  for (const auto& c : p->chain()) chain += (chain.empty() ? "" : " → ") + c;
  std::printf("%s — %s（%s）\n", p->name().c_str(), p->title().c_str(), chain.c_str());
  for (const auto& key : p->keys()) {
    auto r = p->rule(key);
    std::string value = policy::display_value(*r, true);
    std::string confidence = r->confidence.empty() ? "" : " [" + r->confidence + "]";
    std::printf("%s: %s — %s: %s%s\n", key.c_str(), value.c_str(), r->profile.c_str(), r->cite.c_str(),
                confidence.c_str());
  }
  return kExitOk;
}

int run_check() {
  auto problems = policy::check_policies();
  if (problems.empty()) {
    std::printf("全部 %zu 个策略文件检查通过\n", policy::policy_file_count());
    return kExitOk;
  }
  for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.to_string().c_str());
  return kExitBadInput;
}

int run_index(const std::string& out) {
  auto md = policy::policy_index_markdown();
  if (!md) return bad_input(md.error().message);
  if (out.empty()) {
    std::fputs(md->c_str(), stdout);
    return kExitOk;
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!(file << *md)) return fail(out + ": 无法写入 / cannot write");
  std::printf("已生成策略规则索引 / wrote %s\n", out.c_str());
  return kExitOk;
}

}  // namespace

void register_policy_commands(CLI::App& app, Runner& selected) {
  auto* policy = app.add_subcommand("policy", "策略配置: 国家基线与城市覆盖层 / policy profiles");
  policy->require_subcommand(1);

  auto* list = policy->add_subcommand("list", "列出策略（名称、标题、基础策略）/ list profiles");
  on_run(list, selected, [] { return run_list(); });

  auto name = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto* show = policy->add_subcommand("show", "显示合并后的策略，每条规则含值、单位、出处和来源 / show merged profile");
  show->add_option("name", *name, "策略名称，如 national、shaoxing")->required();
  show->add_flag("--json", *json, "输出 JSON");
  on_run(show, selected, [name, json] { return run_show(*name, *json); });

  auto* check = policy->add_subcommand("check", "检查全部策略文件 / validate all profiles");
  on_run(check, selected, [] { return run_check(); });

  auto out = std::make_shared<std::string>();
  auto* index = policy->add_subcommand("index", "生成策略规则索引 Markdown / write the policy-rule index");
  index->add_option("--out", *out, "输出文件，如 docs/policy-rules.md（缺省输出到标准输出）");
  on_run(index, selected, [out] { return run_index(*out); });
}

}  // namespace youjun::cli
