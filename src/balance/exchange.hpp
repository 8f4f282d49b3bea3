#pragma once
// Teacher exchange (交流轮岗) planning (issue 4 §3): a list of moves within one county and level that lowers
// the 差异系数 of the teacher indicators, within the exchange rules of the profile:
//  - teacher.exchange.min_share (≥ 10 % of the eligible teachers move each year; 002 金华 三(二)二),
//  - teacher.exchange.backbone_min_share (骨干 ≥ 20 % of those who move),
//  - teacher.exchange.rotation_years (eligible after so many years at a school; 诸城 9, national default 6),
//  - teacher.exchange.max_years_same_school (诸城 12: a teacher at that many years must move).
//
// Subject needs: every move is a swap of two teachers of the same level and subject between two schools, so
// no school loses a subject's teacher and headcounts stay as they are (a one-way move would open a post).
// Title needs (ExchangeRules::same_title): partners also share their 职称.
// Swaps change who is above-degree and who is backbone, i.e. the first two indicators; PE/art teachers
// swap with PE/art teachers, so that indicator stays.
//
// Objective: Σ over the two indicators of CV². Under swaps the county's total of each count is fixed, so x̄
// is fixed and CV² changes only through Σ cᵢ²/nᵢ (cᵢ the school's count, nᵢ its pupils): each swap's effect
// is computed in O(1). Steps: (1) every teacher who must move gets the best partner; (2) best-improvement
// swaps among eligible teachers while any lowers the objective; (3) if fewer than the required share moved,
// the least harmful swaps until it is met, preferring backbone teachers while their share is short.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "policy/policy.hpp"

namespace youjun::balance {

struct ExchangeTeacher {
  std::string teacher_id, school_id, subject, name;
  bool above_degree = false, backbone = false;
  int years_at_school = 0;
  std::string title;  // 职称 (高级, 一级 …); "" when not recorded
};

struct ExchangeSchool {
  std::string school_id, name;
  long students = 0;  // of the level planned
};

struct ExchangeRules {
  double min_share = 0, backbone_min_share = 0;
  int rotation_years = 0;
  std::optional<int> max_years;
  std::vector<policy::Rule> applied;
  // A cap on moves for the improving swaps (0 = none): a bureau may want no more than the required share.
  // Teachers at their maximum stay move regardless, and the required shares are still met.
  size_t max_moves = 0;
  // Title needs: swap partners must also hold the same 职称, so each school keeps its title structure (its
  // 岗位设置: the number of senior and middle posts is fixed per school) — a bureau's choice, off by default.
  bool same_title = false;
};
Result<ExchangeRules> exchange_rules(const policy::Policy& policy, int year);

enum class MoveReason { MaxYears, Balance, Quota };
const char* move_reason_key(MoveReason r);  // max_years, balance, quota
const char* move_reason_zh(MoveReason r);   // 任教年限到期, 改善均衡, 完成交流比例

struct Move {
  size_t teacher = 0;  // index into the teachers
  size_t from = 0, to = 0;  // indices into the schools
  size_t partner = 0;       // the teacher moving the other way (a move is one half of a swap)
  MoveReason reason = MoveReason::Balance;
};

struct ExchangePlan {
  std::vector<Move> moves;  // both halves of every swap
  size_t eligible = 0, required_moves = 0, must_move = 0, unplaced_must_move = 0;
  size_t backbone_moved = 0;
  bool share_met = false, backbone_share_met = false;
  double cv_above_degree_before = 0, cv_backbone_before = 0, cv_above_degree_after = 0, cv_backbone_after = 0;
};

// `teachers` of one county and level; their school_id must be one of `schools` (others are ignored).
ExchangePlan plan_exchange(const std::vector<ExchangeSchool>& schools, const std::vector<ExchangeTeacher>& teachers,
                           const ExchangeRules& rules);

// The simple baseline for the benchmark: teachers at the maximum stay swap with the first eligible teacher of
// their subject elsewhere; then the required number of moves made greedily one indicator at a time,
// each taking a backbone (then above-degree) teacher from the school with the highest count per pupil to the
// one with the lowest, swapping back a teacher of the same subject without that trait; rules as above.
ExchangePlan greedy_exchange(const std::vector<ExchangeSchool>& schools, const std::vector<ExchangeTeacher>& teachers,
                             const ExchangeRules& rules);

}  // namespace youjun::balance
