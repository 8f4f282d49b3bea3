#include "balance/plan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <variant>

namespace youjun::balance {

namespace {

// Policy key of the unit cost of each indicator's amount; "" = the amount is itself in 元 (equipment).
constexpr const char* kCostKeys[kIndicatorCount] = {
    "balance.unit_cost.teacher_per_year", "balance.unit_cost.teacher_per_year", "balance.unit_cost.teacher_per_year",
    "balance.unit_cost.teaching_area",    "balance.unit_cost.sports_area",      "",
    "balance.unit_cost.multimedia_room"};

constexpr int kFirstShared = 3;  // areas, equipment and rooms are shared by the levels of a 一贯制 school
bool shared(int i) { return i >= kFirstShared; }

// Whole teachers and rooms; whole m² and 元 for the rest (a plan is a purchase order, not a fraction).
double whole(double x) { return x <= 1e-9 ? 0 : std::ceil(x - 1e-9); }

double num(const policy::Rule& r) { return std::get<double>(r.value); }

// What the part must add for indicator i to reach `target`.
double needed(const PartResult& p, int i, double target) {
  if (at_least(p.values[i], target)) return 0;
  return whole(amount_for(i, target, static_cast<double>(p.students)) - p.amounts[i]);
}

double part_unit_cost(const PartResult& p, int i, const UnitCosts& costs) {
  return shared(i) && p.share > 0 ? costs.per_unit[i] / p.share : costs.per_unit[i];
}

PartPlan plan_part(size_t index, const PartResult& p, const BalanceRules& rules, const UnitCosts& costs) {
  PartPlan plan;
  plan.part = index;
  double ratio = num(rules.others_min_ratio);
  int may_leave = kIndicatorCount - static_cast<int>(std::ceil(num(rules.min_met) - 1e-9));
  std::array<double, kIndicatorCount> to_floor{}, to_ratio{}, saving{};
  for (int i = 0; i < kIndicatorCount; ++i) {
    double floor = rules.floor(p.stage, i);
    to_floor[i] = needed(p, i, floor);
    to_ratio[i] = needed(p, i, ratio * floor);
    saving[i] = (to_floor[i] - to_ratio[i]) * part_unit_cost(p, i, costs);
  }
  // Leave below the floor the indicators whose shortfall saves most (ties: the first in 第六条 order).
  std::array<int, kIndicatorCount> order{};
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return saving[a] > saving[b]; });
  std::array<bool, kIndicatorCount> left{};
  for (int k = 0; k < may_leave && k < kIndicatorCount; ++k)
    if (to_floor[order[k]] > 0) {
      left[order[k]] = true;
      if (!plan.left_below_floor) plan.left_below_floor = order[k];
    }
  Amounts after = p.amounts;
  for (int i = 0; i < kIndicatorCount; ++i) {
    double amount = left[i] ? to_ratio[i] : to_floor[i];
    if (amount <= 0) continue;
    after[i] += amount;
    Addition a;
    a.indicator = i;
    a.amount = amount;
    a.school_amount = shared(i) && p.share > 0 ? amount / p.share : amount;
    a.cost = amount * part_unit_cost(p, i, costs);
    a.target = left[i] ? ratio * rules.floor(p.stage, i) : rules.floor(p.stage, i);
    plan.additions.push_back(a);
    plan.cost += a.cost;
  }
  plan.values_after = indicator_values(after, static_cast<double>(p.students));
  for (auto& a : plan.additions) a.value_after = plan.values_after[a.indicator];
  std::array<bool, kIndicatorCount> met{};
  int met_count = 0;
  plan.compliant_after = judge_part(plan.values_after, p.stage, rules, met, met_count);
  return plan;
}

std::vector<Puller> pullers_of(const std::vector<const PartResult*>& parts, const std::vector<size_t>& index, int i,
                               size_t keep) {
  double n = 0, sum = 0;
  for (const auto* p : parts) n += static_cast<double>(p->students), sum += static_cast<double>(p->students) * p->values[i];
  double mean = n > 0 ? sum / n : 0, total = 0;
  std::vector<Puller> out;
  for (size_t k = 0; k < parts.size(); ++k) {
    double d = parts[k]->values[i] - mean;
    Puller pl;
    pl.part = index[k];
    pl.value = parts[k]->values[i];
    pl.variance_share = static_cast<double>(parts[k]->students) * d * d;
    pl.below_mean = d < 0;
    total += pl.variance_share;
    out.push_back(pl);
  }
  for (auto& pl : out) pl.variance_share = total > 0 ? pl.variance_share / total : 0;
  std::stable_sort(out.begin(), out.end(), [](const Puller& a, const Puller& b) { return a.variance_share > b.variance_share; });
  if (out.size() > keep) out.resize(keep);
  return out;
}

// Raises the values below L to L (in whole units) and returns the CV; fills the additions.
double raised_cv(const std::vector<const PartResult*>& parts, const std::vector<double>& values, int i, double level,
                 std::vector<double>* amounts) {
  std::vector<double> v(values), w;
  for (size_t k = 0; k < parts.size(); ++k) {
    double n = static_cast<double>(parts[k]->students);
    w.push_back(n);
    double add = v[k] < level ? whole(amount_for(i, level - v[k], n)) : 0;
    if (amounts) amounts->push_back(add);
    v[k] += kIndicators[i].per100 ? add * 100.0 / n : add / n;
  }
  return weighted_cv(v, w);
}

// A strict limit ("< 0.30") is planned to 0.29995 or less, so that the CV printed to four decimals, as
// inspection sheets print it, is visibly below the limit (0.2999, not 0.3000).
constexpr double kStrictMargin = 5e-5;

Raise raise_to_limit(const std::vector<const PartResult*>& parts, const std::vector<size_t>& index,
                     const std::vector<double>& values, int i, const policy::Rule& limit, const UnitCosts& costs) {
  Raise r;
  r.indicator = i;
  double lo = *std::min_element(values.begin(), values.end());
  double hi = *std::max_element(values.begin(), values.end());
  double target = limit.compare == "<" ? num(limit) - kStrictMargin : num(limit);
  auto ok = [&](double level) { return within(raised_cv(parts, values, i, level, nullptr), "<=", target); };
  for (int step = 0; step < 60 && hi - lo > 1e-9 * std::max(1.0, hi); ++step) {
    double mid = (lo + hi) / 2;
    (ok(mid) ? hi : lo) = mid;
  }
  r.level = hi;
  std::vector<double> amounts;
  r.cv_after = raised_cv(parts, values, i, hi, &amounts);
  for (size_t k = 0; k < parts.size(); ++k) {
    if (amounts[k] <= 0) continue;
    r.additions.emplace_back(index[k], amounts[k]);
    r.cost += amounts[k] * part_unit_cost(*parts[k], i, costs);
  }
  return r;
}

}  // namespace

Result<UnitCosts> unit_costs(const policy::Policy& policy, int year) {
  UnitCosts c;
  std::map<std::string, double> seen;
  for (int i = 0; i < kIndicatorCount; ++i) {
    if (std::string(kCostKeys[i]).empty()) {
      c.per_unit[i] = 1;  // equipment value is itself in 元
      continue;
    }
    auto r = policy.rule_at(kCostKeys[i], year);
    if (!r || !std::holds_alternative<double>(r->value))
      return make_error(std::string("策略 ") + policy.name() + " 缺少数值规则 " + kCostKeys[i]);
    c.per_unit[i] = std::get<double>(r->value);
    if (seen.emplace(r->key, c.per_unit[i]).second) c.rules.push_back(*r);
  }
  return c;
}

Plan make_plan(const std::vector<SchoolRecord>& records, const Evaluation& e, const BalanceRules& rules,
               const UnitCosts& costs, size_t pullers_per_indicator) {
  Plan plan;
  std::vector<const PartPlan*> plan_of(e.parts.size(), nullptr);
  plan.parts.reserve(e.parts.size() / 4);
  for (size_t k = 0; k < e.parts.size(); ++k)
    if (!e.parts[k].compliant) plan.parts.push_back(plan_part(k, e.parts[k], rules, costs));
  for (const auto& pp : plan.parts) plan_of[pp.part] = &pp;

  // Total: teachers per part; shared resources once per school, the larger of its parts' needs.
  std::map<std::pair<size_t, int>, double> school_shared;  // (school, indicator) → school amount
  for (const auto& pp : plan.parts)
    for (const auto& a : pp.additions) {
      if (!shared(a.indicator)) {
        plan.cost += a.cost;
        continue;
      }
      double& s = school_shared[{e.parts[pp.part].school, a.indicator}];
      s = std::max(s, a.school_amount);
    }
  for (const auto& [key, amount] : school_shared) plan.cost += amount * costs.per_unit[key.second];

  for (size_t c = 0; c < e.counties.size(); ++c) {
    const auto& county = e.counties[c];
    std::vector<const PartResult*> parts;
    std::vector<size_t> index;
    for (size_t k = 0; k < e.parts.size(); ++k) {
      const auto& p = e.parts[k];
      if (!p.excluded && p.stage == county.stage && records[p.school].county == county.county) {
        parts.push_back(&p);
        index.push_back(k);
      }
    }
    CountyPlan cp;
    cp.county = c;
    const auto& limit = rules.cv_max[static_cast<int>(county.stage)];
    std::vector<double> weights;
    for (const auto* p : parts) weights.push_back(static_cast<double>(p->students));
    cp.pass_after = true;
    for (int i = 0; i < kIndicatorCount; ++i) {
      if (!county.cv_ok[i]) {
        cp.failing_before.push_back(i);
        cp.pullers.push_back(pullers_of(parts, index, i, pullers_per_indicator));
      }
      std::vector<double> values;
      for (size_t k = 0; k < parts.size(); ++k)
        values.push_back(plan_of[index[k]] ? plan_of[index[k]]->values_after[i] : parts[k]->values[i]);
      cp.cv_after_school_plans[i] = weighted_cv(values, weights);
      cp.cv_after[i] = cp.cv_after_school_plans[i];
      if (!within(cp.cv_after[i], limit.compare, num(limit))) {
        Raise r = raise_to_limit(parts, index, values, i, limit, costs);
        cp.cv_after[i] = r.cv_after;
        cp.cost += r.cost;
        cp.raises.push_back(std::move(r));
      }
      if (!within(cp.cv_after[i], limit.compare, num(limit))) cp.pass_after = false;
    }
    plan.cost += cp.cost;
    if (!cp.failing_before.empty() || !cp.raises.empty()) plan.counties.push_back(std::move(cp));
  }
  return plan;
}

}  // namespace youjun::balance
