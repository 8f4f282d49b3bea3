#pragma once
// A city-scale 多校划片 instance for the matching benchmark: students pick 10 distinct schools near
// home, ranked by a shared school popularity plus personal noise; seats match the student count.
// `per_school_tiers`: tier 1 at the home school and 2 elsewhere (forces general DA); otherwise one
// tier per student (serial dictatorship applies).
#include <algorithm>
#include <numeric>
#include <random>
#include <string>

#include "enroll/matching.hpp"

namespace youjun::bench {

inline enroll::MatchProblem match_instance(uint32_t students, uint32_t schools, uint32_t choices, bool per_school_tiers,
                                           uint32_t seed = 1) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  enroll::MatchProblem p;
  std::vector<double> popularity(schools);
  for (uint32_t j = 0; j < schools; ++j) {
    p.school_ids.push_back("S" + std::to_string(j));
    popularity[j] = unit(rng);
  }
  uint64_t seats_left = students;
  for (uint32_t j = 0; j < schools; ++j) {
    uint32_t s = static_cast<uint32_t>(seats_left / (schools - j));
    p.seats.push_back(s);
    seats_left -= s;
  }
  const uint32_t window = 7;  // 15 schools within reach of home; 10 of them listed
  std::vector<std::pair<double, uint32_t>> candidates;
  p.pref_begin.push_back(0);
  for (uint32_t s = 0; s < students; ++s) {
    p.student_ids.push_back("P" + std::to_string(s));
    uint32_t home = static_cast<uint32_t>(rng() % schools);
    candidates.clear();
    for (uint32_t d = 0; d <= 2 * window; ++d) {
      uint32_t j = (home + schools + d - window) % schools;
      candidates.push_back({-(popularity[j] + 0.5 * unit(rng)), j});
    }
    std::partial_sort(candidates.begin(), candidates.begin() + choices, candidates.end());
    uint16_t tier = static_cast<uint16_t>(1 + rng() % 3);
    for (uint32_t k = 0; k < choices; ++k) {
      uint32_t j = candidates[k].second;
      p.pref_school.push_back(j);
      p.pref_tier.push_back(per_school_tiers ? (j == home ? 1 : 2) : tier);
    }
    p.pref_begin.push_back(static_cast<uint32_t>(p.pref_school.size()));
  }
  p.lottery_rank.resize(students);
  std::iota(p.lottery_rank.begin(), p.lottery_rank.end(), 0u);
  std::shuffle(p.lottery_rank.begin(), p.lottery_rank.end(), rng);
  return p;
}

}  // namespace youjun::bench
