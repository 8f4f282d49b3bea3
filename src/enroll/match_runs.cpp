#include "enroll/match_runs.hpp"

#include <algorithm>
#include <unordered_map>

namespace youjun::enroll {

std::string mechanism_name(const std::string& name) {
  if (name == "da" || name == kDeferredAcceptance) return kDeferredAcceptance;
  if (name == "boston" || name == kImmediateAcceptance) return kImmediateAcceptance;
  return "";
}

std::vector<LotteryNumber> number_students(MatchProblem& p, const std::string& seed) {
  auto numbers = lottery_numbers(seed, p.student_ids);
  p.lottery_rank = lottery_ranks(numbers, p.student_ids);
  return numbers;
}

Matching run_mechanism(const MatchProblem& p, const std::string& mechanism) {
  return mechanism == kImmediateAcceptance ? immediate_acceptance(p) : deferred_acceptance(p);
}

std::string canonical_students(const MatchProblem& p) {
  std::vector<uint32_t> order(p.student_count());
  for (uint32_t s = 0; s < order.size(); ++s) order[s] = s;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return p.student_ids[a] < p.student_ids[b]; });
  std::string out = "student_id,prefs,tier,tiers\n";
  for (uint32_t s : order) {
    std::string prefs, tiers;
    bool differ = false;
    for (uint32_t k = p.pref_begin[s]; k < p.pref_begin[s + 1]; ++k) {
      if (k > p.pref_begin[s]) prefs += '|', tiers += '|';
      prefs += p.school_ids[p.pref_school[k]];
      tiers += std::to_string(p.pref_tier[k]);
      if (p.pref_tier[k] != p.pref_tier[p.pref_begin[s]]) differ = true;
    }
    uint16_t tier = p.choice_count(s) ? p.pref_tier[p.pref_begin[s]] : 1;
    out += p.student_ids[s] + "," + prefs + "," + std::to_string(tier) + "," + (differ ? tiers : "") + "\n";
  }
  return out;
}

Result<std::map<std::string, MatchPlacement>> match_placements(const nlohmann::json& result) {
  try {
    std::map<std::string, MatchPlacement> out;
    for (const auto& a : result.at("assignments")) {
      MatchPlacement place;
      if (!a.at("school_id").is_null()) {
        place.school_id = a.at("school_id").get<std::string>();
        place.choice_rank = a.at("choice_rank").get<int>();
      }
      out[a.at("student_id").get<std::string>()] = std::move(place);
    }
    return out;
  } catch (const nlohmann::json::exception& e) {
    return Error{std::string("匹配结果格式不对（应含 assignments：student_id、school_id、choice_rank）：") + e.what()};
  }
}

Result<Matching> matching_from_result(const MatchProblem& p, const nlohmann::json& result) {
  auto placements = match_placements(result);
  if (!placements) return placements.error();
  Matching m;
  m.school_of.assign(p.student_count(), -1);
  m.choice_rank.assign(p.student_count(), 0);
  for (size_t s = 0; s < p.student_count(); ++s) {
    auto it = placements->find(p.student_ids[s]);
    if (it == placements->end()) return Error{"匹配结果缺少学生 " + p.student_ids[s]};
    const MatchPlacement& place = it->second;
    if (place.school_id.empty()) continue;
    if (place.choice_rank < 1 || static_cast<uint32_t>(place.choice_rank) > p.choice_count(s) ||
        p.school_ids[p.pref_school[p.pref_begin[s] + place.choice_rank - 1]] != place.school_id)
      return Error{"匹配结果中学生 " + p.student_ids[s] + " 的学校与其志愿不符"};
    m.school_of[s] = static_cast<int32_t>(p.pref_school[p.pref_begin[s] + place.choice_rank - 1]);
    m.choice_rank[s] = place.choice_rank;
  }
  if (placements->size() != p.student_count()) return Error{"匹配结果的学生人数与名单不符"};
  const auto stats = result.value("stats", nlohmann::json::object());
  m.stats.proposals = stats.value("proposals", uint64_t{0});
  m.stats.rounds = stats.value("rounds", 0u);
  m.stats.serial_dictatorship = stats.value("serial_dictatorship", false);
  return m;
}

const std::vector<std::string>& match_rule_keys() {
  static const std::vector<std::string> keys = {"enroll.lottery.method", "enroll.match.mechanism",
                                                "enroll.selection.tier_and_lottery_only"};
  return keys;
}

}  // namespace youjun::enroll
