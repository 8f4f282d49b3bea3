#include "evaluate/wuyu.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "enroll/enroll_files.hpp"
#include "enroll/table_cells.hpp"
#include "evaluate/fitness_tables.hpp"
#include "evaluate/spec_fields.hpp"
#include "evaluate/student_rows.hpp"

namespace youjun::evaluate {

const char* const kGradeNames[4] = {"优秀", "良好", "合格", "待合格"};

namespace {

double tenth(double v) { return std::round(v * 10) / 10; }

// The spec's fields by name (a repeated name: the last one).
Result<std::map<std::string, std::string>> fields_of(const std::string& spec) {
  auto fields = spec_fields(spec);
  if (!fields) return fields.error();
  std::map<std::string, std::string> out;
  for (auto& [name, value] : *fields) out[name] = std::move(value);
  return out;
}

bool positive_int(const std::string& s, int& out) { return parse_digits(s, 4, out) && out > 0; }

}  // namespace

Result<WuyuRules> wuyu_rules(const policy::Policy& policy) {
  WuyuRules r;
  auto fail = [&](const std::string& key, const std::string& m) { return Error{"策略 " + policy.name() + " 的 " + key + "：" + m}; };
  int total = 0;
  auto order = policy.text("wuyu.dimensions");
  if (!order) return order.error();
  r.keys.push_back("wuyu.dimensions");
  std::istringstream names(*order);
  std::string name;
  while (std::getline(names, name, '|')) {
    std::string key = "wuyu.dimension." + name;
    if (!policy.has(key)) return fail("wuyu.dimensions", "维度 " + name + " 没有 " + key + " 定义");
    auto spec = policy.text(key);
    if (!spec) return spec.error();
    auto fields = fields_of(*spec);
    if (!fields) return fail(key, fields.error().message);
    auto& f = *fields;
    WuyuDimension d{key.substr(15), f["label"], 0};
    if (d.label.empty() || !positive_int(f["weight"], d.weight)) return fail(key, "应为 label=名称 weight=权重（正整数 %）");
    total += d.weight;
    r.dimensions.push_back(d);
    r.keys.push_back(key);
  }
  if (r.dimensions.empty() || total != 100) return fail("wuyu.dimension", "维度权重之和应为 100，现为 " + std::to_string(total));
  for (const auto& key : policy.keys("wuyu.indicator.")) {
    auto spec = policy.text(key);
    if (!spec) return spec.error();
    auto fields = fields_of(*spec);
    if (!fields) return fail(key, fields.error().message);
    auto& f = *fields;
    WuyuIndicator ind;
    ind.key = key.substr(15);
    ind.label = f.count("label") ? f["label"] : ind.key;
    auto dim = std::find_if(r.dimensions.begin(), r.dimensions.end(), [&](const WuyuDimension& d) { return d.key == f["dimension"]; });
    if (dim == r.dimensions.end()) return fail(key, "dimension=" + f["dimension"] + " 不是已定义的维度");
    ind.dimension = static_cast<size_t>(dim - r.dimensions.begin());
    if (!positive_int(f["weight"], ind.weight)) return fail(key, "weight 应为正整数");
    if (f.count("grade")) {
      std::istringstream parts(f["grade"]);
      std::string part;
      while (std::getline(parts, part, ',')) {
        size_t colon = part.find(':');
        auto score = colon == std::string::npos ? std::nullopt : parse_measure(part.substr(colon + 1));
        if (!score || *score < 0 || *score > 100 * kMilli) return fail(key, "grade 应写作 A:100,B:85,…（分数 0–100）");
        ind.grades.emplace_back(part.substr(0, colon), static_cast<double>(*score) / kMilli);
      }
    } else if (f.count("linear")) {
      std::string range = f["linear"];
      size_t colon = range.find(':');
      auto lo = colon == std::string::npos ? std::nullopt : parse_measure(range.substr(0, colon));
      auto hi = colon == std::string::npos ? std::nullopt : parse_measure(range.substr(colon + 1));
      if (!lo || !hi || *hi <= *lo) return fail(key, "linear 应写作 下限:上限（上限大于下限）");
      ind.low = static_cast<double>(*lo) / kMilli, ind.high = static_cast<double>(*hi) / kMilli;
      ind.score = f["score"];
      if (!ind.score.empty() && ind.score != "yes" && ind.score != "fitness") return fail(key, "score 应为 yes 或 fitness");
    } else {
      return fail(key, "须给出 grade=… 或 linear=…");
    }
    r.indicators.push_back(ind);
    r.keys.push_back(key);
  }
  for (size_t d = 0; d < r.dimensions.size(); ++d)
    if (std::none_of(r.indicators.begin(), r.indicators.end(), [d](const WuyuIndicator& i) { return i.dimension == d; }))
      return fail("wuyu.dimension." + r.dimensions[d].key, "没有任何指标");
  auto cuts = policy.numbers("evaluation.grade_cuts");
  if (!cuts) return cuts.error();
  if (cuts->size() != 3 || !((*cuts)[0] > (*cuts)[1] && (*cuts)[1] > (*cuts)[2]))
    return fail("evaluation.grade_cuts", "应为三个递减的分界，如 [90, 75, 60]");
  r.grade_cuts = *cuts;
  r.keys.push_back("evaluation.grade_cuts");
  return r;
}

int wuyu_level(const WuyuRules& rules, double score) {
  return score >= rules.grade_cuts[0] ? 0 : score >= rules.grade_cuts[1] ? 1 : score >= rules.grade_cuts[2] ? 2 : 3;
}

std::optional<double> linear_score(const WuyuIndicator& ind, std::string_view value) {
  auto v = parse_measure(value);
  if (!v || *v < 0) return std::nullopt;
  double x = static_cast<double>(*v) / kMilli;
  return 100 * std::clamp((x - ind.low) / (ind.high - ind.low), 0.0, 1.0);
}

RowErrors read_wuyu(const io::Table& t, const WuyuRules& rules, WuyuColumns& c, std::vector<WuyuStudent>& out) {
  RowErrors errors;
  std::vector<std::string> names{"student_id"};
  for (const auto& i : rules.indicators) names.push_back(i.key);
  size_t required = names.size();
  for (const char* optional : {"term", "school_id", "class_id"}) names.emplace_back(optional);
  auto cols = enroll::find_columns(t, names, required, errors);
  if (!cols.ok) return errors;
  c.student_id = cols.index[0];
  c.indicator.assign(cols.index.begin() + 1, cols.index.begin() + static_cast<long>(required));
  c.term = cols.index[required], c.school = cols.index[required + 1], c.klass = cols.index[required + 2];
  StudentRows seen(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    long line = t.line_number(r);
    size_t before = errors.size();
    std::string_view id = enroll::cell(t, r, c.student_id);
    std::string problem = enroll::id_problem(id);
    if (problem.empty()) problem = seen.repeat(t, r, id, enroll::cell(t, r, c.term), "学期");  // one record per term
    if (!problem.empty()) errors.push_back({t.file, line, "student_id", problem});
    WuyuStudent s;
    s.row = static_cast<uint32_t>(r);
    std::vector<double> sum(rules.dimensions.size(), 0), weight(rules.dimensions.size(), 0);
    for (size_t k = 0; k < rules.indicators.size(); ++k) {
      const auto& ind = rules.indicators[k];
      std::string_view text = enroll::cell(t, r, c.indicator[k]);
      double score = 0;
      weight[ind.dimension] += ind.weight;
      if (text.empty()) {
        s.missing.push_back(ind.key);
      } else if (!ind.grades.empty()) {
        std::string letter(text);
        for (char& ch : letter) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        auto g = std::find_if(ind.grades.begin(), ind.grades.end(), [&](const auto& p) { return p.first == letter; });
        if (g == ind.grades.end()) {
          std::string known;
          for (const auto& p : ind.grades) known += (known.empty() ? "" : "、") + p.first;
          errors.push_back({t.file, line, ind.key, ind.label + "应为等级 " + known + "，或留空"});
          continue;
        }
        score = g->second;
      } else {
        auto linear = linear_score(ind, text);
        if (!linear) {
          errors.push_back({t.file, line, ind.key, ind.label + "应为非负数值，或留空"});
          continue;
        }
        score = *linear;
      }
      sum[ind.dimension] += ind.weight * score;
    }
    if (errors.size() != before) continue;
    double index = 0;
    for (size_t d = 0; d < rules.dimensions.size(); ++d) {
      double dim = sum[d] / weight[d];
      s.dimensions.push_back(tenth(dim));
      index += rules.dimensions[d].weight * dim / 100;
    }
    s.index = tenth(index);
    s.level = wuyu_level(rules, s.index);
    out.push_back(std::move(s));
  }
  if (!errors.empty()) out.clear();
  return errors;
}

std::vector<WuyuGroup> wuyu_groups(const io::Table& t, const WuyuColumns& c, const WuyuRules& rules,
                                   const std::vector<WuyuStudent>& students) {
  std::vector<WuyuGroup> out;
  struct Scope {
    const char* name;
    int column, second;
  };
  std::vector<Scope> scopes{{"all", -2, -1}};
  if (c.school >= 0) scopes.push_back({"school", c.school, -1});
  if (c.klass >= 0) scopes.push_back({"class", c.school >= 0 ? c.school : c.klass, c.school >= 0 ? c.klass : -1});
  for (const Scope& scope : scopes) {
    std::map<std::string, WuyuGroup> groups;
    for (const auto& s : students) {
      std::string key = scope.column == -2 ? "" : std::string(t.cell(s.row, scope.column));
      if (scope.second >= 0) key += "/" + std::string(t.cell(s.row, scope.second));
      WuyuGroup& g = groups[key];
      if (g.students == 0) g.scope = scope.name, g.key = key, g.dimension_means.assign(rules.dimensions.size(), 0);
      ++g.students;
      for (size_t d = 0; d < s.dimensions.size(); ++d) g.dimension_means[d] += s.dimensions[d];
      g.index_mean += s.index;
      ++g.levels[s.level];
    }
    for (auto& [key, g] : groups) {
      for (double& m : g.dimension_means) m = tenth(m / static_cast<double>(g.students));
      g.index_mean = tenth(g.index_mean / static_cast<double>(g.students));
      out.push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace youjun::evaluate
