// The published lottery: numbers checked against coreutils sha256sum, a hand-worked draw, the
// canonical applicant file, and verification catching one swapped pair.
#include <gtest/gtest.h>

#include "core/personal_data.hpp"
#include "enroll/lottery.hpp"
#include "enroll/lottery_number.hpp"

namespace youjun::enroll {
namespace {

// printf '%s' '00ff:A2' | sha256sum   (and A3, A5) — computed with coreutils, not with our code.
constexpr const char* kA2 = "44a9926275b5581b0c08819a7785230fa3d7686a1b29087de0bc278bbf9edd6c";
constexpr const char* kA3 = "aeeccc44219b1b970c55f499dcc3a5569ada95d38f9c5bead7f428fa065e0a05";
constexpr const char* kA5 = "e8dd555e7fa185d6a8c91b699482ad5ade22e790029dd6b5d4ce5979cd4414b5";

TEST(LotteryNumber, IsSha256OfSeedColonIdAsSha256sumPrintsIt) {
  EXPECT_EQ(lottery_number("00ff", "A2").hex(), kA2);
  EXPECT_EQ(lottery_number("00ff", "A3").hex(), kA3);
  EXPECT_EQ(lottery_number("00ff", "A5").hex(), kA5);
  // Many at once (the threaded path) give the same numbers.
  std::vector<std::string> ids(60'000, "x");
  ids[0] = "A2";
  ids[59'999] = "A5";
  auto numbers = lottery_numbers("00ff", ids);
  EXPECT_EQ(numbers[0].hex(), kA2);
  EXPECT_EQ(numbers[59'999].hex(), kA5);
}

TEST(LotteryNumber, SeedIsHexAndLowercased) {
  EXPECT_EQ(*normalize_seed("00FF"), "00ff");
  EXPECT_EQ(*normalize_seed("aBc123"), "abc123");
  EXPECT_FALSE(normalize_seed(""));
  EXPECT_FALSE(normalize_seed("0x12"));
  EXPECT_FALSE(normalize_seed("12 34"));
}

TEST(LotteryNumber, RanksFollowNumberOrder) {
  std::vector<std::string> ids = {"A5", "A2", "A3"};
  auto ranks = lottery_ranks(lottery_numbers("00ff", ids), ids);
  EXPECT_EQ(ranks, (std::vector<uint32_t>{2, 0, 1}));  // 44a9… < aeec… < e8dd…
}

std::vector<LotteryApplicant> hand_applicants() {
  return {{"A3", "S1", 2}, {"A1", "S1", 1}, {"A2", "S1", 2}, {"A4", "S2", 1}, {"A5", "S1", 2}};
}

TEST(Lottery, TierFirstThenSmallerNumber) {
  std::vector<SchoolSeats> seats = {{"S1", 2}, {"S2", 0}};
  auto r = run_lottery(hand_applicants(), seats, "00ff");
  ASSERT_EQ(r.schools.size(), 2u);
  // S1: A1 is the only tier 1; among tier 2, A2 (44a9…) < A3 (aeec…) < A5 (e8dd…).
  EXPECT_EQ(r.schools[0].school_id, "S1");
  EXPECT_EQ(r.schools[0].admitted, (std::vector<std::string>{"A1", "A2"}));
  EXPECT_EQ(r.schools[0].waitlist, (std::vector<std::string>{"A3", "A5"}));
  // A school with no seats admits nobody; its applicant waits.
  EXPECT_TRUE(r.schools[1].admitted.empty());
  EXPECT_EQ(r.schools[1].waitlist, (std::vector<std::string>{"A4"}));
}

TEST(Lottery, CanonicalFileIsSortedWithHeaderAndNewlines) {
  std::string canonical = canonical_applicants(hand_applicants());
  EXPECT_EQ(canonical, "applicant_id,school_id,tier\nA1,S1,1\nA2,S1,2\nA3,S1,2\nA4,S2,1\nA5,S1,2\n");
  // sha256sum of exactly that text (coreutils).
  auto r = run_lottery(hand_applicants(), {{"S1", 2}, {"S2", 0}}, "00ff");
  EXPECT_EQ(r.applicants_sha256, "2969037049272b1ecd8852cc80fe6d526932b3798e1a2651246546d42d1dcb74");
  // Input order does not matter.
  auto reversed = hand_applicants();
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(canonical_applicants(reversed), canonical);
}

TEST(Lottery, VerifyCatchesOneSwappedPair) {
  std::vector<SchoolSeats> seats = {{"S1", 2}, {"S2", 0}};
  auto expected = run_lottery(hand_applicants(), seats, "00ff");
  EXPECT_EQ(first_lottery_difference(expected, expected), "");
  auto swapped = expected;
  std::swap(swapped.schools[0].waitlist[0], swapped.schools[0].waitlist[1]);
  EXPECT_EQ(first_lottery_difference(swapped, expected), "学校 S1 的候补名单第 1 位：结果为 A5，按算法应为 A3");
  auto crossed = expected;
  std::swap(crossed.schools[0].admitted[1], crossed.schools[0].waitlist[0]);
  EXPECT_EQ(first_lottery_difference(crossed, expected), "学校 S1 的录取名单第 2 位：结果为 A3，按算法应为 A2");
  auto other_seed = run_lottery(hand_applicants(), seats, "01");
  EXPECT_NE(first_lottery_difference(other_seed, expected), "");
}

// 公民同招: S1 is a private school with 2 seats; A3 and A5 are not drawn (see TierFirstThenSmallerNumber)
// and go back to their public catchment schools; A4 (public S2, no seats) has no fallback and just waits.
TEST(Lottery, PrivateSchoolLosersFallBackToTheirPublicSchool) {
  auto applicants = hand_applicants();
  for (auto& a : applicants) {
    if (a.applicant_id == "A3") a.fallback_school_id = "P9";
    if (a.applicant_id == "A5") a.fallback_school_id = "P7";
    if (a.applicant_id == "A1") a.fallback_school_id = "P9";  // drawn: the fallback is not used
  }
  std::vector<SchoolSeats> seats = {{"S1", 2, "private"}, {"S2", 0, "public"}};
  auto r = run_lottery(applicants, seats, "00ff");
  EXPECT_EQ(r.schools[0].sector, "private");
  EXPECT_EQ(r.schools[0].admitted, (std::vector<std::string>{"A1", "A2"}));
  ASSERT_EQ(r.fallbacks.size(), 2u);
  EXPECT_EQ(r.fallbacks[0].applicant_id, "A3");
  EXPECT_EQ(r.fallbacks[0].from_school_id, "S1");
  EXPECT_EQ(r.fallbacks[0].school_id, "P9");
  EXPECT_EQ(r.fallbacks[1].applicant_id, "A5");
  EXPECT_EQ(r.fallbacks[1].school_id, "P7");
  // The fallback is not part of the draw: the published digest is that of the plain canonical file.
  EXPECT_EQ(r.applicants_sha256, "2969037049272b1ecd8852cc80fe6d526932b3798e1a2651246546d42d1dcb74");
  auto moved = r;
  moved.fallbacks[1].school_id = "P9";
  EXPECT_EQ(first_lottery_difference(moved, r), "兜底安排第 2 项：结果为 A5 → P9，按申请文件应为 A5 → P7");
  auto dropped = r;
  dropped.fallbacks.pop_back();
  EXPECT_EQ(first_lottery_difference(dropped, r), "兜底安排第 2 项：结果为 （无），按申请文件应为 A5 → P7");
}

}  // namespace
}  // namespace youjun::enroll
