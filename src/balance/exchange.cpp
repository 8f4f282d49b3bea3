#include "balance/exchange.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>
#include <variant>

#include "balance/evaluation.hpp"

namespace youjun::balance {

const char* move_reason_key(MoveReason r) {
  return r == MoveReason::MaxYears ? "max_years" : r == MoveReason::Balance ? "balance" : "quota";
}
const char* move_reason_zh(MoveReason r) {
  return r == MoveReason::MaxYears ? "任教年限到期" : r == MoveReason::Balance ? "改善均衡" : "完成交流比例";
}

Result<ExchangeRules> exchange_rules(const policy::Policy& p, int year) {
  ExchangeRules r;
  auto number = [&](const std::string& key, bool required) -> Result<std::optional<double>> {
    if (!p.has(key)) {
      if (required) return make_error("策略 " + p.name() + " 缺少规则 " + key);
      return std::optional<double>{};
    }
    auto rule = p.rule_at(key, year);
    if (!rule || !std::holds_alternative<double>(rule->value)) return make_error("策略规则 " + key + " 应为数值");
    r.applied.push_back(*rule);
    return std::optional<double>(std::get<double>(rule->value));
  };
  auto min_share = number("teacher.exchange.min_share", true);
  auto backbone = number("teacher.exchange.backbone_min_share", true);
  auto rotation = number("teacher.exchange.rotation_years", true);
  auto max_years = number("teacher.exchange.max_years_same_school", false);
  for (const auto* x : {&min_share, &backbone, &rotation, &max_years})
    if (!*x) return x->error();
  r.min_share = **min_share;
  r.backbone_min_share = **backbone;
  r.rotation_years = static_cast<int>(**rotation);
  if (max_years->has_value()) r.max_years = static_cast<int>(**max_years);
  return r;
}

namespace {

constexpr int kTraits = 2;  // above_degree, backbone
int type_of(const ExchangeTeacher& t) { return (t.above_degree ? 1 : 0) | (t.backbone ? 2 : 0); }
int trait(int type, int k) { return (type >> k) & 1; }

// The counts per school and the objective Σₖ wₖ Σᵢ cᵢₖ²/nᵢ with wₖ = N / Cₖ² (so that it equals Σₖ (CVₖ² + 1)).
class Balance {
 public:
  Balance(const std::vector<ExchangeSchool>& schools, const std::vector<std::pair<size_t, int>>& placed) {
    n_.resize(schools.size());
    c_.assign(schools.size(), {0, 0});
    double total_n = 0;
    for (size_t i = 0; i < schools.size(); ++i) total_n += n_[i] = static_cast<double>(schools[i].students);
    std::array<double, kTraits> totals{};
    for (const auto& [school, type] : placed)
      for (int k = 0; k < kTraits; ++k) c_[school][k] += trait(type, k), totals[k] += trait(type, k);
    for (int k = 0; k < kTraits; ++k) w_[k] = totals[k] > 0 ? total_n / (totals[k] * totals[k]) : 0;
  }

  // Change of the objective if a teacher of type `ta` at school a and one of type `tb` at school b swap.
  double delta(size_t a, int ta, size_t b, int tb) const {
    double d = 0;
    for (int k = 0; k < kTraits; ++k) {
      double x = trait(tb, k) - trait(ta, k);  // what school a gains
      if (x == 0) continue;
      double ca = c_[a][k], cb = c_[b][k];
      d += w_[k] * (((ca + x) * (ca + x) - ca * ca) / n_[a] + ((cb - x) * (cb - x) - cb * cb) / n_[b]);
    }
    return d;
  }
  void swap(size_t a, int ta, size_t b, int tb) {
    for (int k = 0; k < kTraits; ++k) {
      double x = trait(tb, k) - trait(ta, k);
      c_[a][k] += x;
      c_[b][k] -= x;
    }
  }
  double cv(int k) const {
    std::vector<double> values, weights;
    for (size_t i = 0; i < n_.size(); ++i) values.push_back(100 * c_[i][k] / n_[i]), weights.push_back(n_[i]);
    return weighted_cv(values, weights);
  }
  double per_pupil(size_t i, int k) const { return c_[i][k] / n_[i]; }
  size_t size() const { return n_.size(); }

 private:
  std::vector<double> n_;
  std::vector<std::array<double, kTraits>> c_;
  std::array<double, kTraits> w_{};
};

// Eligible teachers not yet moved, by subject, school and type; the back of each list is the teacher who has
// been longest at the school (they go first).
struct Pool {
  std::vector<std::string> subjects;
  // [subject][school][type] → teacher indices
  std::vector<std::vector<std::array<std::vector<size_t>, 4>>> lists;
};

struct Candidate {
  size_t subject = 0, a = 0, b = 0;
  int ta = 0, tb = 0;
  double delta = std::numeric_limits<double>::infinity();
};

// The best swap among the pool's teachers; `backbone_only`: at least one of the two is backbone.
Candidate best_swap(const Pool& pool, const Balance& bal, bool backbone_only) {
  Candidate best;
  for (size_t s = 0; s < pool.lists.size(); ++s) {
    const auto& by_school = pool.lists[s];
    for (size_t a = 0; a < by_school.size(); ++a)
      for (int ta = 0; ta < 4; ++ta) {
        if (by_school[a][ta].empty()) continue;
        for (size_t b = a + 1; b < by_school.size(); ++b)
          for (int tb = 0; tb < 4; ++tb) {
            if (by_school[b][tb].empty() || (backbone_only && !trait(ta, 1) && !trait(tb, 1))) continue;
            double d = bal.delta(a, ta, b, tb);
            if (d < best.delta - 1e-15) best = {s, a, b, ta, tb, d};
          }
      }
  }
  return best;
}

struct Planner {
  const std::vector<ExchangeSchool>& schools;
  const std::vector<ExchangeTeacher>& teachers;
  std::vector<size_t> school_of;  // per teacher; SIZE_MAX when not at a listed school
  std::vector<bool> moved;
  ExchangePlan plan;

  void record(size_t t1, size_t t2, MoveReason why) {
    plan.moves.push_back({t1, school_of[t1], school_of[t2], t2, why});
    plan.moves.push_back({t2, school_of[t2], school_of[t1], t1, why});
    moved[t1] = moved[t2] = true;
    plan.backbone_moved += teachers[t1].backbone + teachers[t2].backbone;
  }
};

size_t take(std::vector<size_t>& list) {
  size_t t = list.back();
  list.pop_back();
  return t;
}

}  // namespace

namespace {

// Shared set-up of both planners: schools by id, counts, eligibility and the pool.
struct Setup {
  Planner planner;
  std::vector<std::pair<size_t, int>> placed;
  Pool pool;
  std::vector<size_t> must;  // teachers who must move, longest first
  bool same_title = false;
};

// Who may swap with whom: the same subject, and the same title when the rules keep titles.
std::string swap_group(const ExchangeTeacher& t, bool same_title) {
  return same_title ? t.subject + '\x1f' + t.title : t.subject;
}

Setup set_up(const std::vector<ExchangeSchool>& schools, const std::vector<ExchangeTeacher>& teachers,
             const ExchangeRules& rules) {
  Setup s{Planner{schools, teachers, {}, {}, {}}, {}, {}, {}, rules.same_title};
  std::unordered_map<std::string, size_t> school_index;
  for (size_t i = 0; i < schools.size(); ++i) school_index[schools[i].school_id] = i;
  std::map<std::string, size_t> subject_index;
  std::vector<size_t> order;
  s.planner.school_of.assign(teachers.size(), SIZE_MAX);
  s.planner.moved.assign(teachers.size(), false);
  for (size_t t = 0; t < teachers.size(); ++t) {
    auto it = school_index.find(teachers[t].school_id);
    if (it == school_index.end()) continue;
    s.planner.school_of[t] = it->second;
    s.placed.push_back({it->second, type_of(teachers[t])});
    if (teachers[t].years_at_school >= rules.rotation_years) order.push_back(t);
  }
  // Shortest stay first, so the back of each list holds the longest stay.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return teachers[a].years_at_school < teachers[b].years_at_school; });
  for (size_t t : order) {
    auto [it, fresh] = subject_index.emplace(swap_group(teachers[t], rules.same_title), s.pool.lists.size());
    if (fresh) {
      s.pool.subjects.push_back(swap_group(teachers[t], rules.same_title));
      s.pool.lists.emplace_back(schools.size());
    }
    s.pool.lists[it->second][s.planner.school_of[t]][type_of(teachers[t])].push_back(t);
    if (rules.max_years && teachers[t].years_at_school >= *rules.max_years) s.must.push_back(t);
  }
  std::reverse(s.must.begin(), s.must.end());
  s.planner.plan.eligible = order.size();
  s.planner.plan.must_move = s.must.size();
  s.planner.plan.required_moves =
      static_cast<size_t>(std::ceil(rules.min_share * static_cast<double>(order.size()) - 1e-9));
  return s;
}

void remove_from_pool(Pool& pool, size_t subject, size_t school, int type, size_t teacher) {
  auto& list = pool.lists[subject][school][type];
  list.erase(std::find(list.begin(), list.end(), teacher));
}

size_t subject_of(const Pool& pool, const std::string& group) {
  return static_cast<size_t>(std::find(pool.subjects.begin(), pool.subjects.end(), group) - pool.subjects.begin());
}

// Swaps every teacher who must move with an eligible teacher of the same subject at another school: the
// candidate (school, type) with the lowest cost(a, ta, b, tb), the first one on ties.
template <class Cost>
void place_must_movers(Setup& s, Balance& bal, Cost cost) {
  Planner& p = s.planner;
  for (size_t m : s.must) {
    if (p.moved[m]) continue;
    const auto& teacher = p.teachers[m];
    size_t subject = subject_of(s.pool, swap_group(teacher, s.same_title)), a = p.school_of[m];
    int ta = type_of(teacher);
    remove_from_pool(s.pool, subject, a, ta, m);
    Candidate best;
    for (size_t b = 0; b < p.schools.size(); ++b)
      for (int tb = 0; tb < 4; ++tb)
        if (b != a && !s.pool.lists[subject][b][tb].empty()) {
          double d = cost(a, ta, b, tb);
          if (d < best.delta - 1e-15) best = {subject, a, b, ta, tb, d};
        }
    if (!std::isfinite(best.delta)) {
      ++p.plan.unplaced_must_move;
      continue;
    }
    size_t partner = take(s.pool.lists[subject][best.b][best.tb]);
    bal.swap(a, ta, best.b, best.tb);
    p.record(m, partner, MoveReason::MaxYears);
  }
}

void finish(Planner& p, const Balance& before, const Balance& after, const ExchangeRules& rules) {
  auto& plan = p.plan;
  plan.cv_above_degree_before = before.cv(0);
  plan.cv_backbone_before = before.cv(1);
  plan.cv_above_degree_after = after.cv(0);
  plan.cv_backbone_after = after.cv(1);
  plan.share_met = plan.moves.size() >= plan.required_moves;
  plan.backbone_share_met =
      static_cast<double>(plan.backbone_moved) >= rules.backbone_min_share * static_cast<double>(plan.moves.size()) - 1e-9;
}

}  // namespace

ExchangePlan plan_exchange(const std::vector<ExchangeSchool>& schools, const std::vector<ExchangeTeacher>& teachers,
                           const ExchangeRules& rules) {
  Setup s = set_up(schools, teachers, rules);
  Planner& p = s.planner;
  const Balance before(schools, s.placed);
  Balance bal = before;

  // (1) Teachers at the end of their stay: the partner that helps the balance most (or harms it least).
  place_must_movers(s, bal, [&](size_t a, int ta, size_t b, int tb) { return bal.delta(a, ta, b, tb); });
  auto apply = [&](const Candidate& c, MoveReason why) {
    size_t t1 = take(s.pool.lists[c.subject][c.a][c.ta]), t2 = take(s.pool.lists[c.subject][c.b][c.tb]);
    bal.swap(c.a, c.ta, c.b, c.tb);
    p.record(t1, t2, why);
  };
  // (2) Swaps that lower the objective, best first.
  auto room = [&] { return rules.max_moves == 0 || p.plan.moves.size() + 2 <= rules.max_moves; };
  for (Candidate c = best_swap(s.pool, bal, false); room() && std::isfinite(c.delta) && c.delta < -1e-12;
       c = best_swap(s.pool, bal, false))
    apply(c, MoveReason::Balance);
  // (3) The required share, and the backbone share of it, by the least harmful swaps.
  auto backbone_short = [&](size_t extra) {
    return static_cast<double>(p.plan.backbone_moved) <
           rules.backbone_min_share * static_cast<double>(p.plan.moves.size() + extra) - 1e-9;
  };
  while (p.plan.moves.size() < p.plan.required_moves || backbone_short(0)) {
    Candidate c = best_swap(s.pool, bal, backbone_short(2));
    if (!std::isfinite(c.delta)) c = best_swap(s.pool, bal, false);
    if (!std::isfinite(c.delta)) break;
    if (p.plan.moves.size() >= p.plan.required_moves && !trait(c.ta, 1) && !trait(c.tb, 1)) break;  // no backbone left
    apply(c, MoveReason::Quota);
  }
  finish(p, before, bal, rules);
  return std::move(p.plan);
}

ExchangePlan greedy_exchange(const std::vector<ExchangeSchool>& schools, const std::vector<ExchangeTeacher>& teachers,
                             const ExchangeRules& rules) {
  Setup s = set_up(schools, teachers, rules);
  Planner& p = s.planner;
  const Balance before(schools, s.placed);
  Balance bal = before;
  // Teachers at the end of their stay: the first eligible teacher of the same subject at another school.
  place_must_movers(s, bal, [](size_t, int, size_t, int) { return 0.0; });
  int k = 1;  // backbone first, then above-degree, alternating
  size_t stuck = 0;
  while (p.plan.moves.size() < p.plan.required_moves && stuck < 2) {
    // Schools from the highest to the lowest count per pupil of trait k.
    std::vector<size_t> by_rate(schools.size());
    for (size_t i = 0; i < by_rate.size(); ++i) by_rate[i] = i;
    std::stable_sort(by_rate.begin(), by_rate.end(),
                     [&](size_t a, size_t b) { return bal.per_pupil(a, k) > bal.per_pupil(b, k); });
    bool done = false;
    for (size_t hi = 0; hi < by_rate.size() && !done; ++hi)
      for (size_t lo = by_rate.size(); lo-- > hi + 1 && !done;)
        for (size_t subj = 0; subj < s.pool.lists.size() && !done; ++subj)
          for (int ta = 0; ta < 4 && !done; ++ta) {
            if (!trait(ta, k) || s.pool.lists[subj][by_rate[hi]][ta].empty()) continue;
            for (int tb = 0; tb < 4 && !done; ++tb) {
              if (trait(tb, k) || s.pool.lists[subj][by_rate[lo]][tb].empty()) continue;
              size_t t1 = take(s.pool.lists[subj][by_rate[hi]][ta]), t2 = take(s.pool.lists[subj][by_rate[lo]][tb]);
              bal.swap(by_rate[hi], ta, by_rate[lo], tb);
              p.record(t1, t2, MoveReason::Quota);
              done = true;
            }
          }
    stuck = done ? 0 : stuck + 1;
    k = 1 - k;
  }
  finish(p, before, bal, rules);
  return std::move(p.plan);
}

}  // namespace youjun::balance
