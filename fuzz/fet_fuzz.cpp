// libFuzzer target: reading a FET timetable file must never crash, hang or read out of bounds; every
// problem names the file and says something, and a file read without problems summarises consistently
// (the teachers' hours add up to the active activities' hours times their teachers).
// Build and run: see fuzz/README.md.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "timetable/fet_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  youjun::RowErrors errors;
  auto fet = youjun::timetable::read_fet(text, "fuzz.fet", errors);
  for (const auto& e : errors)
    if (e.file != "fuzz.fet" || e.message.empty() || e.row < 0) std::abort();
  if (!errors.empty()) return 0;
  auto summary = youjun::timetable::fet_summary(fet);
  int64_t teacher_hours = 0, expected = 0;
  for (const auto& row : summary["teacher_hours"]) teacher_hours += row["hours"].get<int64_t>();
  for (const auto& a : fet.activities) {
    if (a.duration < 1 || a.duration > static_cast<int64_t>(fet.hours.size())) std::abort();
    if (a.active) expected += a.duration * static_cast<int64_t>(a.teachers.size());
  }
  if (teacher_hours != expected) std::abort();
  // As the CLI prints it: bytes that are not UTF-8 in a name become U+FFFD instead of throwing.
  summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
