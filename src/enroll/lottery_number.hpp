#pragma once
// The published lottery number (issue 6 §2): SHA-256 of the UTF-8 text "<seed hex>:<applicant_id>",
// written as 64 lowercase hex digits. Anyone can recompute it:
//   printf '%s' '<seed>:<applicant_id>' | sha256sum
// Within a priority tier, the smaller number comes first; one number per applicant serves every
// school (single tie-breaking), so a student's luck does not change between schools.
#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace youjun::enroll {

struct LotteryNumber {
  std::array<uint8_t, 32> bytes{};
  std::string hex() const;
  auto operator<=>(const LotteryNumber&) const = default;
};

// The seed as published: hex digits only (upper or lower case), at least 1; returned in lowercase,
// which is the form that goes into every lottery number.
Result<std::string> normalize_seed(std::string_view seed);

LotteryNumber lottery_number(std::string_view seed_lower_hex, std::string_view applicant_id);
// The numbers of many applicants, computed on all cores; out[i] belongs to ids[i].
std::vector<LotteryNumber> lottery_numbers(std::string_view seed_lower_hex, const std::vector<std::string>& ids);

// Position of each applicant when all are sorted by lottery number (0 = smallest number).
// Equal numbers (a SHA-256 collision, never seen) would fall back to id order.
std::vector<uint32_t> lottery_ranks(const std::vector<LotteryNumber>& numbers, const std::vector<std::string>& ids);

}  // namespace youjun::enroll
