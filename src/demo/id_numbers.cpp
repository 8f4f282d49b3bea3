#include <cstdio>

#include "core/id_number.hpp"
#include "demo/people.hpp"

namespace youjun::demo {

// Howard Hinnant's civil-calendar algorithms (proleptic Gregorian, integers only).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return {y, m, d};
}

std::string iso_date(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string IdNumberMaker::make(Rng& rng, const std::string& area, const CivilDate& birth, bool male) {
  // 17 digits = area (6) + yyyymmdd (8) + sequence (3); the sequence's last digit is odd for men.
  uint64_t head = std::stoull(area) * 100000000ULL + static_cast<uint64_t>(birth.year) * 10000 + birth.month * 100 +
                  birth.day;
  uint64_t start = rng.below(500);  // drawn every time so the random stream does not depend on history
  Counter& c = counters_[head * 2 + (male ? 1 : 0)];
  if (c.used == 0) c.start = static_cast<uint16_t>(start);
  if (c.used == 500) {
    // All 500 numbers of that day and gender taken: use the next day (never happens at demo sizes).
    return make(rng, area, civil_from_days(days_from_civil(birth.year, birth.month, birth.day) + 1), male);
  }
  uint64_t seq = ((c.start + c.used++) % 500) * 2 + (male ? 1 : 0);
  ++issued_;
  char body[24];
  std::snprintf(body, sizeof body, "%017llu", static_cast<unsigned long long>(head * 1000 + seq));
  std::string id(body);
  id += id_number_check_char(id);
  return id;
}

std::string birth_area_code(int district, int birth_year) {
  const District& d = districts()[district];
  return birth_year < d.birth_code_until ? d.birth_code : d.code;
}

std::string other_area_code(Rng& rng, bool from_other_province) {
  // Real county-level codes: where 绍兴's teachers and 随迁子女 typically come from.
  static const std::vector<std::string> zhejiang = {"330102", "330106", "330203", "330281", "330282", "330326",
                                                    "330381", "330424", "330521", "330723", "330781", "330782",
                                                    "330825", "331082", "331121"};
  static const std::vector<std::string> provinces = {
      "341221", "341222", "341225", "341226", "341623", "360124", "361123", "360827", "411521", "411522",
      "411526", "411627", "520521", "520525", "520526", "511321", "511622", "510722", "430524", "431022",
      "421127", "420923", "530627", "350102", "320583", "370203"};
  return from_other_province ? rng.pick(provinces) : rng.pick(zhejiang);
}

}  // namespace youjun::demo
