#include "demo/health_files.hpp"

#include <algorithm>
#include <cmath>

#include "demo/phases.hpp"
#include "policy/policy.hpp"

namespace youjun::demo {

namespace {

// Mean height (cm) by grade, boys and girls: rounded from the 2014 national student physique survey's
// urban means (demo data, not a rule).
constexpr double kHeightMale[12] = {122, 128, 133, 139, 144, 151, 158, 165, 169, 171, 172, 173};
constexpr double kHeightFemale[12] = {121, 127, 132, 138, 145, 151, 155, 158, 159, 160, 160, 161};

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The result that earns `points` (possibly fractional) on `rows`: linear between the rows around it,
// beyond the 100-point row continued with the last step, below the 10-point row likewise.
double result_for(const std::vector<evaluate::TableRow>& rows, double points) {
  auto value = [](const evaluate::TableRow& r) { return static_cast<double>(r.threshold) / evaluate::kMilli; };
  if (rows.size() == 1) return value(rows[0]);
  for (size_t i = 1; i < rows.size(); ++i) {
    if (points >= rows[i].points || i + 1 == rows.size()) {
      double p0 = rows[i - 1].points, p1 = rows[i].points;
      return value(rows[i]) + (value(rows[i - 1]) - value(rows[i])) * (points - p1) / (p0 - p1);
    }
  }
  return value(rows.back());
}

// Share of children with 筛查性近视 by grade in 2025 (near the 2020 national survey: 小学 ~36 %, 初中 ~72 %,
// 高中 ~81 %); 2026 is one point lower (demo assumption: the city meets a 1-point target).
constexpr double kMyopia2025[12] = {0.14, 0.20, 0.28, 0.36, 0.44, 0.52, 0.64, 0.71, 0.76, 0.79, 0.81, 0.83};

std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

HealthOut::HealthOut(const std::string& fitness_path, const std::string& vision_path, uint64_t seed)
    : fitness_path_(fitness_path), vision_path_(vision_path), rng_(seed, kStreamFitness) {
  auto policy = policy::load_policy("national");
  auto rules = policy ? evaluate::fitness_rules(*policy) : Result<evaluate::FitnessRules>(policy.error());
  if (!rules) {
    problem_ = rules.error().message;
    return;
  }
  rules_ = std::move(*rules);
  fitness_file_ = std::fopen(fitness_path.c_str(), "wb");
  vision_file_ = std::fopen(vision_path.c_str(), "wb");
  if (!fitness_file_ || !vision_file_) {
    problem_ = (fitness_file_ ? vision_path : fitness_path) + ": 无法写入";
    return;
  }
  fitness_buffer_ = "student_id,grade,sex,height_cm,weight_kg";
  for (size_t i = 1; i < rules_->items.size(); ++i) fitness_buffer_ += "," + rules_->items[i].column;
  fitness_buffer_ += ",school_id,class_id,district\n";
  vision_buffer_ = "student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,spherical_equivalent_right,"
                   "grade,school_id,district,ortho_k\n";
}

HealthOut::~HealthOut() {
  if (fitness_file_) std::fclose(fitness_file_);
  if (vision_file_) std::fclose(vision_file_);
}

std::string demo_student_no(const School& school, int grade, int class_no, int seat) {
  return school.code + "-" + std::to_string(grade) + "-" + std::to_string(class_no) + "-" + std::to_string(seat);
}

void HealthOut::add(const School& school, const std::string& id, int grade, int class_no, bool male) {
  if (!fitness_file_ || !vision_file_) return;
  add_fitness(school, id, grade, class_no, male);
  add_vision(school, id, grade);
  write(fitness_file_, fitness_buffer_, false);
  write(vision_file_, vision_buffer_, false);
}

void HealthOut::write(std::FILE* file, std::string& buffer, bool last) {
  if (!last && buffer.size() < (1u << 20)) return;
  if (std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size() && problem_.empty()) problem_ = "写入失败";
  buffer.clear();
}

void HealthOut::add_fitness(const School& school, const std::string& id, int grade, int class_no, bool male) {
  const auto& rules = *rules_;
  evaluate::Sex sex = male ? evaluate::Sex::male : evaluate::Sex::female;
  std::string row = id + "," + std::to_string(grade) + (male ? ",M," : ",F,");
  double height = (male ? kHeightMale : kHeightFemale)[grade - 1] + 5.5 * rng_.normal();
  // BMI band shares close to recent national surveys: ~6 % 低体重, ~70 % 正常, ~14 % 超重, ~10 % 肥胖.
  const auto& bands = rules.tables->bmi[evaluate::slot(grade, sex)];
  const double shares[4] = {0.06, 0.70, 0.14, 0.10};
  size_t band = rng_.weighted(shares, std::min<size_t>(4, bands.size()));
  double lo = bands[band].min ? double(*bands[band].min) / evaluate::kMilli : double(*bands[band].max) / evaluate::kMilli - 2;
  double hi = bands[band].max ? double(*bands[band].max) / evaluate::kMilli : lo + 5;
  double bmi = rng_.uniform(lo, hi);
  double weight = bmi * height * height / 10000.0;
  row += one_decimal(height) + "," + one_decimal(weight);
  // One ability per student so items correlate; urban schools a little fitter on average (demo assumption).
  double ability = rng_.normal() + (school.locale == Locale::Urban ? 0.15 : 0.0);
  const evaluate::ItemGroup* group = rules.weight_group(grade, sex);
  for (size_t i = 1; i < rules.items.size(); ++i) {
    row += ',';
    bool weighted = false;
    for (const auto& [k, w] : group->items) weighted = weighted || k == i;
    if (!weighted || rng_.chance(0.01)) continue;
    const auto& item = rules.items[i];
    double points = std::clamp(76 + 13 * (0.6 * ability + 0.8 * rng_.normal()), 1.0, 110.0);
    double v = result_for(item.table->rows[evaluate::slot(grade, sex)], points);
    // Counts, millilitres, centimetres of the jump and the long runs are whole; the rest to 0.1.
    bool whole = item.key != "run_50m" && item.key != "sit_reach";
    row += whole ? std::to_string(std::max(0L, std::lround(v))) : one_decimal(v);
  }
  row += "," + school.code + "," + std::to_string(grade) + "-" + std::to_string(class_no) + "," +
         districts()[static_cast<size_t>(school.district)].name + "\n";
  fitness_buffer_ += row;
  ++fitness_rows_;
}

void HealthOut::screening(const School& school, const std::string& id, int year, int grade, bool myopic, bool ortho_k, double se) {
  double left = se, right = se + 0.25 * rng_.normal();
  if (!myopic) left = std::max(left, -0.25), right = std::max(right, -0.25);
  auto vision = [&](double s) {
    if (ortho_k) return 5.0;  // worn overnight: sharp by day
    if (s <= -0.5) return std::clamp(4.9 + 0.25 * s + 0.05 * rng_.normal(), 4.0, 4.9);
    return rng_.chance(0.06) ? 4.9 : std::min(5.3, 5.0 + 0.1 * static_cast<double>(rng_.below(3)));
  };
  vision_buffer_ += id + "," + std::to_string(year) + "-05-1" + std::to_string(grade % 10) + "," + one_decimal(vision(left)) + "," +
                    one_decimal(vision(right)) + "," + two_decimals(std::round(left * 4) / 4) + "," +
                    two_decimals(std::round(right * 4) / 4) + "," + std::to_string(grade) + "," + school.code + "," +
                    districts()[static_cast<size_t>(school.district)].name + "," + (ortho_k ? "1" : "0") + "\n";
  ++vision_rows_;
}

void HealthOut::add_vision(const School& school, const std::string& id, int grade) {
  // Per school a little variation, so that some schools fall and some do not (demo assumption).
  double school_effect = (static_cast<double>(std::stoull(school.code) % 7) - 3) * 0.01;
  auto myopic_se = [&](int g) { return -0.5 - std::abs(1.5 * rng_.normal()) - 0.15 * g; };
  auto clear_se = [&] { return 0.25 + 0.5 * rng_.uniform(); };
  double p2026 = std::clamp(kMyopia2025[grade - 1] - 0.01 + school_effect, 0.01, 0.99);
  bool myopic_now = rng_.chance(p2026);
  // A child myopic in 2025 stays myopic: P(myopic in 2025 | myopic now) keeps the 2025 share of the grade below.
  double p2025 = grade > 1 ? std::clamp(kMyopia2025[grade - 2] + school_effect, 0.0, 0.99) : 0;
  bool myopic_before = grade > 1 && myopic_now && rng_.chance(std::min(1.0, p2025 / p2026));
  bool ortho_k = myopic_now && rng_.chance(0.03);
  double se_now = myopic_now ? myopic_se(grade) : clear_se();
  if (grade > 1)
    screening(school, id, 2025, grade - 1, myopic_before, ortho_k && myopic_before,
              myopic_before ? std::min(se_now + 0.5, -0.5) : std::max(se_now + 0.5, -0.25));
  screening(school, id, 2026, grade, myopic_now, ortho_k, se_now);
  // Last year's leavers were screened in 2025 too: every 高三 and the ~45 % of 初三 who did not go on to
  // the city's 普高. Each grade-12 (grade-9) student of 2026 stands for one (0.45) such leaver, so that 2025
  // has the grade mix of a real screening and the city's rate change is not a cohort artefact.
  if ((grade == 12 || grade == 9) && rng_.chance(grade == 12 ? 1.0 : 0.45)) {
    bool myopic = rng_.chance(std::clamp(kMyopia2025[grade - 1] + school_effect, 0.0, 0.99));
    std::string leaver = school.code + "-L" + std::to_string(grade) + "-" + std::to_string(vision_rows_);
    screening(school, leaver, 2025, grade, myopic, false, myopic ? myopic_se(grade) : clear_se());
  }
}

Status HealthOut::close() {
  for (auto [file, buffer] : {std::pair{&fitness_file_, &fitness_buffer_}, std::pair{&vision_file_, &vision_buffer_}}) {
    if (!*file) continue;
    write(*file, *buffer, true);
    if (std::fclose(*file) != 0 && problem_.empty()) problem_ = "写入失败";
    *file = nullptr;
  }
  if (!problem_.empty()) return make_error(problem_);
  return ok_status();
}

}  // namespace youjun::demo
