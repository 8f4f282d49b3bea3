// The files of a small generated demo city: determinism, headers, and consistency between
// school_facts.csv, teachers.csv and students.csv.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/id_number.hpp"
#include "demo/demo_fixture.hpp"
#include "evaluate/fitness.hpp"
#include "evaluate/vision.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"
#include "import/kinds.hpp"

using namespace youjun;
using youjun::test::demo_file;
using youjun::test::DemoTable;
using youjun::test::file_bytes;
using youjun::test::small_demo;

namespace {

const char* kFiles[] = {"schools.csv",        "school_facts.csv", "teachers.csv",        "students.csv",
                        "catchments.geojson", "README.txt",       "manifest.json",       "zk_juniors.csv",
                        "zk_high_schools.csv", "zk_candidates.csv", "fitness_records.csv", "vision_screenings.csv"};

std::map<std::string, std::string> hashes_of(const std::string& dir) {
  std::map<std::string, std::string> h;
  for (auto* f : kFiles) h[f] = sha256_hex(file_bytes(dir + "/" + f));
  return h;
}

std::map<std::string, std::string> generate(const test::TempDir& tmp, const std::string& sub, uint64_t seed) {
  demo::DemoOptions o;
  o.seed = seed;
  o.scale = test::kDemoScale;
  o.out_dir = tmp.path(sub);
  auto r = demo::generate_demo_city(o);
  EXPECT_TRUE(r.ok()) << (r ? "" : r.error().message);
  return hashes_of(o.out_dir);
}

}  // namespace

TEST(DemoDeterminism, SameSeedGivesIdenticalBytes) {
  test::TempDir tmp;
  auto a = generate(tmp, "a", test::kDemoSeed);
  auto b = generate(tmp, "b", test::kDemoSeed);
  EXPECT_EQ(a, b);
  // …and the same bytes as the shared fixture, generated earlier in another directory.
  EXPECT_EQ(a, hashes_of(small_demo().path("city")));
}

TEST(DemoDeterminism, DifferentSeedGivesDifferentFiles) {
  test::TempDir tmp;
  auto a = generate(tmp, "a", test::kDemoSeed);
  auto b = generate(tmp, "b", test::kDemoSeed + 1);
  for (auto* f : {"schools.csv", "school_facts.csv", "teachers.csv", "students.csv", "catchments.geojson"})
    EXPECT_NE(a[f], b[f]) << f;
}

TEST(DemoFiles, SmallScaleIsSmall) {
  auto& s = small_demo().summary;
  EXPECT_EQ(s.districts, 6u);
  EXPECT_EQ(s.schools, 30u);  // 5 per district
  EXPECT_GT(s.students, 1000u);
  EXPECT_LT(s.students, 10000u);
  EXPECT_GT(s.teachers, 50u);
}

TEST(DemoFiles, HeadersAreExactlyTheImportKindsChineseHeaders) {
  for (auto* kind : {"schools", "school_facts", "teachers", "students"}) {
    DemoTable t(std::string(kind) + ".csv");
    const auto* k = import::find_import_kind(kind);
    ASSERT_NE(k, nullptr);
    std::vector<std::string> expected;
    for (auto& f : k->fields) expected.push_back(f.zh);
    EXPECT_EQ(t.table.header, expected) << kind;
    EXPECT_EQ(t.table.encoding, "utf-8-bom") << kind;
  }
}

TEST(DemoFiles, StudentsMatchFactsOfTheLatestYearPerSchoolAndGrade) {
  DemoTable facts("school_facts.csv"), students("students.csv");
  static const char* grade_zh[12] = {"一年级学生数", "二年级学生数", "三年级学生数", "四年级学生数",
                                     "五年级学生数", "六年级学生数", "七年级学生数", "八年级学生数",
                                     "九年级学生数", "高一学生数",   "高二学生数",   "高三学生数"};
  std::map<std::pair<std::string, int>, int> expected, actual;
  std::map<std::string, int> largest_expected, largest_actual;
  std::set<std::string> years;
  for (size_t r = 0; r < facts.rows(); ++r) {
    years.insert(facts.at(r, "学年"));
    if (facts.at(r, "学年") != "2025-2026") continue;
    for (int g = 1; g <= 12; ++g) {
      int n = facts.number(r, grade_zh[g - 1]);
      if (n) expected[{facts.at(r, "学校代码"), g}] = n;
    }
    largest_expected[facts.at(r, "学校代码")] = facts.number(r, "最大班额");
  }
  EXPECT_EQ(years, (std::set<std::string>{"2024-2025", "2025-2026"}));
  std::map<std::tuple<std::string, int, int>, int> class_sizes;
  for (size_t r = 0; r < students.rows(); ++r) {
    std::string school = students.at(r, "学校代码");
    int grade = students.number(r, "年级");
    ++actual[{school, grade}];
    ++class_sizes[{school, grade, students.number(r, "班级号")}];
  }
  EXPECT_EQ(actual, expected);
  for (auto& [key, n] : class_sizes) {
    auto& m = largest_actual[std::get<0>(key)];
    m = std::max(m, n);
  }
  for (auto& [school, n] : largest_expected) {
    if (n) {
      EXPECT_EQ(largest_actual[school], n) << school;
    }
  }
}

TEST(DemoFiles, StudentIdNumbersAreValidUniqueAndAgreeWithTheRow) {
  DemoTable students("students.csv");
  std::set<std::string> seen;
  for (size_t r = 0; r < students.rows(); ++r) {
    std::string id = students.at(r, "身份证号");
    ASSERT_FALSE(id_number_problem(id)) << id << ": " << *id_number_problem(id);
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
    auto info = id_number_info(id);
    EXPECT_EQ(info->birth_date, students.at(r, "出生日期"));
    EXPECT_EQ(info->gender == 'M' ? "男" : "女", students.at(r, "性别"));
    // Grade g of 2025-2026: born 1 Sept (2019-g) … 31 Aug (2020-g).
    int g = students.number(r, "年级");
    std::string birth = students.at(r, "出生日期");
    EXPECT_GE(birth, std::to_string(2019 - g) + "-09-01") << id;
    EXPECT_LE(birth, std::to_string(2020 - g) + "-08-31") << id;
    bool migrant = students.at(r, "随迁子女") == "是";
    EXPECT_EQ(migrant, students.at(r, "户籍类型") == "外地");
  }
  DemoTable teachers("teachers.csv");
  for (size_t r = 0; r < teachers.rows(); ++r) {
    std::string id = teachers.at(r, "身份证号");
    ASSERT_FALSE(id_number_problem(id)) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
    EXPECT_EQ(id.substr(6, 4), teachers.at(r, "出生年份"));
    EXPECT_EQ(id_number_info(id)->gender, teachers.at(r, "性别")[0]);
  }
}

TEST(DemoFiles, TeacherCountsAgreeWithFacts) {
  DemoTable facts("school_facts.csv"), teachers("teachers.csv");
  // [school][stage] -> {teachers, above degree, above degree counted as 本科+, backbone, PE/art}
  std::map<std::string, std::array<std::array<int, 5>, 3>> counted;
  for (size_t r = 0; r < teachers.rows(); ++r) {
    std::string level = teachers.at(r, "任教学段"), edu = teachers.at(r, "最高学历");
    std::string backbone = teachers.at(r, "骨干教师级别"), subject = teachers.at(r, "任教学科");
    int st = level == "primary" ? 0 : level == "junior" ? 1 : 2;
    auto& c = counted[teachers.at(r, "学校代码")][st];
    bool bachelor_up = edu == "bachelor" || edu == "postgraduate";
    c[0] += 1;
    c[1] += st == 0 ? (bachelor_up || edu == "associate") : bachelor_up;  // 小学 专科及以上, 初中 本科及以上
    c[2] += bachelor_up;
    c[3] += backbone != "none";
    c[4] += subject == "体育" || subject == "音乐" || subject == "美术";
    int since = teachers.number(r, "本校任教起始年份"), born = teachers.number(r, "出生年份");
    EXPECT_LE(since, 2025);
    EXPECT_GE(since - born, 20);
  }
  size_t schools = 0;
  for (size_t r = 0; r < facts.rows(); ++r) {
    if (facts.at(r, "学年") != "2025-2026") continue;
    ++schools;
    auto& c = counted[facts.at(r, "学校代码")];
    EXPECT_EQ(c[0][0], facts.number(r, "小学专任教师数"));
    EXPECT_EQ(c[1][0], facts.number(r, "初中专任教师数"));
    EXPECT_EQ(c[2][0], facts.number(r, "高中专任教师数"));
    EXPECT_EQ(c[0][1], facts.number(r, "小学高于规定学历教师数"));
    EXPECT_EQ(c[0][2], facts.number(r, "小学高于规定学历教师数"));  // same under 本科及以上
    EXPECT_EQ(c[1][1], facts.number(r, "初中高于规定学历教师数"));
    EXPECT_EQ(c[0][3], facts.number(r, "小学县级以上骨干教师数"));
    EXPECT_EQ(c[1][3], facts.number(r, "初中县级以上骨干教师数"));
    EXPECT_EQ(c[0][4], facts.number(r, "小学体育艺术专任教师数"));
    EXPECT_EQ(c[1][4], facts.number(r, "初中体育艺术专任教师数"));
  }
  EXPECT_EQ(schools, small_demo().summary.schools);
}

TEST(DemoFiles, SchoolsHaveUniqueCodesAndNamesInsideTheirDistrict) {
  DemoTable schools("schools.csv");
  std::set<std::string> codes, names;
  for (size_t r = 0; r < schools.rows(); ++r) {
    std::string code = schools.at(r, "学校代码");
    EXPECT_EQ(code.size(), 10u);
    EXPECT_EQ(code.substr(0, 6), schools.at(r, "区县代码"));
    EXPECT_TRUE(codes.insert(code).second);
    EXPECT_TRUE(names.insert(schools.at(r, "学校名称")).second);
    double lon = std::stod(schools.at(r, "经度")), lat = std::stod(schools.at(r, "纬度"));
    EXPECT_GT(lon, 119.8);
    EXPECT_LT(lon, 121.3);
    EXPECT_GT(lat, 29.2);
    EXPECT_LT(lat, 30.45);
  }
}

TEST(DemoFiles, ManifestCountsMatchTheFiles) {
  auto m = nlohmann::json::parse(file_bytes(demo_file("manifest.json")));
  EXPECT_EQ(m["seed"], test::kDemoSeed);
  EXPECT_EQ(m["counts"]["students"], DemoTable("students.csv").rows());
  EXPECT_EQ(m["counts"]["teachers"], DemoTable("teachers.csv").rows());
  EXPECT_EQ(m["counts"]["schools"], DemoTable("schools.csv").rows());
  EXPECT_EQ(m["counts"]["school_facts"], DemoTable("school_facts.csv").rows());
  for (auto& f : m["files"])
    EXPECT_EQ(f["sha256"], sha256_hex(file_bytes(demo_file(f["file"].get<std::string>())))) << f["file"];
  EXPECT_NE(file_bytes(demo_file("README.txt")).find("学区"), std::string::npos);
}

namespace {

// The 中考 files agree with the students: each junior school's graduates are its grade-9 students in
// students.csv, and there is one candidate row per graduate, from that school.
TEST(DemoFiles, ZhongkaoGraduatesAreTheGrade9Students) {
  DemoTable students("students.csv"), juniors("zk_juniors.csv"), candidates("zk_candidates.csv");
  std::map<std::string, int> grade9, listed, per_school;
  for (size_t r = 0; r < students.rows(); ++r)
    if (students.number(r, "年级") == 9) ++grade9[students.at(r, "学校代码")];
  int total = 0;
  for (size_t r = 0; r < juniors.rows(); ++r) {
    listed[juniors.at(r, "js_id")] = juniors.number(r, "graduates");
    total += juniors.number(r, "graduates");
  }
  for (const auto& [school, n] : grade9) EXPECT_EQ(listed[school], n) << school;
  for (size_t r = 0; r < candidates.rows(); ++r) ++per_school[candidates.at(r, "js_id")];
  for (const auto& [school, n] : listed) EXPECT_EQ(per_school[school], n) << school;
  EXPECT_EQ(static_cast<int>(candidates.rows()), total);
  EXPECT_GT(total, 100);
}

// One 体质健康 record per student, with the student's school, grade and sex (counted per school, grade and
// sex against students.csv); the file scores without errors, and the weighted items of the grade are filled
// except for the ~1 % absent on test day.
TEST(DemoFiles, FitnessRecordsMatchTheStudentsAndScore) {
  DemoTable students("students.csv");
  auto table = io::read_table(demo_file("fitness_records.csv"));
  ASSERT_TRUE(table) << table.error().message;
  std::map<std::tuple<std::string, int, std::string>, int> expected, got;
  for (size_t r = 0; r < students.rows(); ++r)
    ++expected[{students.at(r, "学校代码"), students.number(r, "年级"), students.at(r, "性别") == "男" ? "M" : "F"}];
  auto rules = evaluate::fitness_rules(*policy::load_policy("national"));
  ASSERT_TRUE(rules) << rules.error().message;
  evaluate::RecordColumns columns;
  std::vector<evaluate::FitnessRecord> records;
  auto errors = evaluate::read_fitness_records(*table, *rules, columns, records);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  for (const auto& rec : records)
    ++got[{std::string(table->cell(rec.row, columns.school)), rec.grade, rec.sex == evaluate::Sex::male ? "M" : "F"}];
  EXPECT_EQ(got, expected);
  auto results = evaluate::score_records(*rules, records);
  size_t complete = 0, failing = 0;
  for (const auto& r : results) complete += r.complete, failing += r.level == 3;
  EXPECT_GT(complete, records.size() * 9 / 10);
  EXPECT_LT(complete, records.size());
  EXPECT_GT(failing, 0u);
  EXPECT_LT(failing, records.size() / 5);
}

// Vision screenings: every student in 2026, and in 2025 one grade lower (grade 1 only in 2026); a child
// myopic in 2025 is myopic in 2026; each grade's rate is lower in 2026 than in 2025 (the demo meets a target).
TEST(DemoFiles, VisionScreeningsFollowTheStudents) {
  auto table = io::read_table(demo_file("vision_screenings.csv"));
  ASSERT_TRUE(table) << table.error().message;
  auto rules = evaluate::vision_rules(*policy::load_policy("shaoxing"), 2026);
  evaluate::VisionColumns columns;
  std::vector<evaluate::Screening> screenings;
  auto errors = evaluate::read_screenings(*table, *rules, columns, screenings);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  size_t in_2026 = 0;
  std::map<std::string, std::map<int, const evaluate::Screening*>> by_id;
  for (const auto& s : screenings) {
    in_2026 += s.year == 2026;
    by_id[std::string(table->cell(s.row, columns.student_id))][s.year] = &s;
  }
  EXPECT_EQ(in_2026, DemoTable("students.csv").rows());
  size_t pairs = 0;
  for (const auto& [id, years] : by_id) {
    if (years.size() != 2) continue;
    ++pairs;
    EXPECT_EQ(years.at(2025)->grade + 1, years.at(2026)->grade) << id;
    if (years.at(2025)->status == evaluate::VisionStatus::myopia) EXPECT_EQ(years.at(2026)->status, evaluate::VisionStatus::myopia) << id;
  }
  EXPECT_GT(pairs, in_2026 / 2);
  auto report = evaluate::vision_report(*table, columns, *rules, screenings);
  for (const auto& ch : report.changes)
    if (ch.scope == "all") EXPECT_LT(*ch.same_grade_mix_change_points, 0);
}

}  // namespace
