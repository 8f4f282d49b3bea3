#include "enroll/seat_warning.hpp"

#include <algorithm>
#include <map>

namespace youjun::enroll {

const char* light_name(Light l) {
  switch (l) {
    case Light::Green: return "green";
    case Light::NoData: return "no_data";
    case Light::Amber: return "amber";
    case Light::Red: return "red";
  }
  return "";
}

const char* light_zh(Light l) {
  switch (l) {
    case Light::Green: return "绿";
    case Light::NoData: return "无数据";
    case Light::Amber: return "黄";
    case Light::Red: return "红";
  }
  return "";
}

SeatBook::SeatBook(const std::vector<SeatPlan>& plans) {
  for (const auto& p : plans) by_school_[p.school_id].push_back(&p);
}

std::optional<uint32_t> SeatBook::seats(const std::string& school, const std::string& stage, int entry_year) const {
  auto it = by_school_.find(school);
  if (it == by_school_.end()) return std::nullopt;
  const SeatPlan* best = nullptr;
  int best_rank = 0;
  for (const SeatPlan* p : it->second) {
    if ((!p->stage.empty() && p->stage != stage) || (p->entry_year != 0 && p->entry_year != entry_year)) continue;
    int rank = (p->stage.empty() ? 0 : 2) + (p->entry_year == 0 ? 0 : 1) + 1;
    if (rank > best_rank) best = p, best_rank = rank;
  }
  if (!best) return std::nullopt;
  return best->seats;
}

namespace {

Light light_of(std::optional<double> ratio, double demand, const WarningParams& p) {
  if (!ratio) return demand > 0 ? Light::Red : Light::Green;  // no seats at all: any demand is unplaced
  if (*ratio > p.red_ratio) return Light::Red;
  if (*ratio > p.amber_ratio) return Light::Amber;
  return Light::Green;
}

std::optional<double> ratio_of(double demand, uint64_t seats) {
  if (seats == 0) return std::nullopt;
  return demand / static_cast<double>(seats);
}

}  // namespace

WarningResult forecast_seats(const std::vector<Catchment>& catchments, const std::vector<CohortCount>& cohorts,
                             const std::vector<HousingDelivery>& housing, const SeatBook& book,
                             const WarningParams& params) {
  std::map<std::pair<std::string, int>, uint32_t> births;
  for (const auto& c : cohorts) births[{c.catchment_id, c.birth_year}] += c.children;
  std::map<std::string, std::map<int, uint64_t>> homes_by_year;  // catchment → year → homes
  for (const auto& h : housing) homes_by_year[h.catchment_id][h.year] += h.homes;

  WarningResult result;
  struct Share {  // one catchment-year's contribution to a school-year
    double demand = 0;
    bool no_data = false;
  };
  // By (school, stage): a 九年一贯制 school's primary and junior intakes are separate forecasts.
  using SchoolStage = std::pair<std::string, std::string>;
  std::map<SchoolStage, std::vector<Share>> school_shares;  // per forecast year
  std::map<SchoolStage, std::vector<std::string>> school_catchments;

  for (const auto& c : catchments) {
    CatchmentForecast f{&c, {}};
    int entry_age = c.stage == "junior" ? params.entry_age_junior : params.entry_age_primary;
    const auto& homes = homes_by_year[c.id];
    for (int i = 0; i < params.years; ++i) {
      CatchmentYear y;
      y.entry_year = params.first_entry_year + i;
      y.birth_year = y.entry_year - entry_age;
      if (auto it = births.find({c.id, y.birth_year}); it != births.end()) y.births = it->second;
      for (auto it = homes.begin(); it != homes.end() && it->first <= y.entry_year; ++it) y.homes += it->second;
      y.housing_children = params.children_per_home * static_cast<double>(y.homes);
      for (const auto& s : c.schools) y.seats += book.seats(s, c.stage, y.entry_year).value_or(0);
      if (y.births) {
        y.demand = *y.births + y.housing_children;
        y.ratio = ratio_of(y.demand, y.seats);
        y.light = light_of(y.ratio, y.demand, params);
      } else {
        y.light = Light::NoData;
      }
      for (const auto& s : c.schools) {
        auto& shares = school_shares[{s, c.stage}];
        shares.resize(params.years);
        if (!y.births) {
          shares[i].no_data = true;
        } else if (y.seats > 0) {
          shares[i].demand += y.demand * book.seats(s, c.stage, y.entry_year).value_or(0) / static_cast<double>(y.seats);
        } else {  // no seats anywhere in the catchment: its schools share the unplaced demand evenly
          shares[i].demand += y.demand / static_cast<double>(c.schools.size());
        }
      }
      f.years.push_back(y);
    }
    for (const auto& s : c.schools) {
      auto& list = school_catchments[{s, c.stage}];
      if (std::find(list.begin(), list.end(), c.id) == list.end()) list.push_back(c.id);
    }
    result.catchments.push_back(std::move(f));
  }

  for (auto& [key, shares] : school_shares) {
    SchoolForecast sf;
    sf.school_id = key.first;
    sf.stage = key.second;
    sf.catchments = school_catchments[key];
    for (int i = 0; i < params.years; ++i) {
      SchoolYear y;
      y.entry_year = params.first_entry_year + i;
      y.seats = book.seats(sf.school_id, sf.stage, y.entry_year).value_or(0);
      if (shares[i].no_data) {
        y.light = Light::NoData;
      } else {
        y.demand = shares[i].demand;
        y.ratio = ratio_of(y.demand, y.seats);
        y.light = light_of(y.ratio, y.demand, params);
      }
      sf.light = std::max(sf.light, y.light);
      if (y.light == Light::Red && !sf.first_red_year) sf.first_red_year = y.entry_year;
      sf.years.push_back(y);
    }
    result.schools.push_back(std::move(sf));
  }
  return result;
}

}  // namespace youjun::enroll
