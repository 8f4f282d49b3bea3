#include "demo/csv_out.hpp"

#include <stdexcept>

namespace youjun::demo {

CsvOut::CsvOut(const std::string& path, const import::ImportKind& kind, bool chinese_header)
    : path_(path), kind_(kind), cells_(kind.fields.size()) {
  file_ = std::fopen(path.c_str(), "wb");
  failed_ = file_ == nullptr;
  buffer_ = "\xEF\xBB\xBF";
  for (size_t i = 0; i < kind.fields.size(); ++i) {
    if (i) buffer_ += ',';
    put(chinese_header ? kind.fields[i].zh : kind.fields[i].key);
  }
  buffer_ += "\r\n";
}

CsvOut::~CsvOut() {
  if (file_) std::fclose(file_);
}

void CsvOut::set(const std::string& key, std::string value) {
  for (size_t i = 0; i < kind_.fields.size(); ++i) {
    if (kind_.fields[i].key == key) {
      cells_[i] = std::move(value);
      return;
    }
  }
  throw std::logic_error("demo: import kind " + kind_.name + " has no column " + key);
}

void CsvOut::put(const std::string& cell) {
  bool quote = cell.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) {
    buffer_ += cell;
    return;
  }
  buffer_ += '"';
  for (char c : cell) {
    if (c == '"') buffer_ += '"';
    buffer_ += c;
  }
  buffer_ += '"';
}

void CsvOut::end_row() {
  for (size_t i = 0; i < cells_.size(); ++i) {
    if (i) buffer_ += ',';
    put(cells_[i]);
    cells_[i].clear();
  }
  buffer_ += "\r\n";
  ++rows_;
  if (buffer_.size() > (1 << 20)) flush();
}

void CsvOut::flush() {
  if (file_ && !failed_ && !buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    failed_ = true;
  buffer_.clear();
}

Status CsvOut::close() {
  flush();
  if (file_) {
    if (std::fclose(file_) != 0) failed_ = true;
    file_ = nullptr;
  }
  if (failed_) return make_error("无法写入文件 cannot write " + path_);
  return ok_status();
}

std::string format_decimal(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace youjun::demo
