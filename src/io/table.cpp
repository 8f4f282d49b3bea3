#include "io/table.hpp"

namespace youjun::io {

std::string_view Table::cell(size_t r, size_t c) const {
  size_t begin = row_offsets_[r], end = row_offsets_[r + 1];
  return begin + c < end ? cells_[begin + c] : std::string_view();
}

void Table::reserve(size_t rows, size_t cells) {
  line_numbers_.reserve(rows);
  row_offsets_.reserve(rows + 1);
  cells_.reserve(cells);
}

void Table::start_row(long line_number) {
  if (!line_numbers_.empty()) row_offsets_.push_back(cells_.size());
  line_numbers_.push_back(line_number);
}

void Table::add_cell(std::string_view text) {
  // Chunks of at least 1 MiB so views stay valid (a chunk never reallocates once used).
  if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < text.size()) {
    chunks_.emplace_back();
    chunks_.back().reserve(std::max<size_t>(1 << 20, text.size()));
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
