// The small demo city imports cleanly through the product's importer (every row valid).
#include <gtest/gtest.h>

#include "demo/demo_fixture.hpp"
#include "import/importer.hpp"
#include "store/migrations.hpp"

using namespace youjun;
using youjun::test::demo_file;
using youjun::test::small_demo;

TEST(DemoImport, SmallCityImportsWithoutErrors) {
  test::TempDir dir;
  auto db = store::open_database(dir.path("city.db"));
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(store::migrate(**db).ok());
  auto key = PersonalDataKey::from_bytes({9, 9, 9});
  const auto& summary = small_demo().summary;
  std::pair<const char*, size_t> kinds[] = {{"schools", summary.schools},
                                            {"school_facts", summary.facts_rows},
                                            {"teachers", summary.teachers},
                                            {"students", summary.students}};
  for (auto& [kind, rows] : kinds) {
    auto report = import::import_file(**db, key, kind, demo_file(std::string(kind) + ".csv"));
    ASSERT_TRUE(report.ok()) << kind << ": " << report.error().message;
    for (size_t i = 0; i < report->errors.size() && i < 5; ++i) ADD_FAILURE() << report->errors[i].to_string();
    EXPECT_EQ(report->rows, rows) << kind;
    EXPECT_EQ(report->inserted, rows) << kind;
  }
}
