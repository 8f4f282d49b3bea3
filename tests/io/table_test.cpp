#include <gtest/gtest.h>

#include <fstream>

#include "io/table.hpp"
#include "test_util.hpp"

using namespace youjun;

namespace {

void write_text(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

}  // namespace

TEST(Table, BuilderRowsCellsAndLineNumbers) {
  io::Table t;
  t.header = {"a", "b"};
  t.start_row(2);
  t.add_cell("1");
  t.add_cell("");
  t.start_row(5);
  t.add_cell(std::string(3 << 20, 'x'));  // bigger than a storage chunk
  t.add_cell("y");
  t.add_cell("z");
  t.finish();
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.column_count(), 2u);
  EXPECT_EQ(t.cell(0, 0), "1");
  EXPECT_EQ(t.cell(0, 1), "");
  EXPECT_EQ(t.cell(0, 7), "");
  EXPECT_EQ(t.cell(1, 0).size(), 3u << 20);
  EXPECT_EQ(t.cell(1, 2), "z");
  EXPECT_EQ(t.cells_in_row(0), 2u);
  EXPECT_EQ(t.cells_in_row(1), 3u);
  EXPECT_EQ(t.line_number(1), 5);
}

TEST(Table, CopiesOwnTheirTextAndMovesKeepViews) {
  io::Table copy;
  {
    auto parsed = io::parse_csv("姓名,学号\n张三,001\n李四,002\n", "t.csv");
    ASSERT_TRUE(parsed.ok());
    io::Table original = *parsed;  // copy out of the Result
    copy = original;
    io::Table moved = std::move(original);
    EXPECT_EQ(moved.cell(1, 0), "李四");
  }  // the parsed table and its buffers are gone
  EXPECT_EQ(copy.file, "t.csv");
  EXPECT_EQ(copy.header, (std::vector<std::string>{"姓名", "学号"}));
  ASSERT_EQ(copy.row_count(), 2u);
  EXPECT_EQ(copy.cell(0, 0), "张三");
  EXPECT_EQ(copy.cell(1, 1), "002");
  EXPECT_EQ(copy.line_number(1), 3);
}

TEST(Table, ReadTableDispatchesOnExtensionIgnoringCase) {
  test::TempDir dir;
  write_text(dir.path("A.CSV"), "学号,姓名\n1,张三\n");
  write_text(dir.path("b.Txt"), "学号\t姓名\n2\t李四\n");
  ASSERT_TRUE(io::write_xlsx(dir.path("c.XLSX"), "名单", {"学号", "姓名"}, {{"3", "王五"}}));

  auto csv = io::read_table(dir.path("A.CSV"));
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  EXPECT_EQ(csv->cell(0, 1), "张三");
  auto txt = io::read_table(dir.path("b.Txt"));
  ASSERT_TRUE(txt.ok()) << txt.error().message;
  EXPECT_EQ(txt->cell(0, 1), "李四");
  auto xlsx = io::read_table(dir.path("c.XLSX"));
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(xlsx->encoding, "xlsx");
  EXPECT_EQ(xlsx->cell(0, 1), "王五");

  // An upload stored without extension: the display name decides.
  std::filesystem::copy_file(dir.path("c.XLSX"), dir.path("upload-1"));
  io::ReadOptions named;
  named.display_name = "名单.xlsx";
  auto upload = io::read_table(dir.path("upload-1"), named);
  ASSERT_TRUE(upload.ok()) << upload.error().message;
  EXPECT_EQ(upload->file, "名单.xlsx");
  EXPECT_EQ(upload->cell(0, 0), "3");

  // A workbook renamed to .csv is still read as a workbook.
  std::filesystem::copy_file(dir.path("c.XLSX"), dir.path("renamed.csv"));
  auto renamed = io::read_table(dir.path("renamed.csv"));
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(renamed->cell(0, 1), "王五");
}

TEST(Table, ReadTableRejectsOtherFormatsInChinese) {
  test::TempDir dir;
  write_text(dir.path("x.pdf"), "%PDF");
  write_text(dir.path("x.xls"), "");
  io::ReadOptions named;
  named.display_name = "成绩.pdf";
  auto pdf = io::read_table(dir.path("x.pdf"), named);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().message,
            "成绩.pdf:0:: 不支持的文件格式「.pdf」：支持的格式为 .csv、.txt（逗号或制表符分隔，UTF-8 或 GBK 编码）和 .xlsx（Excel 工作簿）");
  auto xls = io::read_table(dir.path("x.xls"));
  ASSERT_FALSE(xls.ok());
  EXPECT_EQ(xls.error().message.rfind(dir.path("x.xls") + ":0:: 不支持旧版 Excel 97-2003（.xls）", 0), 0u) << xls.error().message;
  auto missing = io::read_table(dir.path("missing.csv"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message.rfind(dir.path("missing.csv") + ":0:: 无法打开文件", 0), 0u) << missing.error().message;
}
