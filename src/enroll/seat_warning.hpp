#pragma once
// Seat warning (学区预警, issue 6 §1; 002 金华 三(四)一 names it as one of the four functions of the
// “入学通” platform): forecast each catchment's next intakes from its birth cohorts and new housing,
// set them against the seats of the schools that serve it, and light each school red/amber/green.
//
// Model (docs/enrollment.md §学区预警), per catchment c and entry year Y:
//   demand(c, Y) = children of c born in Y − entry_age(stage)
//                + children_per_home × homes delivered in c in any year ≤ Y (the housing file lists
//                  deliveries not yet reflected in the cohort counts)
// A school's share of a catchment's demand is in proportion to its seats among the catchment's schools
// (a 多校划片 group is drawn by one lottery, so applicants spread over it that way); its ratio is
// (sum of its shares) / its seats. ratio > red → red, > amber → amber, else green. A year without the
// cohort count it needs is "no_data", never green.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "enroll/catchments.hpp"

namespace youjun::enroll {

struct CohortCount {
  std::string catchment_id;
  int birth_year = 0;
  uint32_t children = 0;
};

struct HousingDelivery {
  std::string catchment_id;
  int year = 0;
  uint32_t homes = 0;
};

struct SeatPlan {
  std::string school_id;
  int entry_year = 0;  // 0: every year without its own row
  std::string stage;   // "primary" / "junior"; "" for every stage (a 九年一贯制 school has seats in both)
  uint32_t seats = 0;
};

struct WarningParams {
  int first_entry_year = 0;
  int years = 0;
  int entry_age_primary = 0, entry_age_junior = 0;  // policy enroll.warning.entry_age.*
  double children_per_home = 0;                     // policy enroll.warning.children_per_home
  double amber_ratio = 0, red_ratio = 0;            // policy enroll.warning.amber_ratio / red_ratio
};

enum class Light { Green, NoData, Amber, Red };  // in rising order of concern
const char* light_name(Light l);                 // "green", "no_data", "amber", "red"
const char* light_zh(Light l);                   // 绿, 无数据, 黄, 红

struct CatchmentYear {
  int entry_year = 0, birth_year = 0;
  std::optional<uint32_t> births;  // nullopt: the cohort file has no count for birth_year
  uint64_t homes = 0;              // delivered up to entry_year
  double housing_children = 0, demand = 0;
  uint64_t seats = 0;              // of all the catchment's schools
  std::optional<double> ratio;     // nullopt when seats = 0 or no data
  Light light = Light::Green;
};

struct CatchmentForecast {
  const Catchment* catchment = nullptr;
  std::vector<CatchmentYear> years;
};

struct SchoolYear {
  int entry_year = 0;
  double demand = 0;
  uint32_t seats = 0;
  std::optional<double> ratio;
  Light light = Light::Green;
};

struct SchoolForecast {
  std::string school_id;
  std::string stage;
  std::vector<std::string> catchments;
  std::vector<SchoolYear> years;
  Light light = Light::Green;        // the worst year
  std::optional<int> first_red_year;
};

struct WarningResult {
  std::vector<CatchmentForecast> catchments;  // in input order
  std::vector<SchoolForecast> schools;        // by school_id, then stage
};

// Seats by school, stage and entry year. The most specific row wins: that stage and year, that stage
// in every year, every stage in that year, every stage and year.
class SeatBook {
 public:
  explicit SeatBook(const std::vector<SeatPlan>& plans);
  std::optional<uint32_t> seats(const std::string& school, const std::string& stage, int entry_year) const;

 private:
  std::unordered_map<std::string, std::vector<const SeatPlan*>> by_school_;
};

// Inputs must already be valid (read_warning_inputs checks them); a school without seats for a year
// counts 0 seats there.
WarningResult forecast_seats(const std::vector<Catchment>& catchments, const std::vector<CohortCount>& cohorts,
                             const std::vector<HousingDelivery>& housing, const SeatBook& seats,
                             const WarningParams& params);

}  // namespace youjun::enroll
