#include "evaluate/fitness_rules.hpp"

#include <cmath>

#include "evaluate/spec_fields.hpp"

namespace youjun::evaluate {

const char* const kLevelNames[4] = {"优秀", "良好", "及格", "不及格"};

namespace {

bool whole_number(const std::string& s, int& out) { return parse_digits(s, 6, out); }

Result<FitnessItem> parse_item(const std::string& key, const std::string& spec) {
  auto fields = spec_fields(spec);
  if (!fields) return fields.error();
  FitnessItem item;
  item.key = key;
  std::string better;
  for (const auto& [k, v] : *fields) {
    if (k == "label") item.label = v;
    else if (k == "unit") item.unit = v;
    else if (k == "better") better = v;
    else if (k == "column") item.column = v;
    else return Error{"不认“" + k + "”（可用 label unit better column）"};
  }
  if (better == "higher") item.better = Better::higher;
  else if (better == "lower") item.better = Better::lower;
  else if (better == "band") item.better = Better::band;
  else return Error{"better 应为 higher、lower 或 band"};
  if (item.label.empty() || item.column.empty()) return Error{"须给出 label 和 column"};
  return item;
}

// "grades=1-2 [sex=M|F] item=n …"
Result<ItemGroup> parse_group(const std::string& name, const std::string& spec, const FitnessRules& rules) {
  auto fields = spec_fields(spec);
  if (!fields) return fields.error();
  ItemGroup g;
  g.name = name;
  for (const auto& [k, v] : *fields) {
    if (k == "grades") {
      size_t dash = v.find('-');
      std::string from = v.substr(0, dash), to = dash == std::string::npos ? from : v.substr(dash + 1);
      if (!whole_number(from, g.grade_from) || !whole_number(to, g.grade_to) || g.grade_from < kMinGrade ||
          g.grade_to > kMaxGrade || g.grade_from > g.grade_to)
        return Error{"grades 应为 1–12 内的范围，如 grades=5-6"};
    } else if (k == "sex") {
      if (v != "M" && v != "F") return Error{"sex 应为 M 或 F"};
      g.sex = static_cast<int>(v == "M" ? Sex::male : Sex::female);
    } else {
      size_t i = rules.item_index(k);
      int n = 0;
      if (i == rules.items.size()) return Error{"项目“" + k + "”没有 fitness.item." + k + " 定义"};
      if (!whole_number(v, n) || n <= 0) return Error{"“" + k + "=" + v + "”应为正整数"};
      g.items.emplace_back(i, n);
    }
  }
  if (g.grade_from == 0) return Error{"须给出 grades=…"};
  if (g.items.empty()) return Error{"须至少列出一个项目"};
  return g;
}

Milli to_milli(double v) { return static_cast<Milli>(std::llround(v * kMilli)); }

// Every (grade, sex) the group covers must have a table for each of its items.
Status check_tables_cover(const ItemGroup& g, const FitnessRules& rules, bool bonus) {
  for (int grade = g.grade_from; grade <= g.grade_to; ++grade)
    for (Sex s : {Sex::male, Sex::female}) {
      if (!g.covers(grade, s)) continue;
      for (const auto& [i, n] : g.items) {
        const FitnessItem& item = rules.items[i];
        if (item.better == Better::band) {
          if (rules.tables->bmi[slot(grade, s)].empty())
            return Error{"bmi.csv 缺少 " + std::to_string(grade) + " 年级" + (s == Sex::male ? "男生" : "女生") + "的分档"};
          continue;
        }
        const ItemTable* t = bonus ? item.bonus : item.table;
        if (!t || t->rows[slot(grade, s)].empty())
          return Error{std::string(bonus ? "bonus_" : "") + item.key + ".csv 缺少 " + std::to_string(grade) + " 年级" +
                       (s == Sex::male ? "男生" : "女生") + "的评分行"};
      }
    }
  return ok_status();
}

}  // namespace

size_t FitnessRules::item_index(const std::string& key) const {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].key == key) return i;
  return items.size();
}

const ItemGroup* FitnessRules::weight_group(int grade, Sex sex) const {
  for (const auto& g : weights)
    if (g.covers(grade, sex)) return &g;
  return nullptr;
}

const ItemGroup* FitnessRules::bonus_group(int grade, Sex sex) const {
  for (const auto& g : bonus)
    if (g.covers(grade, sex)) return &g;
  return nullptr;
}

int level_of(const FitnessRules& rules, Milli total) {
  if (total >= rules.excellent) return 0;
  if (total >= rules.good) return 1;
  if (total >= rules.pass) return 2;
  return 3;
}

Result<FitnessRules> fitness_rules(const policy::Policy& policy) {
  const auto& tables = fitness_tables();
  if (!tables) return tables.error();
  return fitness_rules(policy, *tables);
}

Result<FitnessRules> fitness_rules(const policy::Policy& policy, const FitnessTables& tables) {
  FitnessRules r;
  r.tables = &tables;
  auto fail = [&](const std::string& key, const std::string& message) {
    return Error{"策略 " + policy.name() + " 的 " + key + "：" + message};
  };
  r.keys.push_back("fitness.tables");
  auto item_keys = policy.keys("fitness.item.");
  for (const auto& key : item_keys) {
    auto spec = policy.text(key);
    if (!spec) return spec.error();
    auto item = parse_item(key.substr(13), *spec);
    if (!item) return fail(key, item.error().message);
    if (item->better != Better::band) {
      auto t = tables.items.find(item->key);
      if (t == tables.items.end()) return fail(key, "没有评分表 policy/fitness/" + item->key + ".csv");
      if (t->second.lower_is_better != (item->better == Better::lower))
        return fail(key, "better=" + std::string(item->better == Better::lower ? "lower" : "higher") + " 与评分表 " +
                             item->key + ".csv 的阈值方向不符");
      item->table = &t->second;
      auto b = tables.bonus.find(item->key);
      if (b != tables.bonus.end()) {
        if (b->second.lower_is_better != t->second.lower_is_better)
          return fail(key, "加分表 bonus_" + item->key + ".csv 的阈值方向与评分表不符");
        item->bonus = &b->second;
      }
    }
    // BMI first: it is the first item of every output.
    if (item->better == Better::band) r.items.insert(r.items.begin(), std::move(*item));
    else r.items.push_back(std::move(*item));
    r.keys.push_back(key);
  }
  if (r.items.empty() || r.items.front().better != Better::band) return fail("fitness.item", "须定义 better=band 的 BMI 项");
  for (auto [prefix, out] : {std::pair{"fitness.weights.", &r.weights}, std::pair{"fitness.bonus.", &r.bonus}}) {
    for (const auto& key : policy.keys(prefix)) {
      if (key == "fitness.bonus.max_total") continue;
      auto spec = policy.text(key);
      if (!spec) return spec.error();
      auto g = parse_group(key.substr(std::string(prefix).size()), *spec, r);
      if (!g) return fail(key, g.error().message);
      bool bonus = out == &r.bonus;
      int sum = 0;
      for (const auto& [i, n] : g->items) {
        sum += n;
        if (bonus && !r.items[i].bonus) return fail(key, "项目 " + r.items[i].key + " 没有加分表 bonus_" + r.items[i].key + ".csv");
      }
      if (!bonus && sum != 100) return fail(key, "权重之和应为 100，现为 " + std::to_string(sum));
      if (auto st = check_tables_cover(*g, r, bonus); !st) return fail(key, st.error().message);
      for (const auto& other : *out)
        for (int grade = g->grade_from; grade <= g->grade_to; ++grade)
          for (Sex s : {Sex::male, Sex::female})
            if (g->covers(grade, s) && other.covers(grade, s)) return fail(key, "与 " + other.name + " 的年级、性别重叠");
      out->push_back(std::move(*g));
      r.keys.push_back(key);
    }
  }
  if (r.weights.empty()) return fail("fitness.weights", "没有任何权重组");
  struct NumberKey {
    const char* key;
    double* out;
  };
  double bonus_max = 0, excellent = 0, good = 0, pass = 0, total_decimals = 0, bmi_decimals = 0;
  for (auto [key, out] : {NumberKey{"fitness.bonus.max_total", &bonus_max}, NumberKey{"fitness.level.excellent", &excellent},
                          NumberKey{"fitness.level.good", &good}, NumberKey{"fitness.level.pass", &pass},
                          NumberKey{"fitness.total.decimals", &total_decimals}, NumberKey{"fitness.bmi.decimals", &bmi_decimals},
                          NumberKey{"fitness.graduation.final_year_weight", &r.final_year_weight},
                          NumberKey{"fitness.target.pass_rate", &r.target_pass_rate},
                          NumberKey{"fitness.target.good_rate", &r.target_good_rate}}) {
    auto v = policy.number(key);
    if (!v) return v.error();
    *out = *v;
    r.keys.push_back(key);
  }
  r.bonus_max_total = static_cast<int>(bonus_max);
  r.excellent = to_milli(excellent), r.good = to_milli(good), r.pass = to_milli(pass);
  if (!(r.excellent > r.good && r.good > r.pass)) return fail("fitness.level", "应满足 优秀 > 良好 > 及格");
  r.total_decimals = static_cast<int>(total_decimals), r.bmi_decimals = static_cast<int>(bmi_decimals);
  if (r.total_decimals < 0 || r.total_decimals > 3 || r.bmi_decimals < 0 || r.bmi_decimals > 3)
    return fail("fitness.total.decimals / fitness.bmi.decimals", "应为 0–3");
  if (r.final_year_weight < 0 || r.final_year_weight > 1) return fail("fitness.graduation.final_year_weight", "应在 0–1 之间");
  return r;
}

}  // namespace youjun::evaluate
