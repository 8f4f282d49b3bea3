#pragma once
// A streaming JSON writer for large results (20,000 schools of a province): nlohmann::json would build a
// tree of every value first (10× the time and memory of the evaluation itself). Commas are placed
// automatically; the caller opens and closes objects and arrays in the right order.
//
//   JsonWriter w;
//   w.begin_object();
//   w.key("profile").value("national");
//   w.key("schools").begin_array(); … w.end_array();
//   w.end_object();
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace youjun {

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  JsonWriter& key(std::string_view k) {
    comma();
    string(k);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  JsonWriter& value(std::string_view s) { return comma(), string(s), *this; }
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b) { return comma(), out_ += b ? "true" : "false", *this; }
  JsonWriter& value(int64_t n) { return comma(), fmt::format_to(std::back_inserter(out_), "{}", n), *this; }
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(long long n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(size_t n) { return comma(), fmt::format_to(std::back_inserter(out_), "{}", n), *this; }
  // Shortest text that reads back as the same double; NaN and infinities (not JSON) as null.
  JsonWriter& value(double d) {
    comma();
    if (!std::isfinite(d)) out_ += "null";
    else fmt::format_to(std::back_inserter(out_), "{}", d);
    return *this;
  }
  JsonWriter& null() { return comma(), out_ += "null", *this; }
  // A value already written as JSON text (e.g. a small nlohmann::json dumped).
  JsonWriter& raw(std::string_view json) { return comma(), out_ += json, *this; }
  // Text appended as it is, outside the comma bookkeeping (the caller keeps the JSON valid): the elements
  // of a large array formatted elsewhere, e.g. on several cores. Goes out to the sink past 1 MiB.
  JsonWriter& write_raw(std::string_view text) {
    out_ += text;
    if (sink_ && out_.size() >= (1u << 20)) flush();
    return *this;
  }
  // A line break between elements, for files people read (one school per line). With a sink, the
  // text so far goes out once it passes 1 MiB, so a 30 MB result never sits in memory whole.
  JsonWriter& newline() {
    out_ += '\n';
    if (sink_ && out_.size() >= (1u << 20)) flush();
    return *this;
  }
  // Stream to `sink` instead of keeping the text (call flush() at the end; str()/take() then hold the rest).
  void set_sink(std::FILE* sink) { sink_ = sink; }
  // Writes what is buffered to the sink; false when the write failed.
  bool flush() {
    if (!sink_) return true;
    ok_ = std::fwrite(out_.data(), 1, out_.size(), sink_) == out_.size() && ok_;
    out_.clear();
    return ok_;
  }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }
  void reserve(size_t n) { out_.reserve(n); }

 private:
  JsonWriter& open(char c) {
    comma();
    out_ += c;
    first_.push_back(true);
    return *this;
  }
  JsonWriter& close(char c) {
    out_ += c;
    first_.pop_back();
    return *this;
  }
  void comma() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
  void string(std::string_view s) {
    out_ += '"';
    size_t run = 0;  // start of the current run of characters that need no escaping
    for (size_t i = 0; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c != '"' && c != '\\' && c >= 0x20) continue;
      out_.append(s.data() + run, i - run);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += s[i];
      } else {
        fmt::format_to(std::back_inserter(out_), "\\u{:04x}", c);
      }
      run = i + 1;
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string out_;
  std::FILE* sink_ = nullptr;
  bool ok_ = true;
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace youjun
