// 高中招生轮次 through the real server on both backends: create (quota computed), quota edits within the
// "不少于" floor with the row version, admit with the seed, the lock, a student's explanation, publish,
// a rejected upload that stores nothing, and the audit trail. Values worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "io/table.hpp"

#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

// H1 (plan 4) is a quality school: national 50 % → ⌈4 × 0.5⌉ = 2 seats over J1 (30 graduates) and J2 (10):
// 1.5 and 0.5 → floors 1, 0; equal remainders (20) → the leftover to J1 (more graduates) → J1 2, J2 0.
const char* kHighSchools = "hs_id,name,plan,quality\nH1,一中,4,1\nH2,二中,3,0\n";
const char* kJuniors = "js_id,name,county,graduates\nJ1,甲,县A,30\nJ2,乙,县A,10\n";
const char* kStudents =
    "student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs\n"
    "K1,J1,600,100,100,100,1,H1,H1\n"
    "K2,J2,590,100,100,100,1,H1,H1|H2\n"
    "K3,J1,580,100,100,100,1,H1,H1\n"
    "K4,J1,570,100,100,100,1,H1,H1|H2\n"
    "K5,J2,560,100,100,100,0,,H1|H2\n";

Call create_call(const std::string& students) {
  return Call{"POST", "/api/v1/admit/rounds", "", "",
              {{"title", "2026 年中考录取", "", ""},
               {"year", "2026", "", ""},
               {"high_schools", kHighSchools, "高中.csv", "text/csv"},
               {"juniors", kJuniors, "初中.csv", "text/csv"},
               {"students", students, "考生.csv", "text/csv"}}};
}

Call edit(const std::string& id, const char* hs, const char* js, int seats, int version) {
  nlohmann::json b = {{"hs_id", hs}, {"js_id", js}, {"seats", seats}, {"version", version}};
  return Call{"PUT", "/api/v1/admit/rounds/" + id + "/quota", b.dump()};
}

}  // namespace

class AdmitRoundsTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, AdmitRoundsTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(AdmitRoundsTest, CreateEditAdmitExplainPublish) {
  Login staff = h.login("staff");
  auto created = h.send(create_call(kStudents), &staff);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = h.json_of(created)["round"]["id"];
  EXPECT_EQ(id, "2027-001");  // the harness clock is in 2027; the round's 招生年份 is 2026
  auto detail = h.json_of(h.send({"GET", "/api/v1/admit/rounds/" + id}, &staff));
  EXPECT_EQ(detail["round"]["status"], "draft");
  EXPECT_EQ(detail["round"]["version"], 1);
  EXPECT_EQ(detail["quota"]["high_schools"][0]["by_junior"], nlohmann::json({{"J1", 2}}));
  ASSERT_EQ(detail["quota_shares"].size(), 1u);
  EXPECT_EQ(detail["quota_shares"][0]["share_of_plan"], 0.5);
  EXPECT_TRUE(detail["result"].is_null());

  // Move one seat from J1 to J2: raise J2 first (total 3 ≤ plan 4), then lower J1 (total 2 = the floor).
  auto lower_first = h.send(edit(id, "H1", "J1", 1, 1), &staff);
  EXPECT_EQ(lower_first->status, 400) << lower_first->body;  // total 1 < ⌈4 × 0.5⌉
  auto raise = h.send(edit(id, "H1", "J2", 1, 1), &staff);
  ASSERT_EQ(raise->status, 200) << raise->body;
  EXPECT_EQ(h.json_of(raise)["round"]["version"], 2);
  auto stale = h.send(edit(id, "H1", "J1", 1, 1), &staff);
  EXPECT_EQ(stale->status, 409) << stale->body;  // someone else's version
  auto lower = h.send(edit(id, "H1", "J1", 1, 2), &staff);
  ASSERT_EQ(lower->status, 200) << lower->body;
  EXPECT_EQ(h.send(edit(id, "H2", "J1", 1, 3), &staff)->status, 400);  // H2 takes no quota
  EXPECT_EQ(h.send(edit(id, "H1", "J1", 5, 3), &staff)->status, 400);  // 5 + 1 > plan 4

  EXPECT_EQ(h.send({"GET", "/api/v1/admit/rounds/" + id + "/export.xlsx"}, &staff)->status, 409);  // no list yet

  // Quota batch: K1 takes J1's seat, K2 J2's, K3 and K4 find J1's gone; unified H1 has 4 − 2 = 2: K3, K4;
  // K5 finds H1 full and takes H2 (2nd choice).
  auto admitted = h.send({"POST", "/api/v1/admit/rounds/" + id + "/admit", R"({"seed":"AB"})"}, &staff);
  ASSERT_EQ(admitted->status, 200) << admitted->body;
  EXPECT_EQ(h.json_of(admitted)["round"]["seed"], "ab");
  EXPECT_EQ(h.send(edit(id, "H1", "J1", 2, 3), &staff)->status, 409);  // locked once admitted
  EXPECT_EQ(h.send({"POST", "/api/v1/admit/rounds/" + id + "/admit", R"({"seed":"01"})"}, &staff)->status, 409);
  auto result = nlohmann::json::parse(h.send({"GET", "/api/v1/admit/rounds/" + id + "/files/result.json"}, &staff)->body);
  std::map<std::string, std::tuple<std::string, std::string, int>> got;
  for (const auto& a : result["assignments"]) got[a["student_id"]] = {a["batch"], a["hs_id"], a["choice_rank"]};
  EXPECT_EQ(got["K1"], std::make_tuple(std::string("quota"), std::string("H1"), 1));
  EXPECT_EQ(got["K2"], std::make_tuple(std::string("quota"), std::string("H1"), 1));
  EXPECT_EQ(got["K3"], std::make_tuple(std::string("unified"), std::string("H1"), 1));
  EXPECT_EQ(got["K4"], std::make_tuple(std::string("unified"), std::string("H1"), 1));
  EXPECT_EQ(got["K5"], std::make_tuple(std::string("unified"), std::string("H2"), 2));
  detail = h.json_of(h.send({"GET", "/api/v1/admit/rounds/" + id}, &staff));
  EXPECT_EQ(detail["quota_shares"][0]["quota_filled"], 2);
  EXPECT_EQ(detail["quota_shares"][0]["filled_share"], 0.5);
  EXPECT_EQ(detail["result"]["high_schools"][0]["unified_cutoff_total"], 570);
  EXPECT_EQ(detail["result"]["not_admitted"], 0);

  auto why = h.json_of(h.send({"GET", "/api/v1/admit/rounds/" + id + "/students/K5"}, &staff));
  EXPECT_EQ(why["hs_id"], "H2");
  EXPECT_EQ(why["scores"], nlohmann::json({{"total", "560"}, {"chinese", "100"}, {"math", "100"}, {"english", "100"}}));
  EXPECT_NE(why["text"].get<std::string>().find("最后录取者 位次 4、总分 570"), std::string::npos) << why.dump();
  EXPECT_EQ(h.send({"GET", "/api/v1/admit/rounds/" + id + "/students/K9"}, &staff)->status, 404);

  EXPECT_EQ(h.send({"POST", "/api/v1/admit/rounds/" + id + "/publish", ""}, &staff)->status, 200);
  EXPECT_EQ(h.send({"POST", "/api/v1/admit/rounds/" + id + "/publish", ""}, &staff)->status, 409);

  // The workbook a 招生办 sends to schools: H1's list in place order (K1 1st … K4 4th), its cutoff 570.
  auto book = h.send({"GET", "/api/v1/admit/rounds/" + id + "/export.xlsx?school=H1"}, &staff);
  ASSERT_EQ(book->status, 200) << book->body;
  EXPECT_EQ(book->get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(book->body.substr(0, 2), "PK");
  std::string path = ::testing::TempDir() + "admission-export-test.xlsx";
  { std::ofstream(path, std::ios::binary) << book->body; }
  auto list = io::read_xlsx(path, {"录取名单", ""});
  ASSERT_TRUE(list) << list.error().message;
  ASSERT_EQ(list->row_count(), 4u);
  std::vector<std::string> order;
  for (size_t r = 0; r < list->row_count(); ++r) order.push_back(std::string(list->cell(r, 4)));
  EXPECT_EQ(order, (std::vector<std::string>{"K1", "K2", "K3", "K4"}));
  EXPECT_EQ(list->cell(0, 1), "一中");
  EXPECT_EQ(list->cell(0, 2), "名额分配（指标到校）");
  auto cut = io::read_xlsx(path, {"录取线", ""});
  ASSERT_TRUE(cut) << cut.error().message;
  ASSERT_EQ(cut->row_count(), 1u);
  EXPECT_EQ(cut->cell(0, 7), "570");
  std::remove(path.c_str());
  EXPECT_EQ(h.send({"GET", "/api/v1/admit/rounds/" + id + "/export.xlsx?school=H9"}, &staff)->status, 404);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'admit.export' AND target = ?", {id}), 1);

  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'admit.round.create'"), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'admit.quota.edit' AND target = ?", {id}), 2);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'admit.round.admit' AND target = ?", {id}), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'admit.student.view'"), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'admit.round.publish'"), 1);
}

TEST_P(AdmitRoundsTest, ABadUploadIsRejectedRowByRowAndStoresNothing) {
  Login staff = h.login("staff");
  std::string bad = std::string(kStudents) + "K6,J1,abc,100,100,100,1,H1|H1,H9\n";
  auto r = h.send(create_call(bad), &staff);
  ASSERT_EQ(r->status, 422) << r->body;
  auto body = h.json_of(r);
  EXPECT_NE(r->body.find("total"), std::string::npos);
  EXPECT_NE(r->body.find("H9"), std::string::npos);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM admit_rounds"), 0);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'admit.%'"), 0);
}

// A parent's own child (issue 7 §4): mum's child 张三丰 has 学号 A1 at school A. The round's students file
// carries the 学号 in a student_no column; the same number at another junior school is someone else.
// As in CreateEditAdmitExplainPublish without the edit: quota H1 → J1 2 seats; K1, K3 take them; unified
// H1 (4 − 2 = 2): K2, K4; K5 (560) finds H1 full — its last admitted K4 has 570 — and takes H2.
TEST_P(AdmitRoundsTest, ParentSeesOwnChildsPublishedResultWithoutPlaces) {
  const std::string a = kSchoolA;
  const std::string juniors = "js_id,name,county,graduates\n" + a + ",甲,县A,30\nJ2,乙,县A,10\n";
  const std::string students =
      "student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs,student_no\n"
      "K1," + a + ",600,100,100,100,1,H1,H1,X1\n"
      "K2,J2,590,100,100,100,1,H1,H1|H2,A1\n"
      "K3," + a + ",580,100,100,100,1,H1,H1,X3\n"
      "K4," + a + ",570,100,100,100,1,H1,H1|H2,X4\n"
      "K5," + a + ",560,110,100,100,0,,H1|H2,A1\n";
  Login staff = h.login("staff");
  auto created = h.send(Call{"POST", "/api/v1/admit/rounds", "", "",
                             {{"title", "2026 年中考录取", "", ""},
                              {"year", "2026", "", ""},
                              {"high_schools", kHighSchools, "高中.csv", "text/csv"},
                              {"juniors", juniors, "初中.csv", "text/csv"},
                              {"students", students, "考生.csv", "text/csv"}}},
                        &staff);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = h.json_of(created)["round"]["id"];
  ASSERT_EQ(h.send({"POST", "/api/v1/admit/rounds/" + id + "/admit", R"({"seed":"AB"})"}, &staff)->status, 200);

  Login mum = h.login("mum");
  auto before = h.json_of(h.send({"GET", "/api/v1/my/children/A1/admission"}, &mum));
  EXPECT_EQ(before["rounds"].size(), 0u);  // admitted, not yet published
  ASSERT_EQ(h.send({"POST", "/api/v1/admit/rounds/" + id + "/publish", ""}, &staff)->status, 200);

  auto r = h.send({"GET", "/api/v1/my/children/A1/admission"}, &mum);
  ASSERT_EQ(r->status, 200) << r->body;
  auto j = h.json_of(r);
  EXPECT_EQ(j["student"]["name"], "张三丰");
  ASSERT_EQ(j["rounds"].size(), 1u);
  const auto& e = j["rounds"][0]["admission"];
  EXPECT_EQ(e["student_id"], "K5");  // the row of school A, not J2's A1
  EXPECT_EQ(e["hs_id"], "H2");
  EXPECT_EQ(e["choice_rank"], 2);
  EXPECT_EQ(e["scores"], nlohmann::json({{"total", "560"}, {"chinese", "110"}, {"math", "100"}, {"english", "100"}}));
  EXPECT_EQ(j["rounds"][0]["high_schools"]["H2"], "二中");
  EXPECT_FALSE(e.contains("position"));
  const std::string text = e["text"];
  EXPECT_NE(text.find("最后录取者 总分 570"), std::string::npos) << text;
  EXPECT_EQ(text.find("位次"), std::string::npos) << text;
  EXPECT_EQ(r->body.find("位次"), std::string::npos);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'children.admission.read' AND actor = 'mum'"), 2);
  EXPECT_EQ(h.send({"GET", "/api/v1/my/children/A2/admission"}, &mum)->status, 404);
}
