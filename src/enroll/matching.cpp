#include "enroll/matching.hpp"

#include <algorithm>
#include <numeric>

namespace youjun::enroll {

namespace {

constexpr uint32_t kRankMask = 0xffffffffu;

Matching empty_matching(const MatchProblem& p) {
  Matching m;
  m.school_of.assign(p.student_count(), -1);
  m.choice_rank.assign(p.student_count(), 0);
  return m;
}

// Serial dictatorship: students in (tier, lottery) order each take their best school with a seat
// left. Equals DA when all schools share that order. A counting sort by tier keeps it O(n).
Matching serial_dictatorship(const MatchProblem& p) {
  Matching m = empty_matching(p);
  m.stats.serial_dictatorship = true;
  m.stats.rounds = 1;
  auto by_rank = students_by_rank(p);
  auto tier_of = [&](uint32_t s) -> uint32_t { return p.choice_count(s) ? p.pref_tier[p.pref_begin[s]] : 0; };
  uint32_t max_tier = 0;
  for (uint32_t s = 0; s < p.student_count(); ++s) max_tier = std::max(max_tier, tier_of(s));
  std::vector<uint32_t> start(max_tier + 2, 0);
  for (uint32_t s = 0; s < p.student_count(); ++s) ++start[tier_of(s) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<uint32_t> order(p.student_count());
  for (uint32_t s : by_rank) order[start[tier_of(s)]++] = s;

  std::vector<uint32_t> left = p.seats;
  uint64_t proposals = 0;
  // Students come in lottery order, so their lists sit at random places in memory: fetch a few
  // students ahead (the list offsets 16 ahead, the lists themselves 8 ahead).
  const size_t n = order.size();
  for (size_t i = 0; i < n; ++i) {
    if (i + 16 < n) __builtin_prefetch(&p.pref_begin[order[i + 16]]);
    if (i + 8 < n) __builtin_prefetch(&p.pref_school[p.pref_begin[order[i + 8]]]);
    uint32_t s = order[i];
    for (uint32_t c = p.pref_begin[s]; c < p.pref_begin[s + 1]; ++c) {
      ++proposals;
      uint32_t j = p.pref_school[c];
      if (left[j] == 0) continue;
      --left[j];
      m.school_of[s] = static_cast<int32_t>(j);
      m.choice_rank[s] = static_cast<int32_t>(c - p.pref_begin[s] + 1);
      break;
    }
  }
  m.stats.proposals = proposals;
  return m;
}

// Max-heap of priority keys in a flat slice (the school's seats); the top is the worst admitted.
void sift_down(uint64_t* heap, uint32_t n, uint32_t i) {
  uint64_t v = heap[i];
  for (;;) {
    uint32_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && heap[child + 1] > heap[child]) ++child;
    if (heap[child] <= v) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = v;
}

void sift_up(uint64_t* heap, uint32_t i) {
  uint64_t v = heap[i];
  while (i > 0) {
    uint32_t parent = (i - 1) / 2;
    if (heap[parent] >= v) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = v;
}

// General student-proposing DA. Each school holds its tentatively admitted students as a max-heap of
// keys in one shared array; a key's low 32 bits are the lottery rank, which names the student.
// A student keeps applying down the list until held or exhausted; a displaced student applies again
// in the next pass. The outcome does not depend on the order of applications.
Matching general_deferred_acceptance(const MatchProblem& p) {
  Matching m = empty_matching(p);
  auto by_rank = students_by_rank(p);
  std::vector<uint64_t> offset(p.school_count() + 1, 0);
  for (size_t j = 0; j < p.school_count(); ++j) offset[j + 1] = offset[j] + p.seats[j];
  std::vector<uint64_t> held(offset.back());
  std::vector<uint32_t> count(p.school_count(), 0);
  std::vector<uint64_t> worst(p.school_count(), UINT64_MAX);
  for (size_t j = 0; j < p.school_count(); ++j)
    if (p.seats[j] == 0) worst[j] = 0;
  std::vector<uint32_t> next(p.student_count());
  for (uint32_t s = 0; s < p.student_count(); ++s) next[s] = p.pref_begin[s];

  std::vector<uint32_t> applying, displaced;
  applying.reserve(p.student_count());
  // Lottery order first: most students then find their school like serial dictatorship, and only those a
  // better-tiered student displaces apply again.
  for (uint32_t s : by_rank)
    if (p.choice_count(s)) applying.push_back(s);
  uint64_t proposals = 0;
  while (!applying.empty()) {
    ++m.stats.rounds;
    displaced.clear();
    const size_t n = applying.size();
    for (size_t i = 0; i < n; ++i) {
      if (i + 16 < n) __builtin_prefetch(&next[applying[i + 16]]);
      if (i + 8 < n) {
        uint32_t ahead = applying[i + 8];
        __builtin_prefetch(&p.pref_school[next[ahead]]);
        __builtin_prefetch(&p.pref_tier[next[ahead]]);
        __builtin_prefetch(&p.lottery_rank[ahead]);
        __builtin_prefetch(&p.pref_begin[ahead + 1]);
      }
      uint32_t s = applying[i];
      uint32_t end = p.pref_begin[s + 1];
      for (uint32_t& c = next[s]; c < end;) {
        uint32_t j = p.pref_school[c];
        uint64_t key = p.key(s, c);
        ++c;
        ++proposals;
        // worst[j] mirrors the heap top of a full school (UINT64_MAX while it has room, 0 when it
        // has no seats): a small array that stays in cache, so most rejections never touch the heap.
        if (key >= worst[j]) continue;
        uint64_t* heap = held.data() + offset[j];
        uint32_t cap = p.seats[j];
        if (count[j] < cap) {
          heap[count[j]] = key;
          sift_up(heap, count[j]++);
          if (count[j] == cap) worst[j] = heap[0];
          break;
        }
        displaced.push_back(by_rank[heap[0] & kRankMask]);
        heap[0] = key;
        sift_down(heap, cap, 0);
        worst[j] = heap[0];
        break;
      }
    }
    applying.swap(displaced);
  }
  for (size_t j = 0; j < p.school_count(); ++j) {
    for (uint64_t i = offset[j]; i < offset[j] + count[j]; ++i) {
      uint32_t s = by_rank[held[i] & kRankMask];
      m.school_of[s] = static_cast<int32_t>(j);
      m.choice_rank[s] = static_cast<int32_t>(next[s] - p.pref_begin[s]);  // next is one past the school
    }
  }
  m.stats.proposals = proposals;
  return m;
}

}  // namespace

std::vector<uint32_t> students_by_rank(const MatchProblem& p) {
  std::vector<uint32_t> by_rank(p.student_count());
  for (uint32_t s = 0; s < p.student_count(); ++s) by_rank[p.lottery_rank[s]] = s;
  return by_rank;
}

bool has_common_priority(const MatchProblem& p) {
  for (size_t s = 0; s < p.student_count(); ++s)
    for (uint32_t c = p.pref_begin[s] + 1; c < p.pref_begin[s + 1]; ++c)
      if (p.pref_tier[c] != p.pref_tier[p.pref_begin[s]]) return false;
  return true;
}

Matching deferred_acceptance(const MatchProblem& p) {
  return has_common_priority(p) ? serial_dictatorship(p) : general_deferred_acceptance(p);
}

Matching immediate_acceptance(const MatchProblem& p) {
  Matching m = empty_matching(p);
  std::vector<uint32_t> left = p.seats;
  uint32_t longest = 0;
  for (size_t s = 0; s < p.student_count(); ++s) longest = std::max(longest, p.choice_count(s));
  struct Application {
    uint32_t school;
    uint64_t key;
    uint32_t student;
  };
  std::vector<Application> round;
  for (uint32_t k = 0; k < longest; ++k) {
    round.clear();
    for (uint32_t s = 0; s < p.student_count(); ++s) {
      if (m.school_of[s] >= 0 || p.choice_count(s) <= k) continue;
      uint32_t c = p.pref_begin[s] + k;
      ++m.stats.proposals;
      if (left[p.pref_school[c]] > 0) round.push_back({p.pref_school[c], p.key(s, c), s});
    }
    if (round.empty()) continue;
    ++m.stats.rounds;
    std::sort(round.begin(), round.end(), [](const Application& a, const Application& b) {
      return a.school != b.school ? a.school < b.school : a.key < b.key;
    });
    for (const auto& a : round) {
      if (left[a.school] == 0) continue;
      --left[a.school];
      m.school_of[a.student] = static_cast<int32_t>(a.school);
      m.choice_rank[a.student] = static_cast<int32_t>(k + 1);
    }
  }
  return m;
}

std::vector<SchoolOutcome> school_outcomes(const MatchProblem& p, const Matching& m) {
  std::vector<SchoolOutcome> out(p.school_count());
  std::vector<uint64_t> worst(p.school_count(), 0);
  for (size_t s = 0; s < p.student_count(); ++s) {
    if (m.school_of[s] < 0) continue;
    size_t j = static_cast<size_t>(m.school_of[s]);
    ++out[j].filled;
    worst[j] = std::max(worst[j], p.key(s, p.pref_begin[s] + m.choice_rank[s] - 1));
  }
  for (size_t j = 0; j < p.school_count(); ++j)
    if (p.seats[j] > 0 && out[j].filled == p.seats[j]) out[j].cutoff_key = worst[j];
  return out;
}

std::string stability_problem(const MatchProblem& p, const Matching& m) {
  if (m.school_of.size() != p.student_count() || m.choice_rank.size() != p.student_count())
    return "结果的学生人数与输入不符";
  std::vector<uint32_t> filled(p.school_count(), 0);
  for (size_t s = 0; s < p.student_count(); ++s) {
    int32_t j = m.school_of[s];
    if (j < 0) {
      if (m.choice_rank[s] != 0) return "学生 " + p.student_ids[s] + " 未录取却有志愿序号";
      continue;
    }
    int32_t r = m.choice_rank[s];
    if (r < 1 || static_cast<uint32_t>(r) > p.choice_count(s) ||
        p.pref_school[p.pref_begin[s] + r - 1] != static_cast<uint32_t>(j))
      return "学生 " + p.student_ids[s] + " 被录取到未填报（或志愿序号不符）的学校 " + p.school_ids[j];
    ++filled[j];
  }
  for (size_t j = 0; j < p.school_count(); ++j)
    if (filled[j] > p.seats[j]) return "学校 " + p.school_ids[j] + " 录取人数超过学位数";
  auto outcomes = school_outcomes(p, m);
  for (size_t s = 0; s < p.student_count(); ++s) {
    uint32_t better_end = m.school_of[s] < 0 ? p.pref_begin[s + 1] : p.pref_begin[s] + m.choice_rank[s] - 1;
    for (uint32_t c = p.pref_begin[s]; c < better_end; ++c) {
      uint32_t j = p.pref_school[c];
      if (filled[j] < p.seats[j])
        return "学生 " + p.student_ids[s] + " 更想去的学校 " + p.school_ids[j] + " 仍有空位（不稳定）";
      if (p.seats[j] > 0 && p.key(s, c) < *outcomes[j].cutoff_key)
        return "学生 " + p.student_ids[s] + " 在学校 " + p.school_ids[j] + " 的优先顺序高于该校已录取的学生（不稳定）";
    }
  }
  return "";
}

}  // namespace youjun::enroll
