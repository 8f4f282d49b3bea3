// The demo's 地址库: street addresses with coordinates inside every primary-stage catchment (more inside the
// 多校划片 zones, where families most need to know which schools they may rank), so 学区查询 works by address.
// `demo load` stores it as the 招生基础数据 file "addresses".
#include <algorithm>
#include <cstdio>

#include "demo/catchments.hpp"
#include "demo/generate.hpp"
#include "demo/geometry.hpp"
#include "demo/names.hpp"
#include "demo/phases.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

AddressFiles address_files(const City& city, const std::vector<Catchment>& catchments) {
  AddressFiles f;
  f.addresses = "address_id,address,lon,lat\n";
  Rng rng(city.seed, kStreamAddresses);
  for (const Catchment& c : catchments) {
    if (c.stage != kPrimary || c.ring.size() < 3) continue;
    double x0 = c.ring[0].x, x1 = x0, y0 = c.ring[0].y, y1 = y0;
    for (const Point& p : c.ring) x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    const District& d = districts()[c.district];
    int wanted = c.multi() ? 12 : 6;
    for (int n = 0, tries = 0; n < wanted && tries < 5000; ++tries) {
      Point p{rng.uniform(x0, x1), rng.uniform(y0, y1)};
      if (!contains(c.ring, p)) continue;
      ++n;
      double lon = 0, lat = 0;
      to_lonlat(p, lon, lat);
      char line[160];
      std::snprintf(line, sizeof line, "A%06zu,浙江省绍兴市%s%s%d号%d幢,%.6f,%.6f\n", ++f.rows, d.name.c_str(),
                    road_name(rng).c_str(), rng.range(1, 600), rng.range(1, 20), lon, lat);
      f.addresses += line;
    }
  }
  return f;
}

}  // namespace youjun::demo
