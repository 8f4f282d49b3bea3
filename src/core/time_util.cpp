#include "core/time_util.hpp"

#include <ctime>

namespace youjun {

std::string now_iso8601() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int64_t now_unix() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace youjun
