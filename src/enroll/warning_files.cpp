#include "enroll/warning_files.hpp"

#include <map>
#include <set>
#include <tuple>

#include "enroll/enroll_files.hpp"
#include "enroll/table_cells.hpp"

namespace youjun::enroll {

namespace {

// Years are calendar years; the bounds only catch typos and swapped columns, they are not policy.
constexpr long kMinYear = 1950, kMaxYear = 2150;
constexpr long kMaxCount = 10'000'000;

bool parse_year(std::string_view s, int& year) {
  long v = 0;
  if (!parse_count(s, kMaxYear, v) || v < kMinYear) return false;
  year = static_cast<int>(v);
  return true;
}

const std::string kYearExpected = "应为 1950–2150 之间的四位年份";

// Rows of `catchment_id,<year column>,<count column>`: each valid row is passed to `keep(row, id, year,
// count)`, which may add its own error (a repeat) to `errors`.
template <typename Keep>
RowErrors read_catchment_years(const io::Table& t, const std::unordered_set<std::string>& known,
                               const std::string& year_column, const std::string& count_column,
                               const std::string& count_expected, Keep&& keep) {
  RowErrors errors;
  auto cols = find_columns(t, {"catchment_id", year_column, count_column}, 3, errors);
  if (!cols.ok) return errors;
  for (size_t r = 0; r < t.row_count(); ++r) {
    size_t before = errors.size();
    std::string_view id = cell(t, r, cols.index[0]);
    if (!known.count(std::string(id)))
      errors.push_back({t.file, t.line_number(r), "catchment_id",
                        id.empty() ? "学区编号不能为空" : "学区 " + std::string(id) + " 不在学区文件中"});
    int year = 0;
    long count = 0;
    if (!parse_year(cell(t, r, cols.index[1]), year)) errors.push_back({t.file, t.line_number(r), year_column, kYearExpected});
    if (!parse_count(cell(t, r, cols.index[2]), kMaxCount, count))
      errors.push_back({t.file, t.line_number(r), count_column, count_expected});
    if (errors.size() == before) keep(r, std::string(id), year, static_cast<uint32_t>(count), errors);
  }
  return errors;
}

}  // namespace

RowErrors read_cohorts(const io::Table& t, const std::unordered_set<std::string>& known, std::vector<CohortCount>& out) {
  std::map<std::pair<std::string, int>, long> first_row;
  return read_catchment_years(
      t, known, "birth_year", "children", "应为非负整数人数",
      [&](size_t r, std::string id, int year, uint32_t children, RowErrors& errors) {
        auto [it, fresh] = first_row.emplace(std::make_pair(id, year), t.line_number(r));
        if (!fresh) {
          errors.push_back({t.file, t.line_number(r), "birth_year",
                            "学区 " + id + " 的 " + std::to_string(year) + " 年出生人数重复（第 " +
                                std::to_string(it->second) + " 行已有）"});
          return;
        }
        out.push_back({std::move(id), year, children});
      });
}

RowErrors read_housing(const io::Table& t, const std::unordered_set<std::string>& known,
                       std::vector<HousingDelivery>& out) {
  return read_catchment_years(t, known, "year", "homes", "应为非负整数套数",
                              [&](size_t, std::string id, int year, uint32_t homes, RowErrors&) {
                                out.push_back({std::move(id), year, homes});
                              });
}

RowErrors read_seat_plans(const io::Table& t, std::vector<SeatPlan>& out) {
  RowErrors errors;
  auto cols = find_columns(t, {"school_id", "seats", "entry_year", "stage"}, 2, errors);
  if (!cols.ok) return errors;
  std::map<std::tuple<std::string, int, std::string>, long> first_row;
  for (size_t r = 0; r < t.row_count(); ++r) {
    size_t before = errors.size();
    std::string_view id = cell(t, r, cols.index[0]);
    if (std::string problem = id_problem(id); !problem.empty())
      errors.push_back({t.file, t.line_number(r), "school_id", problem});
    long seats = 0;
    if (!parse_count(cell(t, r, cols.index[1]), kMaxCount, seats))
      errors.push_back({t.file, t.line_number(r), "seats", "应为非负整数学位数"});
    int year = 0;
    std::string_view year_text = cell(t, r, cols.index[2]);
    if (!year_text.empty() && !parse_year(year_text, year))
      errors.push_back({t.file, t.line_number(r), "entry_year", kYearExpected + "，或留空表示每年"});
    std::string stage(cell(t, r, cols.index[3]));
    if (!stage.empty() && stage != "primary" && stage != "junior")
      errors.push_back({t.file, t.line_number(r), "stage", "应为 primary（小学）或 junior（初中），或留空表示各学段"});
    if (errors.size() != before) continue;
    auto [it, fresh] = first_row.emplace(std::make_tuple(std::string(id), year, stage), t.line_number(r));
    if (!fresh) {
      errors.push_back({t.file, t.line_number(r), "school_id",
                        "学校 " + std::string(id) + (stage.empty() ? "" : " " + stage) +
                            (year ? " 的 " + std::to_string(year) + " 年" : std::string(" 的通用")) + "学位数重复（第 " +
                            std::to_string(it->second) + " 行已有）"});
      continue;
    }
    out.push_back({std::string(id), year, stage, static_cast<uint32_t>(seats)});
  }
  return errors;
}

std::vector<Catchment> catchments_for_stage(const CatchmentMap& map, const std::string& stage, const std::string& file,
                                            RowErrors& errors) {
  std::vector<Catchment> selected;
  for (const auto& c : map.catchments()) {
    if (!in_stage(c, stage)) continue;
    selected.push_back(c);
    if (selected.back().stage.empty()) selected.back().stage = stage;
    if (selected.back().stage.empty())
      errors.push_back({file, 0, "stage", "学区 " + c.id + " 没有学段 stage：请在 properties 中写明或用 --stage 指定"});
  }
  return selected;
}

const std::vector<std::string>& warning_rule_keys() {
  static const std::vector<std::string> keys = {"enroll.warning.entry_age.primary", "enroll.warning.entry_age.junior",
                                                "enroll.warning.children_per_home", "enroll.warning.amber_ratio",
                                                "enroll.warning.red_ratio"};
  return keys;
}

Result<WarningParams> warning_params(const policy::Policy& p, int first_entry_year, int years) {
  std::vector<double> v;
  for (const auto& key : warning_rule_keys()) {
    auto n = p.number(key);
    if (!n) return make_error("策略 " + p.name() + "：" + n.error().message);
    v.push_back(*n);
  }
  WarningParams params;
  params.first_entry_year = first_entry_year;
  params.years = years;
  params.entry_age_primary = static_cast<int>(v[0]);
  params.entry_age_junior = static_cast<int>(v[1]);
  params.children_per_home = v[2];
  params.amber_ratio = v[3];
  params.red_ratio = v[4];
  return params;
}

RowErrors check_seat_coverage(const std::vector<Catchment>& catchments, const SeatBook& book,
                              const WarningParams& params, const std::string& seats_file) {
  RowErrors errors;
  std::set<std::pair<std::string, std::string>> reported;  // (school, stage)
  for (const auto& c : catchments)
    for (const auto& school : c.schools) {
      if (reported.count({school, c.stage})) continue;
      std::string missing;
      for (int i = 0; i < params.years; ++i)
        if (!book.seats(school, c.stage, params.first_entry_year + i))
          missing += (missing.empty() ? "" : "、") + std::to_string(params.first_entry_year + i);
      if (missing.empty()) continue;
      reported.insert({school, c.stage});
      errors.push_back({seats_file, 0, "school_id",
                        "学区 " + c.id + " 的学校 " + school + " 没有 " + missing + " 年的学位数（加一行 " + school +
                            ",学位数 即对每年有效）"});
    }
  return errors;
}

}  // namespace youjun::enroll
