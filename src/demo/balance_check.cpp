#include "demo/balance_check.hpp"

#include <cmath>

namespace youjun::demo {

const std::array<std::array<double, kIndicators>, 2> kFloors = {{
    {4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3},
    {5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4},
}};
const std::array<double, 2> kCvLimits = {0.50, 0.45};
const std::array<const char*, kIndicators> kIndicatorNames = {
    "每百名学生拥有高于规定学历教师数", "每百名学生拥有县级以上骨干教师数", "每百名学生拥有体育艺术专任教师数",
    "生均教学及辅助用房面积",           "生均体育运动场馆面积",             "生均教学仪器设备值",
    "每百名学生拥有网络多媒体教室数"};

// Split weights of the stages sharing one school's areas, equipment and rooms
// (primary : junior : senior, the 1 : 1.1 : 1.32 local practice in policy/national.toml).
std::array<double, 3> split_weights(Level level) {
  switch (level) {
    case Level::NineYear: return {1, 1.1, 0};
    case Level::CompleteSecondary: return {0, 1, 1.2};
    case Level::TwelveYear: return {1, 1.1, 1.32};
    default: return {1, 1, 1};
  }
}

namespace {

}  // namespace

int SchoolPart::indicators_met() const {
  int met = 0;
  for (int k = 0; k < kIndicators; ++k) met += value[k] >= kFloors[stage][k] - 1e-9;
  return met;
}

bool SchoolPart::passes() const {
  if (indicators_met() < kIndicators - 1) return false;
  for (int k = 0; k < kIndicators; ++k)
    if (value[k] < 0.85 * kFloors[stage][k] - 1e-9) return false;
  return true;
}

bool SchoolPart::fails_badly() const {
  if (indicators_met() <= kIndicators - 3) return true;
  for (int k = 0; k < kIndicators; ++k)
    if (value[k] < 0.5 * kFloors[stage][k]) return true;
  return false;
}

std::vector<SchoolPart> school_parts(const City& city, int year, int min_students) {
  std::vector<SchoolPart> parts;
  for (size_t i = 0; i < city.schools.size(); ++i) {
    const School& s = city.schools[i];
    const FactsRecord& f = s.facts[year];
    auto w = split_weights(s.level);
    double weighted = 0;
    for (int st = 0; st < 3; ++st)
      if (has_stage(s.level, st)) weighted += w[st] * f.stage_students(st);
    for (int st = kPrimary; st <= kJunior; ++st) {
      if (!has_stage(s.level, st)) continue;
      int n = f.stage_students(st);
      if (n < min_students || n == 0) continue;
      SchoolPart p;
      p.school = i;
      p.district = s.district;
      p.stage = st;
      p.students = n;
      p.value[kAboveDegree] = 100.0 * f.above_degree[st] / n;
      p.value[kBackbone] = 100.0 * f.backbone[st] / n;
      p.value[kPeArt] = 100.0 * f.pe_art[st] / n;
      double per_weighted_pupil = weighted > 0 ? w[st] / weighted : 0;
      p.value[kTeachingArea] = f.teaching_area_m2 * per_weighted_pupil;
      p.value[kSportsArea] = f.sports_area_m2 * per_weighted_pupil;
      p.value[kEquipment] = static_cast<double>(f.equipment_yuan) * per_weighted_pupil;
      p.value[kMultimedia] = 100.0 * f.multimedia_rooms * per_weighted_pupil;
      parts.push_back(p);
    }
  }
  return parts;
}

double weighted_cv(const std::vector<SchoolPart>& parts, int district, int stage, int indicator) {
  double total = 0, sum = 0;
  int n = 0;
  for (auto& p : parts) {
    if (p.district != district || p.stage != stage) continue;
    total += p.students;
    sum += p.students * p.value[indicator];
    ++n;
  }
  if (n < 2 || total <= 0 || sum <= 0) return 0;
  double mean = sum / total;
  double var = 0;
  for (auto& p : parts) {
    if (p.district != district || p.stage != stage) continue;
    double d = p.value[indicator] - mean;
    var += p.students * d * d;
  }
  return std::sqrt(var / total) / mean;
}

}  // namespace youjun::demo
