#include "evaluate/vision.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "enroll/enroll_files.hpp"
#include "enroll/table_cells.hpp"
#include "evaluate/student_rows.hpp"

namespace youjun::evaluate {

namespace {

// 五分记录 (GB 11533 standard logarithmic chart) runs from 4.0 (the chart's top line; 3.x by walking closer)
// to 5.3; spherical equivalents beyond ±30 D are typing slips.
constexpr Milli kMinVision = 3000, kMaxVision = 5300, kMaxSe = 30000;

Milli to_milli(double v) { return static_cast<Milli>(std::llround(v * kMilli)); }

// "2026-05-12" or "2026/5/12" → 2026
bool year_of_date(std::string_view date, int& year) {
  if (date.size() < 8) return false;
  long y = 0;
  if (!enroll::parse_count(date.substr(0, 4), 9999, y) || y < 1990 || (date[4] != '-' && date[4] != '/')) return false;
  year = static_cast<int>(y);
  return true;
}

}  // namespace

Result<VisionRules> vision_rules(const policy::Policy& policy, int year) {
  VisionRules r;
  for (const char* key : {"vision.myopia.uncorrected_below", "vision.myopia.spherical_equivalent_at_most",
                          "vision.myopia.ortho_k_counts", "vision.target.annual_drop"})
    r.keys.push_back(key);
  auto below = policy.number(r.keys[0]);
  auto se = policy.number(r.keys[1]);
  auto ortho = policy.flag(r.keys[2]);
  auto drop = policy.rule_at(r.keys[3], year);
  if (!below) return below.error();
  if (!se) return se.error();
  if (!ortho) return ortho.error();
  if (!drop) return drop.error();
  r.uncorrected_below = to_milli(*below);
  r.se_at_most = to_milli(*se);
  r.ortho_k_counts = *ortho;
  r.annual_drop = to_milli(std::get<double>(drop->value));
  return r;
}

RowErrors read_screenings(const io::Table& t, const VisionRules& rules, VisionColumns& c, std::vector<Screening>& out) {
  RowErrors errors;
  auto cols = enroll::find_columns(t,
                                   {"student_id", "date", "left_uncorrected", "right_uncorrected", "spherical_equivalent_left",
                                    "spherical_equivalent_right", "year", "grade", "school_id", "district", "ortho_k"},
                                   6, errors);
  if (!cols.ok) return errors;
  c.student_id = cols.index[0], c.date = cols.index[1], c.left = cols.index[2], c.right = cols.index[3];
  c.se_left = cols.index[4], c.se_right = cols.index[5], c.year = cols.index[6], c.grade = cols.index[7];
  c.school = cols.index[8], c.district = cols.index[9], c.ortho_k = cols.index[10];
  StudentRows seen(t.row_count());
  out.clear();
  for (size_t r = 0; r < t.row_count(); ++r) {
    long line = t.line_number(r);
    size_t before = errors.size();
    Screening s;
    s.row = static_cast<uint32_t>(r);
    std::string_view id = enroll::cell(t, r, c.student_id);
    std::string problem = enroll::id_problem(id);
    if (!problem.empty()) errors.push_back({t.file, line, "student_id", problem});
    long year = 0;
    if (c.year >= 0) {
      if (!enroll::parse_count(enroll::cell(t, r, c.year), 9999, year) || year < 1990)
        errors.push_back({t.file, line, "year", "应为四位年份，如 2026"});
    } else {
      int y = 0;
      if (!year_of_date(enroll::cell(t, r, c.date), y)) errors.push_back({t.file, line, "date", "应为筛查日期，如 2026-05-12"});
      year = y;
    }
    s.year = static_cast<int>(year);
    if (c.grade >= 0) {
      long g = 0;
      if (!enroll::parse_count(enroll::cell(t, r, c.grade), kMaxGrade, g) || g < kMinGrade)
        errors.push_back({t.file, line, "grade", "应为年级 1–12"});
      s.grade = static_cast<int>(g);
    }
    // One screening per student and year (a rescreening replaces the first in the source system).
    if (problem.empty() && errors.size() == before) {
      std::string repeated = seen.repeat(t, r, id, std::to_string(s.year), "年");
      if (!repeated.empty()) errors.push_back({t.file, line, "student_id", repeated});
    }
    bool ortho_k = false;
    if (c.ortho_k >= 0) {
      std::string_view o = enroll::cell(t, r, c.ortho_k);
      if (o == "1" || o == "是") ortho_k = true;
      else if (!(o.empty() || o == "0" || o == "否")) errors.push_back({t.file, line, "ortho_k", "应为 1/是（配戴角膜塑形镜）或 0/否/留空"});
    }
    bool below[2] = {false, false}, se_myopic[2] = {false, false}, se_missing[2] = {false, false};
    const int vision_cols[2] = {c.left, c.right}, se_cols[2] = {c.se_left, c.se_right};
    const char* vision_names[2] = {"left_uncorrected", "right_uncorrected"};
    const char* se_names[2] = {"spherical_equivalent_left", "spherical_equivalent_right"};
    for (int eye = 0; eye < 2; ++eye) {
      auto v = parse_measure(enroll::cell(t, r, vision_cols[eye]));
      if (!v || *v < kMinVision || *v > kMaxVision) {
        errors.push_back({t.file, line, vision_names[eye], "应为五分记录的裸眼视力 3.0–5.3（如 4.8）"});
        continue;
      }
      below[eye] = *v < rules.uncorrected_below;
      std::string_view se_text = enroll::cell(t, r, se_cols[eye]);
      if (se_text.empty()) {
        se_missing[eye] = true;
        continue;
      }
      auto se = parse_measure(se_text);
      if (!se || *se < -kMaxSe || *se > kMaxSe) {
        errors.push_back({t.file, line, se_names[eye], "应为等效球镜度数（D），如 -1.25，或留空（未验光）"});
        continue;
      }
      se_myopic[eye] = *se <= rules.se_at_most;
    }
    if (errors.size() != before) continue;
    bool myopic = (ortho_k && rules.ortho_k_counts) || (below[0] && se_myopic[0]) || (below[1] && se_myopic[1]);
    s.status = myopic ? VisionStatus::myopia : (below[0] || below[1]) ? VisionStatus::poor_vision : VisionStatus::normal;
    s.below = below[0] || below[1];
    s.unconfirmed = !myopic && ((below[0] && se_missing[0]) || (below[1] && se_missing[1]));
    out.push_back(s);
  }
  if (!errors.empty()) out.clear();
  return errors;
}

Result<VisionInput> read_vision(const io::Table& table, const policy::Policy& policy, int year, RowErrors& errors) {
  VisionInput in;
  auto definition = vision_rules(policy, year);  // the definition has no years; the target is settled below
  if (!definition) return definition.error();
  errors = read_screenings(table, *definition, in.columns, in.screenings);
  in.year = year;
  if (!year)
    for (const auto& s : in.screenings) in.year = std::max(in.year, s.year);
  auto rules = in.year == year ? std::move(definition) : vision_rules(policy, in.year);
  if (!rules) return rules.error();
  in.rules = std::move(*rules);
  return in;
}

VisionReport vision_report(const io::Table& t, const VisionColumns& c, const VisionRules& rules,
                           const std::vector<Screening>& screenings) {
  VisionReport report;
  struct Scope {
    const char* name;
    int column;  // -2 everyone, -3 grade
  };
  std::vector<Scope> scopes{{"all", -2}};
  if (c.district >= 0) scopes.push_back({"district", c.district});
  if (c.school >= 0) scopes.push_back({"school", c.school});
  if (c.grade >= 0) scopes.push_back({"grade", -3});
  for (const Scope& scope : scopes) {
    std::map<std::pair<std::string, int>, VisionRate> groups;
    std::map<std::tuple<std::string, int, int>, std::pair<size_t, size_t>> by_grade;  // (key, year, grade) → screened, myopia
    for (const Screening& s : screenings) {
      std::string key = scope.column == -2 ? "" : scope.column == -3 ? std::to_string(s.grade) : std::string(t.cell(s.row, scope.column));
      auto& [n, m] = by_grade[{key, s.year, s.grade}];
      ++n;
      m += s.status == VisionStatus::myopia;
      VisionRate& g = groups[{key, s.year}];
      g.scope = scope.name, g.key = key, g.year = s.year;
      ++g.screened;
      g.myopia += s.status == VisionStatus::myopia;
      g.poor_vision += s.below;
      g.unconfirmed += s.unconfirmed;
    }
    const VisionRate* previous = nullptr;
    for (const auto& [k, g] : groups) {
      report.rates.push_back(g);
      if (previous && previous->key == g.key && previous->year + 1 == g.year) {
        VisionChange ch{g.scope, g.key, previous->year, g.year, previous->myopia_rate(), g.myopia_rate(), 0, false};
        ch.change_points = std::round((ch.to_rate - ch.from_rate) * 1e4) / 100;  // percentage points, 2 decimals
        ch.target_met = std::llround(ch.change_points * kMilli) <= -rules.annual_drop;
        if (c.grade >= 0) {
          double weighted = 0, weight = 0;
          for (int grade = kMinGrade; grade <= kMaxGrade; ++grade) {
            auto now = by_grade.find({g.key, g.year, grade}), before = by_grade.find({g.key, previous->year, grade});
            if (now == by_grade.end() || before == by_grade.end()) continue;
            double n = static_cast<double>(now->second.first);
            weighted += n * (double(now->second.second) / n - double(before->second.second) / double(before->second.first));
            weight += n;
          }
          if (weight > 0) ch.same_grade_mix_change_points = std::round(weighted / weight * 1e4) / 100;
        }
        report.changes.push_back(ch);
      }
      previous = &report.rates.back();
    }
  }
  // Schools furthest behind: the latest year's change, worst first.
  int latest = 0;
  for (const auto& ch : report.changes) latest = std::max(latest, ch.to_year);
  for (const auto& ch : report.changes)
    if (ch.scope == "school" && ch.to_year == latest) report.behind.push_back(ch);
  std::stable_sort(report.behind.begin(), report.behind.end(),
                   [](const VisionChange& a, const VisionChange& b) { return a.change_points > b.change_points; });
  if (report.behind.size() > 10) report.behind.resize(10);
  // Cohorts: the same student ids in consecutive years.
  std::map<std::string, std::map<int, const Screening*>> by_student;
  for (const Screening& s : screenings) by_student[std::string(t.cell(s.row, c.student_id))][s.year] = &s;
  std::map<std::pair<int, int>, CohortChange> cohorts;  // (later year, grade then; 0 = all)
  for (const auto& [id, years] : by_student)
    for (const auto& [year, s] : years) {
      auto next = years.find(year + 1);
      if (next == years.end()) continue;
      for (int grade : {0, next->second->grade}) {
        CohortChange& ch = cohorts[{year + 1, grade}];
        ch.grade = grade, ch.from_year = year, ch.to_year = year + 1;
        ++ch.students;
        ch.myopia_before += s->status == VisionStatus::myopia;
        ch.myopia_after += next->second->status == VisionStatus::myopia;
        if (c.grade < 0) break;  // no grade column: only the whole cohort
      }
    }
  for (auto& [k, ch] : cohorts) report.cohorts.push_back(ch);
  return report;
}

}  // namespace youjun::evaluate
