#pragma once
// The baseline the matching target is measured against (issue 6 §3): a straightforward
// student-proposing deferred acceptance with one std::priority_queue per school and a FIFO of free
// students. Used by bench/match_bench.cpp and as an independent cross-check.
#include <queue>
#include <utility>
#include <vector>

#include "enroll/matching.hpp"

namespace youjun::bench {

inline std::vector<int32_t> heap_per_school_da(const enroll::MatchProblem& p) {
  std::vector<std::priority_queue<std::pair<uint64_t, uint32_t>>> held(p.school_count());
  std::vector<uint32_t> next(p.student_count());
  std::queue<uint32_t> free_students;
  for (uint32_t s = 0; s < p.student_count(); ++s) {
    next[s] = p.pref_begin[s];
    free_students.push(s);
  }
  while (!free_students.empty()) {
    uint32_t s = free_students.front();
    free_students.pop();
    if (next[s] == p.pref_begin[s + 1]) continue;
    uint32_t c = next[s]++;
    uint32_t j = p.pref_school[c];
    held[j].push({p.key(s, c), s});
    if (held[j].size() > p.seats[j]) {
      free_students.push(held[j].top().second);
      held[j].pop();
    }
  }
  std::vector<int32_t> school_of(p.student_count(), -1);
  for (uint32_t j = 0; j < p.school_count(); ++j)
    for (; !held[j].empty(); held[j].pop()) school_of[held[j].top().second] = static_cast<int32_t>(j);
  return school_of;
}

}  // namespace youjun::bench
