#include "demo/fitness_files.hpp"

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

}  // namespace

FitnessOut::FitnessOut(const std::string& path, uint64_t seed) : path_(path), rng_(seed, kStreamFitness) {
  auto policy = policy::load_policy("national");
  auto rules = policy ? evaluate::fitness_rules(*policy) : Result<evaluate::FitnessRules>(policy.error());
  if (!rules) {
    problem_ = rules.error().message;
    return;
  }
  rules_ = std::move(*rules);
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) {
    problem_ = path + ": 无法写入";
    return;
  }
  buffer_ = "student_id,grade,sex,height_cm,weight_kg";
  for (size_t i = 1; i < rules_->items.size(); ++i) buffer_ += "," + rules_->items[i].column;
  buffer_ += ",school_id,class_id,district\n";
}

FitnessOut::~FitnessOut() {
  if (file_) std::fclose(file_);
}

void FitnessOut::add(const School& school, int grade, int class_no, int seat, bool male) {
  if (!file_) return;
  const auto& rules = *rules_;
  evaluate::Sex sex = male ? evaluate::Sex::male : evaluate::Sex::female;
  std::string row = school.code + "-" + std::to_string(grade) + "-" + std::to_string(class_no) + "-" + std::to_string(seat);
  row += "," + std::to_string(grade) + (male ? ",M," : ",F,");
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
    bool whole = item.unit == "次" || item.unit == "毫升" || item.key == "run_800m" || item.key == "run_1000m" ||
                 item.key == "run_50x8" || item.key == "long_jump";
    row += whole ? std::to_string(std::max(0L, std::lround(v))) : one_decimal(v);
  }
  row += "," + school.code + "," + std::to_string(grade) + "-" + std::to_string(class_no) + "," +
         districts()[static_cast<size_t>(school.district)].name + "\n";
  buffer_ += row;
  ++rows_;
  if (buffer_.size() > (1u << 20)) {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) problem_ = path_ + ": 写入失败";
    buffer_.clear();
  }
}

Status FitnessOut::close() {
  if (file_) {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) problem_ = path_ + ": 写入失败";
    if (std::fclose(file_) != 0 && problem_.empty()) problem_ = path_ + ": 写入失败";
    file_ = nullptr;
  }
  if (!problem_.empty()) return make_error(problem_);
  return ok_status();
}

}  // namespace youjun::demo
