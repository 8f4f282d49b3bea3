#include "admit/score.hpp"

#include "enroll/enroll_files.hpp"
#include "enroll/id_index.hpp"
#include "enroll/table_cells.hpp"

namespace youjun::admit {

namespace {

// n / d rounded half up to a multiple of `unit` (all non-negative).
Milli round_half_up(int64_t n, int64_t d, int64_t unit) {
  int64_t q = n / (d * unit), r = n % (d * unit);
  if (2 * r >= d * unit) ++q;
  return q * unit;
}

int64_t unit_of(int decimals) {
  int64_t unit = kMilli;
  for (int i = 0; i < decimals; ++i) unit /= 10;
  return unit;
}

}  // namespace

Result<Milli> component_points(const ScoreComponent& c, std::string_view cell, int decimals) {
  if (c.graded) {
    std::string letter(cell);
    for (char& ch : letter) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (const auto& g : c.grades)
      if (g.first == letter) return g.second;
    std::string known;
    for (const auto& g : c.grades) known += (known.empty() ? "" : "、") + g.first;
    return Error{"应为等级 " + known};
  }
  auto raw = parse_milli(cell);
  if (!raw) return Error{"应为 0–" + milli_text(c.full) + " 的分数（最多 3 位小数）"};
  if (*raw > c.full) return Error{"分数 " + std::string(cell) + " 超过满分 " + milli_text(c.full)};
  if (c.points == c.full) return *raw;
  return round_half_up(*raw * c.points, c.full, unit_of(decimals));
}

RowErrors score_students(const io::Table& t, const ScoreScheme& scheme, std::vector<StudentScore>& out) {
  RowErrors errors;
  std::vector<std::string> names{"student_id"};
  for (const auto& c : scheme.components) names.push_back(c.name);
  auto cols = enroll::find_columns(t, names, names.size(), errors);
  if (!cols.ok) return errors;
  enroll::IdIndex seen(t.row_count());
  out.reserve(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    long line = t.line_number(r);
    size_t before = errors.size();
    std::string_view id = enroll::cell(t, r, cols.index[0]);
    std::string problem = enroll::id_problem(id);
    if (problem.empty()) problem = enroll::repeat_problem(seen, t, r, id, "考生");
    if (!problem.empty()) errors.push_back({t.file, line, "student_id", problem});
    StudentScore s;
    s.student_id = std::string(id);
    for (size_t k = 0; k < scheme.components.size(); ++k) {
      const auto& c = scheme.components[k];
      std::string_view text = enroll::cell(t, r, cols.index[k + 1]);
      auto points = component_points(c, text, scheme.decimals);
      if (!points) {
        errors.push_back({t.file, line, c.name, c.label + "：" + points.error().message});
        continue;
      }
      s.raw.emplace_back(text);
      s.points.push_back(*points);
      s.total += *points;
    }
    if (errors.size() == before) out.push_back(std::move(s));
  }
  return errors;
}

}  // namespace youjun::admit
