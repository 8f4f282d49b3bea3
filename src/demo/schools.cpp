// Schools of the demo city: how many of each kind per district, their names, codes, addresses,
// coordinates and sizes.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "demo/names.hpp"
#include "demo/phases.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

namespace {

constexpr Level kLevels[6] = {Level::Primary,    Level::Junior,            Level::NineYear,
                              Level::TwelveYear, Level::CompleteSecondary, Level::Senior};
constexpr double kLevelShare[6] = {0.56, 0.22, 0.14, 0.016, 0.024, 0.04};
constexpr Locale kLocales[3] = {Locale::Urban, Locale::Town, Locale::Rural};

std::array<double, 3> locale_shares(Level level, double u) {
  switch (level) {
    case Level::Primary: return {u, (1 - u) * 0.5, (1 - u) * 0.5};
    case Level::Junior: return {u, (1 - u) * 0.6, (1 - u) * 0.4};
    case Level::NineYear: return {u * 0.5, (1 - u * 0.5) * 0.5, (1 - u * 0.5) * 0.5};
    case Level::TwelveYear: return {1, 0, 0};
    case Level::CompleteSecondary: return {0.5, 0.5, 0};
    case Level::Senior: return {0.7, 0.3, 0};
  }
  return {1, 0, 0};
}

// Integer counts proportional to `expected` that sum to `total` (largest remainder, ties by index).
std::vector<int> largest_remainder(const std::vector<double>& expected, int total) {
  double sum = 0;
  for (double e : expected) sum += e;
  std::vector<int> counts(expected.size());
  std::vector<std::pair<double, size_t>> rest;
  int given = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    double share = sum > 0 ? expected[i] * total / sum : 0;
    counts[i] = static_cast<int>(share);
    given += counts[i];
    rest.push_back({share - counts[i], i});
  }
  std::stable_sort(rest.begin(), rest.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total && k < rest.size(); ++k, ++given) ++counts[rest[k].second];
  return counts;
}

std::string strip_town_suffix(const std::string& town) {
  auto ends_with = [&](const std::string& s) {
    return town.size() > s.size() && town.compare(town.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with("街道")) return town.substr(0, town.size() - 6);
  if (ends_with("镇") || ends_with("乡")) return town.substr(0, town.size() - 3);
  return town;
}
// How a town appears in a school name: 街道 by its short name (孙端), 镇/乡 in full (富盛镇).
std::string town_in_name(const std::string& town) {
  bool street = town.size() > 6 && town.compare(town.size() - 6, 6, "街道") == 0;
  return street ? strip_town_suffix(town) : town;
}

struct DistrictContext {
  DistrictContext(const District& district, int i, const Polygon& a, Rng r)
      : d(district), index(i), area(a), rng(r), centre(to_plane(district.lon, district.lat)) {}
  const District& d;
  int index;
  const Polygon& area;
  Rng rng;
  Point centre;
  std::map<std::string, Point> town_pos;
  std::vector<std::string> town_cycle, rural_cycle;
  size_t town_next = 0, rural_next = 0;
  std::vector<std::string> pool;
  std::map<int, size_t> pool_next;  // per level
  std::map<std::string, int> in_town;  // "<town>|<kind>" -> count
  std::vector<Point> placed;
  int seniors = 0;
};

Point random_point_near(DistrictContext& ctx, Point base, double sigma) {
  return {base.x + ctx.rng.normal() * sigma, base.y + ctx.rng.normal() * sigma};
}

void place_towns(DistrictContext& ctx) {
  double radius = std::sqrt(std::abs(signed_area(ctx.area)) / 3.14159) * 0.9;
  auto place = [&](const std::string& town, double rmin, double rmax) {
    for (int attempt = 0; attempt < 2000; ++attempt) {
      Point p{ctx.centre.x + ctx.rng.uniform(-rmax, rmax), ctx.centre.y + ctx.rng.uniform(-rmax, rmax)};
      double r = distance(p, ctx.centre);
      if (r >= rmin && r <= rmax && contains(ctx.area, p)) {
        ctx.town_pos[town] = p;
        return;
      }
    }
    ctx.town_pos[town] = ctx.d.site;
  };
  for (auto& t : ctx.d.urban_streets) place(t, 0.3, 2.5);
  for (auto& t : ctx.d.towns) place(t, 4, radius);
  for (auto& t : ctx.d.rural_towns) place(t, radius * 0.5, radius * 1.3);
  ctx.town_cycle = ctx.d.towns;
  ctx.rural_cycle = ctx.d.rural_towns;
  ctx.rural_cycle.insert(ctx.rural_cycle.end(), ctx.d.towns.begin(), ctx.d.towns.end());
  ctx.rng.shuffle(ctx.town_cycle);
  ctx.pool = ctx.d.school_names;
  ctx.rng.shuffle(ctx.pool);
}

// Keeps schools at least 350 m apart (clean Voronoi catchments) and inside the district.
Point place_school(DistrictContext& ctx, const School& s) {
  double min_gap = 0.35;
  for (int attempt = 0; attempt < 4000; ++attempt) {
    if (attempt % 500 == 499) min_gap /= 2;
    Point p;
    if (s.locale == Locale::Urban) {
      p = random_point_near(ctx, ctx.centre, ctx.index == 0 ? 2.6 : 2.2);
    } else {
      Point t = ctx.town_pos.at(s.town);
      if (s.locale == Locale::Town) {
        p = random_point_near(ctx, t, 0.9);
      } else {
        p = {t.x + ctx.rng.uniform(-5, 5), t.y + ctx.rng.uniform(-5, 5)};
        if (distance(p, t) < 1.5) continue;
      }
    }
    if (!contains(ctx.area, p)) continue;
    bool clear = std::all_of(ctx.placed.begin(), ctx.placed.end(), [&](const Point& q) { return distance(p, q) >= min_gap; });
    if (clear) return p;
  }
  return {ctx.d.site.x + ctx.placed.size() * 0.01, ctx.d.site.y};
}

double draw_stage_size(Rng& r, const School& s, int stage, bool central) {
  bool urban = s.locale == Locale::Urban, town = s.locale == Locale::Town;
  switch (s.level) {
    case Level::Primary:
      if (s.is_private) return r.uniform(600, 1500);
      if (urban) return r.chance(0.22) ? r.uniform(2000, 2800) : r.uniform(1000, 1800);
      if (town) return central ? r.uniform(500, 1300) : r.uniform(200, 700);
      return s.village_school ? r.uniform(20, 150) : r.uniform(150, 450);
    case Level::Junior:
      if (s.is_private) return r.uniform(500, 1200);
      if (urban) return r.chance(0.12) ? r.uniform(2000, 2300) : r.uniform(800, 1800);
      return town ? r.uniform(350, 1000) : r.uniform(150, 400);
    case Level::NineYear:
      if (s.is_private) return stage == kPrimary ? r.uniform(500, 1200) : r.uniform(300, 700);
      if (urban) return stage == kPrimary ? r.uniform(700, 1500) : r.uniform(350, 800);
      if (town) return stage == kPrimary ? r.uniform(300, 800) : r.uniform(150, 450);
      return stage == kPrimary ? r.uniform(80, 300) : r.uniform(40, 180);
    case Level::TwelveYear:
      return stage == kPrimary ? r.uniform(400, 900) : stage == kJunior ? r.uniform(300, 600) : r.uniform(200, 500);
    case Level::CompleteSecondary: return stage == kJunior ? r.uniform(400, 900) : r.uniform(500, 1100);
    case Level::Senior: return urban ? r.uniform(1000, 2200) : r.uniform(700, 1300);
  }
  return 0;
}

// Name stem and suffix; the stem changes on collisions ("鲁迅" -> "鲁迅第二").
std::pair<std::string, std::string> name_parts(DistrictContext& ctx, const School& s, int nth_in_town) {
  auto pool_name = [&]() {
    size_t& next = ctx.pool_next[static_cast<int>(s.level) * 2 + (s.is_private ? 1 : 0)];
    // Private schools start half-way through the pool so they rarely share a public school's name.
    size_t offset = s.is_private ? ctx.pool.size() / 2 : 0;
    return ctx.pool[(offset + next++) % ctx.pool.size()];
  };
  std::string town = town_in_name(s.town);
  bool local = s.locale != Locale::Urban && !s.is_private;
  switch (s.level) {
    case Level::Primary:
      if (s.is_private) return {pool_name(), "双语小学"};
      if (!local) return {pool_name(), "小学"};
      if (nth_in_town == 1 && !s.village_school) return {town, "中心小学"};
      return {town + village_name(ctx.rng), "小学"};
    case Level::Junior:
      if (s.is_private) return {pool_name(), "实验中学"};
      if (!local) return {pool_name(), ctx.rng.chance(0.4) ? "初级中学" : "中学"};
      if (nth_in_town == 1) return {ctx.d.code == "330681" ? strip_town_suffix(s.town) : town,
                                    ctx.d.code == "330681" ? "初级中学" : "中学"};
      return {town + village_name(ctx.rng), "中学"};
    case Level::NineYear:
      if (s.migrant_school) return {strip_town_suffix(s.town) + "育英", "学校"};
      if (s.is_private) return {pool_name(), "双语学校"};
      if (!local) return {pool_name(), "实验学校"};
      if (nth_in_town == 1) return {town, "中心学校"};
      return {town + village_name(ctx.rng), "学校"};
    case Level::TwelveYear: return {pool_name(), "外国语学校"};
    case Level::CompleteSecondary: return {pool_name(), "中学"};
    case Level::Senior:
      if (s.locale == Locale::Urban && ctx.seniors <= 3) return {"第" + chinese_number(ctx.seniors), "中学"};
      return {s.locale == Locale::Urban ? pool_name() : strip_town_suffix(s.town), "高级中学"};
  }
  return {pool_name(), "学校"};
}

std::string unique_name(DistrictContext& ctx, const School& s, int nth_in_town, std::set<std::string>& used) {
  for (int attempt = 0; attempt < 12; ++attempt) {
    auto [stem, suffix] = name_parts(ctx, s, nth_in_town);
    std::string name = ctx.d.name_prefix + stem + suffix;
    if (used.insert(name).second) return name;
  }
  auto [stem, suffix] = name_parts(ctx, s, nth_in_town);
  for (int n = 2;; ++n) {
    std::string name = ctx.d.name_prefix + stem + "第" + chinese_number(n % 100) + suffix;
    if (n >= 100) name += std::to_string(n);
    if (used.insert(name).second) return name;
  }
}

std::string make_address(DistrictContext& ctx, const School& s) {
  std::string a = "浙江省绍兴市" + ctx.d.name + s.town;
  if (s.locale == Locale::Rural && !s.is_private) {
    std::string village = village_name(ctx.rng);
    return a + village + (village.compare(village.size() - 3, 3, "村") == 0 ? "" : "村");
  }
  return a + road_name(ctx.rng) + std::to_string(ctx.rng.range(1, 999)) + "号";
}

void decide_kind(DistrictContext& ctx, School& s) {
  Rng& r = ctx.rng;
  bool urban = s.locale == Locale::Urban;
  bool textile_belt = ctx.d.code == "330603" || ctx.d.code == "330602";  // most 随迁子女 work here
  switch (s.level) {
    case Level::Primary: s.is_private = urban && r.chance(0.06); break;
    case Level::Junior: s.is_private = urban && r.chance(0.08); break;
    case Level::NineYear:
      if (r.chance(urban ? 0.25 : s.locale == Locale::Town ? (textile_belt ? 0.3 : 0.12) : 0)) {
        s.is_private = true;
        s.migrant_school = !urban || r.chance(0.4);
      }
      break;
    case Level::TwelveYear: s.is_private = true; break;
    default: break;
  }
  s.village_school = s.level == Level::Primary && s.locale == Locale::Rural && r.chance(0.6);
  if (s.locale == Locale::Urban) {
    s.town = r.pick(ctx.d.urban_streets);
  } else if (s.locale == Locale::Town) {
    s.town = ctx.town_cycle[ctx.town_next++ % ctx.town_cycle.size()];
  } else {
    s.town = ctx.rural_cycle[ctx.rural_next++ % ctx.rural_cycle.size()];
  }
}

void design_people(Rng& r, const District& d, School& s) {
  bool textile_belt = d.code == "330603" || d.code == "330602";
  if (s.migrant_school) s.nonlocal_share = r.uniform(0.75, 0.92);
  else if (s.is_private) s.nonlocal_share = r.uniform(0.03, 0.10);
  else if (s.level == Level::Senior) s.nonlocal_share = r.uniform(0.03, 0.08);
  else if (s.locale == Locale::Urban) s.nonlocal_share = r.uniform(0.15, 0.25);
  else if (s.locale == Locale::Town) s.nonlocal_share = textile_belt ? r.uniform(0.2, 0.35) : r.uniform(0.08, 0.18);
  else s.nonlocal_share = r.uniform(0.02, 0.08);
  s.urban_hukou_share = s.locale == Locale::Urban ? r.uniform(0.75, 0.92)
                        : s.locale == Locale::Town ? r.uniform(0.35, 0.6)
                                                   : r.uniform(0.05, 0.2);
  if (s.is_private && !s.migrant_school) s.class_target = r.uniform(30, 38);
  else if (s.level == Level::Senior) s.class_target = r.uniform(44, 50);
  else if (s.locale == Locale::Urban) s.class_target = s.level == Level::Junior ? r.uniform(43, 49) : r.uniform(41, 46.5);
  else if (s.locale == Locale::Town) s.class_target = r.uniform(38, 45);
  else s.class_target = r.uniform(35, 44);
  bool may_crowd = !s.is_private && s.locale != Locale::Rural && s.level != Level::Senior;
  if (may_crowd && r.chance(0.06)) s.oversized_size = r.range(56, 70);
  if (s.locale == Locale::Urban) s.trend = s.is_private ? r.uniform(0, 0.04) : r.uniform(-0.01, 0.03);
  else if (s.locale == Locale::Town) s.trend = r.uniform(-0.04, 0.01);
  else s.trend = r.uniform(-0.12, -0.04);
}

}  // namespace

void build_district_areas(City& city) {
  // The city's bounding box: 119.85–121.25E, 29.25–30.40N.
  Polygon box = {to_plane(119.85, 29.25), to_plane(121.25, 29.25), to_plane(121.25, 30.40), to_plane(119.85, 30.40)};
  std::vector<Point> sites;
  for (auto& d : districts()) sites.push_back(d.site);
  city.district_areas.clear();
  for (size_t i = 0; i < sites.size(); ++i) city.district_areas.push_back(voronoi_cell(box, sites, i));
}

namespace {

// Schools per (level, locale) in one district: largest remainder over the 18 categories, with at
// least one primary and one junior school.
std::vector<int> category_counts(const District& d, int schools) {
  std::vector<double> expected;
  for (int l = 0; l < 6; ++l) {
    auto shares = locale_shares(kLevels[l], d.urban_share);
    for (int c = 0; c < 3; ++c) expected.push_back(kLevelShare[l] * shares[c]);
  }
  std::vector<int> counts = largest_remainder(expected, schools);
  for (int slot : {0, 3}) {
    if (counts[slot] + counts[slot + 1] + counts[slot + 2] > 0) continue;
    auto biggest = std::max_element(counts.begin() + 6, counts.end());
    if (*biggest > 0) --*biggest, ++counts[slot];
  }
  return counts;
}

School make_school(DistrictContext& ctx, uint64_t seed, Level level, Locale locale, std::set<std::string>& used_names,
                   std::set<std::string>& used_codes) {
  School s;
  s.district = ctx.index;
  s.level = level;
  s.locale = locale;
  decide_kind(ctx, s);
  if (s.level == Level::Senior) ++ctx.seniors;
  std::string kind = level_value(level);
  int nth = s.locale == Locale::Urban || s.is_private ? 0 : ++ctx.in_town[s.town + "|" + kind];
  s.name = unique_name(ctx, s, nth, used_names);
  s.address = make_address(ctx, s);
  do {
    s.code = ctx.d.code + std::to_string(ctx.rng.range(1001, 9899));
  } while (!used_codes.insert(s.code).second);
  s.pos = place_school(ctx, s);
  ctx.placed.push_back(s.pos);
  to_lonlat(s.pos, s.lon, s.lat);
  Rng design(seed, kStreamSchoolDesign, std::stoull(s.code));
  bool central = nth == 1 && !s.village_school;
  for (int stage = 0; stage < 3; ++stage) {
    if (!has_stage(s.level, stage)) continue;
    int grades = stage == kPrimary ? 6 : 3;
    s.intake[stage] = draw_stage_size(design, s, stage, central) / grades;
  }
  design_people(design, ctx.d, s);
  s.closing = s.village_school && s.intake[kPrimary] * 6 < 90 && design.chance(0.35);
  return s;
}

// At least one crowded school (大班额) whenever there is a public urban primary or junior school.
void ensure_one_crowded(City& city) {
  for (auto& s : city.schools)
    if (s.oversized_size > 0) return;
  School* biggest = nullptr;
  for (auto& s : city.schools) {
    bool candidate = !s.is_private && s.locale == Locale::Urban && (s.level == Level::Primary || s.level == Level::Junior);
    if (candidate && (!biggest || s.intake[0] + s.intake[1] > biggest->intake[0] + biggest->intake[1])) biggest = &s;
  }
  if (biggest) biggest->oversized_size = 60;
}

}  // namespace

void build_schools(City& city) {
  const auto& ds = districts();
  std::vector<int> per_district;
  int total = 0;
  for (auto& d : ds) {
    int n = std::max(kMinSchoolsPerDistrict, static_cast<int>(std::lround(kBaseSchools * d.share * city.scale)));
    per_district.push_back(n);
    total += n;
  }
  city.size_factor = std::min(1.0, city.scale * kBaseSchools / total);

  std::set<std::string> used_names, used_codes;
  city.schools.clear();
  for (size_t di = 0; di < ds.size(); ++di) {
    DistrictContext ctx(ds[di], static_cast<int>(di), city.district_areas[di], Rng(city.seed, kStreamSchools, di));
    place_towns(ctx);
    std::vector<int> counts = category_counts(ds[di], per_district[di]);
    for (int l = 0; l < 6; ++l)
      for (int c = 0; c < 3; ++c)
        for (int k = 0; k < counts[l * 3 + c]; ++k)
          city.schools.push_back(make_school(ctx, city.seed, kLevels[l], kLocales[c], used_names, used_codes));
  }
  ensure_one_crowded(city);
  std::sort(city.schools.begin(), city.schools.end(), [](const School& a, const School& b) { return a.code < b.code; });
}

}  // namespace youjun::demo
