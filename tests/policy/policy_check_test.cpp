// `check_policies()` finds each kind of problem; profiles come from a temporary YOUJUN_POLICY_DIR
// (the embedded national baseline stays available as a base).
#include <gtest/gtest.h>

#include <algorithm>

#include "policy/policy.hpp"
#include "policy_test_util.hpp"

namespace youjun::policy {
namespace {

class PolicyCheck : public ::testing::Test {
 protected:
  test::TempDir tmp_;
  test::PolicyDirGuard guard_{tmp_.dir().string()};

  void write(const std::string& name, const std::string& text) { test::write_text(tmp_.path(name + ".toml"), text); }
  std::string file(const std::string& name) { return tmp_.path(name + ".toml"); }

  // Problems reported for one file, as "KEY: message" lines.
  std::vector<std::string> problems_of(const std::string& name) {
    std::vector<std::string> out;
    for (const auto& p : check_policies())
      if (p.file == file(name)) out.push_back(p.key + ": " + p.message);
    return out;
  }

  static bool has(const std::vector<std::string>& lines, const std::string& key, const std::string& text) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
      return l.rfind(key + ": ", 0) == 0 && l.find(text) != std::string::npos;
    });
  }
};

constexpr const char* kHeader = "[profile]\nname = \"city\"\ntitle = \"某市\"\nbase = \"national\"\n\n";

TEST_F(PolicyCheck, ValidOverlayAndExtensionPass) {
  write("city", std::string(kHeader) +
                    "[class_size.max.primary]\nvalue = 40\ncite = \"某市文件 第三条\"\n\n"
                    "[extends.class_size.max.kindergarten]\nvalue = 30\nunit = \"人\"\ncite = \"某市文件 第四条\"\n");
  EXPECT_TRUE(problems_of("city").empty());
  auto p = load_policy("city");
  ASSERT_TRUE(p.ok()) << p.error().message;
  auto r = *p->rule("class_size.max.primary");
  EXPECT_EQ(std::get<double>(r.value), 40);
  EXPECT_EQ(r.unit, "人");      // inherited from the base
  EXPECT_EQ(r.compare, "<=");  // inherited from the base
  EXPECT_EQ(r.profile, "city");
  EXPECT_EQ(r.file, file("city"));
  EXPECT_TRUE(p->rule("class_size.max.kindergarten")->extension);
}

TEST_F(PolicyCheck, RuleWithoutCite) {
  write("city", std::string(kHeader) + "[class_size.max.primary]\nvalue = 40\n");
  auto problems = problems_of("city");
  EXPECT_TRUE(has(problems, "class_size.max.primary", "缺少 cite")) << ::testing::PrintToString(problems);
  EXPECT_FALSE(load_policy("city").ok());
}

TEST_F(PolicyCheck, EmptyCite) {
  write("city", std::string(kHeader) + "[class_size.max.primary]\nvalue = 40\ncite = \"  \"\n");
  EXPECT_TRUE(has(problems_of("city"), "class_size.max.primary", "cite 为空"));
}

TEST_F(PolicyCheck, OverlayKeyUnknownToBase) {
  write("city", std::string(kHeader) + "[class_size.max.kindergarten]\nvalue = 30\ncite = \"某市文件\"\n");
  auto problems = problems_of("city");
  EXPECT_TRUE(has(problems, "class_size.max.kindergarten", "[extends.class_size.max.kindergarten]"))
      << ::testing::PrintToString(problems);
  auto p = load_policy("city");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find(file("city") + ":class_size.max.kindergarten:"), std::string::npos);
}

TEST_F(PolicyCheck, ExtendsKeyTheBaseAlreadyHas) {
  write("city", std::string(kHeader) + "[extends.class_size.max.primary]\nvalue = 40\ncite = \"某市文件\"\n");
  EXPECT_TRUE(has(problems_of("city"), "extends.class_size.max.primary", "已有这条规则"));
}

TEST_F(PolicyCheck, ExtendsKeyClashingWithBaseHierarchy) {
  write("city", std::string(kHeader) + "[extends.class_size.max]\nvalue = 40\ncite = \"某市文件\"\n");
  EXPECT_TRUE(has(problems_of("city"), "extends.class_size.max", "层级冲突"));
}

TEST_F(PolicyCheck, TypeMismatchWithBase) {
  write("city", std::string(kHeader) + "[class_size.max.primary]\nvalue = \"45人\"\ncite = \"某市文件\"\n\n" +
                    "[grades.primary]\nvalue = 6\ncite = \"某市文件\"\n");
  auto problems = problems_of("city");
  EXPECT_TRUE(has(problems, "class_size.max.primary", "类型与基础策略不一致：基础为数值"))
      << ::testing::PrintToString(problems);
  EXPECT_TRUE(has(problems, "grades.primary", "基础为数值数组"));
}

TEST_F(PolicyCheck, UnitMismatchWithBase) {
  write("city", std::string(kHeader) + "[class_size.max.primary]\nvalue = 40\nunit = \"名\"\ncite = \"某市文件\"\n");
  EXPECT_TRUE(has(problems_of("city"), "class_size.max.primary", "单位与基础策略不一致"));
}

TEST_F(PolicyCheck, ValueTableWithoutValue) {
  write("city", std::string(kHeader) + "[class_size.max.primary]\nunit = \"人\"\ncite = \"某市文件\"\n");
  EXPECT_TRUE(has(problems_of("city"), "class_size.max.primary", "缺少 value"));
}

TEST_F(PolicyCheck, UnknownBase) {
  write("city", "[profile]\nname = \"city\"\ntitle = \"某市\"\nbase = \"nationl\"\n");
  auto problems = problems_of("city");
  EXPECT_TRUE(has(problems, "profile.base", "未知的基础策略 \"nationl\"")) << ::testing::PrintToString(problems);
  EXPECT_FALSE(load_policy("city").ok());
}

TEST_F(PolicyCheck, CycleBetweenTwoOverlays) {
  write("a", "[profile]\nname = \"a\"\ntitle = \"甲\"\nbase = \"b\"\n");
  write("b", "[profile]\nname = \"b\"\ntitle = \"乙\"\nbase = \"a\"\n");
  auto all = check_policies();
  auto cycles = std::count_if(all.begin(), all.end(), [](const Problem& p) {
    return p.key == "profile.base" && p.message.find("循环") != std::string::npos;
  });
  EXPECT_EQ(cycles, 1) << ::testing::PrintToString(problems_of("a")) << ::testing::PrintToString(problems_of("b"));
  EXPECT_FALSE(load_policy("a").ok());
  EXPECT_FALSE(load_policy("b").ok());
  EXPECT_TRUE(load_policy("national").ok());  // other profiles are unaffected
}

TEST_F(PolicyCheck, ProfileThatIsItsOwnBase) {
  write("city", "[profile]\nname = \"city\"\ntitle = \"某市\"\nbase = \"city\"\n");
  EXPECT_TRUE(has(problems_of("city"), "profile.base", "city → city"));
}

TEST_F(PolicyCheck, UnknownFieldInRuleTable) {
  write("city", std::string(kHeader) + "[class_size.max.primary]\nvalue = 40\ncite = \"某市文件\"\nsource = \"x\"\n");
  EXPECT_TRUE(has(problems_of("city"), "class_size.max.primary", "未知字段 \"source\""));
}

TEST_F(PolicyCheck, BadConfidenceCompareAndYears) {
  write("city", std::string(kHeader) +
                    "[class_size.max.primary]\nvalue = 40\ncite = \"某市文件\"\nconfidence = \"high\"\n"
                    "compare = \"≤\"\nfrom = 2025\nuntil = 2020\n");
  auto problems = problems_of("city");
  EXPECT_TRUE(has(problems, "class_size.max.primary", "confidence 只能是"));
  EXPECT_TRUE(has(problems, "class_size.max.primary", "compare 只能是"));
  EXPECT_TRUE(has(problems, "class_size.max.primary", "from 晚于 until"));
}

TEST_F(PolicyCheck, MalformedFilesAndHeaders) {
  write("syntax", "[profile\nname = \"syntax\"\n");
  auto syntax = check_policies();
  auto it = std::find_if(syntax.begin(), syntax.end(), [&](const Problem& p) { return p.file == file("syntax"); });
  ASSERT_NE(it, syntax.end());
  EXPECT_EQ(it->key, "1:9");
  EXPECT_NE(it->message.find("TOML 语法错误"), std::string::npos);

  write("noheader", "[x.y]\nvalue = 1\ncite = \"c\"\n");
  EXPECT_TRUE(has(problems_of("noheader"), "profile", "缺少 [profile]"));
  write("wrongname", "[profile]\nname = \"other\"\ntitle = \"某\"\nbase = \"national\"\nregion = \"x\"\n");
  EXPECT_TRUE(has(problems_of("wrongname"), "profile.name", "与文件名"));
  EXPECT_TRUE(has(problems_of("wrongname"), "profile.region", "未知字段"));
  write("notitle", "[profile]\nname = \"notitle\"\nbase = \"national\"\n");
  EXPECT_TRUE(has(problems_of("notitle"), "profile.title", "缺少 title"));
}

TEST_F(PolicyCheck, BareValuesBadKeysAndValueTypes) {
  write("city", std::string(kHeader) +
                    "[class_size.max]\nprimary = 40\n\n"
                    "[extends.Class_Size.x]\nvalue = 1\ncite = \"c\"\n\n"
                    "[extends.list.bad]\nvalue = [1, \"a\"]\ncite = \"c\"\n\n"
                    "[extends.date.bad]\nvalue = 2025-01-01\ncite = \"c\"\n\n"
                    "[extends.nested]\nvalue = 1\ncite = \"c\"\n[extends.nested.child]\nvalue = 2\ncite = \"c\"\n");
  auto problems = problems_of("city");
  EXPECT_TRUE(has(problems, "class_size.max.primary", "规则必须写成表")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has(problems, "extends.Class_Size.x", "小写字母"));
  EXPECT_TRUE(has(problems, "extends.list.bad", "数组只能包含数值"));
  EXPECT_TRUE(has(problems, "extends.date.bad", "类型不支持"));
  EXPECT_TRUE(has(problems, "extends.nested.child", "不能再嵌套子表"));
}

TEST_F(PolicyCheck, MultiLevelOverlayKeepsProvenanceOfEveryLayer) {
  write("city", std::string(kHeader) + "[class_size.max.primary]\nvalue = 42\ncite = \"某市文件\"\n\n" +
                    "[extends.class_size.max.kindergarten]\nvalue = 30\ncite = \"某市文件\"\n");
  write("district", "[profile]\nname = \"district\"\ntitle = \"某区\"\nbase = \"city\"\n\n"
                    "[class_size.max.primary]\nvalue = 40\ncite = \"某区文件\"\n\n"
                    "[class_size.max.kindergarten]\nvalue = 25\ncite = \"某区文件\"\n");
  auto p = load_policy("district");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->chain(), (std::vector<std::string>{"national", "city", "district"}));
  auto layers = p->layers("class_size.max.primary");
  ASSERT_EQ(layers.size(), 3u);
  EXPECT_EQ(layers[0].profile, "national");
  EXPECT_EQ(layers[1].profile, "city");
  EXPECT_EQ(layers[2].profile, "district");
  EXPECT_EQ(*p->number("class_size.max.kindergarten"), 25);
  EXPECT_FALSE(p->rule("class_size.max.kindergarten")->extension);  // district overrides it normally
  EXPECT_EQ(p->rule("class_size.max.junior")->profile, "national");
}

TEST_F(PolicyCheck, DirectoryProfileReplacesEmbeddedOne) {
  write("national", "[profile]\nname = \"national\"\ntitle = \"国家基线（局内修订）\"\n\n"
                    "[class_size.max.primary]\nvalue = 40\nunit = \"人\"\ncite = \"局内修订稿\"\n");
  auto p = load_policy("national");
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(*p->number("class_size.max.primary"), 40);
  EXPECT_EQ(p->rule("class_size.max.primary")->file, file("national"));
  EXPECT_FALSE(p->has("class_size.max.junior"));
}

TEST(PolicyCheckDir, MissingPolicyDirectoryIsReported) {
  test::PolicyDirGuard guard(std::string("/nonexistent/youjun-policy-dir"));
  auto p = load_policy("national");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("YOUJUN_POLICY_DIR"), std::string::npos);
  EXPECT_EQ(check_policies().size(), 1u);
  EXPECT_FALSE(load_policy("no_such_profile").ok());
}

TEST(PolicyCheckDir, UnknownProfileNameListsAvailableOnes) {
  test::PolicyDirGuard guard(std::nullopt);
  auto p = load_policy("atlantis");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("national"), std::string::npos);
}

}  // namespace
}  // namespace youjun::policy
