// students.csv: one row per student of 2025-2026, school by school, grade by grade, class by class,
// exactly the class sizes behind school_facts.csv. Grade g of the school year starting in Y is the
// cohort born between 1 September Y-6-g and 31 August Y-5-g (grade 1 of 2025-2026: 2018-09-01 to
// 2019-08-31).
#include "demo/health_files.hpp"
#include "demo/names.hpp"
#include "demo/people.hpp"
#include "demo/phases.hpp"

namespace youjun::demo {

namespace {

// Where 随迁子女 come from: mostly other provinces, some from poorer parts of Zhejiang.
std::string migrant_area(Rng& r) { return other_area_code(r, r.chance(0.85)); }

}  // namespace

size_t write_students(const City& city, IdNumberMaker& ids, CsvOut& out, HealthOut* health) {
  size_t before = out.rows();
  const int start = year_start(kLatest);
  const int n_districts = static_cast<int>(districts().size());
  for (const School& s : city.schools) {
    Rng r(city.seed, kStreamStudents, std::stoull(s.code));
    for (int g = 1; g <= kGrades; ++g) {
      const auto& sizes = s.class_sizes[kLatest][g - 1];
      long first = days_from_civil(start - 6 - g, 9, 1);
      long last = days_from_civil(start - 5 - g, 8, 31);
      std::string grade = std::to_string(g);
      for (size_t c = 0; c < sizes.size(); ++c) {
        std::string class_no = std::to_string(c + 1);
        for (int k = 0; k < sizes[c]; ++k) {
          bool male = r.chance(0.515);
          CivilDate birth = civil_from_days(first + static_cast<long>(r.below(static_cast<uint64_t>(last - first + 1))));
          bool nonlocal = r.chance(s.nonlocal_share);
          std::string area;
          const char* hukou;
          if (nonlocal) {
            area = migrant_area(r);
            hukou = "外地";
          } else {
            int district = r.chance(0.85) ? s.district : static_cast<int>(r.below(n_districts));
            area = birth_area_code(district, birth.year);
            hukou = r.chance(s.urban_hukou_share) ? "本地城镇" : "本地农村";
          }
          out.set("id_number", ids.make(r, area, birth, male));
          out.set("name", person_name(r, male, Generation::Child));
          out.set("gender", male ? "男" : "女");
          out.set("birth_date", iso_date(birth));
          out.set("hukou_type", hukou);
          out.set("migrant", nonlocal ? "是" : "否");
          out.set("school_code", s.code);
          out.set("grade", grade);
          out.set("class_no", class_no);
          std::string student_no = demo_student_no(s, g, static_cast<int>(c + 1), k + 1);
          out.set("student_no", student_no);
          out.end_row();
          if (health) health->add(s, student_no, g, static_cast<int>(c + 1), male);
        }
      }
    }
  }
  return out.rows() - before;
}

}  // namespace youjun::demo
