#include "admit/decimal.hpp"

#include <cmath>

namespace youjun::admit {

std::optional<Milli> parse_milli(std::string_view s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  Milli whole = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    whole = whole * 10 + (s[i] - '0');
  }
  if (i == 0 || whole >= 1'000'000'000) return std::nullopt;
  Milli fraction = 0;
  int digits = 0;
  if (i < s.size()) {
    for (++i; i < s.size(); ++i, ++digits) {
      if (s[i] < '0' || s[i] > '9' || digits == 3) return std::nullopt;
      fraction = fraction * 10 + (s[i] - '0');
    }
    if (digits == 0) return std::nullopt;
  }
  for (; digits < 3; ++digits) fraction *= 10;
  return whole * kMilli + fraction;
}

double milli_to_double(Milli v) { return static_cast<double>(v) / kMilli; }

std::string milli_text(Milli v) {
  std::string out = std::to_string(v / kMilli);
  Milli f = v % kMilli;
  if (f == 0) return out;
  std::string digits = std::to_string(f + kMilli).substr(1);
  while (digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

std::optional<Share> share_from(double fraction) {
  if (!(fraction >= 0 && fraction <= 1)) return std::nullopt;
  double scaled = fraction * 1'000'000;
  double rounded = std::round(scaled);
  if (std::fabs(scaled - rounded) > 1e-6) return std::nullopt;  // more than 6 decimals
  return Share{static_cast<int64_t>(rounded)};
}

}  // namespace youjun::admit
