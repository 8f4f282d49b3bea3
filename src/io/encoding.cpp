// Encoding detection and GB18030 <-> UTF-8 conversion (glibc iconv).
#include <errno.h>
#include <iconv.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "io/detail.hpp"
#include "io/table.hpp"

namespace youjun::io {
namespace detail {

size_t valid_utf8_prefix(std::string_view bytes) {
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* p = begin;
  const auto* end = begin + bytes.size();
  while (p < end) {
    // ASCII fast path, eight bytes at a time.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p >= end) break;
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    long n;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;       // no overlong forms
      else if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;
      else if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      break;
    }
    if (end - p < n || p[1] < lo || p[1] > hi) break;
    bool ok = true;
    for (long i = 2; i < n; ++i) ok = ok && (p[i] & 0xC0) == 0x80;
    if (!ok) break;
    p += n;
  }
  return static_cast<size_t>(p - begin);
}

long line_of_offset(std::string_view bytes, size_t offset) {
  if (offset > bytes.size()) offset = bytes.size();
  long line = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (bytes[i] == '\n') ++line;
    else if (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n')) ++line;
  }
  return line;
}

Result<std::string> convert_encoding(std::string_view bytes, const char* from, const char* to,
                                     ConvertFailure* failure) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return make_error(std::string("系统不支持 ") + from + " 到 " + to + " 的编码转换（iconv_open 失败）");
  }
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2 + 16);
  advise_huge_pages(out.data(), out.capacity());
  out.resize(out.capacity());
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  size_t used = 0;
  // Convert, then flush (in == nullptr); both grow the output on E2BIG.
  for (bool flushing = false;;) {
    char* out_ptr = out.data() + used;
    size_t out_left = out.size() - used;
    size_t r = flushing ? iconv(cd, nullptr, nullptr, &out_ptr, &out_left)
                        : iconv(cd, &in, &in_left, &out_ptr, &out_left);
    int err = errno;
    used = out.size() - out_left;
    if (r != static_cast<size_t>(-1)) {
      if (flushing) break;
      flushing = true;
      continue;
    }
    if (err == E2BIG) {
      out.resize(out.size() * 2 + 16);
      continue;
    }
    iconv_close(cd);
    if (failure) {
      failure->failed = true;
      failure->offset = static_cast<size_t>(in - bytes.data());
      failure->truncated = err == EINVAL;
    }
    return make_error(std::string("无效的 ") + from + " 字节序列");
  }
  iconv_close(cd);
  out.resize(used);
  return out;
}

namespace {

std::string describe_bytes(std::string_view bytes, size_t offset, size_t count) {
  std::string text;
  for (size_t i = offset; i < bytes.size() && i < offset + count; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s0x%02X", text.empty() ? "" : " ", static_cast<unsigned char>(bytes[i]));
    text += buf;
  }
  return text;
}

}  // namespace
}  // namespace detail

std::string detect_encoding(std::string_view bytes) {
  if (detail::valid_utf8_prefix(bytes) != bytes.size()) return "gb18030";
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8-bom";
  return "utf-8";
}

Result<std::string> gb18030_to_utf8(std::string_view bytes) {
  detail::ConvertFailure failure;
  auto converted = detail::convert_encoding(bytes, "GB18030", "UTF-8", &failure);
  if (converted || !failure.failed) return converted;
  long line = detail::line_of_offset(bytes, failure.offset);
  std::string msg = "第 " + std::to_string(line) + " 行，字节偏移 " + std::to_string(failure.offset) + " 处";
  if (failure.truncated) {
    msg += "文件在一个汉字的中间结束（" + detail::describe_bytes(bytes, failure.offset, 4) + "），不是完整的 GB18030/GBK 编码";
  } else {
    msg += "的字节 " + detail::describe_bytes(bytes, failure.offset, 2) + " 不是有效的 GB18030/GBK 编码";
  }
  return make_error(std::move(msg));
}

Result<std::string> utf8_to_gb18030(std::string_view text) {
  size_t valid = detail::valid_utf8_prefix(text);
  if (valid != text.size()) {
    long line = detail::line_of_offset(text, valid);
    return make_error("第 " + std::to_string(line) + " 行，字节偏移 " + std::to_string(valid) + " 处的字节 " +
                      detail::describe_bytes(text, valid, 2) + " 不是有效的 UTF-8 编码");
  }
  detail::ConvertFailure failure;
  auto converted = detail::convert_encoding(text, "UTF-8", "GB18030", &failure);
  if (converted || !failure.failed) return converted;
  long line = detail::line_of_offset(text, failure.offset);
  return make_error("第 " + std::to_string(line) + " 行，字节偏移 " + std::to_string(failure.offset) +
                    " 处的字符无法用 GB18030 表示");
}

}  // namespace youjun::io
