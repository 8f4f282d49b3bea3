// The canonical students file of a match run (its SHA-256 is the published digest) and reading a published
// matching back: the file reads back into the same problem, and a result that places a student at a school
// they did not list at that rank is refused.
#include <gtest/gtest.h>

#include "enroll/enroll_files.hpp"
#include "enroll/match_runs.hpp"
#include "enroll_test_util.hpp"

namespace youjun::enroll {
namespace {

using test::csv;

const char* kSchools = "school_id,seats\nX,1\nY,1\n";

TEST(MatchRuns, CanonicalStudentsFileByHandAndItReadsBackTheSame) {
  // b's tiers differ per school (kept in `tiers`, tier = the first choice's); a's are uniform; c lists nothing.
  MatchProblem p;
  ASSERT_TRUE(read_match_input(csv("student_id,prefs,tier,tiers\nc,,2,\nb,X|Y,1,2|1\na,Y|X,3,\n", "s"), csv(kSchools, "t"), p).empty());
  const std::string canonical = canonical_students(p);
  EXPECT_EQ(canonical, "student_id,prefs,tier,tiers\na,Y|X,3,\nb,X|Y,2,2|1\nc,,1,\n");
  MatchProblem again;
  ASSERT_TRUE(read_match_input(csv(canonical, "canonical"), csv(kSchools, "t"), again).empty());
  EXPECT_EQ(canonical_students(again), canonical);
  EXPECT_EQ(again.pref_tier, (std::vector<uint16_t>{3, 3, 2, 1}));  // a: Y 3, X 3; b: X 2, Y 1
}

TEST(MatchRuns, PublishedMatchingReadsBackAndTamperingIsRefused) {
  MatchProblem p;
  ASSERT_TRUE(read_match_input(csv("student_id,prefs,tier\na,X|Y,1\nb,X,1\n", "s"), csv(kSchools, "t"), p).empty());
  auto good = nlohmann::json::parse(R"({"assignments":[{"student_id":"a","school_id":"Y","choice_rank":2},
                                                         {"student_id":"b","school_id":"X","choice_rank":1}]})");
  auto m = matching_from_result(p, good);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->school_of, (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(m->choice_rank, (std::vector<int32_t>{2, 1}));
  auto placements = match_placements(good);
  ASSERT_TRUE(placements);
  EXPECT_EQ((*placements)["a"].school_id, "Y");

  auto wrong_rank = good;
  wrong_rank["assignments"][0]["choice_rank"] = 1;  // a's first choice is X, not Y
  EXPECT_FALSE(matching_from_result(p, wrong_rank));
  auto missing = good;
  missing["assignments"].erase(1);
  EXPECT_FALSE(matching_from_result(p, missing));
  EXPECT_FALSE(match_placements(nlohmann::json::parse(R"({"schools":[]})")));
  EXPECT_EQ(mechanism_name("boston"), kImmediateAcceptance);
  EXPECT_EQ(mechanism_name("da"), kDeferredAcceptance);
  EXPECT_EQ(mechanism_name("serial"), "");
}

}  // namespace
}  // namespace youjun::enroll
