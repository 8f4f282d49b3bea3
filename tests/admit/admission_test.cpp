// Admission by hand (quota batch, a seat returning to the unified batch, the tie-break chain down to
// the lottery, an empty list, a school listed twice) and, on random instances, the no-justified-envy
// property checked by brute force.
#include <gtest/gtest.h>

#include <random>

#include "admit/admission.hpp"
#include "admit/admit_files.hpp"
#include "enroll/lottery_number.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::admit {
namespace {

io::Table csv(const std::string& text, const char* name = "students.csv") { return *io::parse_csv(text, name); }

AdmissionPolicy national_rules() { return *admission_policy(*policy::load_policy("national"), 2026); }

std::vector<HighSchool> high_schools() {
  return {{"H1", "一中", "X", 2, true}, {"H2", "二中", "X", 3, true}, {"H3", "三中", "X", 1, false}};
}

const char* kQuota = R"({"share": 0.5, "juniors": [{"js_id": "J1"}, {"js_id": "J2"}],
  "high_schools": [{"hs_id": "H1", "by_junior": {"J1": 1, "J2": 1}}, {"hs_id": "H2", "by_junior": {"J1": 1, "J2": 1}},
                   {"hs_id": "H3", "by_junior": {}}]})";

AdmissionProblem problem_from(const std::string& students, const std::string& seed = "ab") {
  AdmissionProblem p;
  auto errors = read_admission_input(csv(students), high_schools(), nlohmann::json::parse(kQuota), "quota.json",
                                     national_rules(), p);
  EXPECT_TRUE(errors.empty()) << format_row_errors(errors);
  auto numbers = enroll::lottery_numbers(seed, p.student_ids);
  p.lottery_rank = enroll::lottery_ranks(numbers, p.student_ids);
  return p;
}

const std::string kHeader = "student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs\n";

TEST(AdmitMatch, QuotaBatchThenUnifiedWithReturnedSeat) {
  // Quota batch in rank order: S1 (J1) takes H1's J1 seat; S2 (J1) finds it gone and takes H2's J1 seat;
  // S3 is not eligible; S4 (J2) takes H1's J2 seat. H2's J2 seat is unused and returns: the unified batch
  // has H1 2−2 = 0, H2 3−1 = 2, H3 1. Then S3 → H2 (2nd choice), S5 → H2, S6 → H3 (H2 full), S7: nothing.
  auto p = problem_from(kHeader +
                        "S1,J1,600,100,100,100,1,H1,H1|H2\n"
                        "S2,J1,590,100,100,100,1,H1|H2,H1|H2|H3\n"
                        "S3,J2,580,100,100,100,0,,H1|H2\n"
                        "S4,J2,570,100,100,100,1,H1,H1\n"
                        "S5,J1,560,100,100,100,0,,H2\n"
                        "S6,J2,550,100,100,100,1,H1,H2|H3\n"
                        "S7,J2,540,100,100,100,1,,\n");
  auto a = admit_students(p);
  auto school = [&](int s) { return a.school_of[s] < 0 ? std::string("-") : p.school_ids[a.school_of[s]]; };
  EXPECT_EQ(school(0), "H1");
  EXPECT_EQ(a.batch_of[0], 0);
  EXPECT_EQ(school(1), "H2");
  EXPECT_EQ(a.choice_rank[1], 2);
  EXPECT_EQ(a.batch_of[1], 0);
  EXPECT_EQ(school(2), "H2");
  EXPECT_EQ(a.batch_of[2], 1);
  EXPECT_EQ(a.choice_rank[2], 2);
  EXPECT_EQ(school(3), "H1");
  EXPECT_EQ(school(4), "H2");
  EXPECT_EQ(a.batch_of[4], 1);
  EXPECT_EQ(school(5), "H3");  // S6 is eligible, but H1's J2 quota seat went to S4
  EXPECT_EQ(a.batch_of[5], 1);
  EXPECT_EQ(a.choice_rank[5], 2);
  EXPECT_EQ(school(6), "-");  // empty lists
  EXPECT_EQ(a.choice_rank[6], -1);
  EXPECT_EQ(a.filled[0][1], 1u);  // H2: one quota seat used …
  EXPECT_EQ(a.filled[1][1], 2u);  // … and two unified, the returned seat among them
}

TEST(AdmitMatch, TieBreakChainThenLottery) {
  // All four total 500. T4's 语数外 301 is highest; T2 ties T1 on 300 but has math 95 < 100; T1 and T3
  // tie on everything, so their lottery numbers decide.
  auto p = problem_from(kHeader +
                        "T1,J1,500,100,100,100,0,,H3\n"
                        "T2,J1,500,110,95,95,0,,H3\n"
                        "T3,J1,500,100,100,100,0,,H3\n"
                        "T4,J1,500,101,100,100,0,,H3\n",
                        "5eed");
  auto a = admit_students(p);
  bool t1_first = enroll::lottery_number("5eed", "T1") < enroll::lottery_number("5eed", "T3");
  std::vector<uint32_t> want = t1_first ? std::vector<uint32_t>{3, 0, 2, 1} : std::vector<uint32_t>{3, 2, 0, 1};
  EXPECT_EQ(a.order, want);
  EXPECT_EQ(a.tie_by_lottery, (std::vector<uint8_t>{1, 0, 1, 0}));
  EXPECT_EQ(a.school_of[3], 2);  // H3's single seat goes to T4
}

TEST(AdmitMatch, BadListsAreReportedPerCell) {
  AdmissionProblem p;
  auto errors = read_admission_input(csv(kHeader +
                                         "S1,J1,600,100,100,100,1,H1|H1,H1\n"          // listed twice
                                         "S2,J9,600,100,100,100,1,H1,H1\n"             // unknown junior
                                         "S3,J1,600,100,100,100,1,H1|H2|H3,H9\n"       // 3 > 2 quota choices, H9 unknown
                                         "S4,J1,60x,100,100,100,2,,\n"),               // total, eligibility
                                     high_schools(), nlohmann::json::parse(kQuota), "quota.json", national_rules(), p);
  ASSERT_EQ(errors.size(), 6u) << format_row_errors(errors);
  EXPECT_EQ(errors[0].column, "quota_prefs");
  EXPECT_NE(errors[0].message.find("填报了两次"), std::string::npos);
  EXPECT_EQ(errors[1].column, "js_id");
  EXPECT_EQ(errors[2].column, "quota_prefs");
  EXPECT_EQ(errors[3].column, "prefs");
  EXPECT_EQ(errors[4].column, "total");
  EXPECT_EQ(errors[5].column, "quota_eligible");
  EXPECT_EQ(p.student_count(), 0u);
}

// ── Property: no justified envy within a batch, on random instances, by brute force ──────────────

AdmissionProblem random_problem(std::mt19937& rng, bool three_batches) {
  AdmissionProblem p;
  size_t schools = 2 + rng() % 5, juniors = 1 + rng() % 4, n = 5 + rng() % 40;
  for (size_t h = 0; h < schools; ++h) {
    p.school_ids.push_back("H" + std::to_string(h));
    p.plan.push_back(static_cast<uint32_t>(rng() % 6));
  }
  for (size_t j = 0; j < juniors; ++j) p.group_ids.push_back("J" + std::to_string(j));
  p.group_ids.push_back("C0");  // the county of everyone in county batches
  const uint32_t county = static_cast<uint32_t>(juniors);
  if (three_batches) p.batches.push_back({"district", BatchScope::County, "district_prefs", 2});
  p.batches.push_back({"quota", BatchScope::Junior, "quota_prefs", 2});
  p.batches.push_back({"unified", BatchScope::Open, "prefs", 4});
  const size_t groups = p.group_ids.size();
  p.bucket_seats.assign(p.batches.size(), {});
  for (size_t b = 0; b < p.batches.size(); ++b) {
    if (p.batches[b].scope == BatchScope::Open) continue;
    p.bucket_seats[b].assign(schools * groups, 0);
    for (size_t h = 0; h < schools; ++h) {
      // at most the plan in all scoped batches together
      uint32_t left = p.plan[h] / (three_batches ? 2 : 1);
      for (size_t g = 0; g < groups && left; ++g) {
        uint32_t give = static_cast<uint32_t>(rng() % (left + 1));
        p.bucket_seats[b][h * groups + g] = give;
        left -= give;
      }
    }
  }
  p.tiebreak.assign(1, {});
  p.pref_begin.assign(p.batches.size(), {0});
  p.pref_school.assign(p.batches.size(), {});
  for (size_t s = 0; s < n; ++s) {
    p.student_ids.push_back("S" + std::to_string(s));
    p.student_junior.push_back(static_cast<uint32_t>(rng() % juniors));
    p.student_county.push_back(county);
    p.total.push_back(static_cast<Milli>(rng() % 4) * 500);  // few totals: many ties
    p.tiebreak[0].push_back(static_cast<Milli>(rng() % 2));
    p.quota_eligible.push_back(rng() % 3 != 0);
    for (size_t b = 0; b < p.batches.size(); ++b) {
      std::vector<uint32_t> all(schools);
      for (uint32_t h = 0; h < schools; ++h) all[h] = h;
      std::shuffle(all.begin(), all.end(), rng);
      size_t k = rng() % (std::min<size_t>(schools, p.batches[b].max_choices) + 1);
      p.pref_school[b].insert(p.pref_school[b].end(), all.begin(), all.begin() + static_cast<long>(k));
      p.pref_begin[b].push_back(static_cast<uint32_t>(p.pref_school[b].size()));
    }
  }
  std::vector<uint32_t> lottery(n);
  for (uint32_t s = 0; s < n; ++s) lottery[s] = s;
  std::shuffle(lottery.begin(), lottery.end(), rng);
  p.lottery_rank = lottery;
  return p;
}

// Checks one admission against the rules by brute force; returns "" or the first violation.
std::string violation(const AdmissionProblem& p, const Admission& a) {
  const size_t groups = p.group_ids.size(), n = p.student_count();
  // The ranking: total, then chain, then lottery.
  for (size_t k = 1; k < n; ++k) {
    uint32_t x = a.order[k - 1], y = a.order[k];
    auto key = [&](uint32_t s) { return std::make_tuple(-p.total[s], -p.tiebreak[0][s], p.lottery_rank[s]); };
    if (!(key(x) < key(y))) return "order";
  }
  std::vector<uint64_t> admitted_total(p.school_count(), 0);
  for (size_t b = 0; b < p.batches.size(); ++b) {
    const bool scoped = p.batches[b].scope != BatchScope::Open;
    auto group_of = [&](size_t s) {
      return p.batches[b].scope == BatchScope::Junior ? p.student_junior[s] : p.student_county[s];
    };
    // Seats used in this batch per bucket / school.
    std::vector<uint64_t> used_bucket(p.school_count() * groups, 0), used(p.school_count(), 0);
    for (size_t s = 0; s < n; ++s)
      if (a.batch_of[s] == static_cast<int>(b)) {
        uint32_t h = static_cast<uint32_t>(a.school_of[s]);
        ++used[h];
        if (scoped) ++used_bucket[h * groups + group_of(s)];
        // the school is the one at choice_rank in this batch's list
        if (p.pref_school[b][p.pref_begin[b][s] + static_cast<uint32_t>(a.choice_rank[s]) - 1] != h) return "choice_rank";
        if (scoped && !p.quota_eligible[s]) return "ineligible admitted";
      }
    for (size_t h = 0; h < p.school_count(); ++h) {
      admitted_total[h] += used[h];
      if (admitted_total[h] > p.plan[h]) return "plan exceeded";
      if (scoped)
        for (size_t g = 0; g < groups; ++g)
          if (used_bucket[h * groups + g] > p.bucket_seats[b][h * groups + g]) return "bucket exceeded";
    }
    // Envy: a participant of batch b prefers h (listed before what they got in b) while h has a seat left
    // for them at the end of b, or admitted someone ranked below them from the same bucket.
    for (size_t s = 0; s < n; ++s) {
      bool participates = a.batch_of[s] < 0 || a.batch_of[s] >= static_cast<int>(b);
      if (scoped && !p.quota_eligible[s]) participates = false;
      if (!participates) continue;
      uint32_t stop = a.batch_of[s] == static_cast<int>(b) ? p.pref_begin[b][s] + static_cast<uint32_t>(a.choice_rank[s]) - 1
                                                            : p.pref_begin[b][s + 1];
      for (uint32_t k = p.pref_begin[b][s]; k < stop; ++k) {
        uint32_t h = p.pref_school[b][k];
        bool open_left = admitted_total[h] < p.plan[h];
        bool bucket_left = !scoped || used_bucket[h * groups + group_of(s)] < p.bucket_seats[b][h * groups + group_of(s)];
        if (open_left && bucket_left) return "seat left for " + p.student_ids[s] + " at " + p.school_ids[h];
        for (size_t t = 0; t < n; ++t)
          if (a.batch_of[t] == static_cast<int>(b) && a.school_of[t] == static_cast<int>(h) &&
              (!scoped || group_of(t) == group_of(s)) && a.position[t] > a.position[s])
            return "justified envy of " + p.student_ids[s] + " towards " + p.student_ids[t];
      }
    }
  }
  return "";
}

TEST(AdmitMatch, NoJustifiedEnvyOnRandomInstances) {
  std::mt19937 rng(20261204);
  size_t admitted = 0, envy_checks = 0;
  for (int round = 0; round < 600; ++round) {
    AdmissionProblem p = random_problem(rng, round % 3 == 0);
    Admission a = admit_students(p);
    std::string v = violation(p, a);
    ASSERT_EQ(v, "") << "instance " << round;
    for (int b : a.batch_of) admitted += b >= 0;
    envy_checks += p.student_count();
  }
  EXPECT_GT(admitted, 1000u);  // the instances are not trivially empty
  EXPECT_GT(envy_checks, 10000u);
}

TEST(AdmitMatch, TheCheckerCatchesAWrongAdmission) {
  // The brute-force checker must fail on a broken result: an unassigned student put into their first
  // unified choice (which was full, or they would have had it) exceeds its plan.
  std::mt19937 rng(7);
  int caught = 0, mutated = 0;
  for (int round = 0; round < 200; ++round) {
    AdmissionProblem p = random_problem(rng, false);
    Admission a = admit_students(p);
    for (uint32_t s : a.order)
      if (a.batch_of[s] < 0 && p.pref_begin[1][s] < p.pref_begin[1][s + 1]) {
        a.batch_of[s] = 1;
        a.school_of[s] = static_cast<int32_t>(p.pref_school[1][p.pref_begin[1][s]]);
        a.choice_rank[s] = 1;
        ++mutated;
        caught += violation(p, a) != "";
        break;
      }
  }
  EXPECT_GT(mutated, 20);
  EXPECT_EQ(caught, mutated);
}

}  // namespace
}  // namespace youjun::admit
