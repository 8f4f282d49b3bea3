#pragma once
// 多校划片 matching (issue 6 §3): students rank schools; every school ranks its applicants by tier
// (1 before 2 …), then by the published lottery number (single tie-breaking, lottery_number.hpp).
//
//   deferred_acceptance  student-proposing Gale–Shapley: stable and student-optimal. When every
//                        school ranks by the same key (each student has one tier everywhere), it is
//                        serial dictatorship in that order, which is what runs then.
//   immediate_acceptance the Boston mechanism (志愿优先): round k admits k-th choices for good.
//
// Pure functions over indices; ids, files and JSON live in match_files / match_report.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace youjun::enroll {

struct MatchProblem {
  std::vector<std::string> student_ids;
  std::vector<std::string> school_ids;
  std::vector<uint32_t> seats;         // per school
  std::vector<uint32_t> pref_begin;    // student s's choices are [pref_begin[s], pref_begin[s+1])
  std::vector<uint32_t> pref_school;   // school index of each choice, best first
  std::vector<uint16_t> pref_tier;     // the student's tier at that school (1 = admitted first)
  std::vector<uint32_t> lottery_rank;  // per student: position in lottery-number order (0 = smallest)

  size_t student_count() const { return student_ids.size(); }
  size_t school_count() const { return school_ids.size(); }
  uint32_t choice_count(size_t s) const { return pref_begin[s + 1] - pref_begin[s]; }
  // School j's priority key for the student's choice at position p (smaller = admitted first).
  uint64_t key(size_t s, size_t p) const { return (uint64_t{pref_tier[p]} << 32) | lottery_rank[s]; }
};

struct MatchStats {
  uint64_t proposals = 0;            // applications made (a school looked at a student)
  uint32_t rounds = 0;               // passes in which rejected students applied again
  bool serial_dictatorship = false;  // common priority: ran as serial dictatorship
};

struct Matching {
  std::vector<int32_t> school_of;    // per student; -1 = unassigned (统筹安排)
  std::vector<int32_t> choice_rank;  // 1-based position of that school in the student's list; 0 = none
  MatchStats stats;
};

// by_rank[r] = the student whose lottery rank is r (the inverse of lottery_rank).
std::vector<uint32_t> students_by_rank(const MatchProblem& p);

// True when each student has one tier for all the schools they list, so all schools rank students
// by the same (tier, lottery) order.
bool has_common_priority(const MatchProblem& p);

Matching deferred_acceptance(const MatchProblem& p);
Matching immediate_acceptance(const MatchProblem& p);

// Per school: how many were admitted and, when the school is full, the key of the last one admitted
// (the cutoff: an applicant with a larger key was turned away).
struct SchoolOutcome {
  uint32_t filled = 0;
  std::optional<uint64_t> cutoff_key;
};
std::vector<SchoolOutcome> school_outcomes(const MatchProblem& p, const Matching& m);

// Checks a matching against the rules, independently of how it was computed: every student holds a
// school they listed, no school is over its seats, and no student and school would both rather be
// matched (a school has a free seat, or admitted someone ranked below the student). Returns the first
// problem found in Chinese, or "" when the matching is stable.
std::string stability_problem(const MatchProblem& p, const Matching& m);

}  // namespace youjun::enroll
