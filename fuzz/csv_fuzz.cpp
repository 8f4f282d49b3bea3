// libFuzzer target: parse_csv must never crash, hang or read out of bounds, and what it returns must
// be self-consistent. Build and run: see fuzz/README.md.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto table = youjun::io::parse_csv(bytes, "fuzz.csv");
  if (!table) {
    if (table.error().message.rfind("fuzz.csv:", 0) != 0) std::abort();  // errors name the file
    return 0;
  }
  const auto& t = *table;
  if (t.header.empty()) std::abort();
  long previous = 0;
  size_t checksum = 0;
  for (size_t r = 0; r < t.row_count(); ++r) {
    if (t.line_number(r) <= previous || t.line_number(r) < 2) std::abort();  // strictly increasing, after the header
    previous = t.line_number(r);
    if (t.cells_in_row(r) == 0) std::abort();
    bool any = false;
    for (size_t c = 0; c < t.cells_in_row(r) + 1; ++c) {
      std::string_view cell = t.cell(r, c);
      for (char ch : cell) checksum += static_cast<unsigned char>(ch);  // every byte must be readable
      any = any || !cell.empty();
    }
    if (!any) std::abort();  // all-empty records are skipped
  }
  // Copies own their text.
  youjun::io::Table copy = t;
  for (size_t r = 0; r < copy.row_count(); ++r)
    for (size_t c = 0; c < copy.cells_in_row(r); ++c)
      if (copy.cell(r, c) != t.cell(r, c)) std::abort();
  return static_cast<int>(checksum & 0);
}
