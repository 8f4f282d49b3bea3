// 体质健康 and 视力筛查 datasets through the real server on both backends: upload (scored), the dashboard
// summary, a school_admin's view (own school only), individual results as grades in student_id order for
// schools and in score order only for the bureau's analysts, a rejected upload that stores nothing, and the
// audit trail. Values worked out by hand in the comments (tables: policy/fitness/*.csv).
#include <gtest/gtest.h>

#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

const std::string kHeader =
    "student_id,grade,sex,height_cm,weight_kg,vital_capacity_ml,run_50m_s,sit_reach_cm,rope_skip_1min,sit_ups_1min,"
    "run_50x8_s,long_jump_cm,pull_ups,run_800m_s,run_1000m_s,school_id,class_id\n";
// A1: 一年级男生 on every 100-point row → 100, 优秀. A2: on every 70-point row, BMI 正常 → 74.5, 及格.
// B1: the 初二男生 of tests/evaluate → 92.8 + 5 = 97.8, 优秀.
const std::string kRecords = kHeader +
                             "A2,1,M,120,22,1000,11.6,5.5,52,,,,,,," + kSchoolA + ",1-1\n"
                             "A1,1,M,120,22,1700,10.2,16.1,109,,,,,,," + kSchoolA + ",1-1\n"
                             "B1,8,M,165.0,50.0,3500,7.65,12.0,,,,226,17,,3'40," + kSchoolB + ",8-1\n";

Call create(const std::string& kind, const std::string& content, const std::string& year = "2026") {
  return Call{"POST", "/api/v1/evaluate/datasets", "", "",
              {{"kind", kind, "", ""}, {"title", "测试", "", ""}, {"year", year, "", ""}, {"policy", "yichang", "", ""},
               {"file", content, "records.csv", "text/csv"}}};
}

}  // namespace

class HealthDatasetsTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, HealthDatasetsTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(HealthDatasetsTest, FitnessUploadSummaryAndGradeOnlyLists) {
  Login staff = h.login("staff");
  auto created = h.send(create("fitness", kRecords), &staff);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = h.json_of(created)["dataset"]["id"];
  EXPECT_EQ(id, "fitness-2027-001");  // the harness clock is in 2027
  EXPECT_EQ(h.json_of(created)["dataset"]["records"], 3);

  auto detail = h.json_of(h.send({"GET", "/api/v1/evaluate/datasets/" + id}, &staff));
  const auto& all = detail["summary"]["aggregates"][0];
  EXPECT_EQ(all["scope"], "all");
  EXPECT_EQ(all["students"], 3);
  EXPECT_EQ(all["levels"]["优秀"], 2);
  EXPECT_EQ(all["levels"]["及格"], 1);
  EXPECT_EQ(all["pass_rate"], 1.0);
  EXPECT_EQ(all["good_rate"], 0.6667);
  EXPECT_EQ(detail["summary"]["targets"]["good_rate"], 0.6);  // 宜昌 60 %
  EXPECT_EQ(all["targets"]["good_rate"]["met"], true);

  // The school's head sees the city figure and their own school and classes, not school B.
  Login head = h.login("head-a");
  auto mine = h.json_of(h.send({"GET", "/api/v1/evaluate/datasets/" + id}, &head));
  for (const auto& a : mine["summary"]["aggregates"]) {
    EXPECT_NE(a.value("school_id", ""), kSchoolB) << a.dump();
    EXPECT_EQ(a.value("class", "").find(kSchoolB), std::string::npos) << a.dump();
  }
  EXPECT_EQ(mine["summary"]["aggregates"].size(), 3u);  // all, school A, class A/1-1

  // Individual results for the school: grades only, in student_id order (A1 before A2), no totals.
  auto list = h.json_of(h.send({"GET", "/api/v1/evaluate/datasets/" + id + "/students"}, &head));
  EXPECT_EQ(list["grades_only"], true);
  ASSERT_EQ(list["students"].size(), 2u) << list.dump();
  EXPECT_EQ(list["students"][0]["student_id"], "A1");
  EXPECT_EQ(list["students"][0]["level"], "优秀");
  EXPECT_EQ(list["students"][1]["level"], "及格");
  EXPECT_FALSE(list["students"][0].contains("total"));
  EXPECT_EQ(h.send({"GET", "/api/v1/evaluate/datasets/" + id + "/students?order=total"}, &head)->status, 403);
  EXPECT_EQ(h.send({"GET", "/api/v1/evaluate/datasets/" + id + "/students?school_id=" + kSchoolB}, &head)->status, 403);
  Login auditor = h.login("auditor");
  EXPECT_EQ(h.send({"GET", "/api/v1/evaluate/datasets/" + id + "/students?order=total"}, &auditor)->status, 403);

  // The bureau's analysts may order by total: A1 100, B1 97.8, A2 74.5.
  auto ranked = h.json_of(h.send({"GET", "/api/v1/evaluate/datasets/" + id + "/students?order=total"}, &staff));
  EXPECT_EQ(ranked["grades_only"], false);
  ASSERT_EQ(ranked["students"].size(), 3u);
  EXPECT_EQ(ranked["students"][0]["student_id"], "A1");
  EXPECT_EQ(ranked["students"][1]["total"], 97.8);
  EXPECT_EQ(ranked["students"][2]["total"], 74.5);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'health.students.view'"), 2);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'health.dataset.create'"), 1);
}

TEST_P(HealthDatasetsTest, BadUploadIsRejectedAndStoresNothing) {
  Login staff = h.login("staff");
  auto r = h.send(create("fitness", kHeader + "X1,13,M,120,22,1700,10.2,16.1,109,,,,,,,S,1\nX2,1,M,120,22,abc,10.2,16.1,109,,,,,,,S,1\n"),
                  &staff);
  ASSERT_EQ(r->status, 422) << r->body;
  auto body = h.json_of(r);
  EXPECT_EQ(body["errors"].size(), 2u) << body.dump();
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM health_datasets"), 0);
  EXPECT_EQ(h.send(create("weather", kRecords), &staff)->status, 400);
  EXPECT_EQ(h.send(create("fitness", kRecords, "26"), &staff)->status, 400);
}

TEST_P(HealthDatasetsTest, VisionUploadKeepsRatesChangesAndCohorts) {
  // The screenings of tests/evaluate/vision_test.cpp: 50 % → 60 % (+10 points), same grade mix −33.33.
  std::string screenings =
      "student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,spherical_equivalent_right,grade,school_id\n"
      "A,2025-05-10,4.8,5.0,-0.75,0.00,3,S1\nB,2025-05-10,4.9,4.9,-0.25,-0.25,3,S1\nC,2025-05-10,5.0,5.1,0.25,0.00,3,S2\n"
      "D,2025-05-10,4.5,4.5,-2,-2,4,S2\nA,2026-05-11,4.7,4.9,-1.00,-0.50,4,S1\nB,2026-05-11,4.8,4.9,-0.50,-0.25,4,S1\n"
      "C,2026-05-11,5.0,5.0,0.00,0.00,4,S2\nD,2026-05-11,4.5,4.5,-2,-2,5,S2\nE,2026-05-11,4.6,5.0,,,1,S2\n";
  Login staff = h.login("staff");
  auto created = h.send(create("vision", screenings, ""), &staff);
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(h.json_of(created)["dataset"]["year"], 2026);  // the latest screening year
  auto detail = h.json_of(h.send({"GET", "/api/v1/evaluate/datasets/" + h.json_of(created)["dataset"]["id"].get<std::string>()}, &staff));
  const auto& changes = detail["summary"]["changes"];
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes[0]["scope"], "all");
  EXPECT_EQ(changes[0]["change_points"], 10.0);
  EXPECT_EQ(changes[0]["same_grade_mix_change_points"], -33.33);
  EXPECT_EQ(detail["summary"]["cohorts"][0]["students"], 4);
}
