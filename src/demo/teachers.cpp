// teachers.csv: one row per 专任教师 of 2025-2026, consistent with school_facts.csv of that year.
//
// Definitions the facts follow (and the balance engine should count the same way):
//   - level 任教学段 = the stage the teacher teaches (a 九年一贯制 school has primary and junior teachers);
//   - 高于规定学历 (above the required degree): primary = 专科及以上 (policy/national.toml), junior =
//     本科及以上. Demo primary teachers are never 专科 (associate): they have a bachelor's or master's
//     degree, or only 中师/高中 (secondary, older teachers), so "本科及以上" and "专科及以上" give the
//     same primary count. Junior teachers without the higher degree are 专科 (a few older ones 中师);
//   - 县级以上骨干 = backbone_level county, city, province or national;
//   - 体育艺术专任教师 = subject 体育, 音乐 or 美术.
#include <algorithm>

#include "demo/names.hpp"
#include "demo/people.hpp"
#include "demo/phases.hpp"

namespace youjun::demo {

namespace {

struct Weighted {
  std::vector<std::string> items;
  std::vector<double> weights;
};

const Weighted& subjects(int stage) {
  static const Weighted primary{{"语文", "数学", "英语", "科学", "道德与法治", "信息科技", "综合实践", "心理健康", "劳动", "书法"},
                                {34, 28, 11, 8, 6, 4, 3, 2, 2, 2}};
  static const Weighted junior{{"语文", "数学", "英语", "科学", "历史与社会", "道德与法治", "信息科技", "心理健康", "劳动", "综合实践"},
                               {18, 18, 17, 16, 9, 7, 5, 2, 2, 2}};
  static const Weighted senior{{"语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "思想政治", "信息技术",
                                "通用技术", "心理健康", "体育", "音乐", "美术"},
                               {15, 15, 14, 10, 8, 7, 6, 6, 6, 4, 3, 2, 7, 2, 2}};
  return stage == kPrimary ? primary : stage == kJunior ? junior : senior;
}

const char* backbone_value(Rng& r) {
  double u = r.uniform();
  return u < 0.62 ? "county" : u < 0.90 ? "city" : u < 0.997 ? "province" : "national";
}

int min_age_for(const std::string& backbone) {
  if (backbone == "county") return 28;
  if (backbone == "city") return 32;
  if (backbone == "province") return 38;
  if (backbone == "national") return 45;
  return 22;
}

std::string title_for(Rng& r, int age, const std::string& backbone) {
  if ((backbone == "province" || backbone == "national") && age >= 40 && r.chance(0.3)) return "正高级教师";
  if (age < 26) return r.chance(0.6) ? "二级教师" : "未定级";
  if (age < 35) return r.chance(0.6) ? "一级教师" : "二级教师";
  if (age < 45) return r.chance(0.6) ? "一级教师" : "高级教师";
  return r.chance(0.6) ? "高级教师" : "一级教师";
}

struct Position {
  bool pe_art = false, above = false;
  const char* backbone = "none";
};

std::vector<Position> positions(Rng& r, int total, int above, int backbone, int pe_art) {
  std::vector<Position> pos(total);
  std::vector<int> order(total);
  for (int i = 0; i < total; ++i) order[i] = i;
  r.shuffle(order);
  for (int i = 0; i < pe_art; ++i) pos[order[i]].pe_art = true;
  r.shuffle(order);
  for (int i = 0; i < above; ++i) pos[order[i]].above = true;
  // Backbone teachers are mostly among those with the higher degree.
  std::stable_partition(order.begin(), order.end(), [&](int i) { return pos[i].above; });
  for (int i = 0; i < backbone; ++i) pos[order[i]].backbone = backbone_value(r);
  return pos;
}

void write_one(Rng& r, const School& s, int stage, const Position& p, int pe_art_index, IdNumberMaker& ids, CsvOut& out) {
  static const char* pe_art_subjects[3] = {"体育", "音乐", "美术"};
  static const double pe_art_weights[3] = {46, 27, 27};
  const int year = year_start(kLatest);
  std::string subject;
  if (p.pe_art) {
    subject = pe_art_index < 3 ? pe_art_subjects[(pe_art_index + s.code.back()) % 3] : pe_art_subjects[r.weighted(pe_art_weights, 3)];
  } else {
    const Weighted& w = subjects(stage);
    subject = w.items[r.weighted(w.weights)];
  }
  double female_share = stage == kPrimary ? 0.78 : stage == kJunior ? 0.62 : 0.55;
  if (subject == "体育") female_share = 0.35;
  bool male = !r.chance(female_share);

  std::string education;
  int age = 23 + static_cast<int>((r.uniform() + r.uniform()) * 18);
  if (stage == kSenior) {
    education = r.chance(0.22) ? "postgraduate" : r.chance(0.99) ? "bachelor" : "associate";
  } else if (p.above) {
    education = r.chance(stage == kPrimary ? 0.06 : 0.12) ? "postgraduate" : "bachelor";
  } else if (stage == kPrimary) {
    education = "secondary";
  } else {
    education = r.chance(0.92) ? "associate" : "secondary";
  }
  if (education == "secondary") age = r.range(48, 59);
  if (education == "associate") age = r.range(36, 59);
  if (education == "postgraduate") age = r.range(25, 48);
  std::string backbone = p.backbone;
  if (age < min_age_for(backbone)) age = min_age_for(backbone) + r.range(0, 8);
  if (!male && age > 55) age = 55 - r.range(0, 4);
  if (backbone == "national" && age < 45) backbone = "province";

  int birth_year = year - age;
  double u = r.uniform();
  int district = s.district;
  std::string area;
  if (u < 0.55) area = birth_area_code(district, birth_year);
  else if (u < 0.75) area = birth_area_code(static_cast<int>(r.below(districts().size())), birth_year);
  else area = other_area_code(r, u >= 0.90);
  long first = days_from_civil(birth_year, 1, 1), last = days_from_civil(birth_year, 12, 31);
  CivilDate birth = civil_from_days(first + static_cast<long>(r.below(static_cast<uint64_t>(last - first + 1))));

  int max_years = std::max(0, age - 22);
  double t = r.uniform();
  int years;
  if (t < 0.30 && max_years >= 13) years = r.range(13, std::min(max_years, 35));
  else if (t < 0.65 && max_years >= 6) years = r.range(6, std::min(max_years, 12));
  else years = r.range(0, std::min(max_years, 5));

  out.set("id_number", ids.make(r, area, birth, male));
  out.set("name", person_name(r, male, Generation::Adult));
  out.set("gender", male ? "M" : "F");
  out.set("birth_year", std::to_string(birth_year));
  out.set("school_code", s.code);
  out.set("level", stage == kPrimary ? "primary" : stage == kJunior ? "junior" : "senior");
  out.set("subject", subject);
  out.set("title", title_for(r, age, backbone));
  out.set("education", education);
  out.set("backbone_level", backbone);
  out.set("school_since", std::to_string(year - years));
  out.end_row();
}

}  // namespace

size_t write_teachers(const City& city, IdNumberMaker& ids, CsvOut& out) {
  size_t before = out.rows();
  for (const School& s : city.schools) {
    Rng r(city.seed, kStreamTeachers, std::stoull(s.code));
    const FactsRecord& f = s.facts[kLatest];
    for (int stage = 0; stage < 3; ++stage) {
      int total = f.teachers[stage];
      if (total == 0) continue;
      int above = stage < 2 ? f.above_degree[stage] : total;
      int backbone = stage < 2 ? f.backbone[stage] : static_cast<int>(total * r.uniform(0.1, 0.25));
      int pe_art = stage < 2 ? f.pe_art[stage] : 0;
      auto pos = positions(r, total, above, backbone, pe_art);
      int pe_art_index = 0;
      for (auto& p : pos) write_one(r, s, stage, p, p.pe_art ? pe_art_index++ : -1, ids, out);
    }
  }
  return out.rows() - before;
}

}  // namespace youjun::demo
