#pragma once
// The synthetic demo city (modelled on 绍兴 Shaoxing): districts, schools and their yearly facts as
// plain structs. The generator fills them (schools.cpp, enrollment.cpp, resources.cpp) and the
// writers turn them into the import files.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "demo/geometry.hpp"

namespace youjun::demo {

enum class Level { Primary, Junior, NineYear, TwelveYear, CompleteSecondary, Senior };
enum class Locale { Urban, Town, Rural };

// Stages (学段) inside a school; grades 1–6, 7–9, 10–12.
constexpr int kPrimary = 0, kJunior = 1, kSenior = 2;
constexpr int kGrades = 12;

// Two school years of facts: index 0 = 2024-2025, 1 = 2025-2026 (the latest; students.csv and
// teachers.csv describe it).
constexpr int kYears = 2;
constexpr int kLatest = 1;
constexpr int kFirstYearStart = 2024;
std::string school_year_name(int year_index);  // "2025-2026"
inline int year_start(int year_index) { return kFirstYearStart + year_index; }

const char* level_value(Level level);    // "primary" …
const char* level_label(Level level);    // "小学" …
const char* locale_value(Locale locale);
const char* locale_label(Locale locale);
bool has_stage(Level level, int stage);
inline int stage_first_grade(int stage) { return stage == kPrimary ? 1 : stage == kJunior ? 7 : 10; }
inline int stage_last_grade(int stage) { return stage == kPrimary ? 6 : stage == kJunior ? 9 : 12; }
inline int stage_of_grade(int grade) { return grade <= 6 ? kPrimary : grade <= 9 ? kJunior : kSenior; }

struct District {
  std::string code;         // 行政区划代码 330602
  std::string name;         // 越城区
  std::string kind;         // district | county_city | county
  std::string name_prefix;  // prefix of school names: "绍兴市越城区"
  std::string birth_code;   // code in ID numbers of people born here before `birth_code_until`
  int birth_code_until = 0; // 柯桥区 was 绍兴县 330621 and 上虞区 was 上虞市 330682 until 2013
  double share;             // share of the city's schools
  double urban_share;       // share of its schools in the urban core
  double lon, lat;          // centre of the urban core
  Point site;               // generator of the district's Voronoi area (km plane)
  std::vector<std::string> urban_streets;  // 街道 of the urban core
  std::vector<std::string> towns;          // 镇/街道 outside the core
  std::vector<std::string> rural_towns;    // mountain 镇/乡
  std::vector<std::string> school_names;   // famous names for urban schools
};
const std::vector<District>& districts();

// All numbers of one school in one school year, in the units of school_facts.csv.
struct FactsRecord {
  std::array<int, kGrades> students{};
  std::array<int, 3> classes{};
  std::array<int, 3> teachers{};
  int largest_class = 0;
  std::array<int, 2> above_degree{};  // primary, junior
  std::array<int, 2> backbone{};
  std::array<int, 2> pe_art{};
  double teaching_area_m2 = 0;
  double sports_area_m2 = 0;
  long long equipment_yuan = 0;
  int multimedia_rooms = 0, music_rooms = 0, art_rooms = 0;
  long long public_budget_yuan = 0, training_budget_yuan = 0, payroll_yuan = 0;

  int stage_students(int stage) const {
    int n = 0;
    for (int g = stage_first_grade(stage); g <= stage_last_grade(stage); ++g) n += students[g - 1];
    return n;
  }
  int total_students() const {
    int n = 0;
    for (int s : students) n += s;
    return n;
  }
};

// Indicator indices (the 7 优质均衡 resource indicators, 教督〔2017〕6号 第六条).
constexpr int kAboveDegree = 0, kBackbone = 1, kPeArt = 2, kTeachingArea = 3, kSportsArea = 4, kEquipment = 5,
              kMultimedia = 6, kIndicators = 7;

struct School {
  std::string code, name, address, town;
  int district = 0;
  Level level = Level::Primary;
  Locale locale = Locale::Urban;
  bool is_private = false;
  bool migrant_school = false;  // 民办 school serving 随迁子女
  bool village_school = false;  // 村小
  Point pos;                    // km plane
  double lon = 0, lat = 0;

  // Enrolment design.
  std::array<double, 3> intake{};  // cohort size entering the stage's first grade in 2025
  double trend = 0;                // yearly relative change of the intake
  double class_target = 42;        // normal class size
  int oversized_grade = 0;         // grade (1–12) with one oversized class, 0 = none
  int oversized_size = 0;
  bool closing = false;            // no grade-1 intake in 2025 (撤并 candidate)
  std::array<std::array<int, kGrades>, kYears> students{};
  std::array<std::array<std::vector<int>, kGrades>, kYears> class_sizes;

  // Resource design: multiples of the floor (1.0 = exactly the floor).
  std::array<std::array<double, 3>, 2> m_teacher{};  // [primary/junior][above, backbone, pe_art]
  std::array<double, 4> m_resource{};                // teaching area, sports area, equipment, multimedia
  std::array<double, 3> staff_ratio{};               // students per teacher by stage
  std::array<double, 3> nonabove_share{};            // share of teachers without the higher degree
  double public_rate = 0, training_share = 0, pay = 0, staff_factor = 0;
  bool budget_ignores_small_school_rule = false;
  int music_short = 0, art_short = 0;
  double last_year_factor = 1;  // resources a year earlier relative to now

  // Hukou mix of the students.
  double nonlocal_share = 0, urban_hukou_share = 0;

  std::array<FactsRecord, kYears> facts;
};

struct City {
  uint64_t seed = 0;
  double scale = 1;
  double size_factor = 1;  // school sizes relative to real ones (< 1 only for tiny scales)
  std::vector<Polygon> district_areas;  // one per districts() entry, km plane
  std::vector<School> schools;          // sorted by code
};

}  // namespace youjun::demo
