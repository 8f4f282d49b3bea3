#include "balance/school_file.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_set>

#include "enroll/table_cells.hpp"

namespace youjun::balance {

namespace {

enum Col {
  kId, kName, kCounty, kLevel, kStudents, kClasses, kAboveDegree, kBackbone, kPeArt, kTeachingArea, kSportsArea,
  kEquipment, kRooms,
  // optional
  kStudentsJunior, kClassesJunior, kAboveDegreeJunior, kBackboneJunior, kPeArtJunior, kStudentsSenior,
  kLargestClass, kLargestClassJunior, kEntryGrade, kTeachingPoint, kColumnCount
};

}  // namespace

const std::vector<SchoolColumn>& school_columns() {
  static const std::vector<SchoolColumn> columns = {
      {"school_id", "学校代码", true},
      {"name", "学校名称", true},
      {"county", "区县", true},
      {"level", "学段", true},
      {"students", "在校生数", true},
      {"classes", "班级数", true},
      {"teachers_above_degree", "高于规定学历教师数", true},
      {"backbone_teachers", "县级以上骨干教师数", true},
      {"pe_art_teachers", "体育艺术专任教师数", true},
      {"teaching_area_m2", "教学及辅助用房面积(平方米)", true},
      {"sports_area_m2", "体育运动场馆面积(平方米)", true},
      {"equipment_value_yuan", "教学仪器设备值(元)", true},
      {"multimedia_rooms", "网络多媒体教室数", true},
      {"students_junior", "初中在校生数", false},
      {"classes_junior", "初中班级数", false},
      {"teachers_above_degree_junior", "初中高于规定学历教师数", false},
      {"backbone_teachers_junior", "初中县级以上骨干教师数", false},
      {"pe_art_teachers_junior", "初中体育艺术专任教师数", false},
      {"students_senior", "高中在校生数", false},
      {"largest_class", "最大班额", false},
      {"largest_class_junior", "初中最大班额", false},
      {"entry_grade_students", "起始年级学生数", false},
      {"teaching_point", "是否教学点", false},
  };
  return columns;
}

namespace {

// Header text compared loosely: ASCII case, spaces and full-width parentheses do not matter.
std::string normalized(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "（") == 0) out += '(', i += 2;
    else if (s.compare(i, 3, "）") == 0) out += ')', i += 2;
    else if (s[i] != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  return out;
}

std::vector<int> locate_columns(const io::Table& t, RowErrors& errors) {
  const auto& cols = school_columns();
  std::vector<int> at(cols.size(), -1);
  for (size_t h = 0; h < t.header.size(); ++h) {
    std::string head = normalized(t.header[h]);
    for (size_t c = 0; c < cols.size(); ++c)
      if (head == normalized(cols[c].key) || head == normalized(cols[c].zh)) {
        if (at[c] >= 0) errors.push_back({t.file, 1, t.header[h], std::string("列“") + cols[c].key + "”出现了两次"});
        at[c] = static_cast<int>(h);
      }
  }
  for (size_t c = 0; c < cols.size(); ++c)
    if (at[c] < 0 && cols[c].required)
      errors.push_back({t.file, 1, cols[c].key,
                        std::string("缺少必填列“") + cols[c].key + "”（或中文表头“" + cols[c].zh + "”）"});
  return at;
}

std::optional<SchoolKind> parse_kind(std::string_view s) {
  if (s == "primary" || s == "小学") return SchoolKind::Primary;
  if (s == "junior" || s == "初中") return SchoolKind::Junior;
  if (s == "nine_year" || s == "九年一贯制") return SchoolKind::NineYear;
  if (s == "twelve_year" || s == "十二年一贯制") return SchoolKind::TwelveYear;
  if (s == "complete_secondary" || s == "完全中学") return SchoolKind::CompleteSecondary;
  return std::nullopt;
}

bool parse_decimal(std::string_view s, double& out) {
  if (s.empty() || s.front() == '+') return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && ptr == s.data() + s.size() && std::isfinite(out) && out >= 0;
}

class RowReader {
 public:
  RowReader(const io::Table& t, const std::vector<int>& at, size_t r, RowErrors& errors)
      : t_(t), at_(at), r_(r), errors_(errors) {}

  std::string_view text(int col) const { return enroll::cell(t_, r_, at_[col]); }
  bool present(int col) const { return at_[col] >= 0 && !text(col).empty(); }

  void error(int col, const std::string& message) {
    std::string column = at_[col] >= 0 ? t_.header[static_cast<size_t>(at_[col])] : school_columns()[col].key;
    errors_.push_back({t_.file, t_.line_number(r_), column, message});
  }

  std::string required_text(int col) {
    if (text(col).empty()) error(col, "不能为空");
    return std::string(text(col));
  }
  // A whole number ≥ min; `what` names the expected value in the message.
  long count(int col, long min = 0) {
    long v = 0;
    if (at_[col] < 0) {
      error(col, "此学段需要这一列");
    } else if (!enroll::parse_count(text(col), 100000000, v) || v < min) {
      error(col, std::string("应为") + (min > 0 ? "正整数" : "非负整数") + "，实际为“" + std::string(text(col)) + "”");
      v = 0;
    }
    return v;
  }
  double decimal(int col) {
    double v = 0;
    if (!parse_decimal(text(col), v)) {
      error(col, "应为非负数，实际为“" + std::string(text(col)) + "”");
      v = 0;
    }
    return v;
  }
  std::optional<long> optional_count(int col, long min = 0) {
    if (!present(col)) return std::nullopt;
    return count(col, min);
  }

 private:
  const io::Table& t_;
  const std::vector<int>& at_;
  size_t r_;
  RowErrors& errors_;
};

LevelCounts level_counts(RowReader& row, bool junior_suffix) {
  LevelCounts c;
  c.students = row.count(junior_suffix ? kStudentsJunior : kStudents, 1);  // zero students: nothing to divide by
  c.classes = row.count(junior_suffix ? kClassesJunior : kClasses);
  c.teachers_above_degree = row.count(junior_suffix ? kAboveDegreeJunior : kAboveDegree);
  c.backbone_teachers = row.count(junior_suffix ? kBackboneJunior : kBackbone);
  c.pe_art_teachers = row.count(junior_suffix ? kPeArtJunior : kPeArt);
  c.largest_class = row.optional_count(junior_suffix ? kLargestClassJunior : kLargestClass);
  return c;
}

}  // namespace

RowErrors read_school_records(const io::Table& t, std::vector<SchoolRecord>& out) {
  RowErrors errors;
  auto at = locate_columns(t, errors);
  if (!errors.empty()) return errors;
  if (t.row_count() == 0) return {{t.file, 0, "", "文件没有数据行"}};
  std::unordered_set<std::string> seen;
  out.reserve(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    RowReader row(t, at, r, errors);
    SchoolRecord s;
    s.line = t.line_number(r);
    s.school_id = row.required_text(kId);
    if (!s.school_id.empty() && !seen.insert(s.school_id).second) row.error(kId, "学校代码“" + s.school_id + "”重复");
    s.name = row.required_text(kName);
    s.county = row.required_text(kCounty);
    auto kind = parse_kind(row.text(kLevel));
    if (!kind) {
      row.error(kLevel,
                "应为 primary、junior、nine_year、twelve_year、complete_secondary（小学、初中、九年一贯制、十二年一贯制、完全中学）之一，实际为“" +
                            std::string(row.text(kLevel)) + "”");
      continue;
    }
    s.kind = *kind;
    if (s.kind == SchoolKind::Junior || s.kind == SchoolKind::CompleteSecondary) {
      s.junior = level_counts(row, false);
      if (s.kind == SchoolKind::CompleteSecondary) s.senior_students = row.count(kStudentsSenior);
    } else {
      s.primary = level_counts(row, false);
      if (s.kind != SchoolKind::Primary) s.junior = level_counts(row, true);
      if (s.kind == SchoolKind::TwelveYear) s.senior_students = row.count(kStudentsSenior);
    }
    s.teaching_area_m2 = row.decimal(kTeachingArea);
    s.sports_area_m2 = row.decimal(kSportsArea);
    s.equipment_value_yuan = row.decimal(kEquipment);
    s.multimedia_rooms = static_cast<double>(row.count(kRooms));
    s.entry_grade_students = row.optional_count(kEntryGrade);
    if (row.present(kTeachingPoint) && !enroll::parse_flag(row.text(kTeachingPoint), s.teaching_point))
      row.error(kTeachingPoint, "应为 是/否（或 1/0）");
    out.push_back(std::move(s));
  }
  if (!errors.empty()) out.clear();
  return errors;
}

}  // namespace youjun::balance
