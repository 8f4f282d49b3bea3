// Matching benchmark (issue 6 §3): 1,000,000 students × 10 choices over 5,000 schools.
// Ours (deferred_acceptance: serial dictatorship when every school ranks by the same key, flat-heap
// DA otherwise) against the heap-per-school baseline, on the same instance in the same run.
#include <benchmark/benchmark.h>

#include "enroll/heap_da_baseline.hpp"
#include "enroll/match_instance.hpp"

namespace {

using youjun::enroll::MatchProblem;

const MatchProblem& instance(bool per_school_tiers) {
  static const MatchProblem common = youjun::bench::match_instance(1'000'000, 5'000, 10, false);
  static const MatchProblem tiered = youjun::bench::match_instance(1'000'000, 5'000, 10, true);
  return per_school_tiers ? tiered : common;
}

void BM_Match_Ours(benchmark::State& state) {
  const auto& p = instance(state.range(0));
  youjun::enroll::Matching m;
  for (auto _ : state) {
    m = youjun::enroll::deferred_acceptance(p);
    benchmark::DoNotOptimize(m.school_of.data());
  }
  state.counters["proposals"] = static_cast<double>(m.stats.proposals);
  state.counters["rounds"] = m.stats.rounds;
  state.counters["serial_dictatorship"] = m.stats.serial_dictatorship;
}

void BM_Match_HeapPerSchoolBaseline(benchmark::State& state) {
  const auto& p = instance(state.range(0));
  for (auto _ : state) {
    auto school_of = youjun::bench::heap_per_school_da(p);
    benchmark::DoNotOptimize(school_of.data());
  }
}

void BM_Match_Boston(benchmark::State& state) {
  const auto& p = instance(state.range(0));
  for (auto _ : state) {
    auto m = youjun::enroll::immediate_acceptance(p);
    benchmark::DoNotOptimize(m.school_of.data());
  }
}

// Arg 0: one tier per student (common priority); arg 1: tier 1 at the home school only.
BENCHMARK(BM_Match_Ours)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_Match_HeapPerSchoolBaseline)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_Match_Boston)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace
