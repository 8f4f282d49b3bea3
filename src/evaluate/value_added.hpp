#pragma once
// 增值评价 (issue 8 §4; 002 铜陵 “实行过程与增值评价”): how much more (or less) a school's students scored
// than students with the same entry score elsewhere. Method, formulas and caveats: docs/value-added.md.
//
//   1. OLS of current on [1, prior, context…] over all students (Eigen ColPivHouseholderQR).
//   2. A school's raw effect = mean residual of its students, SE = σ/√n, interval raw ± z·SE.
//   3. Empirical-Bayes shrinkage: τ² = max(0, var(raw) − mean(SE²)); effect × τ²/(τ² + SE²); interval from
//      the posterior SD; flag above/below when that interval excludes 0 (schools of ≥ min_students).
//   4. Ranks of schools by mean current score and by value added; Spearman correlation of the two.
// Scores file: student_id,school_id,prior,current[,context columns].
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::evaluate {

struct ValueAddedRules {
  double interval_z = 0;  // value_added.interval_z (1.96 for a two-sided 95 % interval)
  long min_students = 0;  // value_added.min_students: smaller schools are never flagged
  std::vector<std::string> keys;
};
Result<ValueAddedRules> value_added_rules(const policy::Policy& policy);

struct ValueAddedData {
  std::string file;                     // for whole-file problems of the model
  std::vector<std::string> context;     // context column names, in the order asked for
  std::vector<std::string> school_ids;  // in order of first appearance
  std::vector<uint32_t> school;         // per student: index into school_ids
  std::vector<double> prior, current;
  std::vector<double> context_values;   // students × context.size(), row by row
  size_t students() const { return prior.size(); }
};

// Every bad cell is reported (student_id missing, an ID number or repeated; school_id missing; prior, current
// and each context column not a number), then nothing is kept. `context` names extra numeric columns; a name
// repeated or one of student_id/school_id/prior/current/intercept is an error.
RowErrors read_value_added(const io::Table& table, const std::vector<std::string>& context, ValueAddedData& out);

struct OlsFit {
  std::vector<std::string> names;   // "intercept", "prior", context…
  std::vector<double> coefficients;  // same order
  double r2 = 0;                     // NaN when every current score is the same
  double residual_sd = 0;            // σ = √(RSS / (n − p)); 0 when the fit is exact
  std::vector<double> residuals;     // per student
};

// Problems of the data as a whole (too few students or schools, a column that is a combination of the
// others) come back as row errors naming the file (row 0); then `out` is unusable.
RowErrors fit_current_on_prior(const ValueAddedData& data, OlsFit& out);

// τ² = max(0, Σ(raw − mean raw)²/(J − 1) − Σ SE²/J) over the J ≥ 2 schools (method of moments).
double between_school_variance(const std::vector<double>& raw, const std::vector<double>& se2);

struct Shrunk {
  double reliability = 1;  // λ = τ²/(τ² + SE²); 1 when SE = 0
  double effect = 0;       // λ · raw
  double posterior_sd = 0; // √(λ · SE²)
};
Shrunk shrink(double raw, double se2, double tau2);

enum class Flag { none, above, below };
const char* flag_name(Flag f);  // "none", "above", "below"
// above when lo > 0, below when hi < 0, none otherwise or when students < min_students.
Flag flag_of(double lo, double hi, size_t students, long min_students);

// 1 = largest; equal values share the smallest rank (1, 2, 2, 4).
std::vector<int> ranks_descending(const std::vector<double>& values);
// Pearson correlation of the average ranks (ties averaged); NaN when either side is constant.
double spearman(const std::vector<double>& a, const std::vector<double>& b);

struct SchoolEffect {
  std::string school_id;
  size_t students = 0;
  double mean_prior = 0, mean_current = 0;
  double raw_effect = 0, se = 0, raw_lo = 0, raw_hi = 0;
  Shrunk shrunk;
  double lo = 0, hi = 0;  // shrunk.effect ± z · posterior_sd
  Flag flag = Flag::none;
  int rank_raw_mean = 0, rank_value_added = 0;  // by mean_current, by shrunk.effect
};

struct ValueAddedReport {
  OlsFit model;
  size_t students = 0;
  double tau2 = 0;
  std::vector<SchoolEffect> schools;  // by school_id
  double spearman_raw_vs_value_added = 0;  // NaN when undefined
};

RowErrors estimate_value_added(const ValueAddedData& data, const ValueAddedRules& rules, ValueAddedReport& out);

// Indices into report.schools of the `count` schools whose two ranks differ most (ties by school_id);
// schools whose ranks agree are left out.
std::vector<size_t> largest_moves(const ValueAddedReport& report, size_t count);

}  // namespace youjun::evaluate
