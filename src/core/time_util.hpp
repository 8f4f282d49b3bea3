#pragma once
#include <cstdint>
#include <string>

namespace youjun {
// UTC now as 2026-11-23T14:05:09Z.
std::string now_iso8601();
// Seconds since the Unix epoch.
int64_t now_unix();
}  // namespace youjun
