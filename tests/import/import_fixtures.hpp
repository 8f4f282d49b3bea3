#pragma once
// Small tables built in memory for importer tests (independent of the CSV reader).
#include <initializer_list>
#include <string>
#include <vector>

#include "core/id_number.hpp"
#include "io/table.hpp"

namespace youjun::test {

inline io::Table make_table(const std::string& file, std::vector<std::string> header,
                            const std::vector<std::vector<std::string>>& rows) {
  io::Table t;
  t.file = file;
  t.header = std::move(header);
  long line = 2;
  for (const auto& r : rows) {
    t.start_row(line++);
    for (const auto& c : r) t.add_cell(c);
  }
  t.finish();
  return t;
}

// A valid 18-character ID number: 6-digit area, birth date yyyymmdd, 3-digit sequence (odd = male).
inline std::string make_id(const std::string& area, const std::string& yyyymmdd, int seq) {
  char s[4];
  snprintf(s, sizeof s, "%03d", seq);
  std::string first17 = area + yyyymmdd + s;
  return first17 + id_number_check_char(first17);
}

inline io::Table two_schools(const std::string& file = "schools.csv") {
  return make_table(file, {"学校代码", "学校名称", "区县代码", "区县名称", "学段", "办学性质", "城乡类别", "地址", "经度", "纬度"},
                    {{"3306020001", "越城区鲁迅小学", "330602", "越城区", "小学", "公办", "城区", "鲁迅路1号", "120.58", "30.00"},
                     {"3306030001", "柯桥区齐贤镇中学", "330603", "柯桥区", "junior", "public", "town", "", "", ""}});
}

}  // namespace youjun::test
