#pragma once
// Reading the school file of `youjun balance evaluate` (issue 4 §2). Every bad cell is reported as
// FILE:ROW:COLUMN: message and nothing is evaluated from a file with errors.
//
//   school_id,name,county,level,students,classes,teachers_above_degree,backbone_teachers,pe_art_teachers,
//   teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms
//
// `level`: primary, junior, nine_year, twelve_year, complete_secondary (or 小学, 初中, 九年一贯制, 十二年一贯制,
// 完全中学). A nine_year or twelve_year row adds students_junior, classes_junior and the teacher columns with
// the suffix _junior (the un-suffixed ones are then the primary part's); twelve_year adds students_senior. A
// complete_secondary row is a junior row plus students_senior. Optional: largest_class
// (and largest_class_junior), entry_grade_students (起始年级), teaching_point (是否教学点). Chinese headers
// (学校代码, 学校名称, 区县, 学段, 在校生数, …; docs/balance.md) work as well.
#include <string>
#include <vector>

#include "balance/evaluation.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"

namespace youjun::balance {

struct SchoolColumn {
  const char* key;  // English header
  const char* zh;   // Chinese header
  bool required;    // in the header of every file
};
const std::vector<SchoolColumn>& school_columns();

RowErrors read_school_records(const io::Table& table, std::vector<SchoolRecord>& out);

}  // namespace youjun::balance
