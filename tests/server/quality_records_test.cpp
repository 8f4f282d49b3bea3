// 综合素质 写实记录 through the real server on both backends: staff write a record per student, term and aspect
// of the profile (教基二〔2014〕11号: 思想品德 学业水平 身心健康 艺术素养 社会实践), versions guard against lost
// updates, bad aspects and texts are refused with the rule, a school writes only for itself, the text stays
// out of the audit log, and the portrait (staff) and the parent's page show the records in the aspects' order.
#include <gtest/gtest.h>

#include "server/server_harness.hpp"

using namespace youjun;
using namespace youjun::test;

namespace {

Call put(const std::string& student, const std::string& aspect, const std::string& text, int version,
         const std::string& school = kSchoolA) {
  nlohmann::json b = {{"student_id", student}, {"term", "2026-1"}, {"aspect", aspect}, {"text", text},
                      {"school_id", school},   {"class_id", "4-1"},  {"version", version}};
  return Call{"PUT", "/api/v1/evaluate/quality/records", b.dump()};
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

class QualityRecordsTest : public test::BackendTest {
 protected:
  ServerHarness h{GetParam()};
};
INSTANTIATE_TEST_SUITE_P(Backends, QualityRecordsTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(QualityRecordsTest, WriteVersionedRecordsThenPortraitAndParentView) {
  Login head = h.login("head-a");
  // Written out of the profile's order: the portrait lists 思想品德 before 社会实践.
  auto first = h.send(put("A1", "practice", "参加社区垃圾分类宣传 2 小时", 0), &head);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(h.json_of(first)["record"]["version"], 1);
  EXPECT_EQ(h.json_of(first)["record"]["entered_by"], "head-a");
  ASSERT_EQ(h.send(put("A1", "moral", "担任班级图书管理员一学期", 0), &head)->status, 200);

  // A change needs the version the editor saw: 1 → 2; the stale 1 again is a conflict and changes nothing.
  auto changed = h.send(put("A1", "practice", "参加社区垃圾分类宣传 3 小时", 1), &head);
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(h.json_of(changed)["record"]["version"], 2);
  EXPECT_EQ(h.send(put("A1", "practice", "覆盖", 1), &head)->status, 409);
  EXPECT_EQ(h.send(put("A1", "practice", "新记录", 0), &head)->status, 409);  // it exists: not new

  // quality.max_chars = 500 characters, counted as characters: 500 汉字 (1,500 bytes) pass, 501 do not.
  EXPECT_EQ(h.send(put("A2", "health", repeat("跑", 500), 0), &head)->status, 200);
  auto too_long = h.send(put("A2", "art", repeat("画", 501), 0), &head);
  EXPECT_EQ(too_long->status, 400);
  EXPECT_NE(h.json_of(too_long)["error"].get<std::string>().find("不超过 500 字（现为 501 字"), std::string::npos) << too_long->body;
  auto unknown = h.send(put("A2", "sports", "跑步", 0), &head);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(h.json_of(unknown)["error"].get<std::string>().find("moral（思想品德）"), std::string::npos) << unknown->body;
  EXPECT_EQ(h.send(put("A2", "art", " \n ", 0), &head)->status, 400);
  EXPECT_EQ(h.send(put("B1", "art", "合唱团", 0, kSchoolB), &head)->status, 403);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM quality_records"), 3);

  // Who changed what, never the text itself.
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE action = 'quality.record.set'"), 4);
  EXPECT_EQ(h.count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%垃圾分类%'"), 0);

  // The staff portrait: a student with only 写实记录 has a portrait; aspects in the profile's order.
  Login staff = h.login("staff");
  auto portrait = h.send({"GET", "/api/v1/evaluate/wuyu/students/A1"}, &staff);
  ASSERT_EQ(portrait->status, 200) << portrait->body;
  auto p = h.json_of(portrait);
  EXPECT_EQ(p["records"].size(), 0u);
  ASSERT_EQ(p["quality"].size(), 2u);
  EXPECT_EQ(p["quality"][0]["aspect"], "moral");
  EXPECT_EQ(p["quality"][1]["text"], "参加社区垃圾分类宣传 3 小时");
  ASSERT_EQ(p["quality_aspects"].size(), 5u);
  EXPECT_EQ(p["quality_aspects"][4]["label"], "社会实践");

  // The parent of A1 reads the same records.
  Login mum = h.login("mum");
  auto own = h.json_of(h.send({"GET", "/api/v1/my/children/A1/development"}, &mum));
  ASSERT_TRUE(own["wuyu"].is_object()) << own.dump();
  EXPECT_EQ(own["wuyu"]["quality"].size(), 2u);
}
