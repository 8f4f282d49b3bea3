#pragma once
// `youjun demo generate`: a synthetic city modelled on 绍兴 (six real districts, ~250 schools,
// ~15,000 teachers, ~200,000 students at scale 1.0), written as the import files the product reads:
//   schools.csv, school_facts.csv (2024-2025 and 2025-2026), teachers.csv, students.csv,
//   catchments.geojson, birth_cohorts.csv, new_housing.csv, intake_seats.csv (学区预警),
//   lottery_applicants.csv, lottery_seats.csv (公民同招 lottery), README.txt, manifest.json.
// Deterministic: the same seed and scale give byte-identical files (own PRNG, no std::*_distribution,
// no libm transcendental functions), whatever the standard library.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "demo/city.hpp"

namespace youjun::demo {

struct DemoOptions {
  uint64_t seed = 20260901;
  double scale = 1.0;  // 0.02 = ~5 schools per district and a few thousand students
  std::string out_dir;
  std::function<void(const std::string&)> progress;  // Chinese progress lines; may be empty
};

struct DemoSummary {
  size_t districts = 0, schools = 0, facts_rows = 0, teachers = 0, students = 0;
  size_t catchments = 0, multi_school_catchments = 0;
};

// The city in memory (schools, enrolment, facts), without people or files. Used by the writer and
// by tests.
City build_demo_city(uint64_t seed, double scale);

Result<DemoSummary> generate_demo_city(const DemoOptions& options);

// The 公民同招 lottery of the private primary schools (lottery_files.cpp).
struct LotteryFiles {
  std::string applicants, seats;  // CSV texts for `enroll lottery` / the 派位 routes
  size_t schools = 0, applicant_rows = 0;
};
LotteryFiles lottery_files(const City& city);

// The 多校划片 matching of the primary-stage zones (match_files.cpp): each child ranks the zone's schools.
struct MatchFiles {
  std::string students, schools;  // CSV texts for `enroll match` / a match run
  size_t school_rows = 0, student_rows = 0;
};
struct Catchment;
MatchFiles match_files(const City& city, const std::vector<Catchment>& catchments);

// The 地址库 (address_files.cpp): addresses with WGS-84 coordinates inside the primary-stage catchments.
struct AddressFiles {
  std::string addresses;  // CSV text address_id,address,lon,lat
  size_t rows = 0;
};
AddressFiles address_files(const City& city, const std::vector<Catchment>& catchments);

// 五大创建 achievements of the six districts and the city (creation_files.cpp), for `balance creations --achieved`.
std::string creations_achieved_csv();

// The 中考 cycle (zhongkao_files.cpp): the junior schools with their graduates, the high schools with
// plans (优质 = the urban ones), and each graduate's scores and lists, for `youjun admit quota | score |
// match`. 考生号 are ZK<year><serial>: never an ID number, since results are published.
struct ZhongkaoFiles {
  std::string juniors, high_schools, candidates;
  size_t junior_rows = 0, high_school_rows = 0, candidate_rows = 0;
};
ZhongkaoFiles zhongkao_files(const City& city);

// Scales accepted by the command line.
constexpr double kMinScale = 0.001, kMaxScale = 20;

}  // namespace youjun::demo
