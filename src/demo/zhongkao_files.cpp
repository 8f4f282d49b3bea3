// The demo's 中考 cycle. Graduates are the 2025-2026 grade-9 students of every school with a junior
// stage; high schools are the public schools with a senior stage (plans scaled from their grade 10, see
// below; the urban ones are the 优质高中 subject to 指标到校) and one 中职 per district. Scores follow the national example scheme of
// policy/national.toml (语数英 120, 科学 150, 社会 100, 体育 40, 综合素质 A–D) from one ability per
// student, so subjects correlate; lists favour quality schools and the student's own district, the best
// students aiming highest. Everything is drawn from the generator's own PRNG (deterministic bytes).
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "demo/generate.hpp"
#include "demo/health_files.hpp"
#include "demo/phases.hpp"
#include "demo/rng.hpp"

namespace youjun::demo {

namespace {

int clamp_score(double v, int full) { return std::max(0, std::min(full, static_cast<int>(v + 0.5))); }

struct HighSchoolPick {
  std::string code;
  int district = 0;
  bool quality = false;
  double appeal = 0;  // how much students want it
};

}  // namespace

ZhongkaoFiles zhongkao_files(const City& city) {
  ZhongkaoFiles f;
  f.juniors = "js_id,name,county,graduates\n";
  f.high_schools = "hs_id,name,plan,quality,county\n";
  f.candidates = "student_id,js_id,chinese,math,english,science,social,pe,comprehensive,quota_eligible,quota_prefs,prefs\n";
  Rng rng(city.seed, kStreamZhongkao);
  // The demo's senior stages are small next to its junior stages; plans are scaled so that 普高 take about
  // 55 % of the graduates (浙江 普职比 about 6 : 4), and one 中职 per district takes about 40 %.
  std::vector<long> district_graduates(districts().size(), 0);
  long graduates_total = 0, grade10_total = 0;
  for (const School& s : city.schools) {
    if (has_stage(s.level, kJunior)) district_graduates[static_cast<size_t>(s.district)] += s.students[kLatest][8];
    if (has_stage(s.level, kJunior)) graduates_total += s.students[kLatest][8];
    if (has_stage(s.level, kSenior) && !s.is_private) grade10_total += s.students[kLatest][9];
  }
  const double plan_factor = grade10_total ? 0.55 * static_cast<double>(graduates_total) / static_cast<double>(grade10_total) : 1;
  std::vector<HighSchoolPick> high_schools;
  for (size_t k = 0; k < city.schools.size(); ++k) {
    const School& s = city.schools[k];
    if (!has_stage(s.level, kSenior) || s.is_private) continue;
    int plan = static_cast<int>(s.students[kLatest][9] * plan_factor + 0.5);
    bool quality = s.locale == Locale::Urban;
    f.high_schools += s.code + "," + s.name + "," + std::to_string(plan) + "," + (quality ? "1" : "0") + "," +
                      districts()[static_cast<size_t>(s.district)].name + "\n";
    ++f.high_school_rows;
    high_schools.push_back({s.code, s.district, quality, (quality ? 3.0 : 1.0) * rng.uniform(0.8, 1.2)});
  }
  // A small demo (scale < ~0.3) may have no public senior stage in a district: the 中考 files then add one
  // 普高 there (only in these files), so that every district has a quality school to allocate quota.
  std::vector<bool> has_senior(districts().size(), false);
  for (const auto& h : high_schools) has_senior[static_cast<size_t>(h.district)] = true;
  for (size_t d = 0; d < districts().size(); ++d) {
    if (district_graduates[d] == 0 || has_senior[d]) continue;
    std::string code = districts()[d].code + "PG01";
    f.high_schools += code + "," + districts()[d].name_prefix + "高级中学," +
                      std::to_string(static_cast<long>(0.55 * static_cast<double>(district_graduates[d]) + 0.5)) + ",1," +
                      districts()[d].name + "\n";
    ++f.high_school_rows;
    high_schools.push_back({code, static_cast<int>(d), true, 3.0});
  }
  for (size_t d = 0; d < districts().size(); ++d) {
    if (district_graduates[d] == 0) continue;
    std::string code = districts()[d].code + "ZZ01";
    f.high_schools += code + "," + districts()[d].name_prefix + "中等职业技术学校," +
                      std::to_string(static_cast<long>(0.40 * static_cast<double>(district_graduates[d]) + 0.5)) + ",0," +
                      districts()[d].name + "\n";
    ++f.high_school_rows;
    high_schools.push_back({code, static_cast<int>(d), false, 0.3});
  }
  for (const School& s : city.schools) {
    if (!has_stage(s.level, kJunior)) continue;
    int graduates = s.students[kLatest][8];
    f.juniors += s.code + "," + s.name + "," + districts()[static_cast<size_t>(s.district)].name + "," +
                 std::to_string(graduates) + "\n";
    ++f.junior_rows;
    double school_effect = rng.uniform(-0.25, 0.25) + (s.locale == Locale::Urban ? 0.15 : s.locale == Locale::Rural ? -0.15 : 0);
    // 考生号 = the roster's 学号 (students.csv student_no), so a parent's child links to their 中考 result.
    std::vector<std::string> ids;
    const auto& sizes = s.class_sizes[kLatest][8];
    for (size_t cls = 0; cls < sizes.size(); ++cls)
      for (int seat = 1; seat <= sizes[cls]; ++seat) ids.push_back(demo_student_no(s, 9, static_cast<int>(cls + 1), seat));
    for (const std::string& id : ids) {
      double ability = rng.normal() + school_effect;
      auto subject = [&](double mean, double spread, int full) { return clamp_score(mean + spread * (ability + 0.6 * rng.normal()), full); };
      int chinese = subject(88, 12, 120), math = subject(82, 20, 120), science = subject(105, 24, 150),
          social = subject(72, 12, 100), pe = clamp_score(34 + 3 * rng.normal() + ability, 40);
      // English has half points (listening and speaking): 0.5 steps.
      double english = std::max(0.0, std::min(120.0, static_cast<int>(2 * (85 + 17 * (ability + 0.6 * rng.normal()))) / 2.0));
      double q = ability + 0.8 * rng.normal();
      const char* grade = q > 0.8 ? "A" : q > -0.3 ? "B" : q > -1.5 ? "C" : "D";
      // Lists: up to 15 schools by appeal, nearer (same district) ones preferred; weaker students add
      // fewer quality schools at the top. Quota lists: the first two quality schools of their district.
      std::vector<std::pair<double, size_t>> ranked;
      for (size_t h = 0; h < high_schools.size(); ++h) {
        const auto& hs = high_schools[h];
        double near = hs.district == s.district ? 1.6 : 0.4;
        double reach = hs.quality ? 1.0 + 0.35 * ability : 1.0 - 0.3 * ability;
        ranked.push_back({hs.appeal * near * std::max(0.05, reach) * rng.uniform(0.7, 1.3), h});
      }
      std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
      size_t length = std::min<size_t>(ranked.size(), static_cast<size_t>(rng.range(3, 15)));
      std::string prefs, quota_prefs;
      int quota_count = 0;
      bool own_vocational = false;
      for (size_t r = 0; r < length; ++r) {
        const auto& hs = high_schools[ranked[r].second];
        prefs += (prefs.empty() ? "" : "|") + hs.code;
        own_vocational = own_vocational || (hs.district == s.district && hs.code.find("ZZ") != std::string::npos);
        if (hs.quality && hs.district == s.district && quota_count < 2) {
          quota_prefs += (quota_prefs.empty() ? "" : "|") + hs.code;
          ++quota_count;
        }
      }
      // Most students below the middle keep their district's 中职 as a safe last choice.
      if (!own_vocational && ability < 0.3 && rng.chance(0.9) && length < 15) {
        for (const auto& hs : high_schools)
          if (hs.district == s.district && hs.code.find("ZZ") != std::string::npos) prefs += (prefs.empty() ? "" : "|") + hs.code;
      }
      bool eligible = rng.chance(0.92);  // 三年学籍 at this school; transfers are not
      char english_text[16];
      std::snprintf(english_text, sizeof english_text, english == static_cast<int>(english) ? "%.0f" : "%.1f", english);
      f.candidates += id + "," + s.code + "," + std::to_string(chinese) + "," + std::to_string(math) + "," +
                      english_text + "," + std::to_string(science) + "," + std::to_string(social) + "," +
                      std::to_string(pe) + "," + grade + "," + (eligible ? "1" : "0") + "," + quota_prefs + "," + prefs + "\n";
      ++f.candidate_rows;
    }
  }
  return f;
}

}  // namespace youjun::demo
