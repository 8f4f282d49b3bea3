#pragma once
// Scores as exact integers of thousandths (Milli): 中考 totals such as 612.5 are compared for ties, and a
// binary double would make 0.1 + 0.2 differ from 0.3 and split a real tie (or join two scores).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace youjun::admit {

using Milli = int64_t;
constexpr Milli kMilli = 1000;

// A non-negative decimal with at most 3 decimals ("612", "612.5", "0.125"), below 10^9; else nullopt.
std::optional<Milli> parse_milli(std::string_view text);
// The number as JSON and people write it: 612.5, 600 (no trailing zeros).
double milli_to_double(Milli v);
std::string milli_text(Milli v);

// A policy share such as 0.6 as the exact fraction numerator / 1'000'000 (shares have ≤ 6 decimals), so
// that ceil(plan × share) is computed in integers: 5 × 0.6 is 3, not the 3.0000000000000004 of doubles.
struct Share {
  int64_t per_million = 0;
  // ceil(n × share)
  int64_t ceil_of(int64_t n) const { return (n * per_million + 999'999) / 1'000'000; }
};
std::optional<Share> share_from(double fraction);

}  // namespace youjun::admit
