#include "io/table.hpp"

#include <algorithm>

#include "io/detail.hpp"

namespace youjun::io {

Table::Table(const Table& other)
    : file(other.file),
      encoding(other.encoding),
      header(other.header),
      row_offsets_(other.row_offsets_),
      line_numbers_(other.line_numbers_) {
  size_t total = 0;
  for (std::string_view v : other.cells_) total += v.size();
  cells_.reserve(other.cells_.size());
  if (total > 0) {
    chunks_.emplace_back();
    chunks_.back().reserve(std::max<size_t>(total, 64));  // above the small-string size: heap storage
  }
  for (std::string_view v : other.cells_) {
    if (v.empty()) {
      cells_.emplace_back();
      continue;
    }
    std::string& chunk = chunks_.back();
    size_t at = chunk.size();
    chunk.append(v);
    cells_.emplace_back(chunk.data() + at, v.size());
  }
}

Table& Table::operator=(const Table& other) {
  if (this != &other) *this = Table(other);
  return *this;
}

std::string_view Table::cell(size_t r, size_t c) const {
  size_t begin = row_offsets_[r], end = row_offsets_[r + 1];
  return begin + c < end ? cells_[begin + c] : std::string_view();
}

void Table::reserve(size_t rows, size_t cells) {
  line_numbers_.reserve(rows);
  row_offsets_.reserve(rows + 1);
  cells_.reserve(cells);
  detail::advise_huge_pages(cells_.data(), cells_.capacity() * sizeof(std::string_view));
  detail::advise_huge_pages(row_offsets_.data(), row_offsets_.capacity() * sizeof(size_t));
  detail::advise_huge_pages(line_numbers_.data(), line_numbers_.capacity() * sizeof(long));
}

std::string& Table::adopt(std::string buffer) {
  // Small strings live inside the std::string object and would move with it: force heap storage.
  if (buffer.capacity() < 64) buffer.reserve(64);
  return chunks_.emplace_back(std::move(buffer));
}

void Table::start_row(long line_number) {
  if (!line_numbers_.empty()) row_offsets_.push_back(cells_.size());
  line_numbers_.push_back(line_number);
}

void Table::add_cell(std::string_view text) {
  if (text.empty()) {  // no storage needed; a default view never dangles
    cells_.emplace_back();
    return;
  }
  // Chunks of at least 1 MiB, always heap-allocated and never grown past their capacity, so the
  // views stay valid when chunks_ itself reallocates or the table is moved.
  if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < text.size()) {
    // 1, 2, 4 … 64 MiB: few allocations for big tables, little waste for small ones.
    size_t size = std::max<size_t>(size_t{1} << (20 + std::min<size_t>(chunks_.size(), 6)), text.size());
    chunks_.emplace_back();
    chunks_.back().reserve(size);
    detail::advise_huge_pages(chunks_.back().data(), chunks_.back().capacity());
  }
  std::string& chunk = chunks_.back();
  size_t at = chunk.size();
  chunk.append(text);
  cells_.emplace_back(chunk.data() + at, text.size());
}

void Table::finish() {
  if (!line_numbers_.empty()) row_offsets_.push_back(cells_.size());
}

}  // namespace youjun::io
