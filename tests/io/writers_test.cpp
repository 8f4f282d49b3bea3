#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "io/table.hpp"
#include "test_util.hpp"

using namespace youjun;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST(CsvWriter, WritesBomQuotingAndCrlf) {
  test::TempDir dir;
  std::string path = dir.path("out.csv");
  ASSERT_TRUE(io::write_csv(path, {"学号", "备注"}, {{"001", "a,b"}, {"002", "说\"好\""}, {"003", "两\n行"}, {"004", ""}}));
  EXPECT_EQ(slurp(path),
            "\xEF\xBB\xBF学号,备注\r\n001,\"a,b\"\r\n002,\"说\"\"好\"\"\"\r\n003,\"两\n行\"\r\n004,\r\n");
}

TEST(CsvWriter, RoundTripThroughParseCsvKeepsTrickyCells) {
  test::TempDir dir;
  std::string path = dir.path("round.csv");
  std::vector<std::string> header = {"代码", "名称", "备注"};
  std::vector<std::vector<std::string>> rows = {
      {"3306001", "越城区第一小学, 本部", "他说\"你好\""},
      {"007", "第二\r\n小学", "  前后空格  "},
      {"", "\"", ",,,"},
      {"=1+2", "x\ry", "\t"},
      {"330602200001011234", "", "末尾"},
  };
  ASSERT_TRUE(io::write_csv(path, header, rows));
  auto t = io::read_table(path);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->encoding, "utf-8-bom");
  EXPECT_EQ(t->header, header);
  ASSERT_EQ(t->row_count(), rows.size());
  rows[3][0] = "'=1+2";  // a formula is written as text (see FormulaCellsBecomeText)
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < header.size(); ++c) EXPECT_EQ(t->cell(r, c), rows[r][c]) << r << "," << c;
  EXPECT_EQ(t->line_number(0), 2);
  EXPECT_EQ(t->line_number(1), 3);
  EXPECT_EQ(t->line_number(2), 5);  // the record before spans lines 3-4
  EXPECT_EQ(t->line_number(4), 8);  // "x\ry" adds a line too
}

TEST(CsvWriter, FormulaCellsBecomeText) {
  test::TempDir dir;
  std::string path = dir.path("f.csv");
  ASSERT_TRUE(io::write_csv(path, {"a", "b", "c", "d", "e", "f"},
                            {{"=HYPERLINK(\"http://x\")", "+86 571", "-5", "@SUM(A1)", "+3.5", "-"}}));
  EXPECT_EQ(slurp(path), "\xEF\xBB\xBF" "a,b,c,d,e,f\r\n\"'=HYPERLINK(\"\"http://x\"\")\",'+86 571,-5,'@SUM(A1),+3.5,'-\r\n");
}

TEST(CsvWriter, UnwritablePathIsAnError) {
  auto status = io::write_csv("/nonexistent-dir/out.csv", {"a"}, {});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message.rfind("/nonexistent-dir/out.csv:0:: 无法创建文件", 0), 0u) << status.error().message;
}

TEST(XlsxWriter, RoundTripHeaderChineseNumbersDecimalsAndEmptyCells) {
  test::TempDir dir;
  std::string path = dir.path("学生名单.xlsx");
  std::vector<std::string> header = {"学号", "姓名", "成绩", "备注", "身份证号"};
  std::vector<std::vector<std::string>> rows = {
      {"20240001", "张三", "95", "", "330602200001011234"},
      {"20240002", "李四", "4.5", "转学", "11010519491231002X"},
      {"007", "王五", "2000", "a,b\n第二行", ""},
      {"-12.25", "赵六", "1e3", "4.50"},
  };
  ASSERT_TRUE(io::write_xlsx(path, "学生", header, rows));

  io::ReadOptions options;
  options.sheet = "学生";
  auto t = io::read_xlsx(path, options);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header, header);
  ASSERT_EQ(t->row_count(), 4u);
  for (size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(t->line_number(r), static_cast<long>(r + 2));
    EXPECT_EQ(t->cells_in_row(r), 5u);
    for (size_t c = 0; c < header.size(); ++c)
      EXPECT_EQ(t->cell(r, c), c < rows[r].size() ? rows[r][c] : "") << r << "," << c;
  }
}

TEST(XlsxWriter, SecondWriteToSameSheetNameAndBadNames) {
  test::TempDir dir;
  std::string path = dir.path("out.xlsx");
  auto bad = io::write_xlsx(path, "a/b", {"x"}, {{"1"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind(path + ":0:: 工作表名称「a/b」无效", 0), 0u) << bad.error().message;
  EXPECT_FALSE(std::filesystem::exists(path));

  ASSERT_TRUE(io::write_xlsx(path, "", {"x"}, {{"1"}}));  // default sheet name
  ASSERT_TRUE(io::write_xlsx(path, "", {"y"}, {{"2"}}));  // overwrites
  auto t = io::read_xlsx(path);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header, std::vector<std::string>{"y"});
  EXPECT_EQ(t->cell(0, 0), "2");
}
