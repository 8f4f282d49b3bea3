#include "balance/exchange_source.hpp"

#include <unordered_set>
#include <variant>

namespace youjun::balance {

namespace {

// Highest education first: an education at or above `min` counts as above the required degree.
int education_rank(const std::string& e) {
  if (e == "postgraduate") return 3;
  if (e == "bachelor") return 2;
  if (e == "associate") return 1;
  return 0;
}

}  // namespace

Result<ExchangeInput> exchange_input(store::Connection& db, const policy::Policy& policy, const std::string& district,
                                     Stage stage, const std::string& school_year, int year) {
  ExchangeInput in;
  auto d = db.query("SELECT code, name FROM districts WHERE code = ? OR name = ?", {district, district});
  if (!d) return d.error();
  if (d->empty()) return make_error("未知的区县 " + district + "（用行政区划代码或名称）");
  in.district_code = (*d)[0].text(0);
  in.district_name = (*d)[0].text(1);
  std::string level = stage_key(stage);
  auto rule = policy.rule("resource.qualified_teachers.min_education." + level);
  if (!rule || !std::holds_alternative<std::string>(rule->value))
    return make_error("策略 " + policy.name() + " 缺少文本规则 resource.qualified_teachers.min_education." + level);
  in.applied.push_back(*rule);
  int min_rank = education_rank(std::get<std::string>(rule->value));

  const char* pupils = stage == Stage::Primary
                           ? "f.students_g1 + f.students_g2 + f.students_g3 + f.students_g4 + f.students_g5 + f.students_g6"
                           : "f.students_g7 + f.students_g8 + f.students_g9";
  auto schools = db.query(std::string("SELECT s.code, s.name, ") + pupils +
                              " FROM school_facts f JOIN schools s ON s.code = f.school_code "
                              "WHERE f.school_year = ? AND s.district_code = ? AND s.ownership = 'public' ORDER BY s.code",
                          {school_year, in.district_code});
  if (!schools) return schools.error();
  std::unordered_set<std::string> codes;
  for (const auto& r : *schools) {
    if (r.integer(2) <= 0) continue;
    in.schools.push_back({r.text(0), r.text(1), r.integer(2)});
    codes.insert(r.text(0));
  }
  auto teachers = db.query(
      "SELECT t.id_masked, t.name, t.school_code, t.subject, t.education, t.backbone_level, t.school_since, t.title "
      "FROM teachers t JOIN schools s ON s.code = t.school_code WHERE s.district_code = ? AND t.level = ? "
      "ORDER BY t.school_code, t.id_hash",
      {in.district_code, level});
  if (!teachers) return teachers.error();
  for (const auto& r : *teachers) {
    if (!codes.count(r.text(2))) continue;
    in.teachers.push_back({r.text(0), r.text(2), r.text(3), r.text(1), education_rank(r.text(4)) >= min_rank,
                           r.text(5) != "none", std::max<int>(0, year - static_cast<int>(r.integer(6))), r.text(7)});
  }
  return in;
}

}  // namespace youjun::balance
