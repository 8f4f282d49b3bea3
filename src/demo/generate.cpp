#include "demo/generate.hpp"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/personal_data.hpp"
#include "demo/catchments.hpp"
#include "demo/health_files.hpp"
#include "demo/people.hpp"
#include "demo/phases.hpp"
#include "demo/tables.hpp"

namespace youjun::demo {

namespace {

Status write_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) return make_error("无法写入文件 cannot write " + path);
  return ok_status();
}

// Streams the file (students.csv is ~350 MB at scale 20).
std::string file_sha256(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (sodium_init() < 0) return "";
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<char> chunk(1 << 20);
  while (f) {
    f.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(chunk.data()),
                              static_cast<unsigned long long>(f.gcount()));
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return to_hex(digest, sizeof digest);
}

}  // namespace

City build_demo_city(uint64_t seed, double scale) {
  City city;
  city.seed = seed;
  city.scale = scale;
  build_district_areas(city);
  build_schools(city);
  build_enrollment(city);
  build_facts(city);
  return city;
}

Result<DemoSummary> generate_demo_city(const DemoOptions& options) {
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  if (!(options.scale >= kMinScale && options.scale <= kMaxScale))
    return make_error("规模 --scale 应在 0.001 与 20 之间 / scale must be within [0.001, 20]");
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return make_error("无法创建目录 cannot create " + options.out_dir + ": " + ec.message());
  auto path = [&](const char* name) { return (std::filesystem::path(options.out_dir) / name).string(); };

  say("生成区县与学校…");
  City city = build_demo_city(options.seed, options.scale);
  DemoSummary summary;
  summary.districts = districts().size();
  summary.schools = city.schools.size();
  summary.facts_rows = city.schools.size() * kYears;
  say("已生成 " + std::to_string(city.schools.size()) + " 所学校及两个学年的学校年度数据");

  std::vector<WrittenFile> files;
  if (auto st = write_schools_csv(city, path("schools.csv")); !st) return st.error();
  files.push_back({"schools.csv", "schools", summary.schools, ""});
  if (auto st = write_facts_csv(city, path("school_facts.csv")); !st) return st.error();
  files.push_back({"school_facts.csv", "school_facts", summary.facts_rows, ""});

  IdNumberMaker ids;
  {
    say("生成教师…");
    CsvOut out(path("teachers.csv"), *import::find_import_kind("teachers"), true);
    summary.teachers = write_teachers(city, ids, out);
    if (auto st = out.close(); !st) return st.error();
    files.push_back({"teachers.csv", "teachers", summary.teachers, ""});
    say("已生成 " + std::to_string(summary.teachers) + " 名教师");
  }
  {
    say("生成学生…");
    CsvOut out(path("students.csv"), *import::find_import_kind("students"), true);
    HealthOut health(path("fitness_records.csv"), path("vision_screenings.csv"), city.seed);
    summary.students = write_students(city, ids, out, &health);
    if (auto st = out.close(); !st) return st.error();
    if (auto st = health.close(); !st) return st.error();
    files.push_back({"students.csv", "students", summary.students, ""});
    files.push_back({"fitness_records.csv", "fitness_records", health.fitness_rows(), ""});
    files.push_back({"vision_screenings.csv", "vision_screenings", health.vision_rows(), ""});
    say("已生成 " + std::to_string(summary.students) + " 名学生");
  }

  say("生成学区范围…");
  auto catchments = build_catchments(city);
  summary.catchments = catchments.size();
  for (auto& c : catchments) summary.multi_school_catchments += c.multi();
  if (auto st = write_text(path("catchments.geojson"), catchments_geojson(city, catchments)); !st) return st.error();
  files.push_back({"catchments.geojson", "catchments", summary.catchments, ""});
  auto warning = seat_warning_files(city, catchments);
  if (auto st = write_text(path("birth_cohorts.csv"), warning.cohorts); !st) return st.error();
  files.push_back({"birth_cohorts.csv", "birth_cohorts", warning.cohort_rows, ""});
  if (auto st = write_text(path("new_housing.csv"), warning.housing); !st) return st.error();
  files.push_back({"new_housing.csv", "new_housing", warning.housing_rows, ""});
  if (auto st = write_text(path("intake_seats.csv"), warning.seats); !st) return st.error();
  files.push_back({"intake_seats.csv", "intake_seats", warning.seat_rows, ""});
  const std::string creations = creations_achieved_csv();
  if (auto st = write_text(path("creations_achieved.csv"), creations); !st) return st.error();
  files.push_back({"creations_achieved.csv", "creations_achieved",
                   static_cast<size_t>(std::count(creations.begin(), creations.end(), '\n') - 1), ""});
  auto addresses = address_files(city, catchments);
  if (auto st = write_text(path("addresses.csv"), addresses.addresses); !st) return st.error();
  files.push_back({"addresses.csv", "addresses", addresses.rows, ""});
  auto lottery = lottery_files(city);
  if (auto st = write_text(path("lottery_applicants.csv"), lottery.applicants); !st) return st.error();
  files.push_back({"lottery_applicants.csv", "lottery_applicants", lottery.applicant_rows, ""});
  if (auto st = write_text(path("lottery_seats.csv"), lottery.seats); !st) return st.error();
  files.push_back({"lottery_seats.csv", "lottery_seats", lottery.schools, ""});
  auto match = match_files(city, catchments);
  if (auto st = write_text(path("match_students.csv"), match.students); !st) return st.error();
  files.push_back({"match_students.csv", "match_students", match.student_rows, ""});
  if (auto st = write_text(path("match_schools.csv"), match.schools); !st) return st.error();
  files.push_back({"match_schools.csv", "match_schools", match.school_rows, ""});

  auto zhongkao = zhongkao_files(city);
  if (auto st = write_text(path("zk_juniors.csv"), zhongkao.juniors); !st) return st.error();
  files.push_back({"zk_juniors.csv", "zhongkao_juniors", zhongkao.junior_rows, ""});
  if (auto st = write_text(path("zk_high_schools.csv"), zhongkao.high_schools); !st) return st.error();
  files.push_back({"zk_high_schools.csv", "zhongkao_high_schools", zhongkao.high_school_rows, ""});
  if (auto st = write_text(path("zk_candidates.csv"), zhongkao.candidates); !st) return st.error();
  files.push_back({"zk_candidates.csv", "zhongkao_candidates", zhongkao.candidate_rows, ""});

  if (auto st = write_text(path("README.txt"), readme_text(city, summary)); !st) return st.error();
  for (auto& f : files) f.sha256 = file_sha256(path(f.name.c_str()));
  if (auto st = write_text(path("manifest.json"), manifest_json(city, summary, files)); !st) return st.error();
  say("完成：" + options.out_dir);
  return summary;
}

}  // namespace youjun::demo
