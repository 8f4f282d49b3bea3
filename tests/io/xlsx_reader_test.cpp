#include <gtest/gtest.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>

#include "io/table.hpp"
#include "test_util.hpp"

using namespace youjun;

namespace {

void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files) {
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, data] : files) {
    zip_fileinfo info{};
    ASSERT_EQ(zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                    Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    zipWriteInFileInZip(zip, data.data(), static_cast<unsigned>(data.size()));
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
}

void write_text(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

io::Table read_ok(const std::string& path, const std::string& sheet = "") {
  io::ReadOptions options;
  options.sheet = sheet;
  auto t = io::read_xlsx(path, options);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? std::move(*t) : io::Table{};
}

}  // namespace

TEST(XlsxReader, DatesBooleansFormulasRichTextAndGaps) {
  test::TempDir dir;
  std::string path = dir.path("学生.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "学生");
  auto fmt = [&](const char* code) {
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, code);
    return f;
  };
  lxw_format* date14 = workbook_add_format(wb);
  format_set_num_format_index(date14, 14);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const char* header[] = {"姓名", "入学日期", "生日", "登记时间", "到校", "在校", "合计", "邮编", "小数", "学校"};
  for (int c = 0; c < 10; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], bold);
  worksheet_write_string(ws, 1, 0, " 张三 ", nullptr);
  worksheet_write_number(ws, 1, 1, 45536, date14);
  worksheet_write_number(ws, 1, 2, 39448, fmt("yyyy\"年\"m\"月\"d\"日\""));
  worksheet_write_number(ws, 1, 3, 45536.5, fmt("yyyy-mm-dd hh:mm"));
  worksheet_write_number(ws, 1, 4, 0.3125, fmt("h:mm"));
  worksheet_write_boolean(ws, 1, 5, 1, nullptr);
  worksheet_write_formula_num(ws, 1, 6, "=1+2", nullptr, 3);
  worksheet_write_number(ws, 1, 7, 5701, fmt("000000"));
  worksheet_write_number(ws, 1, 8, 0.1 + 0.2, nullptr);
  lxw_rich_string_tuple part1 = {bold, const_cast<char*>("越城区")};
  lxw_rich_string_tuple part2 = {nullptr, const_cast<char*>("第一小学")};
  lxw_rich_string_tuple* rich[] = {&part1, &part2, nullptr};
  worksheet_write_rich_string(ws, 1, 9, rich, nullptr);
  // Excel row 3 left empty; row 4 has gaps.
  worksheet_write_string(ws, 3, 0, "李四", nullptr);
  worksheet_write_number(ws, 3, 2, 2000, nullptr);
  worksheet_write_formula_str(ws, 3, 6, "=\"A\"&\"B\"", nullptr, "AB");
  worksheet_write_boolean(ws, 3, 5, 0, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto t = read_ok(path);
  EXPECT_EQ(t.encoding, "xlsx");
  EXPECT_EQ(t.file, path);
  ASSERT_EQ(t.header.size(), 10u);
  EXPECT_EQ(t.header[0], "姓名");
  EXPECT_EQ(t.header[9], "学校");
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.line_number(0), 2);
  EXPECT_EQ(t.cell(0, 0), "张三");
  EXPECT_EQ(t.cell(0, 1), "2024-09-01");
  EXPECT_EQ(t.cell(0, 2), "2008-01-01");
  EXPECT_EQ(t.cell(0, 3), "2024-09-01 12:00");
  EXPECT_EQ(t.cell(0, 4), "07:30");
  EXPECT_EQ(t.cell(0, 5), "TRUE");
  EXPECT_EQ(t.cell(0, 6), "3");
  EXPECT_EQ(t.cell(0, 7), "005701");
  EXPECT_EQ(t.cell(0, 8), "0.3");
  EXPECT_EQ(t.cell(0, 9), "越城区第一小学");
  EXPECT_EQ(t.line_number(1), 4);  // Excel row number; the empty row 3 is skipped
  EXPECT_EQ(t.cell(1, 0), "李四");
  EXPECT_EQ(t.cell(1, 1), "");
  EXPECT_EQ(t.cell(1, 2), "2000");
  EXPECT_EQ(t.cell(1, 5), "FALSE");
  EXPECT_EQ(t.cell(1, 6), "AB");
  EXPECT_EQ(t.cells_in_row(1), 10u);  // padded to the header width
}

TEST(XlsxReader, ConstantMemoryWorkbookUsesInlineStrings) {
  test::TempDir dir;
  std::string path = dir.path("big.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  worksheet_write_string(ws, 0, 0, "学号", nullptr);
  worksheet_write_string(ws, 0, 1, "姓名", nullptr);
  for (int r = 1; r <= 3000; ++r) {
    worksheet_write_number(ws, static_cast<lxw_row_t>(r), 0, 20240000 + r, nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 1, ("学生<&>" + std::to_string(r)).c_str(), nullptr);
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto t = read_ok(path);
  ASSERT_EQ(t.row_count(), 3000u);
  EXPECT_EQ(t.cell(0, 0), "20240001");
  EXPECT_EQ(t.cell(2999, 0), "20243000");
  EXPECT_EQ(t.cell(2999, 1), "学生<&>3000");
  EXPECT_EQ(t.line_number(2999), 3001);
}

TEST(XlsxReader, LargeSheetIsReadAcrossInflateBlocks) {
  // About 9 MB of worksheet XML: parsed in several 4 MiB blocks split at row ends.
  test::TempDir dir;
  std::string path = dir.path("large.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  worksheet_write_string(ws, 0, 0, "编号", nullptr);
  worksheet_write_string(ws, 0, 1, "说明", nullptr);
  const std::string filler(150, 'x');
  for (int r = 1; r <= 40000; ++r) {
    worksheet_write_number(ws, static_cast<lxw_row_t>(r), 0, r, nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(r), 1, (std::to_string(r) + filler).c_str(), nullptr);
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto t = read_ok(path);
  ASSERT_EQ(t.row_count(), 40000u);
  for (size_t r = 0; r < t.row_count(); ++r) {
    ASSERT_EQ(t.cell(r, 0), std::to_string(r + 1)) << r;
    ASSERT_EQ(t.cell(r, 1), std::to_string(r + 1) + filler) << r;
    ASSERT_EQ(t.line_number(r), static_cast<long>(r + 2));
  }
}

TEST(XlsxReader, HandWrittenPackageWithPrefixesPhoneticsEscapesAnd1904Dates) {
  test::TempDir dir;
  std::string path = dir.path("hand.xlsx");
  const std::string ns = "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  write_zip(path, {
      {"_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                      "<Relationship Id=\"rId1\" Type=\"" + rel + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<?xml version=\"1.0\"?><x:workbook " + ns + "><x:workbookPr date1904=\"1\"/><x:sheets>"
                          "<x:sheet name=\"Hidden\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
                          "<x:sheet name=\"数据\" sheetId=\"2\" r:id=\"rId2\"/></x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" + rel + "worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/>"
       "<Relationship Id=\"rId2\" Type=\"" + rel + "worksheet\" Target=\"worksheets/../worksheets/sheet2.xml\"/>"
       "<Relationship Id=\"rId3\" Type=\"" + rel + "sharedStrings\" Target=\"sharedStrings.xml\"/>"
       "<Relationship Id=\"rId4\" Type=\"" + rel + "styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl/sharedStrings.xml",
       "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"6\" uniqueCount=\"6\">"
       "<si><t>姓名</t></si>"
       "<si><r><rPr><b/></rPr><t>越城区</t></r><r><t xml:space=\"preserve\">第一小学</t></r></si>"
       "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
       "<si><t>A&amp;B &lt;c&gt; &#x5B66;&#26657;</t></si>"
       "<si><t>行1_x000D__x000A_行2 _x005F_x0041_</t></si>"
       "<si/></sst>"},
      {"xl/styles.xml", "<styleSheet><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d;@\"/></numFmts>"
                        "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
                        "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"},
      {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>隐藏</t></is></c>"
                                   "</row><row r=\"2\"><c r=\"A2\"><v>1</v></c></row></sheetData></worksheet>"},
      {"xl/worksheets/sheet2.xml",
       "<x:worksheet " + ns + "><x:dimension ref=\"A2:E5\"/><x:sheetData>"
       "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"C2\" t=\"inlineStr\"><x:is><x:t>出生日期</x:t></x:is></x:c>"
       "<x:c r=\"D2\" t=\"s\"><x:v>1</x:v></x:c></x:row>"
       "<x:row r=\"3\" spans=\"1:5\"><x:c r=\"B3\" s=\"1\"/></x:row>"
       "<x:row r=\"4\"><x:c r=\"A4\" t=\"s\"><x:v>3</x:v></x:c><x:c r=\"C4\" s=\"1\"><x:v>1</x:v></x:c>"
       "<x:c r=\"D4\" t=\"s\"><x:v>4</x:v></x:c><x:c r=\"E4\" t=\"e\"><x:v>#N/A</x:v></x:c></x:row>"
       "<x:row><x:c t=\"s\"><x:v>2</x:v></x:c><x:c/><x:c s=\"2\"><x:v>0</x:v></x:c>"
       "<x:c t=\"d\"><x:v>2024-09-01T00:00:00</x:v></x:c><x:c t=\"s\"><x:v>5</x:v></x:c></x:row>"
       "</x:sheetData></x:worksheet>"},
  });

  auto t = read_ok(path);  // the first visible sheet is "数据"
  ASSERT_EQ(t.header, (std::vector<std::string>{"姓名", "", "出生日期", "越城区第一小学"}));
  ASSERT_EQ(t.row_count(), 2u);
  EXPECT_EQ(t.line_number(0), 4);
  EXPECT_EQ(t.cell(0, 0), "A&B <c> 学校");
  EXPECT_EQ(t.cell(0, 2), "1904-01-02");  // 1904 date system
  EXPECT_EQ(t.cell(0, 3), "行1\r\n行2 _x0041_");
  EXPECT_EQ(t.cell(0, 4), "#N/A");
  EXPECT_EQ(t.cells_in_row(0), 5u);
  EXPECT_EQ(t.line_number(1), 5);  // <row> without r: the next row
  EXPECT_EQ(t.cell(1, 0), "東京");  // phonetic run left out
  EXPECT_EQ(t.cell(1, 1), "");
  EXPECT_EQ(t.cell(1, 2), "1904-01-01");
  EXPECT_EQ(t.cell(1, 3), "2024-09-01");

  auto hidden = read_ok(path, "HIDDEN");  // sheet names match without ASCII case
  EXPECT_EQ(hidden.header, (std::vector<std::string>{"隐藏"}));
  ASSERT_EQ(hidden.row_count(), 1u);
  EXPECT_EQ(hidden.cell(0, 0), "1");
}

TEST(XlsxReader, ClearErrorsForMissingSheetsAndWrongFiles) {
  test::TempDir dir;
  std::string path = dir.path("two.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  worksheet_write_string(workbook_add_worksheet(wb, "名单"), 0, 0, "姓名", nullptr);
  workbook_add_worksheet(wb, "空表");
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  io::ReadOptions options;
  options.sheet = "成绩";
  options.display_name = "上传.xlsx";
  auto missing = io::read_xlsx(path, options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "上传.xlsx:0:: 找不到名为「成绩」的工作表；工作簿中的工作表有：「名单」、「空表」");

  options.sheet = "空表";
  auto empty = io::read_xlsx(path, options);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "上传.xlsx:0:: 工作表「空表」是空的：没有表头行，也没有数据");

  auto absent = io::read_xlsx(dir.path("nope.xlsx"));
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().message.rfind(dir.path("nope.xlsx") + ":0:: 无法打开文件", 0), 0u);

  write_text(dir.path("text.xlsx"), "姓名,学号\n张三,1\n");
  auto text = io::read_xlsx(dir.path("text.xlsx"));
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().message.find("不是有效的 .xlsx 工作簿"), std::string::npos) << text.error().message;

  write_text(dir.path("old.xlsx"), std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
  auto old = io::read_xlsx(dir.path("old.xlsx"));
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.error().message.find(".xls"), std::string::npos) << old.error().message;

  write_text(dir.path("broken.xlsx"), std::string("PK\x03\x04garbage", 11));
  auto broken = io::read_xlsx(dir.path("broken.xlsx"));
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("损坏"), std::string::npos) << broken.error().message;
}
