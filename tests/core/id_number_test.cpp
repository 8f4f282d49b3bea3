#include "core/id_number.hpp"

#include <gtest/gtest.h>

#include "core/dates.hpp"

using namespace youjun;

// Both numbers are the worked examples printed in GB 11643-1999 itself.
TEST(IdNumber, StandardExamplesAreValid) {
  EXPECT_EQ(id_number_check_char("11010519491231002"), 'X');
  EXPECT_EQ(id_number_check_char("44052418800101001"), '4');
  EXPECT_FALSE(id_number_problem("11010519491231002X"));
  EXPECT_FALSE(id_number_problem("11010519491231002x"));  // lower-case x accepted
  EXPECT_FALSE(id_number_problem("440524188001010014"));
}

TEST(IdNumber, RejectsBadChecksumLengthAndDate) {
  EXPECT_TRUE(id_number_problem("110105194912310021"));  // check should be X
  EXPECT_TRUE(id_number_problem("11010519491231002"));   // 17 chars
  EXPECT_TRUE(id_number_problem("1101051949123A002X"));  // letter in body
  // 2023-02-29 does not exist. Check char worked by hand: weighted sum of 33010220230229001 = 171, 171 % 11 = 6 -> "6"
  EXPECT_EQ(id_number_check_char("33010220230229001"), '6');
  EXPECT_NE(id_number_problem("330102202302290016").value_or("").find("出生日期"), std::string::npos);
}

TEST(IdNumber, InfoAndMasking) {
  auto info = id_number_info("11010519491231002X");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->birth_date, "1949-12-31");
  EXPECT_EQ(info->gender, 'F');  // 17th digit 2 is even
  EXPECT_EQ(id_number_info("440524188001010014")->gender, 'M');
  EXPECT_EQ(mask_id_number("11010519491231002X"), "1101*************X");  // no county, no birth date, no sequence
}

TEST(Dates, CalendarRules) {
  EXPECT_TRUE(is_valid_iso_date("2024-02-29"));
  EXPECT_FALSE(is_valid_iso_date("2023-02-29"));
  EXPECT_FALSE(is_valid_iso_date("1900-02-29"));  // 1900 is not a leap year
  EXPECT_TRUE(is_valid_iso_date("2000-02-29"));
  EXPECT_FALSE(is_valid_iso_date("2024-13-01"));
  EXPECT_FALSE(is_valid_iso_date("2024-1-01"));
  EXPECT_TRUE(is_valid_school_year("2025-2026"));
  EXPECT_FALSE(is_valid_school_year("2025-2027"));
}
