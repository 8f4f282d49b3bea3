#include "import/importer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "import/field_parse.hpp"
#include "import/import_fixtures.hpp"
#include "store/migrations.hpp"
#include "store/tables.hpp"
#include "store/test_databases.hpp"

using namespace youjun;
using youjun::test::make_id;
using youjun::test::make_table;

namespace {

struct Db {
  test::TestDatabase database;
  std::string path = database.url();
  std::unique_ptr<store::Connection> conn;
  PersonalDataKey key = PersonalDataKey::from_bytes({1, 2, 3});
  explicit Db(const std::string& backend) : database(backend) {
    if (!database.available()) return;
    conn = database.open();
    EXPECT_TRUE(store::migrate(*conn).ok());
  }
  import::ImportReport run(const std::string& kind, const io::Table& t, const import::ImportOptions& o = {}) {
    auto r = import::import_table(*conn, key, *import::find_import_kind(kind), t, o);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return *r;
  }
  int64_t count(const std::string& table) { return (*conn->query("SELECT COUNT(*) FROM " + table))[0].integer(0); }
};

// A school_facts file with every column (Chinese headers): school, year and teaching area from `rows`,
// every other column "0".
io::Table facts_table(const std::vector<std::vector<std::string>>& rows) {
  const auto& kind = *import::find_import_kind("school_facts");
  io::Table t;
  t.file = "f.csv";
  for (const auto& f : kind.fields) t.header.push_back(f.zh);
  long line = 2;
  for (const auto& r : rows) {
    t.start_row(line++);
    for (const auto& f : kind.fields)
      t.add_cell(f.key == "school_code" ? r[0] : f.key == "school_year" ? r[1] : f.key == "teaching_area_m2" ? r[2] : "0");
  }
  t.finish();
  return t;
}

class Import : public test::BackendTest {};

INSTANTIATE_TEST_SUITE_P(Backends, Import, ::testing::ValuesIn(test::kTestBackends), test::backend_test_name);

}  // namespace

TEST(ImportParse, CellParsers) {
  int64_t i;
  EXPECT_TRUE(import::parse_integer("12", i));
  EXPECT_EQ(i, 12);
  EXPECT_TRUE(import::parse_integer("12.0", i));  // Excel's whole numbers
  EXPECT_FALSE(import::parse_integer("12.5", i));
  EXPECT_FALSE(import::parse_integer("abc", i));
  int64_t fen;
  EXPECT_TRUE(import::parse_money_fen("1234.5", fen));
  EXPECT_EQ(fen, 123450);
  EXPECT_TRUE(import::parse_money_fen("0.07", fen));
  EXPECT_EQ(fen, 7);
  EXPECT_FALSE(import::parse_money_fen("1.234", fen));
  EXPECT_FALSE(import::parse_money_fen("-5", fen));
  // Exponent form, as spreadsheets write large numbers: whole 分 only, never silently rounded.
  EXPECT_TRUE(import::parse_money_fen("1.2E+3", fen));
  EXPECT_EQ(fen, 120000);
  EXPECT_TRUE(import::parse_money_fen("1.2345e2", fen));
  EXPECT_EQ(fen, 12345);
  EXPECT_FALSE(import::parse_money_fen("1.2345e1", fen));  // 12.345 元
  std::string iso;
  EXPECT_TRUE(import::parse_date("2015/9/1", iso));
  EXPECT_EQ(iso, "2015-09-01");
  EXPECT_TRUE(import::parse_date("20150901", iso));
  EXPECT_EQ(iso, "2015-09-01");
  EXPECT_FALSE(import::parse_date("2015-02-30", iso));
  EXPECT_FALSE(import::parse_date("2015-09-01x", iso));
  bool b;
  EXPECT_TRUE(import::parse_bool("是", b));
  EXPECT_TRUE(b);
  EXPECT_TRUE(import::parse_bool("N", b));
  EXPECT_FALSE(b);
}

TEST_P(Import, SchoolsWithChineseAndEnglishValues) {
  Db db(GetParam());
  auto r = db.run("schools", test::two_schools());
  ASSERT_TRUE(r.ok()) << format_row_errors(r.errors);
  EXPECT_EQ(r.rows, 2u);
  EXPECT_EQ(r.inserted, 2u);
  EXPECT_EQ(r.updated, 0u);
  EXPECT_EQ(db.count("districts"), 2);
  auto rows = *db.conn->query("SELECT level, ownership, locale, lon FROM schools WHERE code = '3306020001'");
  EXPECT_EQ(rows[0].text(0), "primary");
  EXPECT_EQ(rows[0].text(1), "public");
  EXPECT_EQ(rows[0].text(2), "urban");
  EXPECT_DOUBLE_EQ(rows[0].real(3), 120.58);
  auto junior = *db.conn->query("SELECT level, lon FROM schools WHERE code = '3306030001'");
  EXPECT_EQ(junior[0].text(0), "junior");
  EXPECT_TRUE(junior[0].is_null(1));
}

TEST_P(Import, ReimportIsIdempotentAndChangesAreCounted) {
  Db db(GetParam());
  db.run("schools", test::two_schools());
  auto again = db.run("schools", test::two_schools());
  EXPECT_EQ(again.inserted, 0u);
  EXPECT_EQ(again.updated, 0u);
  auto version = (*db.conn->query("SELECT row_version FROM schools WHERE code = '3306020001'"))[0].integer(0);
  EXPECT_EQ(version, 1);
  auto changed = make_table("s2.csv", {"school_code", "name", "district_code", "district_name", "level", "ownership", "locale"},
                            {{"3306020001", "越城区鲁迅小学（新校区）", "330602", "越城区", "primary", "public", "urban"}});
  auto r = db.run("schools", changed);
  EXPECT_EQ(r.inserted, 0u);
  EXPECT_EQ(r.updated, 1u);
  EXPECT_EQ((*db.conn->query("SELECT row_version, name FROM schools WHERE code = '3306020001'"))[0].integer(0), 2);
}

// The list of bad imports: wrong value, missing column, bad ID checksum, duplicate code,
// non-numeric area. Every bad cell is reported and the database file is byte-for-byte unchanged.
TEST_P(Import, BadRowsAreAllReportedAndNothingChanges) {
  Db db(GetParam());
  db.run("schools", test::two_schools());
  bool sqlite = GetParam() == "sqlite";
  db.conn.reset();  // close so the file on disk is complete (WAL checkpointed)
  std::string before = sqlite ? test::file_bytes(db.path) : "";
  db.conn = db.database.open();
  auto content_before = test::database_content(*db.conn);

  auto bad = make_table("bad.csv", {"学校代码", "学校名称", "区县代码", "区县名称", "学段", "办学性质", "城乡类别"},
                        {{"3306040001", "上虞区实验小学", "330604", "上虞区", "小学", "公办", "城区"},
                         {"3306040002", "上虞区幼儿园", "330604", "上虞区", "幼儿园", "公办", "城区"},
                         {"3306040001", "重复学校", "330604", "上虞区", "初中", "公办", "乡村"},
                         {"3306040003", "", "330602", "上虞区", "初中", "民办", "镇区"}});
  auto r = db.run("schools", bad);
  ASSERT_EQ(r.errors.size(), 4u) << format_row_errors(r.errors);
  EXPECT_EQ(r.errors[0].to_string().substr(0, 18), "bad.csv:3:学段: ");  // 学段 is 6 bytes of UTF-8
  EXPECT_EQ(r.errors[1].row, 4);
  EXPECT_NE(r.errors[1].message.find("与第2行重复"), std::string::npos);
  EXPECT_EQ(r.errors[2].row, 5);
  EXPECT_EQ(r.errors[2].column, "学校名称");
  EXPECT_EQ(r.errors[3].column, "区县名称");  // 330602 is 越城区, not 上虞区
  EXPECT_EQ(db.count("schools"), 2);

  auto missing = make_table("m.csv", {"学校代码", "学校名称"}, {{"1", "x"}});
  auto rm = db.run("schools", missing);
  ASSERT_EQ(rm.errors.size(), 5u);  // 区县代码, 区县名称, 学段, 办学性质, 城乡类别
  EXPECT_EQ(rm.errors[0].row, 1);

  auto facts = facts_table({{"3306020001", "2025-2026", "很大"}, {"9999999999", "2025-2026", "10"}});
  auto rf = db.run("school_facts", facts);
  ASSERT_GE(rf.errors.size(), 2u);
  bool area = false, fk = false;
  for (auto& e : rf.errors) {
    area |= e.row == 2 && e.column == "教学及辅助用房面积(平方米)";
    fk |= e.row == 3 && e.column == "学校代码";
  }
  EXPECT_TRUE(area);
  EXPECT_TRUE(fk);
  // The key of 学校年度数据 is 学校代码 + 学年: the same school in two years is fine, the same year twice is not.
  auto twice = facts_table({{"3306020001", "2025-2026", "10"}, {"3306020001", "2024-2025", "10"},
                            {"3306020001", "2025-2026", "12"}});
  auto rt = db.run("school_facts", twice);
  ASSERT_EQ(rt.errors.size(), 1u) << format_row_errors(rt.errors);
  EXPECT_EQ(rt.errors[0].row, 4);
  EXPECT_EQ(rt.errors[0].message, "与第2行重复（学校代码 + 学年必须唯一）");

  std::string id = make_id("330602", "20150901", 11);
  std::string bad_id = id.substr(0, 17) + (id[17] == '1' ? "2" : "1");
  auto students = make_table("stu.csv", {"身份证号", "姓名", "性别", "出生日期", "户籍类型", "随迁子女", "学校代码", "年级", "班级号"},
                             {{bad_id, "张三", "男", "2015-09-01", "本地城镇", "否", "3306020001", "5", "1"}});
  auto rs = db.run("students", students);
  ASSERT_EQ(rs.errors.size(), 1u);
  EXPECT_EQ(rs.errors[0].column, "身份证号");
  EXPECT_NE(rs.errors[0].message.find("校验位"), std::string::npos);

  EXPECT_EQ(test::database_content(*db.conn), content_before);
  db.conn.reset();
  if (sqlite) EXPECT_EQ(test::file_bytes(db.path), before);
}

TEST_P(Import, StudentsAreStoredMaskedAndEncrypted) {
  Db db(GetParam());
  db.run("schools", test::two_schools());
  std::string id = make_id("330602", "20150901", 11);  // sequence 011: odd -> male
  auto t = make_table("stu.csv", {"id_number", "name", "gender", "birth_date", "hukou_type", "migrant", "school_code", "grade", "class_no"},
                      {{id, "张三", "M", "2015-09-01", "nonlocal", "是", "3306020001", "5", "2"}});
  auto r = db.run("students", t);
  ASSERT_TRUE(r.ok()) << format_row_errors(r.errors);
  auto rows = *db.conn->query("SELECT id_hash, id_enc, id_masked, migrant FROM students");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), db.key.lookup_hash(id));
  EXPECT_EQ(*db.key.decrypt(rows[0].text(1)), id);
  EXPECT_EQ(rows[0].text(2), id.substr(0, 4) + "*************" + id.substr(17));
  EXPECT_EQ(rows[0].integer(3), 1);
  // No column holds the clear number.
  auto dump = *db.conn->query("SELECT * FROM students");
  for (auto& c : dump[0].cells)
    if (auto s = std::get_if<std::string>(&c)) EXPECT_EQ(s->find(id.substr(6, 8)), std::string::npos);

  auto wrong = make_table("stu2.csv", {"id_number", "name", "gender", "birth_date", "hukou_type", "migrant", "school_code", "grade", "class_no"},
                          {{id, "张三", "F", "2015-09-02", "nonlocal", "否", "3306020001", "5", "2"}});
  auto rw = db.run("students", wrong);
  ASSERT_EQ(rw.errors.size(), 2u);
  EXPECT_EQ(rw.errors[0].column, "gender");
  EXPECT_EQ(rw.errors[1].column, "birth_date");
}

TEST_P(Import, TeacherMovingSchoolKeepsTheEarlierPosting) {
  Db db(GetParam());
  db.run("schools", test::two_schools());
  std::string id = make_id("330602", "19850312", 24);  // even sequence: female
  auto file = [&](const char* school, const char* since) {
    return make_table("t.csv", {"id_number", "name", "gender", "birth_year", "school_code", "level", "subject", "education", "school_since"},
                      {{id, "李老师", "F", "1985", school, "primary", "语文", "bachelor", since}});
  };
  ASSERT_TRUE(db.run("teachers", file("3306020001", "2015")).ok());
  EXPECT_EQ(db.count("teacher_postings"), 0);
  ASSERT_TRUE(db.run("teachers", file("3306030001", "2023")).ok());  // moved in 2023
  auto p = *db.conn->query("SELECT id_hash, school_code, from_year, to_year FROM teacher_postings");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].text(0), db.key.lookup_hash(id));
  EXPECT_EQ(p[0].text(1), "3306020001");
  EXPECT_EQ(p[0].integer(2), 2015);
  EXPECT_EQ(p[0].integer(3), 2023);
  ASSERT_TRUE(db.run("teachers", file("3306030001", "2023")).ok());  // the same file again: nothing new
  EXPECT_EQ(db.count("teacher_postings"), 1);
}

TEST_P(Import, SchoolAdminScope) {
  Db db(GetParam());
  db.run("schools", test::two_schools());
  auto facts = facts_table({{"3306020001", "2025-2026", "100"}, {"3306030001", "2025-2026", "100"}});
  import::ImportOptions o;
  o.restrict_school = "3306020001";
  auto r = db.run("school_facts", facts, o);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].row, 3);
  EXPECT_EQ(db.count("school_facts"), 0);
}

// A file big enough for the parallel paths (validation split across threads, batches prepared on a
// helper thread, multi-row inserts on PostgreSQL): errors from every part come back in row order,
// duplicates are found across the parts, a good file is stored completely, and a re-import with one
// changed row updates exactly that row.
TEST_P(Import, LargeFileErrorsInRowOrderThenExactCounts) {
  Db db(GetParam());
  db.run("schools", test::two_schools());
  const int n = 30000;
  auto students = [&](int bad_checksum_row, int dup_row, const std::string& changed_name) {
    io::Table t;
    t.file = "big.csv";
    t.header = {"id_number", "name", "gender", "birth_date", "hukou_type", "migrant", "school_code", "grade", "class_no"};
    for (int i = 0; i < n; ++i) {
      int seq = (i % 499) * 2 + 1;  // odd: male
      std::string date = "2015" + std::string(i / 499 % 12 + 1 < 10 ? "0" : "") + std::to_string(i / 499 % 12 + 1) +
                         (i / 5988 + 10 < 10 ? "0" : "") + std::to_string(i / 5988 + 10);
      std::string id = make_id(i % 2 ? "330602" : "330603", date, seq);
      if (i == dup_row) id = make_id("330602", "20150110", 3);  // same as row i = 1 (line 3)
      if (i == bad_checksum_row) id = id.substr(0, 17) + (id[17] == '1' ? "2" : "1");
      std::string iso = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
      if (i == dup_row) iso = "2015-01-10";
      t.start_row(i + 2);
      for (const auto& c : {id, i == 7 ? changed_name : "学生" + std::to_string(i), std::string("M"), iso, std::string("local_urban"),
                            std::string("0"), std::string(i % 2 ? "3306020001" : "3306030001"), std::string("3"), std::string("1")})
        t.add_cell(c);
    }
    t.finish();
    return t;
  };
  auto bad = db.run("students", students(5, 29000, "学生7"));
  ASSERT_EQ(bad.errors.size(), 2u) << format_row_errors(bad.errors);
  EXPECT_EQ(bad.errors[0].row, 7);  // row index 5 = line 7
  EXPECT_EQ(bad.errors[0].column, "id_number");
  EXPECT_EQ(bad.errors[1].row, 29002);
  EXPECT_NE(bad.errors[1].message.find("与第3行重复"), std::string::npos) << bad.errors[1].message;
  EXPECT_EQ(db.count("students"), 0);

  auto good = db.run("students", students(-1, -1, "学生7"));
  ASSERT_TRUE(good.ok()) << format_row_errors(good.errors);
  EXPECT_EQ(good.inserted, static_cast<size_t>(n));
  EXPECT_EQ(db.count("students"), n);
  EXPECT_EQ(db.count("students WHERE school_code = '3306020001'"), n / 2);
  auto again = db.run("students", students(-1, -1, "改名"));
  EXPECT_EQ(again.inserted, 0u);
  EXPECT_EQ(again.updated, 1u);
  auto renamed = *db.conn->query("SELECT id_hash, row_version FROM students WHERE name = ?", {std::string("改名")});
  ASSERT_EQ(renamed.size(), 1u);
  EXPECT_EQ(renamed[0].integer(1), 2);
}

// The bulk path (exclusive mode, indexes set aside and rebuilt) stores the same rows as the ordinary one,
// and a bulk load that fails before COMMIT leaves rows and indexes as they were.
TEST_P(Import, BulkLoadStoresTheSameAndFailsWhole) {
  Db plain(GetParam()), bulk(GetParam());
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 200; ++i)
    rows.push_back({make_id(i % 2 ? "330602" : "330603", "20150301", 2 * i + 1), "学生" + std::to_string(i), "M",
                    "2015-03-01", "local_urban", "0", i % 2 ? "3306020001" : "3306030001", std::to_string(i % 6 + 1), "1"});
  auto students = make_table("stu.csv", {"id_number", "name", "gender", "birth_date", "hukou_type", "migrant", "school_code", "grade", "class_no"}, rows);
  for (Db* d : {&plain, &bulk}) d->run("schools", test::two_schools());
  import::ImportOptions o;
  o.bulk_load_rows = 10;
  o.allow_exclusive = true;
  o.before_commit = [](store::Connection&, const import::ImportReport&) -> Status { return make_error("audit failed"); };
  auto failed = import::import_table(*bulk.conn, bulk.key, *import::find_import_kind("students"), students, o);
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(bulk.count("students"), 0);
  o.before_commit = nullptr;
  EXPECT_EQ(bulk.run("students", students, o).inserted, 200u);
  EXPECT_EQ(plain.run("students", students).inserted, 200u);
  const std::string q = "SELECT id_hash, id_masked, name, school_code, grade FROM students ORDER BY id_hash";
  EXPECT_EQ((*bulk.conn->query(q)).size(), 200u);
  auto a = *bulk.conn->query(q), b = *plain.conn->query(q);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].cells, b[i].cells) << i;
  if (GetParam() == "sqlite") {
    auto ix = *bulk.conn->query(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'students' AND sql IS NOT NULL ORDER BY name");
    ASSERT_EQ(ix.size(), 2u);  // dropped for the load and created again
    EXPECT_EQ(ix[0].text(0), "students_school");
    EXPECT_EQ(ix[1].text(0), "students_student_no");
    EXPECT_EQ((*bulk.conn->query("PRAGMA journal_mode"))[0].text(0), "wal");
  }
}
