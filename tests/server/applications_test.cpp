// 网上报名 → 材料审核 → 派位 through the real server on both backends (issue 6 §6): a parent applies for their
// own child only, sees the tier the national profile's rules derive (tier 1 户籍与房产均在学区 … tier 3 户籍在学区),
// staff return it with a reason, the parent corrects and sends it again, staff approve, the approved list
// becomes a 派位 run, and after publication the parent sees the lottery number (recomputed here with SHA-256)
// and the result. Every change audited, versions guard against lost updates, bad forms change nothing.
#include <gtest/gtest.h>

#include "core/personal_data.hpp"
#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

Call application_call(const std::string& id_number, const nlohmann::json& facts, const std::string& home = "H1") {
  nlohmann::json b = {{"child_id_number", id_number}, {"child_name", "张三丰"}, {"school_id", kSchoolA},
                      {"household_id", "F1"},        {"home_id", home},       {"facts", facts}};
  return Call{"POST", "/api/v1/my/applications", b.dump()};
}

}  // namespace

class ApplicationsTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, ApplicationsTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(ApplicationsTest, ApplyReturnCorrectApproveDrawAndSeeTheResult) {
  Login mum = h.login("mum");
  const nlohmann::json both = {{"hukou_in_catchment", true}, {"owns_home_in_catchment", true}};

  // Bad forms are refused and store nothing.
  EXPECT_EQ(h.send(application_call(h.student_id(1), both), &mum)->status, 403);  // not her child
  EXPECT_EQ(h.send(application_call(h.student_id(0), {{"lives_nearby", true}}), &mum)->status, 400);
  EXPECT_EQ(h.send(application_call(h.student_id(0), {{"migrant_documents_complete", true}}), &mum)->status, 400);
  auto no_home = h.send(application_call(h.student_id(0), both, ""), &mum);
  EXPECT_EQ(no_home->status, 400);
  EXPECT_NE(h.json_of(no_home)["error"].get<std::string>().find("房产编号"), std::string::npos) << no_home->body;
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_applications"), 0);

  // 户籍 and 房产 in the catchment: tier 1 of national.toml.
  auto sent = h.send(application_call(h.student_id(0), both), &mum);
  ASSERT_EQ(sent->status, 201) << sent->body;
  auto a = h.json_of(sent)["application"];
  const std::string id = a["id"];
  EXPECT_EQ(id, "2027-000001");  // the harness clock is in 2027
  EXPECT_EQ(a["status"], "submitted");
  EXPECT_EQ(a["child_id_masked"], mask_id_number(h.student_id(0)));
  EXPECT_EQ(sent->body.find(h.student_id(0)), std::string::npos);  // the ID number never leaves
  EXPECT_EQ(a["eligibility"]["tier"], 1);
  EXPECT_EQ(a["eligibility"]["tier_name"], "户籍与房产均在学区");
  EXPECT_EQ(h.send(application_call(h.student_id(0), both), &mum)->status, 409);  // one application per child and year

  // The review queue; the auditor reads it with the name masked.
  Login staff = h.login("staff");
  auto queue = h.json_of(h.send({"GET", "/api/v1/enroll/applications?year=2027&status=submitted"}, &staff));
  ASSERT_EQ(queue["items"].size(), 1u);
  EXPECT_EQ(queue["total"], 1);
  EXPECT_EQ(queue["counts"], nlohmann::json({{"submitted", 1}}));
  EXPECT_EQ(queue["items"][0]["child_name"], "张三丰");
  EXPECT_FALSE(queue["items"][0]["eligibility"]["derivation"].empty());
  Login auditor = h.login("auditor");
  auto audited = h.json_of(h.send({"GET", "/api/v1/enroll/applications?year=2027"}, &auditor));
  EXPECT_NE(audited["items"][0]["child_name"], "张三丰");
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/applications/" + id + "/review", R"({"decision":"approve","version":1})"}, &auditor)->status, 403);

  // Returned with a reason (none → refused); the parent sees it, corrects the form (户籍 only → tier 3).
  auto review = [&](const std::string& body) { return h.send({"POST", "/api/v1/enroll/applications/" + id + "/review", body}, &staff); };
  EXPECT_EQ(review(R"({"decision":"return","reason":" ","version":1})")->status, 400);
  auto returned = review(R"({"decision":"return","reason":"房产证明不清晰，请重新上传","version":1})");
  ASSERT_EQ(returned->status, 200) << returned->body;
  EXPECT_EQ(h.json_of(returned)["application"]["status"], "returned");
  EXPECT_EQ(review(R"({"decision":"approve","version":2})")->status, 400);  // not waiting for review
  auto mine = h.json_of(h.send({"GET", "/api/v1/my/applications"}, &mum));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["review_reason"], "房产证明不清晰，请重新上传");
  EXPECT_EQ(h.json_of(h.send({"GET", "/api/v1/my/applications?id=" + id}, &mum))["items"].size(), 1u);
  EXPECT_EQ(h.json_of(h.send({"GET", "/api/v1/my/applications?id=2027-999999"}, &mum))["items"].size(), 0u);
  nlohmann::json corrected = {{"child_name", "张三丰"}, {"school_id", kSchoolA}, {"facts", {{"hukou_in_catchment", true}}}, {"version", 1}};
  EXPECT_EQ(h.send({"PUT", "/api/v1/my/applications/" + id, corrected.dump()}, &mum)->status, 409);  // stale version
  corrected["version"] = 2;
  auto resent = h.send({"PUT", "/api/v1/my/applications/" + id, corrected.dump()}, &mum);
  ASSERT_EQ(resent->status, 200) << resent->body;
  EXPECT_EQ(h.json_of(resent)["application"]["status"], "submitted");
  mine = h.json_of(h.send({"GET", "/api/v1/my/applications"}, &mum));
  EXPECT_EQ(mine["items"][0]["eligibility"]["tier"], 3);
  EXPECT_EQ(mine["items"][0]["eligibility"]["tier_name"], "户籍在学区");
  ASSERT_EQ(review(R"({"decision":"approve","version":3})")->status, 200);
  EXPECT_EQ(h.send({"POST", "/api/v1/my/applications/" + id + "/withdraw", R"({"version":4})"}, &mum)->status, 400);

  // The approved applications of 2027 for school A become the run's applicants (one seat).
  auto run = h.send(Call{"POST", "/api/v1/enroll/runs", "", "",
                         {{"title", "2027 年一年级派位", "", ""},
                          {"applications_year", "2027", "", ""},
                          {"seats", "school_id,seats\n" + std::string(kSchoolA) + ",1\n", "seats.csv", "text/csv"}}},
                    &staff);
  ASSERT_EQ(run->status, 201) << run->body;
  const std::string run_id = h.json_of(run)["run"]["id"];
  EXPECT_EQ(h.json_of(run)["run"]["applicant_count"], 1);
  ASSERT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + run_id + "/draw", R"({"seed":"0B"})"}, &staff)->status, 200);
  mine = h.json_of(h.send({"GET", "/api/v1/my/applications"}, &mum));
  EXPECT_TRUE(mine["items"][0]["results"].empty());  // drawn, not yet published
  ASSERT_EQ(h.send({"POST", "/api/v1/enroll/runs/" + run_id + "/publish", ""}, &staff)->status, 200);
  mine = h.json_of(h.send({"GET", "/api/v1/my/applications"}, &mum));
  ASSERT_EQ(mine["items"][0]["results"].size(), 1u) << mine.dump();
  const auto& result = mine["items"][0]["results"][0];
  EXPECT_EQ(result["admitted"], true);
  EXPECT_EQ(result["school_id"], kSchoolA);
  EXPECT_EQ(result["lottery_number"], sha256_hex("0b:" + id));  // printf '0b:2027-000001' | sha256sum

  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.application.submit'"), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.application.review'"), 2);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.application.resubmit'"), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%张三丰%'"), 0);
}
