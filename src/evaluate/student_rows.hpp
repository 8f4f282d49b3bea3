#pragma once
// One row per student — or per student and year, when a file holds several school years — for the
// evaluation readers (fitness records, vision screenings).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enroll/id_index.hpp"
#include "io/table.hpp"

namespace youjun::evaluate {

class StudentRows {
 public:
  explicit StudentRows(size_t rows) : seen_(rows) { keys_.reserve(rows); }  // reserved: the index keeps views

  // "" the first time (id, year) is seen, else "学生 ID [在 YEAR 年]重复（第 N 行已有）".
  std::string repeat(const io::Table& t, size_t r, std::string_view id, std::optional<int> year) {
    std::string_view key = id;
    if (year) key = keys_.emplace_back(std::to_string(*year) + '\x1f' + std::string(id));
    uint32_t first = seen_.insert(key, static_cast<uint32_t>(r));
    if (first == r) return "";
    return "学生 " + std::string(id) + (year ? " 在 " + std::to_string(*year) + " 年重复" : std::string(" 重复")) + "（第 " +
           std::to_string(t.line_number(first)) + " 行已有）";
  }

 private:
  enroll::IdIndex seen_;
  std::vector<std::string> keys_;
};

}  // namespace youjun::evaluate
