#pragma once
// High-school admission (issue 7 §3): one ranking of all students, then the batches in order — quota
// batches (名额分配: seats per junior school or per county) and the unified batch (统一招生, 平行志愿:
// 分数优先、遵循志愿、一次投档). In a batch every student not yet admitted, in rank order, takes the first
// school in that batch's list with a seat left in the student's bucket; nobody is reconsidered.
// Unfilled quota seats return to the open batches: an open batch has plan minus everything admitted before.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admit/decimal.hpp"

namespace youjun::admit {

enum class BatchScope { Junior, County, Open };

struct BatchSpec {
  std::string name;          // "quota", "unified", …
  BatchScope scope = BatchScope::Open;
  std::string prefs_column;  // students' column with this batch's list
  uint32_t max_choices = 0;
};

struct AdmissionProblem {
  std::vector<std::string> school_ids;
  std::vector<uint32_t> plan;
  std::vector<std::string> group_ids;  // junior schools (Junior scope) and counties (County scope), one list

  std::vector<std::string> student_ids;
  std::vector<uint32_t> student_junior;   // index into group_ids
  std::vector<uint32_t> student_county;   // index into group_ids (kNoGroup when unknown)
  std::vector<Milli> total;
  std::vector<std::vector<Milli>> tiebreak;  // [key][student]: the chain's values, higher first
  std::vector<uint8_t> quota_eligible;       // 1 = may take quota seats (三年学籍 …)
  std::vector<BatchSpec> batches;
  // prefs[b]: the lists of batch b, CSR: students' lists at pref_begin[b][s] … pref_begin[b][s+1]
  std::vector<std::vector<uint32_t>> pref_begin, pref_school;
  // Quota seats: per batch b with a Junior/County scope, seats[b][school × groups + group].
  std::vector<std::vector<uint32_t>> bucket_seats;
  std::optional<Milli> quota_min_total;  // minimum total for quota batches (最低控制线), if any
  std::vector<uint32_t> lottery_rank;    // position by lottery number; only read for unresolved ties

  static constexpr uint32_t kNoGroup = UINT32_MAX;
  size_t student_count() const { return student_ids.size(); }
  size_t school_count() const { return school_ids.size(); }
};

struct Admission {
  std::vector<uint32_t> order;        // students best first
  std::vector<uint32_t> position;     // position[s] = place of s in order (0 = best)
  std::vector<uint8_t> tie_by_lottery;  // 1 = the lottery number decided this student's place against someone
  std::vector<int32_t> batch_of;      // -1 = not admitted
  std::vector<int32_t> school_of;     // -1 = not admitted
  std::vector<int32_t> choice_rank;   // 1-based rank in that batch's list, -1
  // Per batch and school: admitted count and the position of the last (worst-ranked) student admitted.
  std::vector<std::vector<uint32_t>> filled;
  std::vector<std::vector<int64_t>> last_position;  // -1 = none
};

// Students ordered by total, the tie-break chain, then lottery_rank.
std::vector<uint32_t> rank_students(const AdmissionProblem& p, std::vector<uint8_t>* tie_by_lottery = nullptr);
// Which students sit in a group of equal total and chain values with someone else (the lottery decides).
std::vector<uint8_t> tied_students(const AdmissionProblem& p);
Admission admit_students(const AdmissionProblem& p);

}  // namespace youjun::admit
