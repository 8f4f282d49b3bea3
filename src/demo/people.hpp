#pragma once
// Teachers and students of the demo city, written row by row, and the valid, unique 身份证号 they
// carry (GB 11643: address code, birth date, sequence whose parity is the gender, check character).
#include <cstdint>
#include <string>
#include <unordered_map>

#include "demo/city.hpp"
#include "demo/csv_out.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

struct CivilDate {
  int year, month, day;
};
long days_from_civil(int y, int m, int d);  // days since 1970-01-01
CivilDate civil_from_days(long days);
std::string iso_date(const CivilDate& d);

class IdNumberMaker {
 public:
  // A number not handed out before; `area` is a 6-digit address code. Numbers sharing area, birth
  // date and gender take consecutive sequence numbers from a random start, so uniqueness needs
  // one counter per (area, date, gender) instead of a set of every number.
  std::string make(Rng& rng, const std::string& area, const CivilDate& birth, bool male);
  size_t issued() const { return issued_; }

 private:
  struct Counter {
    uint16_t start = 0, used = 0;
  };
  std::unordered_map<uint64_t, Counter> counters_;  // key: area·yyyymmdd·gender
  size_t issued_ = 0;
};

// Address code of someone born in the demo city's district `district` in `birth_year`
// (柯桥区 was 绍兴县 330621 and 上虞区 was 上虞市 330682 before 2014).
std::string birth_area_code(int district, int birth_year);
// Address codes of other places (other Zhejiang cities, other provinces) people come from.
std::string other_area_code(Rng& rng, bool from_other_province);

// One row per teacher of the latest school year, consistent with the schools' facts.
size_t write_teachers(const City& city, IdNumberMaker& ids, CsvOut& out);
class HealthOut;
// One row per student of the latest school year, per school and grade exactly the facts' counts; with
// `health`, also each student's 体质健康 test record and vision screenings (health_files.hpp).
size_t write_students(const City& city, IdNumberMaker& ids, CsvOut& out, HealthOut* health = nullptr);

}  // namespace youjun::demo
