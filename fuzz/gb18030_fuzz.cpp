// libFuzzer target for the encoding layer: gb18030_to_utf8 / utf8_to_gb18030 / detect_encoding.
// Build and run: see fuzz/README.md.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "io/table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string encoding = youjun::io::detect_encoding(bytes);
  if (encoding != "utf-8" && encoding != "utf-8-bom" && encoding != "gb18030") std::abort();

  auto utf8 = youjun::io::gb18030_to_utf8(bytes);
  if (utf8) {
    // Whatever decodes must be valid UTF-8 and survive a round trip through GB18030.
    if (youjun::io::detect_encoding(*utf8) == "gb18030") std::abort();
    auto gb = youjun::io::utf8_to_gb18030(*utf8);
    if (!gb) std::abort();
    auto back = youjun::io::gb18030_to_utf8(*gb);
    if (!back || *back != *utf8) std::abort();
  } else if (utf8.error().message.find("字节偏移") == std::string::npos) {
    std::abort();  // the error names the offset
  }

  auto gb = youjun::io::utf8_to_gb18030(bytes);
  if (static_cast<bool>(gb) != (encoding != "gb18030")) std::abort();  // converts exactly the valid UTF-8 inputs
  return 0;
}
