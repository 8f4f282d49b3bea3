#include "evaluate/value_added.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "enroll/enroll_files.hpp"
#include "enroll/table_cells.hpp"
#include "evaluate/student_rows.hpp"

namespace youjun::evaluate {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A fit whose residual sum of squares is below 10⁻²⁰ of the total (residual SD below ~10⁻¹⁰ of the scores'
// SD) is exact: what is left is rounding of the arithmetic, not a difference between schools.
constexpr double kExactFit = 1e-20;

// A finite decimal number, the whole cell: 85, 85.5, -1.25, 1e2. Not nan, inf, or text.
bool parse_score(std::string_view s, double& out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && ptr == s.data() + s.size() && std::isfinite(out);
}

const std::vector<std::string> kReserved{"student_id", "school_id", "prior", "current", "intercept"};

}  // namespace

Result<ValueAddedRules> value_added_rules(const policy::Policy& policy) {
  ValueAddedRules r;
  auto z = policy.number("value_added.interval_z");
  if (!z) return z.error();
  if (!(*z > 0)) return Error{"策略 " + policy.name() + " 的 value_added.interval_z 应为正数（如 1.96）"};
  auto min = policy.number("value_added.min_students");
  if (!min) return min.error();
  if (!(*min >= 1) || *min != std::floor(*min) || *min > 1e6)
    return Error{"策略 " + policy.name() + " 的 value_added.min_students 应为正整数"};
  r.interval_z = *z;
  r.min_students = static_cast<long>(*min);
  r.keys = {"value_added.interval_z", "value_added.min_students"};
  return r;
}

RowErrors read_value_added(const io::Table& t, const std::vector<std::string>& context, ValueAddedData& out) {
  RowErrors errors;
  out = ValueAddedData{};
  out.file = t.file;
  std::vector<std::string> names{"student_id", "school_id", "prior", "current"};
  for (size_t k = 0; k < context.size(); ++k) {
    bool reserved = std::find(kReserved.begin(), kReserved.end(), context[k]) != kReserved.end();
    bool repeated = std::find(context.begin(), context.begin() + static_cast<long>(k), context[k]) != context.begin() + static_cast<long>(k);
    if (context[k].empty())
      errors.push_back({t.file, 1, "", "--context 中有空的列名（列名之间以逗号分隔）"});
    else if (reserved || repeated)
      errors.push_back({t.file, 1, context[k],
                        "--context 的列名“" + context[k] + "”" + (repeated ? "重复" : "不可用") +
                            "（背景变量列应为 student_id、school_id、prior、current 以外的数值列）"});
  }
  if (!errors.empty()) return errors;
  names.insert(names.end(), context.begin(), context.end());
  auto cols = enroll::find_columns(t, names, names.size(), errors);
  if (!cols.ok) return errors;
  const size_t k_count = context.size();
  out.context = context;
  out.school.reserve(t.row_count());
  out.prior.reserve(t.row_count());
  out.current.reserve(t.row_count());
  out.context_values.reserve(t.row_count() * k_count);
  StudentRows seen(t.row_count());
  std::unordered_map<std::string_view, uint32_t> school_index;
  for (size_t r = 0; r < t.row_count(); ++r) {
    long line = t.line_number(r);
    std::string_view id = enroll::cell(t, r, cols.index[0]);
    std::string problem = enroll::id_problem(id);
    if (problem.empty()) problem = seen.repeat(t, r, id);
    if (!problem.empty()) errors.push_back({t.file, line, "student_id", problem});
    std::string_view school = enroll::cell(t, r, cols.index[1]);
    if (std::string p = enroll::id_problem(school); !p.empty()) errors.push_back({t.file, line, "school_id", p});
    double values[2] = {0, 0};
    for (int v = 0; v < 2; ++v)
      if (!parse_score(enroll::cell(t, r, cols.index[2 + v]), values[v]))
        errors.push_back({t.file, line, names[2 + v], std::string(v == 0 ? "入学（起点）" : "本次") + "成绩应为数值，如 85 或 85.5"});
    for (size_t k = 0; k < k_count; ++k) {
      double x = 0;
      if (!parse_score(enroll::cell(t, r, cols.index[4 + k]), x))
        errors.push_back({t.file, line, context[k], "背景变量应为数值（如 0/1 或比例），不能留空"});
      out.context_values.push_back(x);
    }
    if (!errors.empty()) continue;  // keep going for the messages only
    auto [it, added] = school_index.emplace(school, static_cast<uint32_t>(out.school_ids.size()));
    if (added) out.school_ids.emplace_back(school);
    out.school.push_back(it->second);
    out.prior.push_back(values[0]);
    out.current.push_back(values[1]);
  }
  if (!errors.empty()) {
    out = ValueAddedData{};
    out.file = t.file;
  }
  return errors;
}

namespace {

Eigen::MatrixXd design_matrix(const ValueAddedData& d) {
  const Eigen::Index n = static_cast<Eigen::Index>(d.students()), k = static_cast<Eigen::Index>(d.context.size());
  Eigen::MatrixXd x(n, 2 + k);
  for (Eigen::Index i = 0; i < n; ++i) {
    x(i, 0) = 1;
    x(i, 1) = d.prior[static_cast<size_t>(i)];
    for (Eigen::Index c = 0; c < k; ++c) x(i, 2 + c) = d.context_values[static_cast<size_t>(i * k + c)];
  }
  return x;
}

// The first column (in the order intercept, prior, context…) that the columns before it already span.
size_t first_dependent_column(const Eigen::MatrixXd& x) {
  for (Eigen::Index c = 1; c < x.cols(); ++c) {
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x.leftCols(c + 1));
    if (qr.rank() <= c) return static_cast<size_t>(c);
  }
  return static_cast<size_t>(x.cols() - 1);
}

}  // namespace

RowErrors fit_current_on_prior(const ValueAddedData& d, OlsFit& out) {
  RowErrors errors;
  out = OlsFit{};
  out.names = {"intercept", "prior"};
  out.names.insert(out.names.end(), d.context.begin(), d.context.end());
  const size_t n = d.students(), p = out.names.size();
  if (n <= p) {
    errors.push_back({d.file, 0, "", "学生人数 " + std::to_string(n) + " 不足：回归有 " + std::to_string(p) +
                                         " 个系数，至少需要 " + std::to_string(p + 1) + " 名学生"});
    return errors;
  }
  Eigen::MatrixXd x = design_matrix(d);
  Eigen::Map<const Eigen::VectorXd> y(d.current.data(), static_cast<Eigen::Index>(n));
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
  if (qr.rank() < static_cast<Eigen::Index>(p)) {
    size_t c = first_dependent_column(x);
    errors.push_back({d.file, 0, out.names[c],
                      "列 " + out.names[c] + " 可由常数项和它前面的列线性表示（如全部相同、与另一列成比例），无法估计回归"});
    return errors;
  }
  Eigen::VectorXd beta = qr.solve(y);
  Eigen::VectorXd residual = y - x * beta;
  double rss = residual.squaredNorm();
  double tss = (y.array() - y.mean()).square().sum();
  bool exact = rss <= kExactFit * tss || tss == 0;
  if (exact) residual.setZero(), rss = 0;
  out.coefficients.assign(beta.data(), beta.data() + beta.size());
  out.residuals.assign(residual.data(), residual.data() + residual.size());
  out.r2 = tss > 0 ? 1 - rss / tss : kNaN;
  out.residual_sd = std::sqrt(rss / static_cast<double>(n - p));
  return errors;
}

double between_school_variance(const std::vector<double>& raw, const std::vector<double>& se2) {
  const double j = static_cast<double>(raw.size());
  if (raw.size() < 2) return 0;
  double mean = std::accumulate(raw.begin(), raw.end(), 0.0) / j;
  double ss = 0;
  for (double v : raw) ss += (v - mean) * (v - mean);
  double mean_se2 = std::accumulate(se2.begin(), se2.end(), 0.0) / j;
  return std::max(0.0, ss / (j - 1) - mean_se2);
}

Shrunk shrink(double raw, double se2, double tau2) {
  Shrunk s;
  s.reliability = se2 > 0 ? tau2 / (tau2 + se2) : 1;
  s.effect = s.reliability * raw;
  s.posterior_sd = std::sqrt(s.reliability * se2);
  return s;
}

const char* flag_name(Flag f) { return f == Flag::above ? "above" : f == Flag::below ? "below" : "none"; }

Flag flag_of(double lo, double hi, size_t students, long min_students) {
  if (static_cast<long>(students) < min_students) return Flag::none;
  if (lo > 0) return Flag::above;
  if (hi < 0) return Flag::below;
  return Flag::none;
}

namespace {

std::vector<size_t> order_descending(const std::vector<double>& v) {
  std::vector<size_t> order(v.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] > v[b]; });
  return order;
}

// Average ranks, 1 = largest: ties share the mean of the positions they occupy.
std::vector<double> average_ranks(const std::vector<double>& v) {
  auto order = order_descending(v);
  std::vector<double> ranks(v.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) ++j;
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = static_cast<double>(i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

}  // namespace

std::vector<int> ranks_descending(const std::vector<double>& v) {
  auto order = order_descending(v);
  std::vector<int> ranks(v.size());
  for (size_t i = 0; i < order.size(); ++i)
    ranks[order[i]] = i > 0 && v[order[i]] == v[order[i - 1]] ? ranks[order[i - 1]] : static_cast<int>(i + 1);
  return ranks;
}

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
  auto ra = average_ranks(a), rb = average_ranks(b);
  const double n = static_cast<double>(ra.size());
  if (ra.size() < 2) return kNaN;
  double ma = std::accumulate(ra.begin(), ra.end(), 0.0) / n, mb = std::accumulate(rb.begin(), rb.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < ra.size(); ++i) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) * (ra[i] - ma);
    sbb += (rb[i] - mb) * (rb[i] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : kNaN;
}

RowErrors estimate_value_added(const ValueAddedData& d, const ValueAddedRules& rules, ValueAddedReport& out) {
  out = ValueAddedReport{};
  if (d.school_ids.size() < 2)
    return {{d.file, 0, "school_id", "增值评价比较学校之间的差异，至少需要两所学校的学生（现有 " +
                                          std::to_string(d.school_ids.size()) + " 所）"}};
  RowErrors errors = fit_current_on_prior(d, out.model);
  if (!errors.empty()) return errors;
  const size_t j = d.school_ids.size();
  out.students = d.students();
  std::vector<SchoolEffect> s(j);
  for (size_t i = 0; i < d.students(); ++i) {
    SchoolEffect& e = s[d.school[i]];
    ++e.students;
    e.mean_prior += d.prior[i];
    e.mean_current += d.current[i];
    e.raw_effect += out.model.residuals[i];
  }
  std::vector<double> raw(j), se2(j);
  const double sigma = out.model.residual_sd, z = rules.interval_z;
  for (size_t k = 0; k < j; ++k) {
    SchoolEffect& e = s[k];
    const double n = static_cast<double>(e.students);
    e.school_id = d.school_ids[k];
    e.mean_prior /= n, e.mean_current /= n, e.raw_effect /= n;
    e.se = sigma / std::sqrt(n);
    e.raw_lo = e.raw_effect - z * e.se, e.raw_hi = e.raw_effect + z * e.se;
    raw[k] = e.raw_effect, se2[k] = e.se * e.se;
  }
  out.tau2 = between_school_variance(raw, se2);
  std::vector<double> means(j), effects(j);
  for (size_t k = 0; k < j; ++k) {
    SchoolEffect& e = s[k];
    e.shrunk = shrink(e.raw_effect, se2[k], out.tau2);
    e.lo = e.shrunk.effect - z * e.shrunk.posterior_sd, e.hi = e.shrunk.effect + z * e.shrunk.posterior_sd;
    e.flag = flag_of(e.lo, e.hi, e.students, rules.min_students);
    means[k] = e.mean_current, effects[k] = e.shrunk.effect;
  }
  auto rank_mean = ranks_descending(means), rank_effect = ranks_descending(effects);
  for (size_t k = 0; k < j; ++k) s[k].rank_raw_mean = rank_mean[k], s[k].rank_value_added = rank_effect[k];
  out.spearman_raw_vs_value_added = spearman(means, effects);
  std::sort(s.begin(), s.end(), [](const SchoolEffect& a, const SchoolEffect& b) { return a.school_id < b.school_id; });
  out.schools = std::move(s);
  return errors;
}

std::vector<size_t> largest_moves(const ValueAddedReport& report, size_t count) {
  std::vector<size_t> moved;
  for (size_t k = 0; k < report.schools.size(); ++k)
    if (report.schools[k].rank_raw_mean != report.schools[k].rank_value_added) moved.push_back(k);
  auto shift = [&](size_t k) { return std::abs(report.schools[k].rank_raw_mean - report.schools[k].rank_value_added); };
  std::stable_sort(moved.begin(), moved.end(), [&](size_t a, size_t b) { return shift(a) > shift(b); });  // schools by id
  if (moved.size() > count) moved.resize(count);
  return moved;
}

}  // namespace youjun::evaluate
