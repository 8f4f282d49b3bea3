// Rules of eligibility: tiers from the profile's conditions, the derivation, the 3-year one-household
// housing rule (002 金华) at its boundaries, 随迁子女 documents, and the readers' row errors.
#include <gtest/gtest.h>

#include "enroll/eligibility.hpp"
#include "enroll/eligibility_files.hpp"
#include "enroll/enroll_test_util.hpp"

namespace youjun::enroll {
namespace {

using test::csv;
using test::lines;

TierRule tier(int n, const std::string& name, const std::string& condition) {
  return {n, name, "cite-" + std::to_string(n), *parse_tier_condition(condition)};
}

EligibilityParams params(int one_household_years) {
  EligibilityParams p;
  p.year = 2026;
  p.one_household_years = one_household_years;
  p.housing_citation = "金华";
  p.migrant_documents = {"居住证", "社保"};
  p.documents_citation = "docs";
  p.tiers = {tier(1, "人户一致", "hukou_in_catchment & owns_home_in_catchment"), tier(2, "有房", "owns_home_in_catchment"),
             tier(3, "人才房或租房有证", "talent_housing | rents_in_catchment & residence_permit"),
             tier(4, "随迁", "migrant & migrant_documents_complete")};
  return p;
}

Application app(const std::string& id, const std::string& household, const std::string& home,
                std::map<std::string, bool> facts, std::vector<std::string> docs = {}) {
  return {id, "S1", household, home, std::move(facts), std::move(docs)};
}

TEST(Eligibility, ConditionsParseAndRejectUnknownFacts) {
  auto c = parse_tier_condition(" talent_housing | rents_in_catchment &residence_permit ");
  ASSERT_TRUE(c);
  EXPECT_EQ(*c, (std::vector<std::vector<std::string>>{{"talent_housing"}, {"rents_in_catchment", "residence_permit"}}));
  EXPECT_FALSE(parse_tier_condition("hukou_in_catchment & exam_score"));
  EXPECT_FALSE(parse_tier_condition("hukou_in_catchment & "));
}

TEST(Eligibility, FirstTierThatHoldsWithItsReasons) {
  std::vector<Application> apps = {
      app("A", "H1", "R1", {{"hukou_in_catchment", true}, {"owns_home_in_catchment", true}}),
      app("B", "H2", "R2", {{"owns_home_in_catchment", true}}),
      app("C", "H3", "", {{"rents_in_catchment", true}, {"residence_permit", true}}),
      app("D", "H4", "", {{"rents_in_catchment", true}}),                               // no permit: nothing
      app("E", "H5", "", {{"talent_housing", true}}),                                    // the other alternative
      app("F", "H6", "", {{"migrant", true}}, {"居住证"}),                               // documents missing
      app("G", "H7", "", {{"migrant", true}}, {"社保", "居住证", "其他"}),               // complete
  };
  auto r = derive_tiers(apps, {}, params(3));
  std::vector<std::optional<int>> tiers;
  for (const auto& x : r) tiers.push_back(x.tier);
  EXPECT_EQ(tiers, (std::vector<std::optional<int>>{1, 2, 3, std::nullopt, 3, std::nullopt, 4}));
  // B: tier 1 failed for want of 户籍, then tier 2.
  EXPECT_EQ(r[1].derivation[1], "第 1 类（人户一致）需要 户籍在学区 且 房产在学区（缺 户籍在学区）");
  EXPECT_EQ(r[1].derivation[2], "→ 第 2 类：有房（满足 房产在学区；cite-2）");
  // D: the or-condition names both ways it could have held.
  EXPECT_EQ(r[3].derivation[3], "第 3 类（人才房或租房有证）需要 住人才房（缺 住人才房）；或 租房在学区 且 有居住证（缺 有居住证）");
  EXPECT_EQ(r[3].derivation.back(), "→ 不符合任何类别：由教育局统筹安排");
  EXPECT_EQ(r[5].derivation[1], "随迁子女材料缺：社保（docs）");
}

TEST(Eligibility, OneHomeOneHouseholdInsideTheWindow) {
  std::vector<HomeUse> history = {{"R1", "H9", "X1", 2024},   // 2 years ago, other household: blocks
                                  {"R2", "H9", "X2", 2023},   // exactly 3 years ago: the window is over
                                  {"R3", "H3", "X3", 2025},   // the same household (a sibling): fine
                                  {"R4", "H9", "X4", 2027}};  // a later year is not an earlier use
  std::vector<Application> apps = {
      app("A", "H1", "R1", {{"hukou_in_catchment", true}, {"owns_home_in_catchment", true}}),
      app("B", "H2", "R2", {{"hukou_in_catchment", true}, {"owns_home_in_catchment", true}}),
      app("C", "H3", "R3", {{"owns_home_in_catchment", true}}),
      app("D", "H4", "R4", {{"owns_home_in_catchment", true}}),
  };
  auto r = derive_tiers(apps, history, params(3));
  EXPECT_EQ(r[0].tier, std::nullopt);  // 户籍 alone is no tier in this profile
  ASSERT_EQ(r[0].flags.size(), 1u);
  EXPECT_EQ(r[0].flags[0].kind, "home_used_by_other_household");
  EXPECT_EQ(r[0].flags[0].message,
            "房产 R1 已于 2024 年由另一户（申请人 X1）用于入学，3 年内只允许一户家庭子女入学：本次不计房产（金华）");
  EXPECT_EQ(r[1].tier, 1);
  EXPECT_TRUE(r[1].flags.empty());
  EXPECT_EQ(r[2].tier, 2);
  EXPECT_TRUE(r[2].flags.empty());
  EXPECT_EQ(r[3].tier, 2);
  // Without the rule in the profile (national), nothing is checked.
  auto national = derive_tiers(apps, history, params(0));
  EXPECT_EQ(national[0].tier, 1);
  EXPECT_TRUE(national[0].flags.empty());
}

TEST(Eligibility, TwoHouseholdsOnOneHomeThisYearAreBothFlagged) {
  std::vector<HomeUse> history = {{"R1", "H1", "X", 2025}};
  std::vector<Application> apps = {app("A", "H1", "R1", {{"owns_home_in_catchment", true}}),
                                   app("B", "H2", "R1", {{"owns_home_in_catchment", true}}),   // blocked by H1's use
                                   app("C", "H5", "R5", {{"owns_home_in_catchment", true}}),
                                   app("D", "H6", "R5", {{"owns_home_in_catchment", true}}),
                                   app("E", "H5", "R5", {{"owns_home_in_catchment", true}})};  // C's sibling
  auto r = derive_tiers(apps, history, params(3));
  EXPECT_TRUE(r[0].flags.empty());  // B lost the home to the history, so A's claim is not shared
  EXPECT_EQ(r[1].flags[0].kind, "home_used_by_other_household");
  EXPECT_EQ(r[1].tier, std::nullopt);
  for (size_t i : {2u, 3u, 4u}) {
    ASSERT_EQ(r[i].flags.size(), 1u) << i;
    EXPECT_EQ(r[i].flags[0].message, "房产 R5 本年有 2 户申请使用，须人工核定哪一户可用（金华）");
    EXPECT_EQ(r[i].tier, 2);  // flagged for review, not demoted
  }
}

TEST(Eligibility, ReadersReportEveryBadRow) {
  std::vector<Application> apps;
  auto errors = read_applications(
      csv("applicant_id,school_id,household_id,home_id,owns_home_in_catchment,migrant,migrant_documents\n"
          "A,S1,H1,R1,是,否,\nA,S1,H2,R2,1,0,\nB,S1,H3,,是,否,\nC,S1,H4,,也许,否,\nD,S1,,,否,是,居住证 | 社保\n",
          "apps.csv"),
      apps);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{
                               "apps.csv:3:applicant_id: 申请人 A 重复（第 2 行已有）",
                               "apps.csv:4:home_id: 房产在学区时须填写房产编号 home_id 和家庭户编号 household_id（核对 3 年一户规则）",
                               "apps.csv:5:owns_home_in_catchment: 应为 是 或 否（也可写 1/0、true/false；空为否）",
                           }));
  ASSERT_EQ(apps.size(), 2u);
  EXPECT_TRUE(apps[0].facts.at("owns_home_in_catchment"));
  EXPECT_EQ(apps[1].documents, (std::vector<std::string>{"居住证", "社保"}));
  std::vector<HomeUse> history;
  errors = read_home_history(csv("home_id,household_id,year\nR1,H1,2024\nR2,,2024\nR3,H3,24\n", "h.csv"), history);
  EXPECT_EQ(lines(errors), (std::vector<std::string>{"h.csv:3:household_id: 编号不能为空",
                                                     "h.csv:4:year: 应为 1950–2150 之间的四位年份"}));
  EXPECT_EQ(history.size(), 1u);
}

}  // namespace
}  // namespace youjun::enroll
