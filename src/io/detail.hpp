#pragma once
// Internal helpers shared by the readers and writers in src/io (not part of the public contract).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace youjun::io::detail {

// "FILE:LINE:: message" — the RowError layout with an empty column (line 0 = the whole file).
inline Error file_error(const std::string& file, long line, std::string_view message) {
  std::string text = file;
  text += ':';
  text += std::to_string(line);
  text += ":: ";
  text += message;
  return Error{std::move(text)};
}

// Trims ASCII spaces, tabs, CR and LF plus U+00A0 (no-break space) and U+3000 (ideographic space)
// from both ends. Cheap when there is nothing to trim (two byte compares).
inline bool trim_front_once(std::string_view& s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s.front());
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { s.remove_prefix(1); return true; }
  if (c == 0xC2 && s.size() >= 2 && static_cast<unsigned char>(s[1]) == 0xA0) { s.remove_prefix(2); return true; }
  if (c == 0xE3 && s.size() >= 3 && static_cast<unsigned char>(s[1]) == 0x80 && static_cast<unsigned char>(s[2]) == 0x80) {
    s.remove_prefix(3);
    return true;
  }
  return false;
}
inline bool trim_back_once(std::string_view& s) {
  if (s.empty()) return false;
  size_t n = s.size();
  unsigned char c = static_cast<unsigned char>(s[n - 1]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { s.remove_suffix(1); return true; }
  if (c == 0xA0 && n >= 2 && static_cast<unsigned char>(s[n - 2]) == 0xC2) { s.remove_suffix(2); return true; }
  if (c == 0x80 && n >= 3 && static_cast<unsigned char>(s[n - 2]) == 0x80 && static_cast<unsigned char>(s[n - 3]) == 0xE3) {
    s.remove_suffix(3);
    return true;
  }
  return false;
}
inline std::string_view trim_cell(std::string_view s) {
  while (trim_front_once(s)) {}
  while (trim_back_once(s)) {}
  return s;
}

// Lower-cased extension including the dot (".csv"), "" when there is none.
std::string lower_extension(const std::string& path);

// Asks for transparent huge pages on a large, not yet touched allocation (fewer page faults when
// filling hundreds of MB; a no-op below 8 MiB).
void advise_huge_pages(const void* data, size_t bytes);

// Reads a whole file with one fread. Error: "FILE:0:: 无法读取文件…".
Result<std::string> read_file_bytes(const std::string& path, const std::string& display_name);

// Writes bytes to path via a temporary file in the same directory and a rename.
Status write_file_bytes(const std::string& path, std::string_view bytes);

// Length of the longest valid UTF-8 prefix (== size when the whole string is valid).
size_t valid_utf8_prefix(std::string_view bytes);

// 1-based line of a byte offset (counts LF, CRLF and lone CR line ends before it).
long line_of_offset(std::string_view bytes, size_t offset);

// iconv conversion; on an invalid or truncated sequence returns the byte offset where it starts.
struct ConvertFailure {
  bool failed = false;     // true when the input itself was invalid (not a system error)
  size_t offset = 0;
  bool truncated = false;  // the input ended in the middle of a character
};
Result<std::string> convert_encoding(std::string_view bytes, const char* from, const char* to,
                                     ConvertFailure* failure);

// Number text as Excel shows it in the General format: at most 15 significant digits, no ".0" on
// integers, no float noise (0.1+0.2 -> "0.3"), plain digits up to 1e21.
std::string format_number(double value);
// Parses a decimal number ("-12.5", "3e4"); nullopt unless the whole text is consumed.
std::optional<double> parse_number(std::string_view text);

}  // namespace youjun::io::detail
