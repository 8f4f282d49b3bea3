#include "policy/policy_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

#include "policy/resolver.hpp"

namespace youjun::policy {

namespace {

// 45 rather than 45.0 for whole numbers.
nlohmann::json number_to_json(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return static_cast<int64_t>(d);
  return d;
}

nlohmann::json value_to_json(const Value& v) {
  if (auto* d = std::get_if<double>(&v)) return number_to_json(*d);
  if (auto* b = std::get_if<bool>(&v)) return *b;
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  nlohmann::json list = nlohmann::json::array();
  for (double d : std::get<std::vector<double>>(v)) list.push_back(number_to_json(d));
  return list;
}

std::string cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out.empty() ? "—" : out;
}

void append_profile_table(std::string& md, const ResolvedProfile& p) {
  md += fmt::format("\n## {} — {}\n\n", p.name, p.title);
  md += fmt::format("文件 `{}`", p.file);
  md += p.base.empty() ? "；根策略（国家基线）。\n" : fmt::format("；基础策略 `{}`，未列出的规则沿用基础策略。\n", p.base);
  if (!p.note.empty()) md += fmt::format("\n{}\n", p.note);
  std::string rows;
  for (const auto& [key, layers] : p.layers) {
    const Rule& r = layers.back();
    if (r.profile != p.name) continue;
    std::string shown_key = "`" + key + "`" + (r.extension ? "（新增）" : layers.size() > 1 ? "（覆盖）" : "");
    rows += fmt::format("| {} | {} | {} | {} | {} |\n", shown_key, cell(display_value(r, false)), cell(r.unit),
                        cell(r.cite), cell(r.confidence));
  }
  if (rows.empty()) {
    md += "\n本策略没有自己的规则：种子文件中没有基础能力所需的数值，全部沿用基础策略。\n";
    return;
  }
  md += "\n| 键 key | 值 value | 单位 unit | 出处 cite | 可信度 confidence |\n|---|---|---|---|---|\n" + rows;
}

}  // namespace

std::string display_value(const Rule& r, bool with_unit) {
  std::string v = format_value(r.value);
  if (!r.compare.empty() && r.compare != "=") v = r.compare + " " + v;
  if (with_unit && !r.unit.empty()) v += " " + r.unit;
  if (r.from && r.until) v += fmt::format("（{}–{} 年）", *r.from, *r.until);
  else if (r.from) v += fmt::format("（{} 年起）", *r.from);
  else if (r.until) v += fmt::format("（至 {} 年）", *r.until);
  return v;
}

nlohmann::json rule_to_json(const Rule& r) {
  nlohmann::json j = {{"key", r.key}, {"value", value_to_json(r.value)}, {"cite", r.cite},
                      {"profile", r.profile}, {"file", r.file}};
  if (!r.unit.empty()) j["unit"] = r.unit;
  if (!r.confidence.empty()) j["confidence"] = r.confidence;
  if (!r.note.empty()) j["note"] = r.note;
  if (!r.compare.empty()) j["compare"] = r.compare;
  if (r.from) j["from"] = *r.from;
  if (r.until) j["until"] = *r.until;
  if (r.extension) j["extension"] = true;
  return j;
}

nlohmann::json cited_rule_json(const Rule& r) {
  return {{"key", r.key}, {"value", format_value(r.value)}, {"cite", r.cite}, {"profile", r.profile},
          {"citation", r.citation()}};
}

Result<nlohmann::json> cited_rules_json(const Policy& policy, const std::vector<std::string>& keys) {
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& key : keys) {
    auto rule = policy.rule(key);
    if (!rule) return make_error("策略 " + policy.name() + " 缺少规则 " + key + "：" + rule.error().message);
    rules.push_back(cited_rule_json(*rule));
  }
  return rules;
}

nlohmann::json policy_to_json(const Policy& p) {
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& key : p.keys()) rules.push_back(rule_to_json(*p.rule(key)));
  return {{"name", p.name()}, {"title", p.title()}, {"base", p.base()}, {"chain", p.chain()}, {"rules", rules}};
}

Result<std::string> policy_index_markdown() {
  auto sources = policy_sources();
  if (!sources) return sources.error();
  auto problems = check_policies();
  if (!problems.empty()) {
    std::string msg = "策略文件未通过检查，未生成索引 / profiles have problems:";
    for (const auto& p : problems) {
      msg += '\n';
      msg += p.to_string();
    }
    return make_error(msg);
  }
  Resolver resolver(std::move(*sources));
  std::vector<const ResolvedProfile*> roots, overlays;
  for (const auto& name : resolver.names()) {
    const ResolvedProfile* p = resolver.resolve(name);
    (p->base.empty() ? roots : overlays).push_back(p);
  }
  std::string md =
      "# 策略规则索引 / Policy rule index\n\n"
      "> 由 `youjun policy index --out docs/policy-rules.md` 从 `policy/*.toml` 生成，请勿手工编辑。\n"
      "> 文件格式与键名规则见 [policy.md](policy.md)。每个策略只列出它自己设定的规则；"
      "“（覆盖）”表示改写了基础策略的值，“（新增）”表示基础策略没有、由本策略在 `[extends]` 中新增的规则。\n"
      "> 可信度：V-gov 政府原文，V-3p 第三方转载，R 凭记忆、待核实；“—”未标注。\n\n"
      "| 策略 | 名称 | 基础策略 | 自有规则数 |\n|---|---|---|---|\n";
  auto count_own = [](const ResolvedProfile& p) {
    size_t n = 0;
    for (const auto& [key, layers] : p.layers) n += layers.back().profile == p.name;
    return n;
  };
  for (auto* group : {&roots, &overlays})
    for (const auto* p : *group)
      md += fmt::format("| `{}` | {} | {} | {} |\n", p->name, p->title,
                        p->base.empty() ? "—" : p->base, count_own(*p));
  for (auto* group : {&roots, &overlays})
    for (const auto* p : *group) append_profile_table(md, *p);
  return md;
}

}  // namespace youjun::policy
