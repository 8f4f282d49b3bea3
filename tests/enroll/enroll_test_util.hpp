#pragma once
// Helpers for the enroll tests: small matching problems by hand, CSV tables and their row errors.
#include <string>
#include <vector>

#include "core/row_error.hpp"
#include "enroll/matching.hpp"
#include "io/table.hpp"

namespace youjun::test {

// A CSV text as a parsed table (the readers' input).
inline io::Table csv(const std::string& text, const std::string& name) { return *io::parse_csv(text, name); }

// Row errors as printed (FILE:ROW:COLUMN: message), to compare whole lists.
inline std::vector<std::string> lines(const RowErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.to_string());
  return out;
}

struct HandStudent {
  std::string id;
  std::vector<std::string> prefs;
  std::vector<uint16_t> tiers;  // one per pref, or empty = all tier 1... given by `tier`
  uint16_t tier = 1;
  uint32_t lottery_rank = 0;
};

inline enroll::MatchProblem hand_problem(const std::vector<std::pair<std::string, uint32_t>>& schools,
                                         const std::vector<HandStudent>& students) {
  enroll::MatchProblem p;
  for (const auto& [id, seats] : schools) {
    p.school_ids.push_back(id);
    p.seats.push_back(seats);
  }
  auto index_of = [&](const std::string& id) {
    for (uint32_t j = 0; j < p.school_ids.size(); ++j)
      if (p.school_ids[j] == id) return j;
    throw std::runtime_error("unknown school " + id);
  };
  p.pref_begin.push_back(0);
  for (const auto& s : students) {
    p.student_ids.push_back(s.id);
    for (size_t k = 0; k < s.prefs.size(); ++k) {
      p.pref_school.push_back(index_of(s.prefs[k]));
      p.pref_tier.push_back(s.tiers.empty() ? s.tier : s.tiers[k]);
    }
    p.pref_begin.push_back(static_cast<uint32_t>(p.pref_school.size()));
    p.lottery_rank.push_back(s.lottery_rank);
  }
  return p;
}

// "school@rank" per student in input order, "-" for unassigned: compact to compare by hand.
inline std::vector<std::string> outcome(const enroll::MatchProblem& p, const enroll::Matching& m) {
  std::vector<std::string> out;
  for (size_t s = 0; s < p.student_count(); ++s)
    out.push_back(m.school_of[s] < 0 ? "-" : p.school_ids[m.school_of[s]] + "@" + std::to_string(m.choice_rank[s]));
  return out;
}

}  // namespace youjun::test
