// Teacher exchange planner benchmark (issue 4 §6): one county of 40 schools (60–1,500 pupils) and about
// 2,000 teachers in 10 subjects, whose above-degree and backbone teachers are unevenly spread (richer towns,
// poorer villages). Ours (plan_exchange) against the greedy baseline (greedy_exchange), same instance; each
// reports the CVs after its moves and the number of moves as counters, and its time.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>

#include "balance/exchange.hpp"
#include "policy/policy.hpp"

namespace {

using youjun::balance::ExchangeSchool;
using youjun::balance::ExchangeTeacher;

struct County {
  std::vector<ExchangeSchool> schools;
  std::vector<ExchangeTeacher> teachers;
};

const County& county() {
  static const County c = [] {
    County c;
    std::mt19937_64 rng(20260901);
    std::uniform_int_distribution<int> pupils(60, 1500), years(0, 16);
    const char* subjects[] = {"语文", "数学", "英语", "科学", "道德与法治", "体育", "音乐", "美术", "信息技术", "综合实践"};
    for (int i = 0; i < 40; ++i) {
      long n = pupils(rng);
      c.schools.push_back({"S" + std::to_string(i), "学校" + std::to_string(i), n});
      double wealth = i < 12 ? 0.9 : i < 28 ? 0.6 : 0.3;  // town, township, village schools
      int staff = static_cast<int>(n * 0.065 + 0.5);
      for (int t = 0; t < staff; ++t) {
        std::uniform_real_distribution<double> u(0, 1);
        c.teachers.push_back({"T" + std::to_string(i) + "-" + std::to_string(t), "S" + std::to_string(i),
                              subjects[t % 10], "", u(rng) < wealth, u(rng) < wealth * 0.3, years(rng)});
      }
    }
    return c;
  }();
  return c;
}

// Argument 0: national rules (eligible after 6 years, no maximum stay); 1: 诸城 (9 years, at most 12);
// 2: national, ours capped at the required number of moves (the greedy baseline's count).
youjun::balance::ExchangeRules rules(int which) {
  auto p = youjun::policy::load_policy(which == 1 ? "zhucheng" : "national");
  auto r = *youjun::balance::exchange_rules(*p, 2026);
  if (which == 2) {
    size_t eligible = 0;
    for (const auto& t : county().teachers) eligible += t.years_at_school >= r.rotation_years;
    r.max_moves = static_cast<size_t>(std::ceil(r.min_share * static_cast<double>(eligible)));
    r.max_moves += r.max_moves % 2;  // whole swaps
  }
  return r;
}

void report(benchmark::State& state, const youjun::balance::ExchangePlan& plan) {
  state.counters["teachers"] = static_cast<double>(county().teachers.size());
  state.counters["moves"] = static_cast<double>(plan.moves.size());
  state.counters["required"] = static_cast<double>(plan.required_moves);
  state.counters["cv_deg_before"] = plan.cv_above_degree_before;
  state.counters["cv_deg_after"] = plan.cv_above_degree_after;
  state.counters["cv_bb_before"] = plan.cv_backbone_before;
  state.counters["cv_bb_after"] = plan.cv_backbone_after;
  state.counters["backbone_ok"] = plan.backbone_share_met;
}

void BM_Exchange_Ours(benchmark::State& state) {
  const auto& c = county();
  auto r = rules(static_cast<int>(state.range(0)));
  youjun::balance::ExchangePlan plan;
  for (auto _ : state) plan = youjun::balance::plan_exchange(c.schools, c.teachers, r);
  report(state, plan);
}
BENCHMARK(BM_Exchange_Ours)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Exchange_GreedyBaseline(benchmark::State& state) {
  const auto& c = county();
  auto r = rules(static_cast<int>(state.range(0)));
  youjun::balance::ExchangePlan plan;
  for (auto _ : state) plan = youjun::balance::greedy_exchange(c.schools, c.teachers, r);
  report(state, plan);
}
BENCHMARK(BM_Exchange_GreedyBaseline)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
