// 派位 runs through the real server on both backends: register → draw → publish, the locks, re-runs
// with a new seed, the published files recomputed by the lottery engine, and the audit trail.
#include <gtest/gtest.h>

#include "core/personal_data.hpp"
#include "enroll/enroll_report.hpp"
#include "enroll/lottery.hpp"
#include "io/table.hpp"
#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

const char* kApplicants = "applicant_id,school_id,tier,fallback_school_id\nA3,S1,2,G1\nA1,S1,1,\nA2,S1,2,G2\nA4,S2,1,\n";
const char* kSeats = "school_id,seats,sector\nS1,2,民办\nS2,5,公办\n";

Call register_call(const std::string& applicants, const std::string& replaces = "") {
  httplib::MultipartFormDataItems form = {{"title", "2026 年民办小学派位", "", ""},
                                          {"applicants", applicants, "报名.csv", "text/csv"},
                                          {"seats", kSeats, "学位.csv", "text/csv"}};
  if (!replaces.empty()) form.push_back({"replaces", replaces, "", ""});
  return Call{"POST", "/api/v1/enroll/runs", "", "", form};
}

}  // namespace

class EnrollRunsTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, EnrollRunsTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(EnrollRunsTest, RegisterDrawPublishAndTheLocks) {
  Login staff = h.login("staff");
  auto created = h.send(register_call(kApplicants), &staff);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  auto run = h.json_of(created)["run"];
  const std::string id = run["id"];
  EXPECT_EQ(id, "2027-001");  // the harness clock (1.8e9 s) is in 2027
  EXPECT_EQ(run["status"], "registered");
  EXPECT_TRUE(run["seed"].is_null());
  // The digest is the SHA-256 of the canonical file, which the run also serves.
  auto canonical = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/canonical.csv"}, &staff);
  ASSERT_EQ(canonical->status, 200);
  EXPECT_EQ(canonical->body, "applicant_id,school_id,tier\nA1,S1,1\nA2,S1,2\nA3,S1,2\nA4,S2,1\n");
  EXPECT_EQ(run["applicants_sha256"], sha256_hex(canonical->body));
  auto early = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/result.json"}, &staff);
  EXPECT_EQ(early->status, 404);  // nothing drawn yet
  auto publish_first = h.send({"POST", "/api/v1/enroll/runs/" + id + "/publish", ""}, &staff);
  EXPECT_EQ(publish_first->status, 409);  // only a drawn run can be published

  auto drawn = h.send({"POST", "/api/v1/enroll/runs/" + id + "/draw", R"({"seed":"00FF"})"}, &staff);
  ASSERT_EQ(drawn->status, 200) << drawn->body;
  EXPECT_EQ(h.json_of(drawn)["run"]["seed"], "00ff");
  auto again = h.send({"POST", "/api/v1/enroll/runs/" + id + "/draw", R"({"seed":"01"})"}, &staff);
  EXPECT_EQ(again->status, 409) << again->body;  // drawn once, never again

  // The stored result is what the lottery engine computes from the served files, fallbacks included.
  auto result_file = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/result.json"}, &staff);
  ASSERT_EQ(result_file->status, 200);
  auto published_result = enroll::lottery_from_json(nlohmann::json::parse(result_file->body));
  ASSERT_TRUE(published_result);
  auto applicants_file = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/applicants.csv"}, &staff);
  auto seats_file = h.send({"GET", "/api/v1/enroll/runs/" + id + "/files/seats.csv"}, &staff);
  std::vector<enroll::SchoolSeats> seats;
  std::vector<enroll::LotteryApplicant> applicants;
  ASSERT_TRUE(enroll::read_seats(*io::parse_csv(seats_file->body, "seats.csv"), seats).empty());
  ASSERT_TRUE(enroll::read_applicants(*io::parse_csv(applicants_file->body, "applicants.csv"), seats, applicants).empty());
  auto expected = enroll::run_lottery(applicants, seats, "00ff");
  EXPECT_EQ(enroll::first_lottery_difference(*published_result, expected), "");
  // By hand (lottery_test.cpp): S1 admits A1 (tier 1) and A2 (44a9… < aeec…); A3 waits and falls back to G1.
  EXPECT_EQ(expected.schools[0].admitted, (std::vector<std::string>{"A1", "A2"}));
  ASSERT_EQ(expected.fallbacks.size(), 1u);
  EXPECT_EQ(expected.fallbacks[0].school_id, "G1");

  auto published = h.send({"POST", "/api/v1/enroll/runs/" + id + "/publish", ""}, &staff);
  ASSERT_EQ(published->status, 200) << published->body;
  EXPECT_EQ(h.json_of(published)["run"]["status"], "published");
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + id + "/publish", ""}, &staff)->status, 409);
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + id + "/draw", R"({"seed":"02"})"}, &staff)->status, 409);

  // A re-run replaces the published run: the old seed is refused, a new one draws; both stay listed.
  auto rerun = h.send(register_call(kApplicants, id), &staff);
  ASSERT_EQ(rerun->status, 201) << rerun->body;
  const std::string id2 = h.json_of(rerun)["run"]["id"];
  EXPECT_EQ(h.json_of(rerun)["run"]["replaces"], id);
  auto same_seed = h.send({"POST", "/api/v1/enroll/runs/" + id2 + "/draw", R"({"seed":"00ff"})"}, &staff);
  EXPECT_EQ(same_seed->status, 400) << same_seed->body;
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + id2 + "/draw", R"({"seed":"0100"})"}, &staff)->status, 200);
  auto list = h.json_of(h.send({"GET", "/api/v1/enroll/runs"}, &staff));
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["id"], id2);
  EXPECT_EQ(list["items"][1]["status"], "published");

  // Every state change is in the audit log, in order.
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.run.register'"), 2);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.run.draw' AND target = ?", {id}), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.run.publish' AND target = ?", {id}), 1);
}

TEST_P(EnrollRunsTest, BadListsAreRejectedRowByRowAndNothingIsRegistered) {
  Login staff = h.login("staff");
  auto bad = h.send(register_call("applicant_id,school_id,tier,面试成绩\nA1,S1,1,90\nA1,S2,x,80\n"), &staff);
  ASSERT_EQ(bad->status, 422) << bad->body;
  auto errors = h.json_of(bad)["errors"];
  ASSERT_EQ(errors.size(), 3u) << errors.dump();
  EXPECT_EQ(errors[0]["column"], "面试成绩");
  EXPECT_NE(errors[0]["message"].get<std::string>().find("000 绍兴"), std::string::npos);
  EXPECT_EQ(errors[1]["row"], 3);
  EXPECT_EQ(errors[1]["column"], "applicant_id");
  EXPECT_EQ(errors[2]["column"], "tier");
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_runs"), 0);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'enroll.run.%'"), 0);
  auto unknown = h.send(register_call(kApplicants, "1999-404"), &staff);
  EXPECT_EQ(unknown->status, 400) << unknown->body;
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_runs"), 0);
}
