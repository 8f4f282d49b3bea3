// The demo's 多校划片 matching: every primary-stage 多校划片 zone of the city keeps a share of its schools'
// first-grade seats for the zone's children (a fifth, as the seat-warning files assume), more children apply
// than there are seats, and each ranks the zone's schools (some list only their favourite). Tiers follow the
// national profile's categories (1 户籍与房产, 2 房产, 3 户籍). `demo load` registers, draws and publishes it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "demo/catchments.hpp"
#include "demo/generate.hpp"
#include "demo/phases.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

MatchFiles match_files(const City& city, const std::vector<Catchment>& catchments) {
  MatchFiles f;
  f.students = "student_id,prefs,tier\n";
  f.schools = "school_id,seats\n";
  std::map<std::string, int> seats;  // a school in two zones offers its share once
  Rng rng(city.seed, kStreamMatch);
  int zone = 0;
  for (const Catchment& c : catchments) {
    if (!c.multi() || c.stage != kPrimary) continue;
    ++zone;
    int zone_seats = 0;
    for (size_t k : c.schools) {
      const School& s = city.schools[k];
      int share = std::max(1, first_grade_seats(s, kPrimary) / 5);
      if (seats.emplace(s.code, share).second) zone_seats += share;
    }
    int children = static_cast<int>(std::lround(std::max(zone_seats, 2) * rng.uniform(1.1, 1.5)));
    for (int i = 1; i <= children; ++i) {
      std::vector<size_t> order = c.schools;
      for (size_t n = order.size(); n > 1; --n) std::swap(order[n - 1], order[rng.below(n)]);
      size_t listed = rng.chance(0.2) ? 1 : order.size();
      std::string prefs;
      for (size_t n = 0; n < listed; ++n) prefs += (n ? "|" : "") + city.schools[order[n]].code;
      double u = rng.uniform(0, 1);
      int tier = u < 0.5 ? 1 : u < 0.8 ? 2 : 3;
      char id[40];
      std::snprintf(id, sizeof id, "2026-DX%02d-%04d", zone, i);
      f.students += std::string(id) + "," + prefs + "," + std::to_string(tier) + "\n";
      ++f.student_rows;
    }
  }
  for (const auto& [code, n] : seats) f.schools += code + "," + std::to_string(n) + "\n";
  f.school_rows = seats.size();
  return f;
}

}  // namespace youjun::demo
