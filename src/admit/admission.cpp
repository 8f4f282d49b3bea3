#include "admit/admission.hpp"

#include <algorithm>
#include <numeric>

namespace youjun::admit {

namespace {

// -1 when a ranks above b on total and chain, 1 when below, 0 when they are equal on both.
int compare_scores(const AdmissionProblem& p, uint32_t a, uint32_t b) {
  if (p.total[a] != p.total[b]) return p.total[a] > p.total[b] ? -1 : 1;
  for (const auto& key : p.tiebreak)
    if (key[a] != key[b]) return key[a] > key[b] ? -1 : 1;
  return 0;
}

// Students best first by total and chain; equal ones by index. The first two keys sit next to the index
// in one 24-byte row (one cache line per comparison); the rest of the chain is read only on a tie of both.
std::vector<uint32_t> order_by_scores(const AdmissionProblem& p) {
  struct Row {
    Milli total, first_key;
    uint32_t s;
  };
  std::vector<Row> rows(p.student_count());
  for (uint32_t s = 0; s < rows.size(); ++s) rows[s] = {p.total[s], p.tiebreak.empty() ? 0 : p.tiebreak[0][s], s};
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    if (a.total != b.total) return a.total > b.total;
    if (a.first_key != b.first_key) return a.first_key > b.first_key;
    int c = compare_scores(p, a.s, b.s);
    return c != 0 ? c < 0 : a.s < b.s;
  });
  std::vector<uint32_t> order(rows.size());
  for (size_t k = 0; k < rows.size(); ++k) order[k] = rows[k].s;
  return order;
}

}  // namespace

std::vector<uint8_t> tied_students(const AdmissionProblem& p) {
  std::vector<uint32_t> order = order_by_scores(p);
  std::vector<uint8_t> tied(p.student_count(), 0);
  for (size_t k = 1; k < order.size(); ++k)
    if (compare_scores(p, order[k - 1], order[k]) == 0) tied[order[k - 1]] = tied[order[k]] = 1;
  return tied;
}

std::vector<uint32_t> rank_students(const AdmissionProblem& p, std::vector<uint8_t>* tie_by_lottery) {
  std::vector<uint32_t> order = order_by_scores(p);
  if (tie_by_lottery) tie_by_lottery->assign(p.student_count(), 0);
  // Each run of students equal on total and chain goes by lottery number.
  for (size_t begin = 0; begin < order.size();) {
    size_t end = begin + 1;
    while (end < order.size() && compare_scores(p, order[begin], order[end]) == 0) ++end;
    if (end - begin > 1) {
      std::sort(order.begin() + static_cast<long>(begin), order.begin() + static_cast<long>(end),
                [&](uint32_t a, uint32_t b) { return p.lottery_rank[a] < p.lottery_rank[b]; });
      if (tie_by_lottery)
        for (size_t k = begin; k < end; ++k) (*tie_by_lottery)[order[k]] = 1;
    }
    begin = end;
  }
  return order;
}

Admission admit_students(const AdmissionProblem& p) {
  Admission r;
  const size_t n = p.student_count(), schools = p.school_count(), groups = p.group_ids.size();
  r.order = rank_students(p, &r.tie_by_lottery);
  r.position.assign(n, 0);
  for (size_t k = 0; k < n; ++k) r.position[r.order[k]] = static_cast<uint32_t>(k);
  r.batch_of.assign(n, -1);
  r.school_of.assign(n, -1);
  r.choice_rank.assign(n, -1);
  r.filled.assign(p.batches.size(), std::vector<uint32_t>(schools, 0));
  r.last_position.assign(p.batches.size(), std::vector<int64_t>(schools, -1));

  std::vector<uint32_t> open(p.plan.begin(), p.plan.end());
  for (size_t b = 0; b < p.batches.size(); ++b) {
    const BatchSpec& batch = p.batches[b];
    const bool scoped = batch.scope != BatchScope::Open;
    std::vector<uint32_t> bucket = scoped ? p.bucket_seats[b] : std::vector<uint32_t>{};
    const auto& begin = p.pref_begin[b];
    const auto& list = p.pref_school[b];
    for (size_t k = 0; k < n; ++k) {
      // Students come in rank order, so their lists are random reads: fetch a few ahead.
      if (k + 16 < n) {
        uint32_t ahead = r.order[k + 16];
        __builtin_prefetch(&list[begin[ahead]]);
        __builtin_prefetch(&r.batch_of[ahead]);
      }
      if (k + 32 < n) __builtin_prefetch(&begin[r.order[k + 32]]);
      const uint32_t s = r.order[k];
      if (r.batch_of[s] >= 0) continue;
      uint32_t group = 0;
      if (scoped) {
        if (!p.quota_eligible[s]) continue;
        if (p.quota_min_total && p.total[s] < *p.quota_min_total) continue;
        group = batch.scope == BatchScope::Junior ? p.student_junior[s] : p.student_county[s];
        if (group == AdmissionProblem::kNoGroup) continue;
      }
      for (uint32_t k = begin[s]; k < begin[s + 1]; ++k) {
        uint32_t h = list[k];
        if (open[h] == 0) continue;
        if (scoped) {
          uint32_t& left = bucket[static_cast<size_t>(h) * groups + group];
          if (left == 0) continue;
          --left;
        }
        --open[h];
        r.batch_of[s] = static_cast<int32_t>(b);
        r.school_of[s] = static_cast<int32_t>(h);
        r.choice_rank[s] = static_cast<int32_t>(k - begin[s] + 1);
        ++r.filled[b][h];
        r.last_position[b][h] = r.position[s];
        break;
      }
    }
  }
  return r;
}

}  // namespace youjun::admit
