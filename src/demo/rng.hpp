#pragma once
// The demo generator's own pseudo-random numbers: xoshiro256** seeded through splitmix64.
// Only integer arithmetic and IEEE + - * / are used, never std::*_distribution (whose output differs
// between standard libraries) nor libm transcendental functions, so one seed gives the same bytes
// whatever the standard library.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace youjun::demo {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// One seed per (seed, stream, index), so each phase and each school draws from its own sequence and
// changing one part of the generator does not reshuffle everything else.
inline uint64_t derive_seed(uint64_t seed, uint64_t stream, uint64_t index = 0) {
  uint64_t s = seed ^ (stream * 0xD1B54A32D192ED03ULL);
  uint64_t a = splitmix64(s);
  s ^= index * 0x8CB92BA72F3D8DD7ULL;
  return a ^ splitmix64(s);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t s = seed;
    for (auto& w : s_) w = splitmix64(s);
  }
  Rng(uint64_t seed, uint64_t stream, uint64_t index = 0) : Rng(derive_seed(seed, stream, index)) {}

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // [0, 1)
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  // [a, b)
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  // [0, n) for n > 0 (Lemire's multiply-high; the tiny bias is irrelevant here)
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
  // [lo, hi] inclusive
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1))); }
  bool chance(double p) { return uniform() < p; }
  // Approximately standard normal (Irwin–Hall sum of 12 uniforms, range ±6).
  double normal() {
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += uniform();
    return sum - 6.0;
  }
  // Index drawn with probability proportional to weights[i] (weights >= 0, not all zero).
  size_t weighted(const double* weights, size_t n) {
    double total = 0;
    for (size_t i = 0; i < n; ++i) total += weights[i];
    double r = uniform() * total;
    for (size_t i = 0; i < n; ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return n - 1;
  }
  size_t weighted(const std::vector<double>& weights) { return weighted(weights.data(), weights.size()); }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  template <class T>
  void shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace youjun::demo
