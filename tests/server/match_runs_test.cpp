// 多校划片 matching as a 派位 run through the real server on both backends (issue 6 §3, §6): registered from a
// students file (the digest is the SHA-256 of the canonical file it serves), drawn with the profile's mechanism,
// published; the result equals the CLI engine's on the served files; explanations per student; a parent's
// ranked application joins a match run (never a lottery run) and sees the school, choice and explanation; the
// 入学通知书 follows the matched school.
#include <gtest/gtest.h>

#include "core/personal_data.hpp"
#include "enroll/enroll_files.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/match_runs.hpp"
#include "io/table.hpp"
#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

// Seed 09 orders the three students M-A < M-B < M-C by lottery number (checked below with SHA-256).
// One tier; X and Y have a seat each, Z none. By hand (serial dictatorship in lottery order):
//   M-A takes X (1st choice); M-B finds X full and takes Y (2nd choice); M-C finds Y full and Z without
//   seats: unassigned (统筹安排).
const char* kStudents = "student_id,prefs,tier\nM-C,Y|Z,1\nM-A,X,1\nM-B,X|Y,1\n";
const char* kSchools = "school_id,seats\nX,1\nY,1\nZ,0\n";

Call register_match(const std::string& students, const std::string& schools) {
  return Call{"POST", "/api/v1/enroll/runs", "", "",
              {{"title", "2027 年多校划片", "", ""},
               {"method", "match", "", ""},
               {"students", students, "志愿.csv", "text/csv"},
               {"seats", schools, "学位.csv", "text/csv"}}};
}

}  // namespace

class MatchRunsTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, MatchRunsTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(MatchRunsTest, RegisterDrawExplainPublishAndVerify) {
  ASSERT_LT(sha256_hex("09:M-A"), sha256_hex("09:M-B"));
  ASSERT_LT(sha256_hex("09:M-B"), sha256_hex("09:M-C"));
  Login staff = h.login("staff");
  auto created = h.send(register_match(kStudents, kSchools), &staff);
  ASSERT_EQ(created->status, 201) << created->body;
  auto run = h.json_of(created)["run"];
  const std::string id = run["id"];
  EXPECT_EQ(run["method"], "match");
  EXPECT_EQ(run["applicant_count"], 3);
  auto canonical = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/canonical.csv"}, &staff);
  ASSERT_EQ(canonical->status, 200);
  EXPECT_EQ(canonical->body, "student_id,prefs,tier,tiers\nM-A,X,1,\nM-B,X|Y,1,\nM-C,Y|Z,1,\n");
  EXPECT_EQ(run["applicants_sha256"], sha256_hex(canonical->body));
  EXPECT_EQ(h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/students.csv"}, &staff)->body, canonical->body);
  EXPECT_EQ(h.send({"GET", "/api/v1/enroll/runs/" + id + "/explain?student_id=M-B"}, &staff)->status, 409);  // not drawn

  ASSERT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + id + "/draw", R"({"seed":"09"})"}, &staff)->status, 200);
  auto detail = h.json_of(h.send({"GET", "/api/v1/enroll/runs/" + id}, &staff));
  const auto& result = detail["result"];
  EXPECT_EQ(result["mechanism"], "deferred_acceptance");  // national.toml enroll.match.mechanism
  EXPECT_EQ(result["applicants_sha256"], run["applicants_sha256"]);
  EXPECT_EQ(result["assignments"], nlohmann::json::parse(R"([
    {"student_id":"M-A","school_id":"X","choice_rank":1},
    {"student_id":"M-B","school_id":"Y","choice_rank":2},
    {"student_id":"M-C","school_id":null,"choice_rank":null}])"));
  EXPECT_EQ(result["unassigned"], nlohmann::json::array({"M-C"}));
  EXPECT_EQ(result["schools"][0]["cutoff"]["lottery"], sha256_hex("09:M-A"));  // X: the last admitted is M-A
  EXPECT_FALSE(result["rules"].empty());

  // The stored result is what the engine computes from the served files.
  auto students_file = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/students.csv"}, &staff);
  auto schools_file = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/schools.csv"}, &staff);
  enroll::MatchProblem p;
  ASSERT_TRUE(enroll::read_match_input(*io::parse_csv(students_file->body, "s"), *io::parse_csv(schools_file->body, "t"), p).empty());
  auto numbers = enroll::number_students(p, "09");
  auto matching = enroll::deferred_acceptance(p);
  enroll::MatchContext context{p, matching, numbers, "deferred_acceptance", "09"};
  auto recomputed = nlohmann::json::parse(enroll::match_to_json(context, nlohmann::json::object()));
  EXPECT_EQ(recomputed["assignments"], result["assignments"]);
  EXPECT_EQ(recomputed["schools"], result["schools"]);

  // Why M-C got nothing: Y's cutoff is M-B's number in the same tier; Z has no seats.
  auto explained = h.send({"GET", "/api/v1/enroll/runs/" + id + "/explain?student_id=M-C"}, &staff);
  ASSERT_EQ(explained->status, 200) << explained->body;
  auto e = h.json_of(explained)["explanation"];
  EXPECT_TRUE(e["school_id"].is_null());
  EXPECT_EQ(e["lottery"], sha256_hex("09:M-C"));
  ASSERT_EQ(e["choices"].size(), 2u);
  EXPECT_EQ(e["choices"][0]["result"], "below_cutoff");
  EXPECT_EQ(e["choices"][0]["cutoff"]["lottery"], sha256_hex("09:M-B"));
  EXPECT_EQ(e["choices"][1]["result"], "no_seats");
  EXPECT_NE(h.json_of(explained)["text"].get<std::string>().find("统筹安排"), std::string::npos);
  EXPECT_EQ(h.send({"GET", "/api/v1/enroll/runs/" + id + "/explain?student_id=M-Q"}, &staff)->status, 404);
  Login head = h.login("head-a");
  EXPECT_EQ(h.send({"GET", "/api/v1/enroll/runs/" + id + "/explain?student_id=M-C"}, &head)->status, 403);

  ASSERT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + id + "/publish", ""}, &staff)->status, 200);
  auto after = h.json_of(h.send({"GET", "/api/v1/enroll/runs/" + id + "/explain?student_id=M-B"}, &staff));
  EXPECT_EQ(after["explanation"]["choice_rank"], 2);
  EXPECT_EQ(after["explanation"]["choices"][0]["result"], "below_cutoff");
  EXPECT_EQ(after["explanation"]["choices"][1]["result"], "admitted");
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.run.explain'"), 2);
}

TEST_P(MatchRunsTest, BadStudentFilesAreRejectedRowByRow) {
  Login staff = h.login("staff");
  // A school listed twice, a school without seats in the file, a repeated student, an interview column.
  auto bad = h.send(register_match("student_id,prefs,tier,面试成绩\nS1,X|X,1,90\nS2,Q,1,80\nS2,Y,1,70\n", kSchools), &staff);
  ASSERT_EQ(bad->status, 422) << bad->body;
  auto errors = h.json_of(bad)["errors"];
  ASSERT_EQ(errors.size(), 4u) << errors.dump();
  EXPECT_EQ(errors[0]["column"], "面试成绩");
  EXPECT_EQ(errors[1]["row"], 2);
  EXPECT_EQ(errors[1]["column"], "prefs");
  EXPECT_EQ(errors[2]["column"], "prefs");
  EXPECT_EQ(errors[3]["column"], "student_id");
  auto method = h.send(Call{"POST", "/api/v1/enroll/runs", "", "", {{"title", "t", "", ""}, {"method", "boston", "", ""},
                                                                     {"seats", kSchools, "s.csv", "text/csv"}}},
                       &staff);
  EXPECT_EQ(method->status, 400);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_runs"), 0);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'enroll.run.%'"), 0);
}

TEST_P(MatchRunsTest, RankedApplicationJoinsTheMatchAndThenTheNotice) {
  Login mum = h.login("mum");
  nlohmann::json form = {{"child_id_number", h.student_id(0)}, {"child_name", "张三丰"},
                         {"household_id", "F1"}, {"facts", {{"hukou_in_catchment", true}}}};
  form["prefs"] = {kSchoolA, kSchoolA};
  EXPECT_EQ(h.send({"POST", "/api/v1/my/applications", form.dump()}, &mum)->status, 400);  // listed twice
  form["prefs"] = {kSchoolA, "9999999999"};
  EXPECT_EQ(h.send({"POST", "/api/v1/my/applications", form.dump()}, &mum)->status, 400);  // unknown school
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_applications"), 0);
  form["prefs"] = {kSchoolA, kSchoolB};
  auto sent = h.send({"POST", "/api/v1/my/applications", form.dump()}, &mum);
  ASSERT_EQ(sent->status, 201) << sent->body;
  auto a = h.json_of(sent)["application"];
  const std::string app = a["id"];
  EXPECT_EQ(a["school_id"], kSchoolA);  // the first choice
  EXPECT_EQ(a["prefs"], nlohmann::json::array({kSchoolA, kSchoolB}));
  Login staff = h.login("staff");
  ASSERT_EQ(h.send({"POST", "/api/v1/enroll/applications/" + app + "/review", R"({"decision":"approve","version":1})"}, &staff)->status, 200);

  const std::string seats = "school_id,seats\n" + std::string(kSchoolA) + ",0\n" + kSchoolB + ",1\n";
  // A lottery run of the same year leaves the ranked application to the match run.
  auto lottery = h.send(Call{"POST", "/api/v1/enroll/runs", "", "",
                             {{"title", "t", "", ""}, {"applications_year", "2027", "", ""}, {"seats", seats, "s.csv", "text/csv"}}},
                        &staff);
  EXPECT_EQ(lottery->status, 400) << lottery->body;  // no applicants
  auto created = h.send(Call{"POST", "/api/v1/enroll/runs", "", "",
                             {{"title", "2027 年多校划片", "", ""}, {"method", "match", "", ""},
                              {"applications_year", "2027", "", ""}, {"seats", seats, "s.csv", "text/csv"}}},
                        &staff);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = h.json_of(created)["run"]["id"];
  auto canonical = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/canonical.csv"}, &staff);
  // 户籍 only: tier 3 of the national profile, at both schools.
  EXPECT_EQ(canonical->body, "student_id,prefs,tier,tiers\n" + app + "," + kSchoolA + "|" + kSchoolB + ",3,\n");
  ASSERT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + id + "/draw", R"({"seed":"0c"})"}, &staff)->status, 200);
  auto mine = h.json_of(h.send({"GET", "/api/v1/my/applications"}, &mum));
  EXPECT_TRUE(mine["items"][0]["results"].empty());  // not yet published
  ASSERT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + id + "/publish", ""}, &staff)->status, 200);
  mine = h.json_of(h.send({"GET", "/api/v1/my/applications"}, &mum));
  ASSERT_EQ(mine["items"][0]["results"].size(), 1u) << mine.dump();
  const auto& r = mine["items"][0]["results"][0];
  EXPECT_EQ(r["method"], "match");
  EXPECT_EQ(r["admitted"], true);
  EXPECT_EQ(r["school_id"], kSchoolB);
  EXPECT_EQ(r["choice_rank"], 2);
  EXPECT_EQ(r["lottery_number"], sha256_hex("0c:" + app));
  EXPECT_EQ(r["explanation"]["choices"][0]["result"], "no_seats");  // A had no seats this year
  EXPECT_EQ(r["explanation"]["choices"][1]["result"], "admitted");
  // A parent has no school routes: the answer names the schools it mentions.
  EXPECT_EQ(mine["school_names"], nlohmann::json({{kSchoolA, "越城区第一小学"}, {kSchoolB, "柯桥区实验中学"}}));

  auto issued = h.json_of(h.send({"POST", "/api/v1/enroll/runs/" + id + "/notices", ""}, &staff));
  EXPECT_EQ(issued["issued"], 1) << issued.dump();
  ASSERT_EQ(issued["items"].size(), 1u);
  EXPECT_EQ(issued["items"][0]["school_id"], kSchoolB);
  // The printed notice says how the place was given (read back with poppler's pdftotext).
  auto pdf = h.send({"GET", "/api/v1/my/applications/" + app + "/notice.pdf"}, &mum);
  ASSERT_EQ(pdf->status, 200);
  std::string text = pdf_text(pdf->body);
  EXPECT_NE(text.find("多校划片志愿匹配录取"), std::string::npos) << text;
  EXPECT_NE(text.find("柯桥区实验中学"), std::string::npos) << text;
}
