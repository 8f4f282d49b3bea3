// 入学通知书 and 报到 through the real server on both backends (issue 6 §6): a published run's notices issued
// once (a second call issues none), a withdrawn application skipped, a 公民同招 fallback placement noticed at the
// fallback school; the code is the keyed hash's first 60 bits in Crockford base32 (recomputed here); the parent
// downloads their own PDF only; anyone verifies a code (masked name); only the admitting school registers 报到.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "enroll/notices.hpp"
#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

// The code by hand: 15 hex digits of the keyed hash = 60 bits = 12 symbols of Crockford's alphabet.
std::string expected_code(const PersonalDataKey& key, const std::string& application, const std::string& run) {
  const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  uint64_t bits = std::stoull(key.lookup_hash("enroll-notice:" + application + ":" + run).substr(0, 15), nullptr, 16);
  std::string code;
  for (int i = 0; i < 12; ++i) code += alphabet[(bits >> (55 - 5 * i)) & 31];
  return code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8, 4);
}

}  // namespace

TEST(NoticeCode, TypedFormsNormalize) {
  EXPECT_EQ(enroll::normalize_notice_code("abcd efgh jkmn"), "ABCD-EFGH-JKMN");
  EXPECT_EQ(enroll::normalize_notice_code("ABCD-EFGH-JKIO"), "ABCD-EFGH-JK10");  // Crockford: I → 1, O → 0
  EXPECT_EQ(enroll::normalize_notice_code("ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ"), "ABCD-EFGH-JKMN");  // copied out of the PDF
  EXPECT_EQ(enroll::normalize_notice_code("ABCD-EFGH-JKMU"), "");  // U is not in the alphabet
  EXPECT_EQ(enroll::normalize_notice_code("ABCD-EFGH-JKM"), "");
}

class NoticesTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
  void application(const std::string& id, const std::string& user, const std::string& school, const std::string& status) {
    h.exec("INSERT INTO enroll_applications (id, year, username, child_id_hash, child_id_enc, child_id_masked, child_name, "
           "school_id, fallback_school_id, household_id, home_id, facts_json, documents_json, status, review_reason, "
           "reviewed_by, reviewed_at, created_at, updated_at, version) VALUES (?, 2027, ?, ?, 'e', '3306**********7', '张三丰', ?, "
           "'', '', '', '{}', '[]', ?, '', '', '', '2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 1)",
           {id, user, "hash-" + id, school, status});
  }
};
INSTANTIATE_TEST_SUITE_P(Backends, NoticesTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(NoticesTest, IssueDownloadVerifyAndReport) {
  // X and W admitted at A, Z drawn out of B and placed at its fallback A; W withdrew after the draw.
  application("2027-000001", "mum", kSchoolA, "approved");
  application("2027-000002", "other", kSchoolA, "withdrawn");
  application("2027-000003", "other", kSchoolB, "approved");
  const std::string result = std::string(R"({"applicants_sha256":"x","seed":"0b","schools":[{"school_id":")") + kSchoolA +
                             R"(","seats":3,"admitted":["2027-000001","2027-000002","F9"],"waitlist":[]},{"school_id":")" + kSchoolB +
                             R"(","seats":0,"admitted":[],"waitlist":["2027-000003"]}],"fallbacks":[{"applicant_id":"2027-000003","from_school_id":")" + kSchoolB + R"(","school_id":")" +
                             kSchoolA + R"("}]})";
  auto run = [&](const std::string& id, const std::string& status, const std::string& replaces) {
    h.exec("INSERT INTO enroll_runs (id, title, policy, status, applicants_csv, seats_csv, applicants_sha256, applicant_count, "
           "seed, result_json, replaces, created_by, created_at) VALUES (?, 't', 'national', ?, '', '', 'x', 4, '0b', ?, ?, 'test', "
           "'2027-01-01T00:00:00Z')",
           {id, status, result, replaces.empty() ? store::Value{} : store::Value{replaces}});
  };
  run("2027-001", "drawn", "");
  Login staff = h.login("staff");
  auto early = h.send({"POST", "/api/v1/enroll/runs/2027-001/notices", ""}, &staff);
  EXPECT_EQ(early->status, 409) << early->body;  // not yet published
  h.exec("UPDATE enroll_runs SET status = 'published' WHERE id = '2027-001'");

  auto issued = h.json_of(h.send({"POST", "/api/v1/enroll/runs/2027-001/notices", ""}, &staff));
  EXPECT_EQ(issued["issued"], 2) << issued.dump();
  EXPECT_EQ(issued["already"], 0);
  EXPECT_EQ(issued["not_applications"], 1);  // F9 came from a file, not 网上报名
  ASSERT_EQ(issued["skipped"].size(), 1u);
  EXPECT_EQ(issued["skipped"][0]["applicant_id"], "2027-000002");
  ASSERT_EQ(issued["items"].size(), 2u);
  EXPECT_EQ(issued["items"][0]["code"], expected_code(h.key(), "2027-000001", "2027-001"));
  EXPECT_EQ(issued["items"][0]["child_name"], "张*丰");
  EXPECT_EQ(issued["items"][1]["application_id"], "2027-000003");
  EXPECT_EQ(issued["items"][1]["school_id"], kSchoolA);  // the fallback school
  EXPECT_EQ(issued["items"][1]["fallback"], true);
  auto again = h.json_of(h.send({"POST", "/api/v1/enroll/runs/2027-001/notices", ""}, &staff));
  EXPECT_EQ(again["issued"], 0);
  EXPECT_EQ(again["already"], 2);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM enroll_notices"), 2);
  // A re-run replacing 2027-001, once published, is the one in force.
  run("2027-002", "published", "2027-001");
  auto replaced = h.send({"POST", "/api/v1/enroll/runs/2027-001/notices", ""}, &staff);
  EXPECT_EQ(replaced->status, 409);
  EXPECT_NE(h.json_of(replaced)["error"].get<std::string>().find("2027-002"), std::string::npos);

  // The parent: the notice in the status, the PDF of their own child only.
  const std::string code = expected_code(h.key(), "2027-000001", "2027-001");
  Login mum = h.login("mum");
  auto mine = h.json_of(h.send({"GET", "/api/v1/my/applications"}, &mum));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["notice"]["code"], code);
  EXPECT_EQ(mine["items"][0]["notice"]["status"], "issued");
  auto pdf = h.send({"GET", "/api/v1/my/applications/2027-000001/notice.pdf"}, &mum);
  ASSERT_EQ(pdf->status, 200);
  EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf->body.substr(0, 5), "%PDF-");
  EXPECT_EQ(h.send({"GET", "/api/v1/my/applications/2027-000003/notice.pdf"}, &mum)->status, 404);  // another family's
  // The PDF's text, read back by poppler (an independent reader): title, name, school, code.
  std::string text = pdf_text(pdf->body);
  ASSERT_FALSE(text.empty()) << "pdftotext (poppler-utils) is needed";
  for (const char* want : {"义务教育入学通知书", "张三丰", "越城区第一小学", "查验码"}) EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  // poppler reads the printed ASCII as full-width forms (the Adobe-GB1 glyphs it maps to Unicode).
  std::string wide;
  for (char ch : code) {
    unsigned cp = 0xFF01 + static_cast<unsigned>(ch - 0x21);
    wide += {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
  }
  ASSERT_NE(text.find(wide), std::string::npos) << code << "\n" << text;
  EXPECT_EQ(enroll::normalize_notice_code(wide), code);  // and a code copied from the PDF is accepted

  // Anyone checks a code, typed loosely; the answer names the school and a masked name.
  std::string loose = code;
  loose.erase(std::remove(loose.begin(), loose.end(), '-'), loose.end());
  std::transform(loose.begin(), loose.end(), loose.begin(), ::tolower);
  auto verified = h.send({"GET", "/api/v1/notices/verify?code=" + loose});
  ASSERT_EQ(verified->status, 200) << verified->body;
  EXPECT_EQ(h.json_of(verified)["notice"]["school_name"], "越城区第一小学");
  EXPECT_EQ(h.json_of(verified)["notice"]["child_name"], "张*丰");
  EXPECT_EQ(h.send({"GET", "/api/v1/notices/verify?code=XYZ"})->status, 400);
  EXPECT_EQ(h.send({"GET", "/api/v1/notices/verify?code=0000-0000-0000"})->status, 404);

  // 报到: only the admitting school; once.
  Login head_b = h.login("head-b"), head_a = h.login("head-a");
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/notices/" + code + "/report", ""}, &head_b)->status, 403);
  auto reported = h.send({"POST", "/api/v1/enroll/notices/" + code + "/report", ""}, &head_a);
  ASSERT_EQ(reported->status, 200) << reported->body;
  EXPECT_EQ(h.json_of(reported)["status"], "reported");
  EXPECT_EQ(h.json_of(reported)["reported_by"], "head-a");
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/notices/" + code + "/report", ""}, &head_a)->status, 409);
  auto listed = h.json_of(h.send({"GET", "/api/v1/enroll/notices"}, &head_a));
  EXPECT_EQ(listed["items"].size(), 2u);
  EXPECT_EQ(listed["counts"]["reported"], 1);
  EXPECT_EQ(listed["counts"]["issued"], 1);
  EXPECT_EQ(h.json_of(h.send({"GET", "/api/v1/enroll/notices"}, &head_b))["items"].size(), 0u);
  EXPECT_EQ(h.json_of(h.send({"GET", "/api/v1/notices/verify?code=" + code}))["notice"]["status"], "reported");

  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.notices.issue'"), 2);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.notice.report'"), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.notice.download'"), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.notice.verify'"), 3);  // the malformed code is refused before any lookup
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%张三丰%'"), 0);
}

TEST_P(NoticesTest, ReportInstructionsPrintedAndRevocation) {
  application("2027-000001", "mum", kSchoolA, "approved");
  application("2027-000002", "other", kSchoolA, "approved");
  const std::string result = std::string(R"({"applicants_sha256":"x","seed":"0b","schools":[{"school_id":")") + kSchoolA +
                             R"(","seats":2,"admitted":["2027-000001","2027-000002"],"waitlist":[]}],"fallbacks":[]})";
  h.exec("INSERT INTO enroll_runs (id, title, policy, status, applicants_csv, seats_csv, applicants_sha256, applicant_count, "
         "seed, result_json, created_by, created_at) VALUES ('2027-001', 't', 'national', 'published', '', '', 'x', 2, '0b', ?, "
         "'test', '2027-01-01T00:00:00Z')",
         {result});
  Login staff = h.login("staff");
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/runs/2027-001/notices", R"({"report_note":")" + std::string(400, 'x') + R"("})"}, &staff)->status, 400);
  auto issued = h.send({"POST", "/api/v1/enroll/runs/2027-001/notices", R"({"report_time":"8 月 28 日上午","report_note":"请携带户口簿原件到学校报告厅"})"}, &staff);
  ASSERT_EQ(issued->status, 200) << issued->body;
  EXPECT_EQ(h.json_of(issued)["items"][0]["report_time"], "8 月 28 日上午");

  // The time and the note replace "按学校通知的时间" on the printed notice.
  Login mum = h.login("mum");
  auto pdf = h.send({"GET", "/api/v1/my/applications/2027-000001/notice.pdf"}, &mum);
  ASSERT_EQ(pdf->status, 200);
  std::string text = pdf_text(pdf->body);
  for (const char* want : {"月", "日上午", "报到须知", "户口簿原件到学校报告厅", "电脑派位录取"}) EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  EXPECT_EQ(text.find("按学校通知的时间"), std::string::npos) << text;

  // Revoking: staff only, with a reason; then the code no longer verifies, cannot be reported, the PDF is gone.
  const std::string code = expected_code(h.key(), "2027-000001", "2027-001");
  Login auditor = h.login("auditor"), head_a = h.login("head-a");
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/notices/" + code + "/revoke", R"({"reason":"家庭迁出本市"})"}, &auditor)->status, 403);
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/notices/" + code + "/revoke", R"({"reason":"  "})"}, &staff)->status, 400);
  auto revoked = h.send({"POST", "/api/v1/enroll/notices/" + code + "/revoke", R"({"reason":"家庭迁出本市"})"}, &staff);
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  EXPECT_EQ(h.json_of(revoked)["status"], "revoked");
  EXPECT_EQ(h.json_of(revoked)["revoke_reason"], "家庭迁出本市");
  auto verified = h.json_of(h.send({"GET", "/api/v1/notices/verify?code=" + code}));
  EXPECT_EQ(verified["valid"], false);
  EXPECT_EQ(verified["notice"]["status_zh"], "已撤销");
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/notices/" + code + "/report", ""}, &head_a)->status, 409);
  EXPECT_EQ(h.send({"GET", "/api/v1/my/applications/2027-000001/notice.pdf"}, &mum)->status, 409);
  auto mine = h.json_of(h.send({"GET", "/api/v1/my/applications"}, &mum));
  EXPECT_TRUE(mine["items"][0]["notice"]["pdf"].is_null());
  EXPECT_EQ(mine["items"][0]["notice"]["status"], "revoked");
  EXPECT_EQ(h.send({"POST", "/api/v1/enroll/notices/" + code + "/revoke", R"({"reason":"again"})"}, &staff)->status, 409);
  // After 报到 a change goes through 学籍: the other child, reported, cannot be revoked.
  const std::string other = expected_code(h.key(), "2027-000002", "2027-001");
  ASSERT_EQ(h.send({"POST", "/api/v1/enroll/notices/" + other + "/report", ""}, &head_a)->status, 200);
  auto late = h.send({"POST", "/api/v1/enroll/notices/" + other + "/revoke", R"({"reason":"x"})"}, &staff);
  EXPECT_EQ(late->status, 409);
  EXPECT_NE(h.json_of(late)["error"].get<std::string>().find("学籍"), std::string::npos);
  auto counts = h.json_of(h.send({"GET", "/api/v1/enroll/notices"}, &staff))["counts"];
  EXPECT_EQ(counts, nlohmann::json({{"issued", 0}, {"reported", 1}, {"revoked", 1}}));
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'enroll.notice.revoke'"), 1);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%迁出%'"), 0);  // the reason stays out of the log
}
