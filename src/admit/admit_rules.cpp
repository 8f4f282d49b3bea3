#include "admit/admit_rules.hpp"

#include <cmath>
#include <sstream>

#include "enroll/table_cells.hpp"

namespace youjun::admit {

namespace {

template <typename T>
Result<T> at_year(const policy::Policy& policy, const std::string& key, int year, std::vector<std::string>& keys) {
  auto rule = policy.rule_at(key, year);
  if (!rule) return rule.error();
  keys.push_back(key);
  if (const T* v = std::get_if<T>(&rule->value)) return *v;
  return Error{"策略 " + policy.name() + " 的 " + key + " 类型不对"};
}

std::vector<std::string> split_list(const std::string& text, char sep) {
  std::vector<std::string> out;
  enroll::split_on(text, sep, [&](std::string_view part) { out.emplace_back(part); });
  return out;
}

bool is_column_name(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

Result<QuotaPolicy> quota_policy(const policy::Policy& policy, int year) {
  QuotaPolicy q;
  auto share = at_year<double>(policy, "admission.quota_allocation.min_share", year, q.keys);
  if (!share) return share.error();
  auto exact = share_from(*share);
  if (!exact) return Error{"admission.quota_allocation.min_share 应为 0–1 之间、最多 6 位小数的比例"};
  q.share = *share;
  q.rules.share = *exact;
  auto minimum = at_year<double>(policy, "admission.quota_allocation.min_per_junior", year, q.keys);
  if (!minimum) return minimum.error();
  if (*minimum < 0 || *minimum != std::floor(*minimum)) return Error{"admission.quota_allocation.min_per_junior 应为非负整数"};
  q.rules.min_per_junior = static_cast<uint32_t>(*minimum);
  auto same_county = at_year<bool>(policy, "admission.quota_allocation.same_county", year, q.keys);
  if (!same_county) return same_county.error();
  q.rules.same_county = *same_county;
  return q;
}

Result<AdmissionPolicy> admission_policy(const policy::Policy& policy, int year) {
  AdmissionPolicy a;
  auto batches = at_year<std::string>(policy, "admission.batches", year, a.keys);
  if (!batches) return batches.error();
  for (const auto& name : split_list(*batches, '|')) {
    if (!is_column_name(name)) return Error{"admission.batches 中的批次名“" + name + "”应为小写字母、数字、下划线"};
    BatchSpec spec;
    spec.name = name;
    std::string prefix = "admission.batch." + name + ".";
    auto scope = at_year<std::string>(policy, prefix + "scope", year, a.keys);
    auto column = at_year<std::string>(policy, prefix + "prefs_column", year, a.keys);
    auto choices = at_year<double>(policy, prefix + "max_choices", year, a.keys);
    if (!scope) return scope.error();
    if (!column) return column.error();
    if (!choices) return choices.error();
    if (*scope == "junior") spec.scope = BatchScope::Junior;
    else if (*scope == "county") spec.scope = BatchScope::County;
    else if (*scope == "open") spec.scope = BatchScope::Open;
    else return Error{prefix + "scope 应为 junior、county 或 open"};
    if (!is_column_name(*column)) return Error{prefix + "prefs_column 应为列名（小写字母、数字、下划线）"};
    if (*choices < 1 || *choices != std::floor(*choices) || *choices > 1000) return Error{prefix + "max_choices 应为正整数"};
    spec.prefs_column = *column;
    spec.max_choices = static_cast<uint32_t>(*choices);
    for (const auto& earlier : a.batches)
      if (earlier.name == name) return Error{"admission.batches 中批次“" + name + "”出现两次"};
    a.batches.push_back(spec);
  }
  if (a.batches.empty()) return Error{"admission.batches 至少要有一个批次"};
  auto chain = at_year<std::string>(policy, "admission.tiebreak", year, a.keys);
  if (!chain) return chain.error();
  if (!chain->empty())
    for (const auto& key : split_list(*chain, '|')) {
      auto columns = split_list(key, '+');
      for (const auto& c : columns)
        if (!is_column_name(c)) return Error{"admission.tiebreak 中的“" + key + "”应为列名或用 + 相加的列名"};
      a.tiebreak.push_back(columns);
    }
  auto line = at_year<bool>(policy, "admission.quota_allocation.min_line_allowed", year, a.keys);
  if (!line) return line.error();
  a.min_line_allowed = *line;
  return a;
}

Milli ScoreComponent::max_points() const {
  if (!graded) return points;
  Milli best = 0;
  for (const auto& g : grades) best = std::max(best, g.second);
  return best;
}

Result<ScoreComponent> parse_component(const std::string& name, const std::string& spec) {
  ScoreComponent c;
  c.name = name;
  c.label = name;
  std::istringstream words(spec);
  std::string kind, word;
  words >> kind;
  if (kind != "score" && kind != "grade") return Error{"应以 score 或 grade 开头"};
  c.graded = kind == "grade";
  bool has_points = false;
  while (words >> word) {
    size_t eq = word.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == word.size()) return Error{"“" + word + "”应为 名称=值"};
    std::string field = word.substr(0, eq), value = word.substr(eq + 1);
    if (field == "label") {
      c.label = value;
      continue;
    }
    auto number = parse_milli(value);
    if (!number) return Error{"“" + word + "”的值应为非负数（最多 3 位小数）"};
    if (!c.graded && field == "full") c.full = *number;
    else if (!c.graded && field == "points") c.points = *number, has_points = true;
    else if (c.graded) {
      for (const auto& g : c.grades)
        if (g.first == field) return Error{"等级 " + field + " 出现两次"};
      c.grades.emplace_back(field, *number);
    } else return Error{"score 只认 full、points、label，不认“" + field + "”"};
  }
  if (!c.graded && c.full <= 0) return Error{"score 须给出满分 full=…（大于 0）"};
  if (!c.graded && !has_points) c.points = c.full;
  if (c.graded && c.grades.empty()) return Error{"grade 须给出至少一个等级，如 A=20"};
  return c;
}

Result<ScoreScheme> score_scheme(const policy::Policy& policy, int year) {
  ScoreScheme s;
  auto list = at_year<std::string>(policy, "admission.score.components", year, s.keys);
  if (!list) return list.error();
  for (const auto& name : split_list(*list, '|')) {
    if (!is_column_name(name)) return Error{"admission.score.components 中的“" + name + "”应为列名"};
    std::string key = "admission.score.component." + name;
    auto spec = at_year<std::string>(policy, key, year, s.keys);
    if (!spec) return spec.error();
    auto component = parse_component(name, *spec);
    if (!component) return Error{key + "：" + component.error().message};
    for (const auto& earlier : s.components)
      if (earlier.name == name) return Error{"admission.score.components 中“" + name + "”出现两次"};
    s.components.push_back(std::move(*component));
  }
  if (s.components.empty()) return Error{"admission.score.components 为空"};
  auto decimals = at_year<double>(policy, "admission.score.decimals", year, s.keys);
  if (!decimals) return decimals.error();
  if (*decimals < 0 || *decimals > 3 || *decimals != std::floor(*decimals)) return Error{"admission.score.decimals 应为 0–3"};
  s.decimals = static_cast<int>(*decimals);
  return s;
}

}  // namespace youjun::admit
