#pragma once
// The way to compliance (issue 4 §3): for each non-compliant school part the cheapest additions that make
// it compliant, and for each county whose 差异系数 still fails after them, which schools pull it over the
// limit and how far its lowest schools must be raised to bring it within.
//
// School part. Additions are separable per indicator, so the cheapest way to pass "at least m of 7 floors
// met and the rest ≥ r × floor" is: raise every indicator to its floor, except the (7 − m) whose saving
// (cost to the floor − cost to r × floor) is largest, which are raised to r × floor only. Teachers and
// rooms come in whole units; areas in whole m², equipment in whole 元. Teachers are counted where they
// teach; areas, equipment and rooms are shared by a 一贯制 school, so one unit more for a part costs
// 1 / share units for the school (unit cost / share), and the school builds the larger of its parts' needs.
//
// County. After the school plans, a CV still over its limit is brought within by raising the parts below
// a level L to L (water-filling from the bottom: the least total addition that lifts the minimum to L),
// with L the lowest level, found by bisection, at which the CV is within the limit.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "balance/evaluation.hpp"
#include "core/result.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {

// Price per unit of each indicator's amount (元): teacher per year, m², m², 元 (1), room.
struct UnitCosts {
  std::array<double, kIndicatorCount> per_unit{};
  std::vector<policy::Rule> rules;  // balance.unit_cost.*
};
Result<UnitCosts> unit_costs(const policy::Policy& policy, int year);

struct Addition {
  int indicator = 0;
  double amount = 0;        // of the part (teachers, m², 元, rooms)
  double school_amount = 0; // what the school adds: amount / share for shared resources
  double cost = 0;
  double value_after = 0;
  double target = 0;        // the floor, or r × floor for the one left below it
};

struct PartPlan {
  size_t part = 0;  // index into Evaluation::parts
  std::vector<Addition> additions;
  std::optional<int> left_below_floor;  // indicator raised only to r × floor
  double cost = 0;
  std::array<double, kIndicatorCount> values_after{};
  bool compliant_after = false;
};

struct Puller {
  size_t part = 0;
  double value = 0;
  double variance_share = 0;  // nᵢ(xᵢ − x̄)² / Σ
  bool below_mean = false;
};

struct Raise {
  int indicator = 0;
  double level = 0;  // L
  std::vector<std::pair<size_t, double>> additions;  // (part, amount of the part)
  double cost = 0;
  double cv_after = 0;
};

struct CountyPlan {
  size_t county = 0;  // index into Evaluation::counties
  std::array<double, kIndicatorCount> cv_after_school_plans{};
  std::vector<std::vector<Puller>> pullers;  // per failing indicator (before any plan), largest first
  std::vector<int> failing_before;
  std::vector<Raise> raises;                 // per indicator still failing after the school plans
  std::array<double, kIndicatorCount> cv_after{};
  bool pass_after = false;
  double cost = 0;
};

struct Plan {
  std::vector<PartPlan> parts;  // non-compliant parts only
  std::vector<CountyPlan> counties;
  double cost = 0;
};

Plan make_plan(const std::vector<SchoolRecord>& records, const Evaluation& e, const BalanceRules& rules,
               const UnitCosts& costs, size_t pullers_per_indicator = 5);

}  // namespace youjun::balance
