#include "admit/quota.hpp"

#include <algorithm>
#include <numeric>

namespace youjun::admit {

std::vector<uint32_t> largest_remainder(uint32_t total, const std::vector<uint32_t>& weights,
                                        const std::vector<std::string>& ids) {
  std::vector<uint32_t> seats(weights.size(), 0);
  uint64_t sum = std::accumulate(weights.begin(), weights.end(), uint64_t{0});
  if (sum == 0) return seats;
  std::vector<uint64_t> remainder(weights.size(), 0);
  uint64_t given = 0;
  for (size_t j = 0; j < weights.size(); ++j) {
    uint64_t product = uint64_t{total} * weights[j];
    seats[j] = static_cast<uint32_t>(product / sum);
    remainder[j] = product % sum;
    given += seats[j];
  }
  std::vector<size_t> order;
  for (size_t j = 0; j < weights.size(); ++j)
    if (weights[j] > 0) order.push_back(j);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
    if (weights[a] != weights[b]) return weights[a] > weights[b];
    return ids[a] < ids[b];
  });
  // The leftover is below the number of juniors with a weight (each floor loses less than one seat).
  for (size_t k = 0; given < total; ++k, ++given) ++seats[order[k]];
  return seats;
}

namespace {

QuotaAllocation allocate_one(const HighSchool& hs, const std::vector<JuniorSchool>& juniors, const QuotaRules& rules) {
  QuotaAllocation a;
  a.seats.assign(juniors.size(), 0);
  if (!hs.quality) return a;
  a.quota_total = static_cast<uint32_t>(rules.share.ceil_of(hs.plan));
  std::vector<uint32_t> weights(juniors.size(), 0);
  std::vector<std::string> ids(juniors.size());
  size_t sharing = 0;
  for (size_t j = 0; j < juniors.size(); ++j) {
    ids[j] = juniors[j].id;
    if (rules.same_county && juniors[j].county != hs.county) continue;
    weights[j] = juniors[j].graduates;
    a.graduates_pool += weights[j];
    if (weights[j] > 0) ++sharing;
  }
  uint64_t m = rules.min_per_junior;
  if (m > 0 && m * sharing > a.quota_total) a.minimum_not_applied = true;
  if (m > 0 && !a.minimum_not_applied) {
    // 保底: a junior whose proportional share of what is left is below m gets m and leaves the pool;
    // repeat until every junior left in the pool would get at least m by proportion.
    std::vector<bool> pinned(juniors.size(), false);
    uint64_t left = a.quota_total, pool = a.graduates_pool;
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t j = 0; j < juniors.size(); ++j) {
        if (pinned[j] || weights[j] == 0 || left * weights[j] >= m * pool) continue;
        pinned[j] = true;
        changed = true;
        left -= m;
        pool -= weights[j];
        a.minimum_juniors.push_back(static_cast<uint32_t>(j));
      }
    }
    std::sort(a.minimum_juniors.begin(), a.minimum_juniors.end());
    for (uint32_t j : a.minimum_juniors) weights[j] = 0;
    a.seats = largest_remainder(static_cast<uint32_t>(left), weights, ids);
    for (uint32_t j : a.minimum_juniors) a.seats[j] = static_cast<uint32_t>(m);
    return a;
  }
  a.seats = largest_remainder(a.quota_total, weights, ids);
  return a;
}

}  // namespace

std::vector<QuotaAllocation> allocate_quotas(const std::vector<HighSchool>& high_schools,
                                             const std::vector<JuniorSchool>& juniors, const QuotaRules& rules) {
  std::vector<QuotaAllocation> out;
  out.reserve(high_schools.size());
  for (const auto& hs : high_schools) out.push_back(allocate_one(hs, juniors, rules));
  return out;
}

}  // namespace youjun::admit
