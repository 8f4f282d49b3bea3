#include <gtest/gtest.h>

#include "io/table.hpp"

using namespace youjun;
using youjun::io::parse_csv;

namespace {

io::Table parse_ok(const std::string& bytes) {
  auto table = parse_csv(bytes, "t.csv");
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  return table.ok() ? std::move(*table) : io::Table{};
}

std::string parse_error(const std::string& bytes) {
  auto table = parse_csv(bytes, "t.csv");
  EXPECT_FALSE(table.ok());
  return table.ok() ? "" : table.error().message;
}

}  // namespace

TEST(CsvReader, QuotedFieldsWithCommasNewlinesAndDoubledQuotes) {
  auto t = parse_ok(
      "学校代码,学校名称,备注\n"
      "3306001,\"越城区第一小学, 本部\",\"他说\"\"你好\"\"\"\n"
      "3306002,\"第二\n小学\",\"\"\n"
      "3306003,三小,\"a\"\"\"\"b\"\n");
  EXPECT_EQ(t.file, "t.csv");
  EXPECT_EQ(t.encoding, "utf-8");
  ASSERT_EQ(t.header, (std::vector<std::string>{"学校代码", "学校名称", "备注"}));
  ASSERT_EQ(t.row_count(), 3u);
  EXPECT_EQ(t.column_count(), 3u);
  EXPECT_EQ(t.cell(0, 0), "3306001");
  EXPECT_EQ(t.cell(0, 1), "越城区第一小学, 本部");
  EXPECT_EQ(t.cell(0, 2), "他说\"你好\"");
  EXPECT_EQ(t.cell(1, 1), "第二\n小学");
  EXPECT_EQ(t.cell(1, 2), "");
  EXPECT_EQ(t.cell(2, 2), "a\"\"b");
  EXPECT_EQ(t.line_number(0), 2);
  EXPECT_EQ(t.line_number(1), 3);  // the record starts on line 3 and ends on line 4
  EXPECT_EQ(t.line_number(2), 5);
  EXPECT_EQ(t.cells_in_row(1), 3u);
}

TEST(CsvReader, StripsUtf8BomAndReadsCrlf) {
  auto t = parse_ok("\xEF\xBB\xBF姓名,学号\r\n张三,001\r\n\r\n李四,002\r\n");
  EXPECT_EQ(t.encoding, "utf-8-bom");
  ASSERT_EQ(t.header, (std::vector<std::string>{"姓名", "学号"}));
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.cell(0, 0), "张三");
  EXPECT_EQ(t.cell(0, 1), "001");  // no '\r' left on the last cell
  EXPECT_EQ(t.cell(1, 1), "002");
  EXPECT_EQ(t.line_number(0), 2);
  EXPECT_EQ(t.line_number(1), 4);  // the blank line 3 is skipped but still counted
}

TEST(CsvReader, LoneCrLineEndsAndNoFinalNewline) {
  auto t = parse_ok("a,b\r1,2\r\"x\ry\",3");
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.cell(0, 1), "2");
  EXPECT_EQ(t.cell(1, 0), "x\ry");
  EXPECT_EQ(t.cell(1, 1), "3");
  EXPECT_EQ(t.line_number(1), 3);
}

TEST(CsvReader, TrimsUnquotedCellsKeepsQuotedTextAndSkipsBlankLines) {
  auto t = parse_ok("  代码 , \" 名称 \" \n\n   \n  1 ,  \"  二  \"  \n,\n\t3\t,x\n\n\n");
  ASSERT_EQ(t.header, (std::vector<std::string>{"代码", "名称"}));  // header cells always trimmed
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.cell(0, 0), "1");
  EXPECT_EQ(t.cell(0, 1), "  二  ");  // inside quotes the spaces are data
  EXPECT_EQ(t.line_number(0), 4);
  EXPECT_EQ(t.cell(1, 0), "3");
  EXPECT_EQ(t.line_number(1), 6);  // line 5 (",") has only empty cells: skipped like a blank line
}

TEST(CsvReader, RaggedRowsReportTheirCellCount) {
  auto t = parse_ok("a,b,c\n1,2\n1,2,3,4\n5,6,\n");
  ASSERT_EQ(t.row_count(), 3u);
  EXPECT_EQ(t.cells_in_row(0), 2u);
  EXPECT_EQ(t.cell(0, 2), "");  // missing cell reads as empty
  EXPECT_EQ(t.cells_in_row(1), 4u);
  EXPECT_EQ(t.cell(1, 3), "4");
  EXPECT_EQ(t.cells_in_row(2), 3u);  // trailing comma = one more, empty cell
  EXPECT_EQ(t.cell(2, 2), "");
}

TEST(CsvReader, LineNumbersStayTrueAfterQuotedNewlineBeforeBadRow) {
  std::string good = "a,b\n1,\"x\ny\nz\"\n2,ok\n";
  auto t = parse_ok(good);
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.line_number(1), 5);

  std::string message = parse_error(good + "3,\"never closed\n4,x\n");
  EXPECT_EQ(message.rfind("t.csv:6:: 引号未闭合", 0), 0u) << message;
  EXPECT_NE(message.find("第 6 行"), std::string::npos) << message;
}

TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  std::string message = parse_error("a,b\r\n1,\"x\ny\"\r\n2,\"ab\"c,3\r\n");
  EXPECT_EQ(message.rfind("t.csv:4:: 引号后有多余的字符「c」", 0), 0u) << message;
}

TEST(CsvReader, BareQuoteInsideUnquotedCellIsLiteral) {
  auto t = parse_ok("身高,备注\n5'3\",ab\"c\n");
  EXPECT_EQ(t.cell(0, 0), "5'3\"");
  EXPECT_EQ(t.cell(0, 1), "ab\"c");
}

TEST(CsvReader, ExcelTextFormulaIsUnwrapped) {
  auto t = parse_ok("身份证号,学校代码,备注\n=\"330602200001011234\",\"=\"\"0057\"\"\",=1+2\n");
  EXPECT_EQ(t.cell(0, 0), "330602200001011234");
  EXPECT_EQ(t.cell(0, 1), "0057");
  EXPECT_EQ(t.cell(0, 2), "=1+2");
}

TEST(CsvReader, EmptyFileAndHeaderOnly) {
  EXPECT_EQ(parse_error(""), "t.csv:0:: 文件为空：没有表头行，也没有数据");
  EXPECT_EQ(parse_error("\xEF\xBB\xBF\r\n \r\n"), "t.csv:0:: 文件为空：没有表头行，也没有数据");
  auto t = parse_ok("学号,姓名\n");
  EXPECT_EQ(t.header.size(), 2u);
  EXPECT_EQ(t.row_count(), 0u);
}

TEST(CsvReader, TabDelimitedText) {
  auto t = parse_ok("学号\t姓名\t备注\n001\t张三\t有,逗号\n002\t\"李\t四\"\t\n");
  ASSERT_EQ(t.header, (std::vector<std::string>{"学号", "姓名", "备注"}));
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.cell(0, 2), "有,逗号");
  EXPECT_EQ(t.cell(1, 1), "李\t四");
  EXPECT_EQ(t.cells_in_row(1), 3u);
}

TEST(CsvReader, TrimsNoBreakAndIdeographicSpaces) {
  auto t = parse_ok("姓名,学号\n\u3000张三\u3000,\u00a0123\u00a0\n");
  EXPECT_EQ(t.cell(0, 0), "张三");
  EXPECT_EQ(t.cell(0, 1), "123");
}

TEST(CsvReader, RejectsBinaryFilesWithAClearMessage) {
  EXPECT_NE(parse_error(std::string("PK\x03\x04rest", 8)).find("Excel 工作簿"), std::string::npos);
  EXPECT_EQ(parse_error(std::string("a,b\n1,\0\n", 8)).rfind("t.csv:2:: 文件含有 NUL 字节", 0), 0u);
}

TEST(CsvReader, ManyRowsKeepViewsValid) {
  std::string csv = "id,name\n";
  for (int i = 0; i < 50000; ++i) csv += std::to_string(i) + ",\"name " + std::to_string(i) + "\"\n";
  auto t = parse_ok(csv);
  ASSERT_EQ(t.row_count(), 50000u);
  EXPECT_EQ(t.cell(0, 1), "name 0");
  EXPECT_EQ(t.cell(49999, 0), "49999");
  EXPECT_EQ(t.cell(49999, 1), "name 49999");
  EXPECT_EQ(t.line_number(49999), 50001);
}
