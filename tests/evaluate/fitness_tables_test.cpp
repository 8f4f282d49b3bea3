// The table file format and its checks, measured values (m'ss for runs, negative reach), and the lookup
// rule "the highest points whose threshold the result reaches; below the last row 0" — on small tables
// written here, so each expectation can be read off the table above it.
#include <gtest/gtest.h>

#include "evaluate/fitness_tables.hpp"
#include "evaluate/fitness_tables_index.hpp"
#include "test_util.hpp"

namespace youjun::evaluate {
namespace {

constexpr const char* kRun =  // a timed item: thresholds grow as points fall
    "# 50米跑（test）\n"
    "# src A = copy one\n"
    "# src B = copy two\n"
    "grade,sex,points,threshold,sources\n"
    "1,M,100,10.2,A;B\n"
    "1,M,90,10.4,A\n"
    "1,M,60,12.6,A;B\n"
    "1,M,10,13.6,B\n";

Result<FitnessTables> parse(std::vector<std::pair<std::string, std::string>> files) {
  static std::vector<std::pair<std::string, std::string>> keep;  // EmbeddedFile holds views
  keep = std::move(files);
  std::vector<EmbeddedFile> embedded;
  for (const auto& [name, text] : keep) embedded.push_back({name, text});
  return parse_fitness_tables(embedded);
}

TEST(FitnessTables, ParsesRowsSourcesAndDirection) {
  auto t = parse({{"run_50m.csv", kRun}});
  ASSERT_TRUE(t) << t.error().message;
  const ItemTable& run = t->items.at("run_50m");
  EXPECT_TRUE(run.lower_is_better);
  ASSERT_EQ(run.rows[slot(1, Sex::male)].size(), 4u);
  EXPECT_TRUE(run.rows[slot(1, Sex::female)].empty());
  EXPECT_EQ(run.rows[slot(1, Sex::male)][1].threshold, 10400);
  EXPECT_EQ(run.rows[slot(1, Sex::male)][3].sources, "B");
  EXPECT_EQ(run.source_notes.at("A"), "copy one");
}

TEST(FitnessTables, LookupTakesTheHighestRowReached) {
  auto t = parse({{"run_50m.csv", kRun}});
  const auto& rows = t->items.at("run_50m").rows[slot(1, Sex::male)];
  EXPECT_EQ(lookup_points(rows, true, 10200), 100);  // exactly the threshold
  EXPECT_EQ(lookup_points(rows, true, 9800), 100);
  EXPECT_EQ(lookup_points(rows, true, 10250), 90);   // 10.25 s does not reach 10.2
  EXPECT_EQ(lookup_points(rows, true, 12600), 60);
  EXPECT_EQ(lookup_points(rows, true, 13600), 10);
  EXPECT_EQ(lookup_points(rows, true, 13700), 0);    // below the last row
  std::vector<TableRow> reach{{100, 16100, "A"}, {60, 0, "A"}, {10, -4000, "A"}};
  EXPECT_EQ(lookup_points(reach, false, 16100), 100);
  EXPECT_EQ(lookup_points(reach, false, 16099), 60);
  EXPECT_EQ(lookup_points(reach, false, -3999), 10);
  EXPECT_EQ(lookup_points(reach, false, -4100), 0);
}

TEST(FitnessTables, RejectsBadTables) {
  auto message = [](std::string name, std::string text) { return parse({{name, text}}).error().message; };
  std::string head = "# src A = x\ngrade,sex,points,threshold,sources\n";
  EXPECT_EQ(message("x.csv", head + "1,M,100,10,A\n1,M,100,9,A\n"), "policy/fitness/x.csv:4: 同一年级、性别内分值应逐行递减");
  EXPECT_EQ(message("x.csv", head + "1,M,100,10,A\n1,M,90,10,A\n"), "policy/fitness/x.csv: 阈值须严格单调（90 分一行与上一行）");
  EXPECT_EQ(message("x.csv", head + "1,M,100,10,A\n1,M,90,9,A\n1,F,100,8,A\n1,F,90,9,A\n"),
            "policy/fitness/x.csv: 阈值须严格单调（90 分一行与上一行）");  // directions differ between slots
  EXPECT_EQ(message("x.csv", head + "1,M,100,10,C\n"), "policy/fitness/x.csv:3: 来源 C 未在文件头以 # src 声明");
  EXPECT_EQ(message("x.csv", head + "13,M,100,10,A\n"), "policy/fitness/x.csv:3: grade 应为 1–12");
  EXPECT_EQ(message("x.csv", head + "1,X,100,10,A\n"), "policy/fitness/x.csv:3: sex 应为 M 或 F");
  EXPECT_EQ(message("x.csv", "grade,sex,points,value,sources\n"), "policy/fitness/x.csv:1: 表头应为 grade,sex,points,threshold,sources");
  std::string bmi = "# src A = x\ngrade,sex,band,points,min,max,sources\n";
  EXPECT_TRUE(parse({{"bmi.csv", bmi + "1,M,低体重,80,,13.4,A\n1,M,正常,100,13.5,18.1,A\n1,M,超重,80,18.2,20.3,A\n1,M,肥胖,60,20.4,,A\n"}}));
  EXPECT_EQ(message("bmi.csv", bmi + "1,M,低体重,80,,13.4,A\n1,M,正常,100,13.6,18.1,A\n1,M,肥胖,60,18.2,,A\n"),
            "policy/fitness/bmi.csv: 低体重 等分档须首尾相接（相差 0.1）且两端开放");
}

TEST(FitnessTables, MeasuresAsPeopleWriteThem) {
  EXPECT_EQ(*parse_measure("10.2"), 10200);
  EXPECT_EQ(*parse_measure("-3.5"), -3500);
  EXPECT_EQ(*parse_measure("220"), 220000);
  EXPECT_EQ(*parse_measure("3'40"), 220000);
  EXPECT_EQ(*parse_measure("3'40\""), 220000);
  EXPECT_EQ(*parse_measure("3:40.5"), 220500);
  EXPECT_EQ(*parse_measure("1'05"), 65000);
  EXPECT_FALSE(parse_measure("3'60"));   // 60 seconds is a minute
  EXPECT_FALSE(parse_measure("-3'40"));
  EXPECT_FALSE(parse_measure("ten"));
  EXPECT_FALSE(parse_measure(""));
  EXPECT_FALSE(parse_measure("1.2345"));  // beyond thousandths
  EXPECT_EQ(measure_text(-800), "-0.8");
  EXPECT_EQ(measure_text(1700000), "1700");
}

// Independence counts repositories, not keys: a program and a document of one repository are one copy.
TEST(FitnessTables, IndependentCopiesCountRepositories) {
  ItemTable t;
  t.source_notes = {{"A", "owner/repo Prog.bas"}, {"W", "owner/repo Doc/standard.doc"}, {"K", "other/repo x.ts"}};
  EXPECT_EQ(independent_copies(t, "A;W"), 1u);
  EXPECT_EQ(independent_copies(t, "A;W;K"), 2u);
  EXPECT_EQ(independent_copies(t, "K"), 1u);
}

// The embedded tables: every (grade, sex) an item is tested in has its rows, and the BMI bands and the
// 一年级 rows of standards.md §2.4 are there as printed.
TEST(FitnessTables, EmbeddedTablesHaveTheStandardsRows) {
  const auto& t = fitness_tables();
  ASSERT_TRUE(t) << t.error().message;
  const auto& vc = t->items.at("vital_capacity").rows[slot(1, Sex::male)];
  ASSERT_EQ(vc.size(), 20u);
  EXPECT_EQ(vc.front().threshold, 1'700'000);  // 100 分 1700 ml
  EXPECT_EQ(vc.back().threshold, 500'000);     // 10 分 500 ml
  const auto& reach = t->items.at("sit_reach").rows[slot(1, Sex::female)];
  EXPECT_EQ(reach[14].points, 60);
  EXPECT_EQ(reach[14].threshold, 2400);         // 女 60 分 2.4 cm
  EXPECT_EQ(reach[19].threshold, -1600);        // 女 10 分 −1.6 cm
  // 50m 男 90 分 across 一年级…高三 (standards.md §2.4, from an independent page).
  const Milli run90[12] = {10400, 9800, 9300, 8900, 8600, 8400, 8000, 7700, 7500, 7300, 7200, 7000};
  for (int g = 1; g <= 12; ++g) {
    const auto& rows = t->items.at("run_50m").rows[slot(g, Sex::male)];
    EXPECT_EQ(rows[2].points, 90);
    EXPECT_EQ(rows[2].threshold, run90[g - 1]) << "grade " << g;
  }
  // 引体向上 has no 78/74/70/66/62 rows (blank in the official table).
  for (const auto& r : t->items.at("pull_ups").rows[slot(8, Sex::male)]) EXPECT_NE(r.points, 78);
  EXPECT_TRUE(t->items.at("pull_ups").rows[slot(8, Sex::female)].empty());
  // 高三女 BMI 超重 23.4–25.7 (standards.md §2.3).
  bool found = false;
  for (const auto& b : t->bmi[slot(12, Sex::female)])
    if (b.band == "超重") found = b.min == 23400 && b.max == 25700;
  EXPECT_TRUE(found);
}

// docs/fitness-tables-index.md is generated; it must match the tables.
TEST(FitnessTables, SourceIndexDocIsUpToDate) {
  const auto& t = fitness_tables();
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_TRUE(fitness_tables_markdown(*t) == test::file_bytes(test::source_path("docs/fitness-tables-index.md")))
      << "docs/fitness-tables-index.md is stale: run `youjun evaluate tables --out docs/fitness-tables-index.md`";
}

}  // namespace
}  // namespace youjun::evaluate
