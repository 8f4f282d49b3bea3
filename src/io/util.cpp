// File access and number formatting shared by the io readers and writers.
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>

#include "io/detail.hpp"

namespace youjun::io::detail {

std::string lower_extension(const std::string& path) {
  size_t slash = path.find_last_of("/\\");
  size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

void advise_huge_pages(const void* data, size_t bytes) {
  if (bytes < (8u << 20)) return;
  auto begin = (reinterpret_cast<uintptr_t>(data) + 4095) & ~uintptr_t{4095};
  auto end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~uintptr_t{4095};
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

Result<std::string> read_file_bytes(const std::string& path, const std::string& display_name) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return file_error(display_name, 0, std::string("无法打开文件：") + std::strerror(errno));
  struct stat st {};
  if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
    std::fclose(f);
    return file_error(display_name, 0, "无法读取文件：这是一个目录，不是文件");
  }
  std::string bytes;
  if (S_ISREG(st.st_mode)) {
    // One fread of the whole file.
    bytes.reserve(static_cast<size_t>(st.st_size));
    advise_huge_pages(bytes.data(), bytes.capacity());
    bytes.resize(static_cast<size_t>(st.st_size));
    size_t got = bytes.empty() ? 0 : std::fread(bytes.data(), 1, bytes.size(), f);
    bytes.resize(got);
  }
  // Pipes and files that grew meanwhile: read the rest in blocks.
  char block[65536];
  size_t n;
  while ((n = std::fread(block, 1, sizeof block, f)) > 0) bytes.append(block, n);
  bool failed = std::ferror(f);
  int err = errno;
  std::fclose(f);
  if (failed) return file_error(display_name, 0, std::string("读取文件失败：") + std::strerror(err));
  return bytes;
}

Status write_file_bytes(const std::string& path, std::string_view bytes) {
  std::string tmp = path + ".tmp-" + std::to_string(getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return file_error(path, 0, std::string("无法创建文件：") + std::strerror(errno));
  bool ok = bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  int err = errno;
  ok = (std::fclose(f) == 0) && ok;
  if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    std::remove(tmp.c_str());
    return file_error(path, 0, std::string("写入文件失败：") + std::strerror(err));
  }
  return ok_status();
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity");
  if (value == 0) return "0";
  // 15 significant digits, as Excel keeps and shows them.
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.14e", value);  // "-d.dddddddddddddde+XX"
  const char* p = buf;
  bool negative = *p == '-';
  if (negative) ++p;
  std::string digits;
  for (; *p && *p != 'e'; ++p)
    if (*p != '.') digits += *p;
  int exponent = std::atoi(p + 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = negative ? "-" : "";
  int n = static_cast<int>(digits.size());
  if (exponent >= 21 || exponent < -9) {
    out += digits[0];
    if (n > 1) out.append(".").append(digits, 1, std::string::npos);
    char exp[16];
    std::snprintf(exp, sizeof exp, "E%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exp;
  }
  if (exponent < 0) return out.append("0.").append(static_cast<size_t>(-exponent - 1), '0').append(digits);
  if (n <= exponent + 1) return out.append(digits).append(static_cast<size_t>(exponent + 1 - n), '0');
  size_t point = static_cast<size_t>(exponent + 1);
  return out.append(digits, 0, point).append(".").append(digits, point, std::string::npos);
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (*begin == '+') {  // from_chars does not take a plus sign
    ++begin;
    if (begin == end || *begin == '-') return std::nullopt;
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace youjun::io::detail

namespace youjun::io {

Result<std::string> read_file(const std::string& path, const std::string& display_name) {
  return detail::read_file_bytes(path, display_name);
}

}  // namespace youjun::io
