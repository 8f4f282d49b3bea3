// A parent's view of their own child (GET /my/children/{student_no}/development) through the real server on
// both backends: the child's 体质健康 levels, 视力 status and 五育 portrait found through the roster's 学号;
// levels only (no points, totals or order, 001); another child's number answers 404 like an unknown one;
// every view audited. Values worked out by hand (tables: policy/fitness/*.csv).
#include <gtest/gtest.h>

#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

// The harness roster: mum's child 张三丰 has 学号 A1 at school A; A2 (school A) and B1 (school B) are not hers.
// A1: 一年级男生 on the 100-point rows (BMI 22/1.2² = 15.3, 正常) but absent from 跳绳 (weight 20 %, counts 0):
// 15 + 15 + 20 + 30 = 80 → 良好; each tested item 100 → 优秀. A2: on every 70-point row → 及格.
// A1 at school B is another school's child with the same number: it must not reach mum.
// (A file repeats no student_id, so school B's A1 comes in a file of its own.)
const std::string kFitnessHeader =
    "student_id,grade,sex,height_cm,weight_kg,vital_capacity_ml,run_50m_s,sit_reach_cm,rope_skip_1min,sit_ups_1min,"
    "run_50x8_s,long_jump_cm,pull_ups,run_800m_s,run_1000m_s,school_id,class_id\n";
const std::string kFitness = kFitnessHeader +
                             "A2,1,M,120,22,1000,11.6,5.5,52,,,,,,," + std::string(kSchoolA) + ",1-1\n"
                             "A1,1,M,120,22,1700,10.2,16.1,,,,,,,," + std::string(kSchoolA) + ",1-1\n";
const std::string kFitnessOfB = kFitnessHeader + "A1,1,M,120,40,1000,11.6,5.5,52,,,,,,," + std::string(kSchoolB) + ",1-1\n";
// A1 in 2026: left 4.8 and SE −0.75 → 近视; in 2025: 5.0 / 0.00 → 正常.
const std::string kScreenings =
    "student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,spherical_equivalent_right,grade,school_id\n"
    "A1,2025-05-10,5.0,5.1,0.00,0.00,1,S\nA1,2026-05-11,4.8,5.0,-0.75,0.00,2,S\nA2,2026-05-11,5.0,5.0,0.00,0.00,2,S\n";

Call dataset_upload(const std::string& kind, const std::string& content) {
  return Call{"POST", "/api/v1/evaluate/datasets", "", "",
              {{"kind", kind, "", ""}, {"title", "测试", "", ""}, {"year", "2026", "", ""}, {"policy", "national", "", ""},
               {"file", content, "records.csv", "text/csv"}}};
}

Call wuyu_record(const std::string& student, const std::string& indicator, const std::string& value) {
  nlohmann::json b = {{"student_id", student}, {"term", "2026-1"}, {"indicator", indicator}, {"value", value},
                      {"note", "测试"}, {"school_id", kSchoolA}, {"class_id", "1-1"}, {"version", 0}};
  return Call{"PUT", "/api/v1/evaluate/wuyu/records", b.dump()};
}

}  // namespace

class ChildDevelopmentTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, ChildDevelopmentTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(ChildDevelopmentTest, ParentSeesOwnChildsLevelsOnly) {
  Login staff = h.login("staff");
  std::string screenings = kScreenings;
  for (size_t at; (at = screenings.find(",S\n")) != std::string::npos;) screenings.replace(at, 3, "," + std::string(kSchoolA) + "\n");
  ASSERT_EQ(h.send(dataset_upload("fitness", kFitness), &staff)->status, 201);
  ASSERT_EQ(h.send(dataset_upload("fitness", kFitnessOfB), &staff)->status, 201);
  ASSERT_EQ(h.send(dataset_upload("vision", screenings), &staff)->status, 201);
  ASSERT_EQ(h.send(wuyu_record("A1", "conduct_grade", "A"), &staff)->status, 200);
  ASSERT_EQ(h.send(wuyu_record("A1", "fitness_total", "78"), &staff)->status, 200);
  ASSERT_EQ(h.send(wuyu_record("A2", "conduct_grade", "C"), &staff)->status, 200);

  Login mum = h.login("mum");
  auto children = h.json_of(h.send({"GET", "/api/v1/my/children"}, &mum));
  ASSERT_EQ(children["items"].size(), 1u);
  EXPECT_EQ(children["items"][0]["student_no"], "A1");

  auto r = h.send({"GET", "/api/v1/my/children/A1/development"}, &mum);
  ASSERT_EQ(r->status, 200) << r->body;
  auto j = h.json_of(r);
  EXPECT_EQ(j["student"]["name"], "张三丰");
  EXPECT_EQ(j["student"]["school_name"], "越城区第一小学");
  EXPECT_EQ(j["grades_only"], true);

  ASSERT_EQ(j["fitness"].size(), 1u) << j["fitness"].dump();  // school B's A1 is not mum's child
  const auto& f = j["fitness"][0];
  EXPECT_EQ(f["level"], "良好");
  EXPECT_EQ(f["bmi_band"], "正常");
  EXPECT_EQ(f["items"]["run_50m"], "优秀");
  EXPECT_EQ(f["items"]["vital_capacity"], "优秀");
  EXPECT_EQ(f["items"].size(), 3u);  // 肺活量, 50米, 坐位体前屈 (BMI shown as its band); 跳绳 empty
  ASSERT_EQ(f["missing"].size(), 1u);
  EXPECT_EQ(f["missing"][0], "rope_skip");
  EXPECT_EQ(f["complete"], false);
  for (const char* k : {"total", "standard_score", "bonus"}) EXPECT_FALSE(f.contains(k)) << k;

  ASSERT_EQ(j["vision"].size(), 2u) << j["vision"].dump();
  std::map<int, std::string> status;
  for (const auto& v : j["vision"]) status[v["year"].get<int>()] = v["status"];
  EXPECT_EQ(status[2025], "正常");
  EXPECT_EQ(status[2026], "近视");

  ASSERT_TRUE(j["wuyu"].is_object());
  ASSERT_EQ(j["wuyu"]["records"].size(), 2u);  // A2's record stays with A2
  // Levels only (001): 思想品德 A → 100 is the 德 dimension's only record this term (service hours empty: 0):
  // 60 % × 100 = 60 → 合格; the 体质健康 学年总分 78 (score=fitness) shows as the standard's 及格 (60–79.9),
  // as the 体质健康 card would say, not the 五育 cuts' 良好 (≥ 75).
  std::map<std::string, nlohmann::json> records;
  for (const auto& r : j["wuyu"]["records"]) records[r["indicator"]] = r;
  EXPECT_EQ(records["conduct_grade"]["value"], "A");
  EXPECT_EQ(records["fitness_total"]["value"], "及格");
  EXPECT_EQ(j["wuyu"]["terms"][0]["dimensions"]["moral"], "合格");
  EXPECT_EQ(j["wuyu"]["terms"][0]["dimensions"]["labour"], "待合格");
  EXPECT_FALSE(j["wuyu"]["terms"][0].contains("index"));
  EXPECT_EQ(r->body.find("\"78\""), std::string::npos);

  // Other children, known or not, answer the same 404; nothing about them leaves.
  for (const char* other : {"A2", "B1", "Z9"}) {
    auto no = h.send({"GET", std::string("/api/v1/my/children/") + other + "/development"}, &mum);
    EXPECT_EQ(no->status, 404) << other;
    EXPECT_EQ(no->body.find("李明"), std::string::npos);
  }
  // Staff have their own routes; this one is the parent's.
  EXPECT_EQ(h.send({"GET", "/api/v1/my/children/A1/development"}, &staff)->status, 403);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'children.development.read' AND actor = 'mum'"), 1);
}
