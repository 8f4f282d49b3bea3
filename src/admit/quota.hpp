#pragma once
// 指标到校 / 名额分配 (issue 7 §1): each quality high school's quota total, ceil(plan × share) ("不少于"),
// spread over junior schools in proportion to graduates by the largest remainder (Hamilton) method,
// computed exactly in integers. The policy texts say "按比例分配" and name no rounding (standards.md §4.1);
// largest remainder with the tie order below is youjun's published reading of it.
#include <cstdint>
#include <string>
#include <vector>

#include "admit/decimal.hpp"

namespace youjun::admit {

struct HighSchool {
  std::string id, name, county;  // county "" when the file has none
  uint32_t plan = 0;
  bool quality = false;  // 1 = subject to the quota share
};

struct JuniorSchool {
  std::string id, name, county;
  uint32_t graduates = 0;
};

struct QuotaRules {
  Share share;
  uint32_t min_per_junior = 0;  // admission.quota_allocation.min_per_junior
  bool same_county = false;     // admission.quota_allocation.same_county
};

struct QuotaAllocation {
  uint32_t quota_total = 0;
  uint64_t graduates_pool = 0;              // graduates of the juniors that share this school's quota
  std::vector<uint32_t> seats;              // per junior (index into the juniors), 0 for those outside
  std::vector<uint32_t> minimum_juniors;    // juniors raised to min_per_junior (indices)
  bool minimum_not_applied = false;         // the quota was smaller than min_per_junior × juniors
};

// Largest remainder: floor(total·wⱼ/W) each, then the leftover one by one to the largest remainders
// (total·wⱼ) mod W; ties to the larger weight, then the smaller id. Weights of 0 get 0. W = 0 → all 0.
std::vector<uint32_t> largest_remainder(uint32_t total, const std::vector<uint32_t>& weights,
                                        const std::vector<std::string>& ids);

// The allocation of every high school (non-quality ones get quota 0).
std::vector<QuotaAllocation> allocate_quotas(const std::vector<HighSchool>& high_schools,
                                             const std::vector<JuniorSchool>& juniors, const QuotaRules& rules);

}  // namespace youjun::admit
