#pragma once
// The generator's phases, in the order generate_demo_city() runs them. Each phase draws from its
// own random streams (derive_seed(city.seed, stream, index)), so one seed gives one city.
#include "demo/city.hpp"

namespace youjun::demo {

// Random stream numbers, one per phase (never reuse a number for a different purpose).
enum Stream : uint64_t {
  kStreamDistricts = 1,
  kStreamSchools = 2,
  kStreamSchoolDesign = 3,
  kStreamEnrollment = 4,
  kStreamResources = 5,
  kStreamTeachers = 6,
  kStreamStudents = 7,
  kStreamCatchments = 8,
  kStreamSeatWarning = 9,
  kStreamLottery = 10,
  kStreamZhongkao = 11,
  kStreamFitness = 12,
  kStreamMatch = 13,
  kStreamAddresses = 14,
};

// Base number of schools at scale 1.0 and the smallest number per district at any scale.
constexpr int kBaseSchools = 250;
constexpr int kMinSchoolsPerDistrict = 5;

// District areas (Voronoi cells of the district sites inside the city's bounding box).
void build_district_areas(City& city);
// Schools: category, name, code, address, coordinates, size and hukou design.
void build_schools(City& city);
// Students per grade and classes for both school years.
void build_enrollment(City& city);
// Resource design and the facts of both years, calibrated against the 优质均衡 floors and CV limits.
void build_facts(City& city);

}  // namespace youjun::demo
