#include "enroll/warning_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace youjun::enroll {

namespace {

double rounded(double v, double scale) { return std::round(v * scale) / scale; }

nlohmann::json ratio_json(const std::optional<double>& ratio) {
  return ratio ? nlohmann::json(rounded(*ratio, 1000)) : nlohmann::json(nullptr);
}

}  // namespace

WarningSummary summarize(const WarningResult& result) {
  WarningSummary s;
  for (const auto& school : result.schools) {
    switch (school.light) {
      case Light::Red: ++s.red; break;
      case Light::Amber: ++s.amber; break;
      case Light::Green: ++s.green; break;
      case Light::NoData: ++s.no_data; break;
    }
  }
  return s;
}

nlohmann::json warning_to_json(const WarningResult& result, const WarningParams& params) {
  nlohmann::json out;
  out["first_entry_year"] = params.first_entry_year;
  auto& years = out["years"] = nlohmann::json::array();
  for (int i = 0; i < params.years; ++i) years.push_back(params.first_entry_year + i);
  auto s = summarize(result);
  out["summary"] = {{"schools", result.schools.size()}, {"red", s.red}, {"amber", s.amber},
                    {"green", s.green}, {"no_data", s.no_data}};
  auto& schools = out["schools"] = nlohmann::json::array();
  for (const auto& school : result.schools) {
    nlohmann::json j{{"school_id", school.school_id}, {"stage", school.stage}, {"catchments", school.catchments},
                     {"light", light_name(school.light)},
                     {"first_red_year", school.first_red_year ? nlohmann::json(*school.first_red_year) : nullptr}};
    auto& ys = j["years"] = nlohmann::json::array();
    for (const auto& y : school.years)
      ys.push_back({{"entry_year", y.entry_year},
                    {"demand", y.light == Light::NoData ? nlohmann::json(nullptr) : nlohmann::json(rounded(y.demand, 10))},
                    {"seats", y.seats}, {"ratio", ratio_json(y.ratio)}, {"light", light_name(y.light)}});
    schools.push_back(std::move(j));
  }
  auto& catchments = out["catchments"] = nlohmann::json::array();
  for (const auto& c : result.catchments) {
    nlohmann::json j{{"catchment_id", c.catchment->id}, {"name", c.catchment->name}, {"stage", c.catchment->stage},
                     {"schools", c.catchment->schools}};
    auto& ys = j["years"] = nlohmann::json::array();
    for (const auto& y : c.years)
      ys.push_back({{"entry_year", y.entry_year}, {"birth_year", y.birth_year},
                    {"births", y.births ? nlohmann::json(*y.births) : nullptr}, {"homes", y.homes},
                    {"housing_children", rounded(y.housing_children, 10)},
                    {"demand", y.births ? nlohmann::json(rounded(y.demand, 10)) : nullptr}, {"seats", y.seats},
                    {"ratio", ratio_json(y.ratio)}, {"light", light_name(y.light)}});
    catchments.push_back(std::move(j));
  }
  return out;
}

std::string warning_to_table(const WarningResult& result, const WarningParams& params) {
  std::vector<const SchoolForecast*> order;
  for (const auto& s : result.schools) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(),
                   [](const SchoolForecast* a, const SchoolForecast* b) { return a->light > b->light; });
  std::string out = "学校 school\t学段 stage\t预警 light";
  for (int i = 0; i < params.years; ++i) {
    out += '\t';
    out += std::to_string(params.first_entry_year + i);
    out += " 需求/学位";
  }
  out += "\t学区 catchments\n";
  char buf[96];
  for (const auto* s : order) {
    out += s->school_id + "\t" + (s->stage == "junior" ? "初中" : "小学") + "\t" + light_zh(s->light);
    for (const auto& y : s->years) {
      if (y.light == Light::NoData) std::snprintf(buf, sizeof buf, "\t—/%u 无数据", y.seats);
      else std::snprintf(buf, sizeof buf, "\t%.0f/%u %s", y.demand, y.seats, light_zh(y.light));
      out += buf;
    }
    out += "\t";
    for (size_t i = 0; i < s->catchments.size(); ++i) {
      if (i) out += '|';
      out += s->catchments[i];
    }
    out += "\n";
  }
  return out;
}

}  // namespace youjun::enroll
