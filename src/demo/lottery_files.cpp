// The demo's 公民同招 lottery: every private school with a first grade is oversubscribed (about 1.6
// applicants per seat) and drawn by the public lottery; each applicant names a public primary school of
// the same district as the fallback (公办保底). `demo load` registers, draws and publishes it.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "demo/catchments.hpp"
#include "demo/generate.hpp"
#include "demo/phases.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

LotteryFiles lottery_files(const City& city) {
  LotteryFiles f;
  f.applicants = "applicant_id,school_id,tier,fallback_school_id\n";
  f.seats = "school_id,seats,sector\n";
  std::vector<std::vector<size_t>> public_primary(districts().size());
  for (size_t k = 0; k < city.schools.size(); ++k) {
    const School& s = city.schools[k];
    if (!s.is_private && (s.level == Level::Primary || s.level == Level::NineYear)) public_primary[s.district].push_back(k);
  }
  Rng rng(city.seed, kStreamLottery);
  for (const School& s : city.schools) {
    if (!s.is_private || !(s.level == Level::Primary || s.level == Level::NineYear)) continue;
    int seats = first_grade_seats(s, kPrimary);
    if (seats == 0) continue;
    f.seats += s.code + "," + std::to_string(seats) + ",private\n";
    ++f.schools;
    int applicants = static_cast<int>(std::lround(seats * rng.uniform(1.3, 1.9)));
    const auto& fallbacks = public_primary[s.district];
    for (int i = 1; i <= applicants; ++i) {
      std::string fallback = fallbacks.empty() ? "" : city.schools[fallbacks[rng.below(fallbacks.size())]].code;
      char id[32];
      std::snprintf(id, sizeof id, "%04d", i);
      f.applicants += "2026-" + s.code + "-" + id + "," + s.code + ",1," + fallback + "\n";
      ++f.applicant_rows;
    }
  }
  return f;
}

}  // namespace youjun::demo
