// libFuzzer target: reading a catchment GeoJSON must never crash, hang or read out of bounds; a map is
// either empty with errors, or error-free, and every lookup on it answers with valid catchment indexes.
// Build and run: see fuzz/README.md.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "enroll/catchments.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  youjun::RowErrors errors;
  auto map = youjun::enroll::CatchmentMap::from_geojson(text, "fuzz.geojson", std::nullopt, errors);
  if (!errors.empty() && !map.catchments().empty()) std::abort();  // a bad file gives no map
  for (const auto& e : errors)
    if (e.file != "fuzz.geojson" || e.message.empty()) std::abort();
  for (double lon : {-180.0, 0.0, 0.5, 1.0, 120.5, 180.0})
    for (double lat : {-90.0, 0.0, 0.5, 1.0, 30.0, 90.0}) {
      auto found = map.locate({lon, lat});
      for (uint32_t i : found.catchments)
        if (i >= map.catchments().size()) std::abort();
    }
  return 0;
}
