#include <gtest/gtest.h>

#include "io/table.hpp"

using namespace youjun;

namespace {
// GBK bytes of "学校代码,学校名称\n3306001,越城区第一小学\n" (checked with `iconv -t gb18030`).
const std::string kGbkSchools =
    "\xD1\xA7\xD0\xA3\xB4\xFA\xC2\xEB,\xD1\xA7\xD0\xA3\xC3\xFB\xB3\xC6\n"
    "3306001,\xD4\xBD\xB3\xC7\xC7\xF8\xB5\xDA\xD2\xBB\xD0\xA1\xD1\xA7\n";
}  // namespace

TEST(Encoding, DetectsUtf8BomAndGb18030) {
  EXPECT_EQ(io::detect_encoding(""), "utf-8");
  EXPECT_EQ(io::detect_encoding("abc,123\n"), "utf-8");
  EXPECT_EQ(io::detect_encoding("学校代码,学校名称\n"), "utf-8");
  EXPECT_EQ(io::detect_encoding("\xEF\xBB\xBF学校"), "utf-8-bom");
  EXPECT_EQ(io::detect_encoding(kGbkSchools), "gb18030");
  EXPECT_EQ(io::detect_encoding("\xED\xA0\x80"), "gb18030");  // a UTF-16 surrogate is not UTF-8
  EXPECT_EQ(io::detect_encoding("\xC0\xAF"), "gb18030");      // overlong form is not UTF-8
}

TEST(Encoding, Utf8ToGb18030GivesGbkBytes) {
  auto gbk = io::utf8_to_gb18030("学校代码,学校名称\n3306001,越城区第一小学\n");
  ASSERT_TRUE(gbk.ok()) << gbk.error().message;
  EXPECT_EQ(*gbk, kGbkSchools);
}

TEST(Encoding, GbkCsvIsDecoded) {
  auto t = io::parse_csv(kGbkSchools, "学校.csv");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->encoding, "gb18030");
  EXPECT_EQ(t->header, (std::vector<std::string>{"学校代码", "学校名称"}));
  ASSERT_EQ(t->row_count(), 1u);
  EXPECT_EQ(t->cell(0, 0), "3306001");
  EXPECT_EQ(t->cell(0, 1), "越城区第一小学");
  EXPECT_EQ(t->line_number(0), 2);
}

TEST(Encoding, Gb18030RoundTripIncludingFourByteCharacters) {
  std::string text = "学生 é € 𠀀 😀 ㈠\r\n";
  auto gb = io::utf8_to_gb18030(text);
  ASSERT_TRUE(gb.ok());
  EXPECT_NE(*gb, text);
  auto back = io::gb18030_to_utf8(*gb);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, text);
}

TEST(Encoding, InvalidGbBytesNameOffsetAndLine) {
  auto bad = io::gb18030_to_utf8("ab\ncd\x81\x20xyz");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("第 2 行"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("字节偏移 5"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("0x81 0x20"), std::string::npos) << bad.error().message;

  auto truncated = io::gb18030_to_utf8("\xD1\xA7\xD0");
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().message.find("字节偏移 2"), std::string::npos) << truncated.error().message;

  auto csv = io::parse_csv("a,b\r\n1,2\r\n3,\xFF\x41\r\n", "坏.csv");
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.error().message.rfind("坏.csv:3:: 文件编码无法识别", 0), 0u) << csv.error().message;
  EXPECT_NE(csv.error().message.find("字节偏移 12"), std::string::npos) << csv.error().message;
}

TEST(Encoding, DamagedUtf8IsNotMisreadAsGbk) {
  // A BOM says UTF-8: a bad byte later is reported, not decoded as GB18030 mojibake.
  auto with_bom = io::parse_csv("\xEF\xBB\xBF姓名\n张三\xFF\n", "u.csv");
  ASSERT_FALSE(with_bom.ok());
  EXPECT_EQ(with_bom.error().message.rfind("u.csv:2:: 文件是 UTF-8 编码", 0), 0u) << with_bom.error().message;
  EXPECT_NE(with_bom.error().message.find("字节偏移 16"), std::string::npos) << with_bom.error().message;

  auto no_bom = io::parse_csv("学校代码,学校名称\n3306001,越城区第一小学\xC3\n", "u.csv");
  ASSERT_FALSE(no_bom.ok());
  EXPECT_EQ(no_bom.error().message.rfind("u.csv:2:: 文件是 UTF-8 编码", 0), 0u) << no_bom.error().message;
}

TEST(Encoding, InvalidUtf8InputToGb18030NamesOffset) {
  auto bad = io::utf8_to_gb18030("ok\n\xFFno");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("第 2 行"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("字节偏移 3"), std::string::npos) << bad.error().message;
}

TEST(Encoding, Utf16TextFromExcelIsDecoded) {
  // Excel "Unicode 文本": UTF-16LE with BOM, tab separated.
  std::u16string text = u"学号\t姓名\r\n001\t张三\r\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : text) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  auto t = io::parse_csv(bytes, "u.txt");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->encoding, "utf-16");
  EXPECT_EQ(t->header, (std::vector<std::string>{"学号", "姓名"}));
  ASSERT_EQ(t->row_count(), 1u);
  EXPECT_EQ(t->cell(0, 1), "张三");
}
