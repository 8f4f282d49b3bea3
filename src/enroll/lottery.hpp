#pragma once
// The publicly verifiable lottery (电脑随机派位, issue 6 §2; 001 钦州 and 003 聊城: 报名人数超过招生计划的，
// 实行电脑随机录取). Steps anyone can redo:
//   1. applicants_sha256 = SHA-256 of the canonical applicant file, published before the draw;
//   2. the seed is fixed in public afterwards (e.g. under notarisation) and published as hex;
//   3. per school, applicants are ordered by tier, then by lottery number (lottery_number.hpp);
//      the first `seats` are admitted, the rest wait in that order.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "enroll/enroll_files.hpp"

namespace youjun::enroll {

// The canonical applicant file: UTF-8, header "applicant_id,school_id,tier", one line per applicant
// sorted by applicant_id (byte order), every line ending in "\n", tiers as plain decimal.
std::string canonical_applicants(const std::vector<LotteryApplicant>& applicants);

struct LotterySchool {
  std::string school_id;
  uint32_t seats = 0;
  std::string sector;                 // "public", "private" or "" as the seats file says
  std::vector<std::string> admitted;  // draw order
  std::vector<std::string> waitlist;  // draw order
};

// 公民同招 (001 钦州, 003 聊城): an applicant who is not drawn goes to the public school named as their
// fallback (their catchment school), so applying to a private school never costs a child its place.
struct FallbackPlacement {
  std::string applicant_id, from_school_id, school_id;
};

struct LotteryResult {
  std::string applicants_sha256;
  std::string seed;                          // lowercase hex
  std::vector<LotterySchool> schools;        // sorted by school_id
  std::vector<FallbackPlacement> fallbacks;  // waitlisted applicants with a fallback, by school then draw order
};

// `seed` must already be normalized (normalize_seed).
LotteryResult run_lottery(const std::vector<LotteryApplicant>& applicants, const std::vector<SchoolSeats>& seats,
                          const std::string& seed);

// Where a result placed each applicant: admitted at a school, or on its waiting list (1-based place) and, for
// 公民同招, at the fallback school named for them.
struct LotteryPlacement {
  std::string school_id;
  bool admitted = false;
  int64_t waitlist_place = 0;      // 0 when admitted
  std::string fallback_school_id;  // "" = none
};
std::map<std::string, LotteryPlacement> lottery_placements(const LotteryResult& result);

// The first difference between a published result and the recomputed one, in Chinese; "" if equal.
std::string first_lottery_difference(const LotteryResult& published, const LotteryResult& expected);

}  // namespace youjun::enroll
