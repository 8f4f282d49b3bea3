#pragma once
// One row per student — or per student and year (term), when a file holds several — for the evaluation
// readers (fitness records, vision screenings, 五育 records).
#include <string>
#include <string_view>
#include <vector>

#include "enroll/id_index.hpp"
#include "io/table.hpp"

namespace youjun::evaluate {

class StudentRows {
 public:
  explicit StudentRows(size_t rows) : seen_(rows) { keys_.reserve(rows); }  // reserved: the index keeps views

  // "" the first time (id, period) is seen, else "学生 ID [在 PERIOD UNIT]重复（第 N 行已有）". `period` is "" when
  // the file holds one period (then the id alone must be unique); `unit` names it: "年", "学期".
  std::string repeat(const io::Table& t, size_t r, std::string_view id, std::string_view period = "", const char* unit = "") {
    std::string_view key = id;
    if (!period.empty()) key = keys_.emplace_back(std::string(period) + '\x1f' + std::string(id));
    uint32_t first = seen_.insert(key, static_cast<uint32_t>(r));
    if (first == r) return "";
    std::string when = period.empty() ? " " : " 在 " + std::string(period) + " " + unit;
    return "学生 " + std::string(id) + when + "重复（第 " + std::to_string(t.line_number(first)) + " 行已有）";
  }

 private:
  enroll::IdIndex seen_;
  std::vector<std::string> keys_;
};

}  // namespace youjun::evaluate
