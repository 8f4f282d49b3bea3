// The full-scale demo city (in memory, scale 1.0): sizes, the school mix the product's checks need
// (tiny 村小, 大校额, 大班额, 撤并 candidates), and the calibration against the 优质均衡 floors and CV limits.
#include <gtest/gtest.h>

#include <cmath>

#include "demo/balance_check.hpp"
#include "demo/generate.hpp"
#include "demo/geometry.hpp"
#include "demo/people.hpp"
#include "demo/rng.hpp"

using namespace youjun::demo;

namespace {

const City& full_city() {
  static const City city = build_demo_city(20260901, 1.0);
  return city;
}

}  // namespace

TEST(DemoCity, FullScaleHasRealisticSize) {
  const City& city = full_city();
  EXPECT_GE(city.schools.size(), 240u);
  EXPECT_LE(city.schools.size(), 260u);
  long students = 0, teachers = 0;
  for (auto& s : city.schools) {
    students += s.facts[kLatest].total_students();
    for (int t : s.facts[kLatest].teachers) teachers += t;
  }
  EXPECT_GT(students, 170000);
  EXPECT_LT(students, 260000);
  EXPECT_GT(teachers, 12000);
  EXPECT_LT(teachers, 19000);
}

TEST(DemoCity, FullScaleHasTinyBigAndCrowdedSchools) {
  int tiny = 0, big = 0, crowded = 0, no_grade1 = 0, priv = 0, urban = 0, rural = 0;
  for (auto& s : full_city().schools) {
    const FactsRecord& f = s.facts[kLatest];
    int n = f.total_students();
    tiny += s.level == Level::Primary && n < 100;
    big += n > 2000;
    crowded += f.largest_class > 55;
    EXPECT_LE(f.largest_class, 70) << s.name;
    no_grade1 += s.level == Level::Primary && f.students[0] == 0;
    priv += s.is_private;
    urban += s.locale == Locale::Urban;
    rural += s.locale == Locale::Rural;
  }
  EXPECT_GT(tiny, 0);
  EXPECT_GT(big, 0);
  EXPECT_GT(crowded, 0);
  EXPECT_GT(no_grade1, 0);
  EXPECT_GT(priv, 0);
  EXPECT_GT(urban, 50);
  EXPECT_GT(rural, 30);
}

TEST(DemoCity, CohortsMoveUpOneGradeBetweenYears) {
  for (auto& s : full_city().schools) {
    for (int g = 1; g < 6; ++g) {
      int before = s.facts[0].students[g - 1], after = s.facts[1].students[g];
      EXPECT_NEAR(after, before, 2 + before * 0.05) << s.name << " grade " << g;
    }
  }
}

TEST(DemoCity, MostSchoolsMeetTheFloorsAMinorityDoesNot) {
  auto parts = school_parts(full_city());
  for (int st = kPrimary; st <= kJunior; ++st) {
    int n = 0, pass = 0, badly = 0;
    for (auto& p : parts) {
      if (p.stage != st) continue;
      ++n;
      pass += p.passes();
      badly += p.fails_badly();
    }
    ASSERT_GT(n, 50);
    EXPECT_GT(pass, n * 0.7) << "stage " << st;
    EXPECT_LT(pass, n * 0.95) << "stage " << st;
    EXPECT_GT(badly, 0);
    EXPECT_LT(badly, n * 0.12);
  }
}

TEST(DemoCity, OnlyShengzhouFailsACvLimit) {
  auto parts = school_parts(full_city());
  for (int d = 0; d < 6; ++d) {
    bool over = false;
    for (int st = kPrimary; st <= kJunior; ++st)
      for (int k = 0; k < kIndicators; ++k) over |= weighted_cv(parts, d, st, k) > kCvLimits[st];
    EXPECT_EQ(over, districts()[d].code == "330683") << districts()[d].name;
  }
  int shengzhou = 4;
  ASSERT_EQ(districts()[shengzhou].code, "330683");
  EXPECT_GT(weighted_cv(parts, shengzhou, kPrimary, kSportsArea), 0.55);
}

TEST(DemoCity, WeightedCvMatchesAHandComputedExample) {
  // Two schools of 100 and 300 pupils with values 2 and 6: mean 5, variance (100·9 + 300·1)/400 = 3.
  std::vector<SchoolPart> parts(2);
  parts[0].students = 100;
  parts[0].value[kEquipment] = 2;
  parts[1].students = 300;
  parts[1].value[kEquipment] = 6;
  EXPECT_NEAR(weighted_cv(parts, 0, kPrimary, kEquipment), std::sqrt(3.0) / 5, 1e-12);
}

TEST(DemoRng, SequenceIsFixed) {
  // Pinned values: a change here changes every generated city.
  Rng r(42);
  EXPECT_EQ(r.next(), 0x15780b2e0c2ec716ULL);  // xoshiro256** seeded by splitmix64, checked in Python
  Rng s(42, 3, 7);
  EXPECT_EQ(s.range(1, 6), 2);
}

TEST(DemoDates, CivilDaysRoundTrip) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28), 2);  // leap year
  auto d = civil_from_days(days_from_civil(2019, 8, 31));
  EXPECT_EQ(iso_date(d), "2019-08-31");
}

TEST(DemoGeometry, VoronoiCellSplitsASquare) {
  Polygon square = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
  std::vector<Point> sites = {{2, 5}, {8, 5}};
  Polygon left = voronoi_cell(square, sites, 0);
  EXPECT_NEAR(signed_area(left), 50, 1e-9);
  EXPECT_TRUE(contains(left, {4.9, 1}));
  EXPECT_FALSE(contains(left, {5.1, 1}));
  Point p = to_plane(120.58, 30.0);
  EXPECT_NEAR(p.x, 0, 1e-9);
  double lon, lat;
  to_lonlat({96.41, 110.95}, lon, lat);
  EXPECT_NEAR(lon, 121.58, 1e-9);
  EXPECT_NEAR(lat, 31.0, 1e-9);
}
