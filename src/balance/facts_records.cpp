#include "balance/facts_records.hpp"

namespace youjun::balance {

namespace {

constexpr const char* kSql =
    "SELECT s.code, s.name, d.name, s.level, "
    "  f.students_g1 + f.students_g2 + f.students_g3 + f.students_g4 + f.students_g5 + f.students_g6, "
    "  f.students_g7 + f.students_g8 + f.students_g9, f.students_g10 + f.students_g11 + f.students_g12, "
    "  f.classes_primary, f.classes_junior, f.largest_class, "
    "  f.teachers_above_degree_primary, f.backbone_teachers_primary, f.pe_art_teachers_primary, "
    "  f.teachers_above_degree_junior, f.backbone_teachers_junior, f.pe_art_teachers_junior, "
    "  f.teaching_area_m2, f.sports_area_m2, f.equipment_value_fen, f.multimedia_rooms, "
    "  f.students_g1, f.students_g7, s.lon, s.lat "
    "FROM school_facts f JOIN schools s ON s.code = f.school_code JOIN districts d ON d.code = s.district_code "
    "WHERE f.school_year = ? AND s.level <> 'senior' AND (? = '' OR s.district_code = ?) "
    "ORDER BY d.code, s.code";

SchoolKind kind_of(const std::string& level) {
  if (level == "primary") return SchoolKind::Primary;
  if (level == "junior") return SchoolKind::Junior;
  if (level == "nine_year") return SchoolKind::NineYear;
  if (level == "twelve_year") return SchoolKind::TwelveYear;
  return SchoolKind::CompleteSecondary;
}

}  // namespace

Result<std::vector<std::string>> fact_years(store::Connection& db) {
  auto rows = db.query("SELECT DISTINCT school_year FROM school_facts ORDER BY school_year DESC");
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

Result<std::vector<SchoolRecord>> records_from_facts(store::Connection& db, const std::string& school_year,
                                                     const std::string& district) {
  auto rows = db.query(kSql, {school_year, district, district});
  if (!rows) return rows.error();
  std::vector<SchoolRecord> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) {
    SchoolRecord r;
    r.school_id = row.text(0);
    r.name = row.text(1);
    r.county = row.text(2);
    r.kind = kind_of(row.text(3));
    r.primary.students = row.integer(4);
    r.junior.students = row.integer(5);
    r.senior_students = row.integer(6);
    r.primary.classes = row.integer(7);
    r.junior.classes = row.integer(8);
    r.primary.teachers_above_degree = row.integer(10);
    r.primary.backbone_teachers = row.integer(11);
    r.primary.pe_art_teachers = row.integer(12);
    r.junior.teachers_above_degree = row.integer(13);
    r.junior.backbone_teachers = row.integer(14);
    r.junior.pe_art_teachers = row.integer(15);
    r.teaching_area_m2 = row.real(16);
    r.sports_area_m2 = row.real(17);
    r.equipment_value_yuan = static_cast<double>(row.integer(18)) / 100.0;  // stored in 分
    r.multimedia_rooms = static_cast<double>(row.integer(19));
    if (r.kind == SchoolKind::Primary) r.primary.largest_class = row.integer(9);
    if (r.kind == SchoolKind::Junior) r.junior.largest_class = row.integer(9);
    bool starts_at_junior = r.kind == SchoolKind::Junior || r.kind == SchoolKind::CompleteSecondary;
    r.entry_grade_students = starts_at_junior ? row.integer(21) : row.integer(20);
    if (!row.is_null(22) && !row.is_null(23)) r.lon = row.real(22), r.lat = row.real(23);
    if (r.primary.students + r.junior.students <= 0) continue;  // evaluate() skips an empty level
    out.push_back(std::move(r));
  }
  return out;
}

Result<FactsSelection> select_facts(store::Connection& db, const std::string& school_year) {
  FactsSelection out;
  auto years = fact_years(db);
  if (!years) return years.error();
  out.years = std::move(*years);
  out.school_year = school_year.empty() && !out.years.empty() ? out.years.front() : school_year;
  if (out.school_year.empty()) return out;
  auto records = records_from_facts(db, out.school_year);
  if (!records) return records.error();
  out.records = std::move(*records);
  return out;
}

int rules_year_of(const std::string& school_year) {
  if (school_year.size() < 4) return 0;
  int year = 0;
  for (int k = 0; k < 4; ++k) {
    if (school_year[k] < '0' || school_year[k] > '9') return 0;
    year = year * 10 + (school_year[k] - '0');
  }
  return year;
}

}  // namespace youjun::balance
