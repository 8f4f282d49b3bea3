#include "evaluate/fitness.hpp"

#include "core/parallel.hpp"
#include "enroll/enroll_files.hpp"
#include "enroll/table_cells.hpp"
#include "evaluate/student_rows.hpp"

namespace youjun::evaluate {

namespace {

// Plausible body measures: outside them a value is a typing slip (cm entered as m, kg as jin).
constexpr Milli kMinHeight = 50 * kMilli, kMaxHeight = 250 * kMilli;
constexpr Milli kMinWeight = 10 * kMilli, kMaxWeight = 250 * kMilli;
// Item results are stored in 32 bits (FitnessRecord::value); no real result comes near this.
constexpr Milli kMaxMeasure = 1'000'000 * kMilli;

bool parse_sex(std::string_view s, Sex& out) {
  if (s == "M" || s == "m" || s == "男") return out = Sex::male, true;
  if (s == "F" || s == "f" || s == "女") return out = Sex::female, true;
  return false;
}

bool has_negative_threshold(const ItemTable& t) {
  for (const auto& rows : t.rows)
    for (const auto& r : rows)
      if (r.threshold < 0) return true;
  return false;
}

// BMI = kg / m² = 10⁴·kg / cm². With w, h in thousandths of kg and cm, BMI in thousandths is
// (w/10³)·10⁴ / (h/10³)² · 10³ = w·10¹⁰ / h², computed exactly and rounded half up.
Milli bmi_of(Milli height, Milli weight, int decimals) {
  return divide_rounded(static_cast<__int128>(weight) * 10'000'000'000LL, static_cast<__int128>(height) * height, decimals);
}

int band_of(const std::vector<BmiBand>& bands, Milli bmi) {
  for (size_t i = 0; i < bands.size(); ++i)
    if ((!bands[i].min || bmi >= *bands[i].min) && (!bands[i].max || bmi <= *bands[i].max)) return static_cast<int>(i);
  return -1;  // unreachable for checked tables (they tile the line)
}

}  // namespace

Milli round_to(Milli x, int decimals) {
  Milli unit = 1;
  for (int i = decimals; i < 3; ++i) unit *= 10;
  Milli q = (x >= 0 ? x + unit / 2 : x - unit / 2) / unit;  // half away from zero (totals are ≥ 0)
  return q * unit;
}

RowErrors read_fitness_records(const io::Table& t, const FitnessRules& rules, RecordColumns& c,
                               std::vector<FitnessRecord>& out) {
  RowErrors errors;
  auto cols = enroll::find_columns(
      t, {"student_id", "grade", "sex", "height_cm", "weight_kg", "year", "school_id", "class_id", "district"}, 5, errors);
  if (!cols.ok) return errors;
  c.student_id = cols.index[0], c.grade = cols.index[1], c.sex = cols.index[2], c.height = cols.index[3];
  c.weight = cols.index[4], c.year = cols.index[5], c.school = cols.index[6], c.klass = cols.index[7];
  c.district = cols.index[8];
  if (rules.items.size() > kMaxItems) {
    errors.push_back({t.file, 0, "", "策略定义的体测项目超过 " + std::to_string(kMaxItems) + " 项"});
    return errors;
  }
  std::array<bool, kMaxItems> negative_ok{};
  c.item.fill(-1);
  for (size_t i = 1; i < rules.items.size(); ++i) {
    c.item[i] = enroll::find_columns(t, {rules.items[i].column}, 0, errors).index[0];
    negative_ok[i] = has_negative_threshold(*rules.items[i].table);
  }
  StudentRows seen(t.row_count());
  out.clear();
  out.reserve(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    long line = t.line_number(r);
    size_t before = errors.size();
    FitnessRecord rec;
    rec.row = static_cast<uint32_t>(r);
    std::string_view id = enroll::cell(t, r, c.student_id);
    std::string problem = enroll::id_problem(id);
    if (problem.empty()) {
      std::string_view year = enroll::cell(t, r, c.year);
      long y = 0;
      if (c.year >= 0 && !enroll::parse_count(year, 9999, y)) errors.push_back({t.file, line, "year", "应为学年的四位年份，如 2026"});
      else problem = seen.repeat(t, r, id, year, "年");
    }
    if (!problem.empty()) errors.push_back({t.file, line, "student_id", problem});
    long grade = 0;
    if (!enroll::parse_count(enroll::cell(t, r, c.grade), kMaxGrade, grade) || grade < kMinGrade)
      errors.push_back({t.file, line, "grade", "应为年级 1–12（小学 1–6，初中 7–9，高中 10–12）"});
    rec.grade = static_cast<uint8_t>(grade);
    if (!parse_sex(enroll::cell(t, r, c.sex), rec.sex)) errors.push_back({t.file, line, "sex", "应为 M 或 F（男/女）"});
    struct Body {
      int column;
      const char* name;
      Milli min, max;
      Milli* out;
    };
    for (Body b : {Body{c.height, "height_cm", kMinHeight, kMaxHeight, &rec.height_cm},
                   Body{c.weight, "weight_kg", kMinWeight, kMaxWeight, &rec.weight_kg}}) {
      std::string_view text = enroll::cell(t, r, b.column);
      if (text.empty()) continue;
      auto v = parse_measure(text);
      if (!v || *v < b.min || *v > b.max)
        errors.push_back({t.file, line, b.name, "应为 " + measure_text(b.min) + "–" + measure_text(b.max) + " 之间的数值，或留空（未测）"});
      else *b.out = *v;
    }
    for (size_t i = 1; i < rules.items.size(); ++i) {
      std::string_view text = enroll::cell(t, r, c.item[i]);
      if (text.empty()) continue;
      auto v = parse_measure(text);
      bool timed = rules.items[i].better == Better::lower;
      if (!v || (*v < 0 && !negative_ok[i]) || *v > kMaxMeasure) {
        errors.push_back({t.file, line, rules.items[i].column,
                          rules.items[i].label + "应为" + (timed ? "秒数（如 10.2，或 3'40 表示 3 分 40 秒）" : "非负数值") + "，或留空（未测或不适用）"});
        continue;
      }
      rec.value[i] = static_cast<int32_t>(*v);
      rec.present |= 1u << i;
    }
    if (errors.size() == before) out.push_back(rec);
  }
  if (!errors.empty()) out.clear();
  return errors;
}

FitnessResult score_record(const FitnessRules& rules, const FitnessRecord& rec) {
  FitnessResult res;
  const ItemGroup* group = rules.weight_group(rec.grade, rec.sex);
  size_t s = slot(rec.grade, rec.sex);
  for (size_t i = 1; i < rules.items.size(); ++i)
    if (rec.present & (1u << i)) res.state[i] = kNotApplicable;
  if (!group) {  // no weights for this grade and sex: nothing is scored, the student counts as incomplete
    res.complete = false;
    return res;
  }
  Milli weighted = 0;  // Σ points × weight%, in thousandths of a point
  for (const auto& [i, weight] : group->items) {
    res.weight[i] = static_cast<uint8_t>(weight);
    const FitnessItem& item = rules.items[i];
    int points = 0;
    if (item.better == Better::band) {
      if (rec.height_cm < 0 || rec.weight_kg < 0) {
        res.state[i] = kMissing;
        res.complete = false;
      } else {
        res.bmi = bmi_of(rec.height_cm, rec.weight_kg, rules.bmi_decimals);
        const auto& bands = rules.tables->bmi[s];
        res.bmi_band = static_cast<int8_t>(band_of(bands, res.bmi));
        points = res.bmi_band >= 0 ? bands[res.bmi_band].points : 0;
        res.state[i] = kScored;
      }
    } else if (rec.present & (1u << i)) {
      points = lookup_points(item.table->rows[s], item.better == Better::lower, rec.value[i]);
      res.state[i] = kScored;
    } else {
      res.state[i] = kMissing;
      res.complete = false;
    }
    res.points[i] = static_cast<uint8_t>(points);
    weighted += static_cast<Milli>(points) * weight * (kMilli / 100);
  }
  res.standard = round_to(weighted, rules.total_decimals);
  if (const ItemGroup* bonus = rules.bonus_group(rec.grade, rec.sex)) {
    for (const auto& [i, max] : bonus->items) {
      const FitnessItem& item = rules.items[i];
      if (res.state[i] != kScored) continue;
      // 加分 only for the part beyond the 100-point result: the bonus table starts there.
      int b = lookup_points(item.bonus->rows[s], item.better == Better::lower, rec.value[i]);
      res.bonus[i] = static_cast<uint8_t>(std::min(b, max));
      res.bonus_total += res.bonus[i];
    }
    res.bonus_total = std::min(res.bonus_total, rules.bonus_max_total);
  }
  res.total = res.standard + static_cast<Milli>(res.bonus_total) * kMilli;
  res.level = static_cast<uint8_t>(level_of(rules, res.total));
  return res;
}

std::vector<FitnessResult> score_records(const FitnessRules& rules, const std::vector<FitnessRecord>& records) {
  std::vector<FitnessResult> out(records.size());
  for_each_chunk(records.size(), worker_count(records.size()), [&](size_t, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) out[i] = score_record(rules, records[i]);
  });
  return out;
}

}  // namespace youjun::evaluate
