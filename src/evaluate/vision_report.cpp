#include "evaluate/vision_report.hpp"

#include <cmath>

#include <fmt/format.h>

namespace youjun::evaluate {

namespace {

double round4(double v) { return std::round(v * 1e4) / 1e4; }
double points_of(Milli v) { return static_cast<double>(v) / kMilli; }

nlohmann::json change_json(const VisionChange& ch, const VisionRules& rules) {
  nlohmann::json j = {{"scope", ch.scope},         {"from_year", ch.from_year},         {"to_year", ch.to_year},
                      {"from_rate", round4(ch.from_rate)}, {"to_rate", round4(ch.to_rate)}, {"change_points", ch.change_points},
                      {"target_drop_points", points_of(rules.annual_drop)}, {"target_met", ch.target_met}};
  j["same_grade_mix_change_points"] = ch.same_grade_mix_change_points ? nlohmann::json(*ch.same_grade_mix_change_points) : nlohmann::json(nullptr);
  if (ch.scope == "grade") j["grade"] = std::stoi(ch.key);
  else if (ch.scope != "all") j[ch.scope == "school" ? "school_id" : ch.scope] = ch.key;
  return j;
}

}  // namespace

const char* vision_status_name(VisionStatus s) {
  switch (s) {
    case VisionStatus::myopia: return "近视";
    case VisionStatus::poor_vision: return "视力不良";
    default: return "正常";
  }
}

nlohmann::json vision_json(const io::Table& t, const VisionColumns& c, const VisionRules& rules,
                           const std::vector<Screening>& screenings, const VisionReport& report, bool with_students) {
  nlohmann::json j;
  // Built with fmt: a "<" before a concatenation reads like SQL to the splicing guard test.
  j["definition"] = fmt::format("筛查性近视：任一眼裸眼视力低于 {0:.1f} 且等效球镜 ≤ {1:.2f} D{2}；视力不良：任一眼裸眼视力低于 {0:.1f}",
                                static_cast<double>(rules.uncorrected_below) / kMilli, static_cast<double>(rules.se_at_most) / kMilli,
                                rules.ortho_k_counts ? "，或配戴角膜塑形镜" : "");
  if (with_students) {
    auto& students = j["students"] = nlohmann::json::array();
    for (const auto& s : screenings) {
      nlohmann::json one = {{"student_id", std::string(t.cell(s.row, c.student_id))}, {"year", s.year}, {"status", vision_status_name(s.status)}};
      if (s.grade) one["grade"] = s.grade;
      if (s.unconfirmed) one["unconfirmed"] = true;
      students.push_back(std::move(one));
    }
  }
  auto& rates = j["rates"] = nlohmann::json::array();
  for (const auto& r : report.rates) {
    nlohmann::json one = {{"scope", r.scope},
                          {"year", r.year},
                          {"screened", r.screened},
                          {"myopia", r.myopia},
                          {"poor_vision", r.poor_vision},
                          {"unconfirmed", r.unconfirmed},
                          {"myopia_rate", round4(r.myopia_rate())},
                          {"poor_vision_rate", round4(r.poor_vision_rate())}};
    if (r.scope != "all") one[r.scope == "school" ? "school_id" : r.scope] = r.scope == "grade" ? nlohmann::json(std::stoi(r.key)) : nlohmann::json(r.key);
    rates.push_back(std::move(one));
  }
  auto& changes = j["changes"] = nlohmann::json::array();
  for (const auto& ch : report.changes) changes.push_back(change_json(ch, rules));
  auto& behind = j["schools_behind"] = nlohmann::json::array();
  for (const auto& ch : report.behind) behind.push_back(change_json(ch, rules));
  auto& cohorts = j["cohorts"] = nlohmann::json::array();
  for (const auto& ch : report.cohorts) {
    nlohmann::json one = {{"from_year", ch.from_year}, {"to_year", ch.to_year}, {"students", ch.students},
                          {"myopia_rate_before", round4(ch.students ? double(ch.myopia_before) / ch.students : 0)},
                          {"myopia_rate_after", round4(ch.students ? double(ch.myopia_after) / ch.students : 0)}};
    one["grade"] = ch.grade ? nlohmann::json(ch.grade) : nlohmann::json(nullptr);
    cohorts.push_back(std::move(one));
  }
  return j;
}

std::string vision_text(const VisionRules& rules, const VisionReport& report) {
  std::string out = "近视筛查（每年目标：近视率下降 ≥ " + measure_text(rules.annual_drop) + " 个百分点）\n";
  char line[200];
  for (const auto& r : report.rates) {
    if (r.scope != "all") continue;
    std::snprintf(line, sizeof line, "  %d 年：筛查 %zu 人，近视率 %.1f%%，视力不良率 %.1f%%\n", r.year, r.screened,
                  100 * r.myopia_rate(), 100 * r.poor_vision_rate());
    out += line;
  }
  for (const auto& ch : report.changes) {
    if (ch.scope != "all") continue;
    std::snprintf(line, sizeof line, "  %d→%d 年：%+.2f 个百分点（%s）\n", ch.from_year, ch.to_year, ch.change_points,
                  ch.target_met ? "达到目标" : "未达到目标");
    out += line;
    if (ch.same_grade_mix_change_points) {
      std::snprintf(line, sizeof line, "  同一年级结构下的变化：%+.2f 个百分点（各年级近视率的变化，按 %d 年各年级人数加权）\n",
                    *ch.same_grade_mix_change_points, ch.to_year);
      out += line;
    }
  }
  for (const auto& ch : report.cohorts) {
    if (ch.grade) continue;
    std::snprintf(line, sizeof line, "  同一批学生 %d→%d 年（%zu 人）：%.1f%% → %.1f%%\n", ch.from_year, ch.to_year, ch.students,
                  100.0 * ch.myopia_before / ch.students, 100.0 * ch.myopia_after / ch.students);
    out += line;
  }
  if (!report.behind.empty()) {
    out += "  变化最差的学校：\n";
    for (const auto& ch : report.behind) {
      std::snprintf(line, sizeof line, "    %s %+.2f 个百分点\n", ch.key.c_str(), ch.change_points);
      out += line;
    }
  }
  return out;
}

}  // namespace youjun::evaluate
