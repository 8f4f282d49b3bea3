// 五育 records through the real server on both backends: a school enters a student's term indicator by
// indicator (version against lost updates, values checked against the profile, own school only), the
// school's term as levels for the school and with the index for the bureau, the portrait, the audit trail.
// W2's values are those of tests/evaluate/wuyu_test.cpp: 71, 70, 71, 71, 64 → 69.4, 合格.
#include <gtest/gtest.h>

#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

Call put(const std::string& student, const std::string& indicator, const std::string& value, int version,
         const std::string& school = kSchoolA) {
  nlohmann::json b = {{"student_id", student}, {"term", "2026-1"}, {"indicator", indicator}, {"value", value},
                      {"note", "测试"}, {"school_id", school}, {"class_id", "1-1"}, {"version", version}};
  return Call{"PUT", "/api/v1/evaluate/wuyu/records", b.dump()};
}

}  // namespace

class WuyuRecordsTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, WuyuRecordsTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(WuyuRecordsTest, EnterRecordsThenSchoolTermAndPortrait) {
  Login head = h.login("head-a");
  const std::pair<const char*, const char*> w2[] = {{"conduct_grade", "B"}, {"service_hours", "10"}, {"academic_grade", "C"},
                                                    {"fitness_total", "80"}, {"exercise_days", "45"}, {"art_grade", "B"},
                                                    {"art_practice_hours", "8"}, {"labour_hours", "16"}, {"labour_grade", "B"}};
  for (auto [indicator, value] : w2) {
    auto r = h.send(put("W2", indicator, value, 0), &head);
    ASSERT_EQ(r->status, 200) << indicator << " " << r->body;
  }
  // A change needs the current version: version 1 → 2; the stale version 1 again is a conflict.
  auto changed = h.send(put("W2", "service_hours", "10", 1), &head);
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(h.json_of(changed)["record"]["version"], 2);
  EXPECT_EQ(h.json_of(changed)["record"]["entered_by"], "head-a");
  EXPECT_EQ(h.send(put("W2", "service_hours", "12", 1), &head)->status, 409);
  auto bad = h.send(put("W2", "conduct_grade", "E", 1), &head);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(h.json_of(bad).value("error", h.json_of(bad).dump()).find("应为等级 A、B、C、D"), std::string::npos) << bad->body;
  EXPECT_EQ(h.send(put("W2", "unknown_indicator", "1", 0), &head)->status, 400);
  EXPECT_EQ(h.send(put("X1", "conduct_grade", "A", 0, kSchoolB), &head)->status, 403);

  // The school's term, as the school sees it: levels only; the class mean for the radar.
  auto term = h.json_of(h.send({"GET", "/api/v1/evaluate/wuyu?term=2026-1"}, &head));
  EXPECT_EQ(term["grades_only"], true);
  ASSERT_EQ(term["students"].size(), 1u) << term.dump();
  EXPECT_EQ(term["students"][0]["level"], "合格");
  EXPECT_FALSE(term["students"][0].contains("index"));
  EXPECT_EQ(term["dimensions"][0]["label"], "德");
  bool class_seen = false;
  for (const auto& g : term["groups"])
    if (g["scope"] == "class") {
      class_seen = true;
      EXPECT_EQ(g["dimensions"]["labour"], 64.0);
      EXPECT_EQ(g["index_mean"], 69.4);
    }
  EXPECT_TRUE(class_seen);
  // The bureau's analysts get the index.
  Login staff = h.login("staff");
  auto bureau = h.json_of(h.send({"GET", std::string("/api/v1/evaluate/wuyu?term=2026-1&school_id=") + kSchoolA}, &staff));
  EXPECT_EQ(bureau["students"][0]["index"], 69.4);
  // The portrait: the records with who and when, and the term's dimensions.
  auto portrait = h.json_of(h.send({"GET", "/api/v1/evaluate/wuyu/students/W2"}, &staff));
  EXPECT_EQ(portrait["records"].size(), 9u);
  EXPECT_EQ(portrait["terms"][0]["dimensions"]["moral"], 71.0);
  EXPECT_EQ(portrait["terms"][0]["index"], 69.4);
  Login head_b = h.login("head-b");
  EXPECT_EQ(h.send({"GET", "/api/v1/evaluate/wuyu/students/W2"}, &head_b)->status, 404);  // not their school's student
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'wuyu.record.set'"), 10);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'wuyu.student.view'"), 1);
}
