// 随迁子女 share per county on both backends: a hand-made city whose counts are known.
#include "enroll/migrant_share.hpp"

#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/test_databases.hpp"

namespace youjun::enroll {
namespace {

class MigrantShareTest : public test::BackendTest {};

INSTANTIATE_TEST_SUITE_P(Backends, MigrantShareTest, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

TEST_P(MigrantShareTest, CountsCompulsoryGradesByOwnershipPerDistrict) {
  test::TestDatabase db(GetParam());
  auto c = db.open();
  ASSERT_TRUE(store::migrate(*c).ok());
  for (auto [code, name] : {std::pair{"D1", "甲区"}, {"D2", "乙县"}, {"D3", "丙县"}})
    ASSERT_TRUE(c->exec("INSERT INTO districts (code, name) VALUES (?, ?)", {code, name}).ok());
  auto school = [&](const char* code, const char* district, const char* ownership) {
    ASSERT_TRUE(c->exec("INSERT INTO schools (code, name, district_code, level, ownership, locale) VALUES (?, ?, ?, 'nine_year', ?, 'urban')",
                        {code, std::string("学校") + code, district, ownership})
                    .ok());
  };
  school("P1", "D1", "public");
  school("M1", "D1", "private");
  school("P2", "D2", "public");
  int n = 0;
  auto student = [&](const char* school_code, int migrant, int grade) {
    std::string id = "h" + std::to_string(++n);
    ASSERT_TRUE(c->exec("INSERT INTO students (id_hash, id_enc, id_masked, name, gender, birth_date, hukou_type, migrant, "
                        "school_code, grade, class_no) VALUES (?, 'x', 'm', '某', 'F', '2015-01-01', 'nonlocal', ?, ?, ?, 1)",
                        {id, int64_t{migrant}, school_code, int64_t{grade}})
                    .ok());
  };
  // D1: 3 migrants in P1, 1 in M1, plus a non-migrant and a grade-10 migrant that do not count → 3/4.
  for (int g : {1, 5, 9}) student("P1", 1, g);
  student("M1", 1, 3);
  student("P1", 0, 2);
  student("P1", 1, 10);
  // D2: one migrant, public → 1/1. D3: no schools → no share.
  student("P2", 1, 7);
  auto shares = migrant_shares(*c);
  ASSERT_TRUE(shares) << shares.error().message;
  ASSERT_EQ(shares->size(), 4u);
  EXPECT_EQ((*shares)[0].district_code, "D1");
  EXPECT_EQ((*shares)[0].migrants, 4);
  EXPECT_EQ((*shares)[0].in_public, 3);
  EXPECT_DOUBLE_EQ(*(*shares)[0].share, 0.75);
  EXPECT_DOUBLE_EQ(*(*shares)[1].share, 1.0);
  EXPECT_EQ((*shares)[2].migrants, 0);
  EXPECT_FALSE((*shares)[2].share.has_value());
  EXPECT_EQ((*shares)[3].district_name, "全市");
  EXPECT_EQ((*shares)[3].migrants, 5);
  EXPECT_DOUBLE_EQ(*(*shares)[3].share, 0.8);
}

}  // namespace
}  // namespace youjun::enroll
