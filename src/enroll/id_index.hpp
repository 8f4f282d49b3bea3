#pragma once
// Index of text ids → position, for the enrollment readers: open addressing over one flat array
// (1M students' duplicate check and 10M preference lookups per city run; std::unordered_map's nodes
// cost several times more). The ids' text must outlive the index.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace youjun::enroll {

class IdIndex {
 public:
  explicit IdIndex(size_t expected) {
    size_t size = 16;
    while (size < expected * 2) size *= 2;
    slots_.assign(size, Slot{});
    mask_ = size - 1;
  }

  // Adds id → value unless present; returns the value stored for id (the earlier one if present).
  uint32_t insert(std::string_view id, uint32_t value) {
    uint64_t h = std::hash<std::string_view>{}(id);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.value == kEmpty) {
        slot = {h, id, value};
        return value;
      }
      if (slot.hash == h && slot.id == id) return slot.value;
    }
  }

  // The value for id, or kMissing.
  uint32_t find(std::string_view id) const {
    uint64_t h = std::hash<std::string_view>{}(id);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.value == kEmpty) return kMissing;
      if (slot.hash == h && slot.id == id) return slot.value;
    }
  }

  static constexpr uint32_t kMissing = UINT32_MAX;

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint64_t hash = 0;
    std::string_view id;
    uint32_t value = kEmpty;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace youjun::enroll
