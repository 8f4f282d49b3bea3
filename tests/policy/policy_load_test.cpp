// Values of the real profiles (policy/*.toml) against the published numbers, overlay merging
// and provenance.
#include <gtest/gtest.h>

#include <algorithm>

#include "policy/policy.hpp"
#include "policy/policy_report.hpp"
#include "policy_test_util.hpp"

namespace youjun::policy {
namespace {

using test::PolicyDirGuard;

// The repository's profile files, copied from the source tree into YOUJUN_POLICY_DIR
// (same content as the embedded copy; see PolicyEmbedded below).
class PolicyRealProfiles : public ::testing::Test {
 protected:
  void SetUp() override { test::copy_real_profiles(tmp_.dir()); }
  std::string file(const std::string& name) const { return tmp_.path(name + ".toml"); }

  test::TempDir tmp_;
  PolicyDirGuard dir_{tmp_.dir().string()};

  Policy load(const std::string& name) {
    auto p = load_policy(name);
    EXPECT_TRUE(p.ok()) << (p ? "" : p.error().message);
    if (!p) throw std::runtime_error("load failed");  // bug in the test data, not an expected failure
    return *p;
  }
};

TEST_F(PolicyRealProfiles, NationalClassAndSchoolSizeMatchPublishedNumbers) {
  Policy p = load("national");
  EXPECT_EQ(*p.number("class_size.max.primary"), 45);
  EXPECT_EQ(*p.number("class_size.max.junior"), 50);
  EXPECT_EQ(*p.number("class_size.large.threshold"), 55);
  EXPECT_EQ(*p.number("class_size.super_large.threshold"), 65);
  EXPECT_EQ(*p.number("school_size.max.primary"), 2000);
  EXPECT_EQ(*p.number("school_size.max.junior"), 2000);
  EXPECT_EQ(*p.number("school_size.max.nine_year"), 2500);
  EXPECT_EQ(*p.number("school_size.max.twelve_year"), 2500);
  EXPECT_EQ(*p.number("small_school.threshold"), 100);

  auto cap = *p.rule("class_size.max.primary");
  EXPECT_EQ(cap.cite, "教督〔2017〕6号 第七条(五)");
  EXPECT_EQ(cap.unit, "人");
  EXPECT_EQ(cap.profile, "national");
  EXPECT_EQ(cap.file, file("national"));
  EXPECT_EQ(cap.accepts(45), true);
  EXPECT_EQ(cap.accepts(46), false);
  auto large = *p.rule("class_size.large.threshold");  // 大班额 = 56–65
  EXPECT_EQ(large.accepts(56), true);
  EXPECT_EQ(large.accepts(55), false);
  auto small = *p.rule("small_school.threshold");  // 不足100名
  EXPECT_EQ(small.accepts(99), true);
  EXPECT_EQ(small.accepts(100), false);
}

TEST_F(PolicyRealProfiles, NationalResourceIndicatorsMatchArticle6) {
  Policy p = load("national");
  struct Floor { const char* indicator; double primary, junior; };
  for (auto f : {Floor{"qualified_teachers", 4.2, 5.3}, Floor{"backbone_teachers", 1, 1},
                 Floor{"pe_art_teachers", 0.9, 0.9}, Floor{"teaching_area", 4.5, 5.8},
                 Floor{"sports_area", 7.5, 10.2}, Floor{"equipment_value", 2000, 2500},
                 Floor{"multimedia_rooms", 2.3, 2.4}}) {
    std::string key = std::string("resource.") + f.indicator + ".min.";
    EXPECT_DOUBLE_EQ(*p.number(key + "primary"), f.primary) << key;
    EXPECT_DOUBLE_EQ(*p.number(key + "junior"), f.junior) << key;
    EXPECT_EQ(p.rule(key + "junior")->compare, ">=") << key;
    EXPECT_EQ(p.rule(key + "junior")->cite.rfind("教督〔2017〕6号 第六条", 0), 0u) << key;
  }
  EXPECT_EQ(*p.number("resource.school_pass.min_indicators_met"), 6);
  EXPECT_DOUBLE_EQ(*p.number("resource.school_pass.others_min_ratio"), 0.85);
  EXPECT_DOUBLE_EQ(*p.number("resource.cv.max.primary"), 0.50);
  EXPECT_DOUBLE_EQ(*p.number("resource.cv.max.junior"), 0.45);
  EXPECT_EQ(p.rule("resource.cv.max.junior")->compare, "<=");
  EXPECT_EQ(*p.text("resource.cv.weighting"), "students");
  EXPECT_EQ(*p.numbers("resource.split_weights.twelve_year"), (std::vector<double>{1, 1.1, 1.32}));
  EXPECT_NE(p.rule("resource.split_weights.twelve_year")->note.find("local practice"), std::string::npos);
}

TEST_F(PolicyRealProfiles, NationalGradeGroupsFundingAndRecalledValues) {
  Policy p = load("national");
  EXPECT_EQ(*p.numbers("grades.primary"), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(*p.numbers("grades.junior"), (std::vector<double>{7, 8, 9}));
  EXPECT_EQ(*p.numbers("grades.senior"), (std::vector<double>{10, 11, 12}));
  EXPECT_EQ(*p.numbers("grades.pe_test.primary_3_4"), (std::vector<double>{3, 4}));
  EXPECT_EQ(*p.numbers("funding.small_school.below"), std::vector<double>{100});
  EXPECT_EQ(*p.numbers("funding.small_school.funded_as"), std::vector<double>{100});
  EXPECT_DOUBLE_EQ(*p.number("funding.teacher_training.min_share_of_public_funds"), 0.05);
  // standards.md tags these [R]; the profile must say so.
  for (const char* key : {"teacher.exchange.min_share", "teacher.exchange.backbone_min_share",
                          "admission.quota_allocation.min_share"})
    EXPECT_EQ(p.rule(key)->confidence, "R") << key;
}

TEST_F(PolicyRealProfiles, TypedAccessorsReportWrongTypeAndUnknownKey) {
  Policy p = load("national");
  auto wrong = p.number("grades.primary");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("数值数组"), std::string::npos);
  EXPECT_FALSE(p.flag("class_size.max.primary").ok());
  auto missing = p.rule("class_size.max.kindergarten");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("class_size.max.kindergarten"), std::string::npos);
  auto keys = p.keys();
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_NE(std::find(keys.begin(), keys.end(), "resource.cv.max.junior"), keys.end());
  auto cited = *p.cited_number("resource.teaching_area.min.primary");
  EXPECT_DOUBLE_EQ(cited.value, 4.5);
  EXPECT_EQ(cited.cite, "教督〔2017〕6号 第六条(四)");
  EXPECT_EQ(cited.source_profile, "national");
  EXPECT_EQ(p.rule("class_size.max.primary")->citation(),
            "class_size.max.primary = <= 45 人（教督〔2017〕6号 第七条(五)；national）");
}

TEST_F(PolicyRealProfiles, ShaoxingOverridesJuniorCvWithProvenance) {
  Policy p = load("shaoxing");
  EXPECT_EQ(p.chain(), (std::vector<std::string>{"national", "shaoxing"}));
  EXPECT_EQ(p.title(), "绍兴市");
  auto cv = *p.rule("resource.cv.max.junior");
  EXPECT_DOUBLE_EQ(std::get<double>(cv.value), 0.30);
  EXPECT_EQ(cv.profile, "shaoxing");
  EXPECT_EQ(cv.compare, "<");
  EXPECT_EQ(cv.cite, "004 绍兴五大创建, 三(八)");
  EXPECT_EQ(cv.accepts(0.30), false);  // “小于0.3”
  auto layers = p.layers("resource.cv.max.junior");
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0].profile, "national");
  EXPECT_DOUBLE_EQ(std::get<double>(layers[0].value), 0.45);
  // The 2025 target does not bind earlier years.
  EXPECT_EQ(p.rule_at("resource.cv.max.junior", 2024)->profile, "national");
  EXPECT_EQ(p.rule_at("resource.cv.max.junior", 2025)->profile, "shaoxing");
  EXPECT_DOUBLE_EQ(*p.number("resource.cv.max.primary"), 0.35);
  // Untouched keys come from national.
  EXPECT_EQ(p.rule("class_size.max.junior")->profile, "national");
  // A rule Shaoxing adds.
  auto zero_entry = *p.rule("small_school.zero_entry_grade");
  EXPECT_TRUE(std::get<bool>(zero_entry.value));
  EXPECT_TRUE(zero_entry.extension);
  EXPECT_FALSE(load("national").has("small_school.zero_entry_grade"));
  EXPECT_DOUBLE_EQ(*p.number("admission.quota_allocation.min_share"), 0.60);
}

TEST_F(PolicyRealProfiles, CityOverlaysCarryTheirSeedNumbers) {
  Policy jinhua = load("jinhua");
  auto cv = *jinhua.rule("resource.cv.max.junior");
  EXPECT_DOUBLE_EQ(std::get<double>(cv.value), 0.30);
  EXPECT_EQ(cv.cite, "002 金华, 三(三)二");
  EXPECT_EQ(cv.from, 2025);
  EXPECT_DOUBLE_EQ(*jinhua.number("resource.cv.max.primary"), 0.50);  // Jinhua says nothing for 小学

  Policy liaocheng = load("liaocheng");
  EXPECT_EQ(*liaocheng.numbers("funding.small_school.below"), (std::vector<double>{100, 200}));
  EXPECT_EQ(*liaocheng.numbers("funding.small_school.funded_as"), (std::vector<double>{100, 200}));
  EXPECT_EQ(liaocheng.rule("funding.small_school.funded_as")->cite, "003 聊城, 二(二)");

  Policy qinzhou = load("qinzhou");
  auto rate = *qinzhou.rule("standardization.rate.min");
  EXPECT_DOUBLE_EQ(std::get<double>(rate.value), 0.85);
  EXPECT_EQ(rate.from, 2022);
  EXPECT_EQ(rate.cite, "001 钦州, 二(十五)");
  EXPECT_DOUBLE_EQ(*qinzhou.number("funding.teacher_training.payroll_share_target"), 0.02);
  EXPECT_EQ(qinzhou.rule("funding.teacher_training.min_share_of_public_funds")->cite, "001 钦州, 二(七)");

  EXPECT_EQ(*load("zhucheng").number("teacher.exchange.max_years_same_school"), 12);
  EXPECT_DOUBLE_EQ(*load("yichang").number("admission.quota_allocation.min_share"), 0.80);
  // 成都 states no foundation value; it sets only the 五育 weights (002 成都, 五(七)一: 20 % each).
  Policy chengdu = load("chengdu");
  EXPECT_EQ(chengdu.title(), "成都市");
  for (const auto& key : chengdu.keys())
    EXPECT_EQ(chengdu.rule(key)->profile, key.rfind("wuyu.dimension.", 0) == 0 ? "chengdu" : "national") << key;
}

TEST_F(PolicyRealProfiles, AllRealProfilesPassCheck) {
  auto problems = check_policies();
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  auto names = list_policies();
  for (const char* name : {"national", "shaoxing", "qinzhou", "liaocheng", "chengdu", "changzhi", "jinhua",
                           "yichang", "zhucheng"})
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  auto infos = *policy_infos();
  for (const auto& info : infos) {
    EXPECT_FALSE(info.title.empty()) << info.name;
    EXPECT_EQ(info.base, info.name == "national" ? "" : "national") << info.name;
  }
}

// The binary carries the same profiles as the repository (cmake/embed_files.cmake).
TEST(PolicyEmbedded, EmbeddedProfilesMatchRepositoryFilesAndPassCheck) {
  PolicyDirGuard no_dir(std::nullopt);
  auto sources = *policy_sources();
  std::vector<std::string> embedded;
  for (const auto& s : sources) {
    embedded.push_back(s.name);
    EXPECT_EQ(s.file, "policy/" + s.name + ".toml");
    EXPECT_EQ(s.content, test::file_bytes(test::source_path(s.file))) << s.file;
  }
  std::vector<std::string> in_repo;
  for (const auto& e : std::filesystem::directory_iterator(test::source_path("policy")))
    if (e.path().extension() == ".toml") in_repo.push_back(e.path().stem().string());
  std::sort(in_repo.begin(), in_repo.end());
  EXPECT_EQ(embedded, in_repo);
  for (const auto& p : check_policies()) ADD_FAILURE() << p.to_string();
  auto national = load_policy("national");
  ASSERT_TRUE(national.ok()) << national.error().message;
  EXPECT_EQ(national->rule("resource.cv.max.junior")->file, "policy/national.toml");
}

// docs/policy-rules.md is generated; it must match the profiles.
TEST_F(PolicyRealProfiles, RuleIndexDocIsUpToDate) {
  auto md = policy_index_markdown();
  ASSERT_TRUE(md.ok()) << md.error().message;
  // Files read from YOUJUN_POLICY_DIR are shown with their path; the embedded ones as policy/NAME.toml.
  for (size_t at; (at = md->find(tmp_.dir().string() + "/")) != std::string::npos;)
    md->replace(at, tmp_.dir().string().size() + 1, "policy/");
  EXPECT_NE(md->find("| `class_size.max.primary` | <= 45 | 人 | 教督〔2017〕6号 第七条(五) | V-3p |"), std::string::npos);
  EXPECT_TRUE(*md == test::file_bytes(test::source_path("docs/policy-rules.md")))
      << "docs/policy-rules.md is stale: run `youjun policy index --out docs/policy-rules.md`";
}

}  // namespace
}  // namespace youjun::policy
