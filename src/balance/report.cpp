#include "balance/report.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include <fmt/format.h>

namespace youjun::balance {

namespace {

std::string f2(double v) { return fmt::format("{:.2f}", v); }
std::string f4(double v) { return fmt::format("{:.4f}", v); }
std::string yes_no(bool b) { return b ? "是" : "否"; }
double num(const policy::Rule& r) { return std::get<double>(r.value); }

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

std::string limit_text(const BalanceRules& rules, Stage s) {
  const auto& l = rules.cv_max[static_cast<int>(s)];
  return (l.compare.empty() ? "<=" : l.compare) + " " + policy::format_value(l.value);
}

// What one unit of each indicator's amount is, for the plan.
constexpr const char* kAmountUnit[kIndicatorCount] = {"人", "人", "人", "m²", "m²", "元", "间"};

std::string verdict(const CountyResult& c) {
  if (c.cv_pass && c.compliant_schools == c.schools) return "达标";
  return c.cv_pass ? "差异系数达标，有学校未达标" : "差异系数未达标";
}

// A bar chart of the 7 CVs of one level against the limit, as inline SVG.
std::string cv_chart_svg(const CountyResult& c, const BalanceRules& rules) {
  const double width = 640, height = 220, left = 40, bottom = 40, top = 16;
  double limit = num(rules.cv_max[static_cast<int>(c.stage)]);
  double top_value = std::max(limit * 1.25, *std::max_element(c.cv.begin(), c.cv.end()) * 1.1);
  auto y = [&](double v) { return top + (height - top - bottom) * (1 - v / top_value); };
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img">)", width, height, width, height);
  double slot = (width - left - 10) / kIndicatorCount;
  for (int i = 0; i < kIndicatorCount; ++i) {
    double x = left + slot * i + slot * 0.2, h = y(0) - y(c.cv[i]);
    svg += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)", x, y(c.cv[i]),
                       slot * 0.6, h, c.cv_ok[i] ? "#16a34a" : "#dc2626");
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11" text-anchor="middle">{}</text>)", x + slot * 0.3,
                       y(c.cv[i]) - 3, f4(c.cv[i]));
    svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="11" text-anchor="middle">{}</text>)", x + slot * 0.3,
                       height - bottom + 16, kIndicators[i].short_zh);
  }
  svg += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#d97706" stroke-dasharray="6 4" stroke-width="2"/>)",
                     left, width - 10, y(limit), y(limit));
  svg += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="11" fill="#b45309" text-anchor="end">上限 {}</text>)",
                     width - 12, y(limit) - 4, limit_text(rules, c.stage));
  svg += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#9ca3af"/></svg>)", left, width - 10, y(0), y(0));
  return svg;
}

}  // namespace

std::vector<io::XlsxSheet> report_sheets(const CountyReport& r) {
  const auto& e = *r.evaluation;
  const auto& records = *r.records;
  const auto& rules = *r.rules;
  std::vector<io::XlsxSheet> sheets;

  io::XlsxSheet summary{"概况", {"区县", "学段", "学年", "学校数", "达标学校数", "差异系数上限", "差异系数达标", "超限指标", "结论", "策略"}, {}};
  for (const auto& c : e.counties) {
    std::string failing;
    for (int i = 0; i < kIndicatorCount; ++i)
      if (!c.cv_ok[i]) failing += std::string(failing.empty() ? "" : "、") + kIndicators[i].short_zh;
    summary.rows.push_back({c.county, stage_zh(c.stage), r.school_year, std::to_string(c.schools),
                            std::to_string(c.compliant_schools), limit_text(rules, c.stage), yes_no(c.cv_pass), failing,
                            verdict(c), r.profile});
  }
  sheets.push_back(std::move(summary));

  io::XlsxSheet schools{"资源配置", {"学校代码", "学校名称", "学段", "在校生数"}, {}};
  for (const auto& ind : kIndicators) schools.header.push_back(ind.zh);
  for (const auto& h : {"达标项数", "学校达标", "未达标指标"}) schools.header.push_back(h);
  for (const auto& p : e.parts) {
    const auto& rec = records[p.school];
    std::vector<std::string> row = {rec.school_id, rec.name, stage_zh(p.stage), std::to_string(p.students)};
    std::string failing;
    for (int i = 0; i < kIndicatorCount; ++i) {
      row.push_back(f2(p.values[i]));
      if (!p.met[i])
        failing += fmt::format("{}{} {} / {}", failing.empty() ? "" : "；", kIndicators[i].short_zh, f2(p.values[i]),
                               policy::format_value(rules.floors[static_cast<int>(p.stage)][i].value));
    }
    row.push_back(std::to_string(p.met_count));
    row.push_back(yes_no(p.compliant));
    row.push_back(failing);
    schools.rows.push_back(std::move(row));
  }
  sheets.push_back(std::move(schools));

  io::XlsxSheet cv{"差异系数", {"学段", "学校数", "在校生数"}, {}};
  for (const auto& ind : kIndicators) cv.header.push_back(ind.zh);
  cv.header.push_back("上限");
  cv.header.push_back("依据");
  for (const auto& c : e.counties) {
    std::vector<std::string> row = {stage_zh(c.stage), std::to_string(c.schools), std::to_string(c.students)};
    for (int i = 0; i < kIndicatorCount; ++i) row.push_back(f4(c.cv[i]));
    row.push_back(limit_text(rules, c.stage));
    row.push_back(rules.cv_max[static_cast<int>(c.stage)].cite);
    cv.rows.push_back(std::move(row));
  }
  sheets.push_back(std::move(cv));

  io::XlsxSheet size{"班额校额", {"学校代码", "学校名称", "学段", "班级数", "平均班额", "最大班额", "班额上限", "大班额", "超大班额", "在校生（义务教育）", "校额上限", "大校额", "小规模学校"}, {}};
  for (const auto& p : e.parts) {
    const auto& rec = records[p.school];
    const auto& f = e.flags[p.school];
    size.rows.push_back({rec.school_id, rec.name, stage_zh(p.stage), std::to_string(p.classes),
                         p.average_class ? f2(*p.average_class) : "", p.largest_class ? std::to_string(*p.largest_class) : "",
                         policy::format_value(rules.class_max[static_cast<int>(p.stage)].value), yes_no(p.large_class),
                         yes_no(p.super_large_class), std::to_string(f.compulsory_students), fmt::format("{:g}", f.size_limit),
                         yes_no(f.large_school), yes_no(f.small_school)});
  }
  sheets.push_back(std::move(size));

  io::XlsxSheet money{"经费", {"学校代码", "学校名称", "城乡", "在校生", "按人数核定", "公用经费核定数(元)", "公用经费预算(元)", "公用经费缺口(元)", "教师培训经费(元)", "培训经费应安排(元)", "培训经费缺口(元)"}, {}};
  if (r.funding)
    for (const auto& s : r.funding->schools)
      money.rows.push_back({s.line->school_id, s.line->name, s.line->locale, std::to_string(s.students),
                            s.funded_as ? std::to_string(*s.funded_as) : "", f2(s.required_public), f2(s.line->public_budget),
                            f2(s.public_shortfall), f2(s.line->training_budget), f2(s.training_required),
                            f2(s.training_shortfall)});
  sheets.push_back(std::move(money));

  io::XlsxSheet plan{"达标规划", {"学校代码", "学校名称", "学段", "补充项目", "数量", "单位", "补充后数值", "目标", "估算(元)"}, {}};
  for (const auto& pp : r.plan->parts) {
    const auto& p = e.parts[pp.part];
    const auto& rec = records[p.school];
    for (const auto& a : pp.additions)
      plan.rows.push_back({rec.school_id, rec.name, stage_zh(p.stage), kIndicators[a.indicator].zh, fmt::format("{:g}", a.amount),
                           kAmountUnit[a.indicator], f2(a.value_after), f2(a.target), fmt::format("{:.0f}", a.cost)});
  }
  for (const auto& cp : r.plan->counties)
    for (const auto& raise : cp.raises)
      for (const auto& [part, amount] : raise.additions) {
        const auto& p = e.parts[part];
        const auto& rec = records[p.school];
        plan.rows.push_back({rec.school_id, rec.name, stage_zh(p.stage),
                             std::string("差异系数：") + kIndicators[raise.indicator].zh, fmt::format("{:g}", amount),
                             kAmountUnit[raise.indicator], "", f2(raise.level), ""});
      }
  sheets.push_back(std::move(plan));

  io::XlsxSheet cites{"依据", {"规则", "取值", "依据", "策略"}, {}};
  for (const auto* rule : rules.all()) cites.rows.push_back({rule->key, policy::format_value(rule->value), rule->cite, rule->profile});
  if (r.costs)
    for (const auto& rule : r.costs->rules) cites.rows.push_back({rule.key, policy::format_value(rule.value), rule.cite, rule.profile});
  sheets.push_back(std::move(cites));
  return sheets;
}

std::string report_html(const CountyReport& r) {
  auto sheets = report_sheets(r);
  const auto& e = *r.evaluation;
  std::string h = fmt::format(R"(<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{0}义务教育优质均衡 资源配置评估报告（{1}）</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif; color: #1f2937; margin: 32px; font-size: 13px; }}
h1 {{ font-size: 22px; margin: 0 0 4px; }} h2 {{ font-size: 16px; margin: 28px 0 8px; border-bottom: 2px solid #1d4ed8; padding-bottom: 4px; }}
.meta {{ color: #6b7280; margin-bottom: 16px; }} table {{ border-collapse: collapse; width: 100%; margin: 8px 0; }}
th, td {{ border: 1px solid #d1d5db; padding: 4px 6px; text-align: left; vertical-align: top; }} th {{ background: #f3f4f6; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }} .bad {{ color: #dc2626; font-weight: 600; }} .ok {{ color: #15803d; }}
.note {{ color: #6b7280; font-size: 12px; }} @media print {{ h2 {{ break-after: avoid; }} tr {{ break-inside: avoid; }} }}
</style></head><body>
<h1>{0}义务教育优质均衡 资源配置评估报告</h1>
<div class="meta">学年 {1} · 策略 {2} · 依据 教督〔2017〕6号 第六条 · 生成于 {3}（youjun）</div>
)",
                              escape(r.county), escape(r.school_year), escape(r.profile), escape(r.generated_at));
  auto table = [&](const io::XlsxSheet& s, const std::vector<size_t>& numeric_from) {
    std::string t = "<table><tr>";
    for (const auto& c : s.header) t += "<th>" + escape(c) + "</th>";
    t += "</tr>";
    for (const auto& row : s.rows) {
      t += "<tr>";
      for (size_t c = 0; c < row.size(); ++c) {
        bool numeric = std::find(numeric_from.begin(), numeric_from.end(), c) != numeric_from.end();
        std::string cls = numeric ? " class=\"num\"" : row[c] == "否" ? " class=\"bad\"" : "";
        t += "<td" + cls + ">" + escape(row[c]) + "</td>";
      }
      t += "</tr>";
    }
    return t + "</table>";
  };
  h += "<h2>一、结论</h2>";
  h += table(sheets[0], {3, 4});
  h += "<h2>二、校际差异系数</h2>";
  for (const auto& c : e.counties)
    h += fmt::format("<p><b>{}</b>：{}</p>", stage_zh(c.stage), verdict(c)) + cv_chart_svg(c, *r.rules);
  h += table(sheets[2], {1, 2, 3, 4, 5, 6, 7, 8, 9});
  h += "<p class=\"note\">差异系数按在校生数加权：x̄ = Σnᵢxᵢ/N，S = √(Σnᵢ(xᵢ − x̄)²/N)，CV = S/x̄；7 项指标须各自达标。</p>";
  h += "<h2>三、学校资源配置（每所学校至少 6 项达标、其余 1 项不低于标准的 85%）</h2>";
  h += table(sheets[1], {3, 4, 5, 6, 7, 8, 9, 10, 11});
  h += "<h2>四、班额与校额</h2>" + table(sheets[3], {3, 4, 5, 6, 9, 10});
  h += "<h2>五、经费</h2>" + table(sheets[4], {3, 4, 5, 6, 7, 8, 9, 10});
  h += "<h2>六、达标规划（最少补充与差异系数调整）</h2>" + table(sheets[5], {4, 6, 7, 8});
  h += fmt::format("<p>规划合计约 {:.1f} 万元（单价为系统默认估算，见依据）。</p>", r.plan->cost / 10000);
  h += "<h2>七、依据</h2>" + table(sheets[6], {});
  h += "</body></html>\n";
  return h;
}

}  // namespace youjun::balance
