// Internal helpers of the .xlsx reader (src/io/detail.hpp, src/io/xlsx_detail.hpp).
#include <gtest/gtest.h>

#include "io/detail.hpp"
#include "io/xlsx_detail.hpp"

using namespace youjun::io::detail;

TEST(XlsxFormat, NumbersAsExcelShowsThem) {
  EXPECT_EQ(format_number(4.5), "4.5");
  EXPECT_EQ(format_number(2000), "2000");
  EXPECT_EQ(format_number(3306001), "3306001");
  EXPECT_EQ(format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(format_number(-12.25), "-12.25");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(0.0001), "0.0001");
  EXPECT_EQ(format_number(1.0 / 3), "0.333333333333333");
  EXPECT_EQ(format_number(330602200001011234.0), "330602200001011000");  // Excel keeps 15 digits
  EXPECT_EQ(format_number(1e21), "1E+21");
  EXPECT_EQ(format_number(1.5e-10), "1.5E-10");
  EXPECT_EQ(parse_number("4.5").value_or(-1), 4.5);
  EXPECT_EQ(parse_number("+7").value_or(-1), 7);
  EXPECT_FALSE(parse_number("4.5x"));
  EXPECT_FALSE(parse_number("inf"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("+-1"));
}

TEST(XlsxFormat, ClassifiesBuiltInAndCustomFormats) {
  EXPECT_EQ(classify_number_format(0, "").kind, NumberFormat::kPlain);
  EXPECT_EQ(classify_number_format(14, "").kind, NumberFormat::kDate);
  EXPECT_EQ(classify_number_format(17, "").kind, NumberFormat::kDate);
  EXPECT_EQ(classify_number_format(20, "").kind, NumberFormat::kTime);
  EXPECT_EQ(classify_number_format(22, "").kind, NumberFormat::kDateTime);
  EXPECT_EQ(classify_number_format(31, "").kind, NumberFormat::kDate);  // zh-CN yyyy"年"m"月"d"日"
  EXPECT_EQ(classify_number_format(176, "yyyy\"年\"m\"月\"d\"日\";@").kind, NumberFormat::kDate);
  EXPECT_EQ(classify_number_format(177, "[$-804]yyyy/m/d").kind, NumberFormat::kDate);
  EXPECT_EQ(classify_number_format(178, "mm:ss").kind, NumberFormat::kTime);
  EXPECT_EQ(classify_number_format(179, "[h]:mm").kind, NumberFormat::kTime);
  EXPECT_EQ(classify_number_format(180, "yyyy-mm-dd hh:mm").kind, NumberFormat::kDateTime);
  EXPECT_EQ(classify_number_format(181, "#,##0.00\"元\"").kind, NumberFormat::kPlain);
  EXPECT_EQ(classify_number_format(182, "[Red]0.00;[Blue]-0.00").kind, NumberFormat::kPlain);
  EXPECT_EQ(classify_number_format(183, "General").kind, NumberFormat::kPlain);
  EXPECT_EQ(classify_number_format(184, "000000").zero_pad, 6);
  EXPECT_EQ(classify_number_format(185, "0").zero_pad, 0);
}

TEST(XlsxFormat, SerialDatesInBothDateSystems) {
  NumberFormat date{NumberFormat::kDate};
  EXPECT_EQ(format_cell_number(45536, date, false), "2024-09-01");
  EXPECT_EQ(format_cell_number(45536.75, date, false), "2024-09-01");
  EXPECT_EQ(format_cell_number(1, date, false), "1900-01-01");
  EXPECT_EQ(format_cell_number(59, date, false), "1900-02-28");
  EXPECT_EQ(format_cell_number(61, date, false), "1900-03-01");
  EXPECT_EQ(format_cell_number(2958465, date, false), "9999-12-31");
  EXPECT_EQ(format_cell_number(2958466, date, false), "2958466");  // out of range: the number
  EXPECT_EQ(format_cell_number(-1, date, false), "-1");
  EXPECT_EQ(format_cell_number(0, date, true), "1904-01-01");
  EXPECT_EQ(format_cell_number(44074, date, true), "2024-09-01");
  NumberFormat date_time{NumberFormat::kDateTime};
  EXPECT_EQ(format_cell_number(45536.5, date_time, false), "2024-09-01 12:00");
  EXPECT_EQ(format_cell_number(45536, date_time, false), "2024-09-01");
  EXPECT_EQ(format_cell_number(45536 + 3725.0 / 86400, date_time, false), "2024-09-01 01:02:05");
  NumberFormat time{NumberFormat::kTime};
  EXPECT_EQ(format_cell_number(0.3125, time, false), "07:30");
  NumberFormat padded{NumberFormat::kPlain, 6};
  EXPECT_EQ(format_cell_number(5701, padded, false), "005701");
  EXPECT_EQ(format_cell_number(1234567, padded, false), "1234567");
  EXPECT_EQ(format_cell_number(5.5, padded, false), "5.5");
}

TEST(XlsxFormat, OoxmlEscapesAndRowBoundaries) {
  std::string text = "a_x000D__x000A_b_x005F_x0041_ _xD83D__xDE00_ _x12_";
  decode_ooxml_escapes(text, 0);
  EXPECT_EQ(text, "a\r\nb_x0041_ 😀 _x12_");

  EXPECT_EQ(row_boundary("<row r=\"1\"><c/></row><row r=\"2\"><c"), 21u);
  EXPECT_EQ(row_boundary("<x:row><x:c/></x:row><x:row>"), 21u);
  EXPECT_EQ(row_boundary("<row><c><v>row></v></c>"), 0u);
  EXPECT_EQ(row_boundary(""), 0u);
}

TEST(XlsxFormat, SharedStringsSkipPhoneticRuns) {
  auto s = parse_shared_strings(
      "<sst><si><t>a</t></si><si><r><t>b</t></r><r><t xml:space=\"preserve\"> c</t></r></si>"
      "<si><t>漢字</t><rPh sb=\"0\" eb=\"1\"><t>かんじ</t></rPh></si><si/><si><t/></si></sst>");
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s.get(0), "a");
  EXPECT_EQ(s.get(1), "b c");
  EXPECT_EQ(s.get(2), "漢字");
  EXPECT_EQ(s.get(3), "");
  EXPECT_EQ(s.get(4), "");
}
