#pragma once
// Per-item work without shared state (validation, hashing, point lookups) split over the cores.
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace youjun {

// One thread per core (at most 8), or one when there are fewer than `min_items` items: below that the
// threads cost more than they save.
inline size_t worker_count(size_t items, size_t min_items = 20000) {
  if (items < min_items) return 1;
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
}

// fn(chunk, begin, end) over `chunks` equal parts of [0, n); chunk 0 runs on the calling thread.
template <class Fn>
void for_each_chunk(size_t n, size_t chunks, Fn fn) {
  std::vector<std::thread> threads;
  for (size_t c = 1; c < chunks; ++c) threads.emplace_back([&, c] { fn(c, n * c / chunks, n * (c + 1) / chunks); });
  fn(0, 0, n / chunks);
  for (auto& t : threads) t.join();
}

}  // namespace youjun
