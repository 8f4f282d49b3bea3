#include "enroll/eligibility_files.hpp"

#include "enroll/enroll_files.hpp"
#include "enroll/id_index.hpp"
#include "enroll/table_cells.hpp"

namespace youjun::enroll {

namespace {

constexpr long kMinYear = 1950, kMaxYear = 2150;  // format bounds against typos, not policy

// An optional id column: "" is fine, anything else must be a valid id.
void check_optional_id(const io::Table& t, size_t r, int column, const char* name, RowErrors& errors) {
  std::string_view id = cell(t, r, column);
  if (id.empty()) return;
  if (std::string problem = id_problem(id); !problem.empty()) errors.push_back({t.file, t.line_number(r), name, problem});
}

}  // namespace

RowErrors read_applications(const io::Table& t, std::vector<Application>& out) {
  RowErrors errors;
  std::vector<std::string> names = {"applicant_id", "school_id", "household_id", "home_id", "migrant_documents"};
  const auto& facts = eligibility_fact_names();
  for (const auto& f : facts)
    if (f != "migrant_documents_complete") names.push_back(f);
  auto cols = find_columns(t, names, 2, errors);
  if (!cols.ok) return errors;
  IdIndex seen(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    size_t before = errors.size();
    long line = t.line_number(r);
    Application a;
    std::string_view id = cell(t, r, cols.index[0]);
    std::string problem = id_problem(id);
    if (problem.empty() && seen.insert(id, static_cast<uint32_t>(r)) != r)
      problem = "申请人 " + std::string(id) + " 重复（第 " + std::to_string(t.line_number(seen.find(id))) + " 行已有）";
    if (!problem.empty()) errors.push_back({t.file, line, "applicant_id", problem});
    if (std::string p = id_problem(cell(t, r, cols.index[1])); !p.empty()) errors.push_back({t.file, line, "school_id", p});
    check_optional_id(t, r, cols.index[2], "household_id", errors);
    check_optional_id(t, r, cols.index[3], "home_id", errors);
    for (size_t k = 5; k < names.size(); ++k) {
      bool value = false;
      if (!parse_flag(cell(t, r, cols.index[k]), value))
        errors.push_back({t.file, line, names[k], "应为 是 或 否（也可写 1/0、true/false；空为否）"});
      a.facts[names[k]] = value;
    }
    a.applicant_id = std::string(id);
    a.school_id = std::string(cell(t, r, cols.index[1]));
    a.household_id = std::string(cell(t, r, cols.index[2]));
    a.home_id = std::string(cell(t, r, cols.index[3]));
    if (a.facts["owns_home_in_catchment"] && (a.home_id.empty() || a.household_id.empty()))
      errors.push_back({t.file, line, a.home_id.empty() ? "home_id" : "household_id",
                        "房产在学区时须填写房产编号 home_id 和家庭户编号 household_id（核对 3 年一户规则）"});
    split_on(cell(t, r, cols.index[4]), '|', [&](std::string_view doc) {
      if (!doc.empty()) a.documents.emplace_back(doc);
    });
    if (errors.size() == before) out.push_back(std::move(a));
  }
  return errors;
}

RowErrors read_home_history(const io::Table& t, std::vector<HomeUse>& out) {
  RowErrors errors;
  auto cols = find_columns(t, {"home_id", "household_id", "year", "applicant_id"}, 3, errors);
  if (!cols.ok) return errors;
  for (size_t r = 0; r < t.row_count(); ++r) {
    size_t before = errors.size();
    for (int k = 0; k < 2; ++k)
      if (std::string p = id_problem(cell(t, r, cols.index[k])); !p.empty())
        errors.push_back({t.file, t.line_number(r), k ? "household_id" : "home_id", p});
    check_optional_id(t, r, cols.index[3], "applicant_id", errors);
    long year = 0;
    if (!parse_count(cell(t, r, cols.index[2]), kMaxYear, year) || year < kMinYear)
      errors.push_back({t.file, t.line_number(r), "year", "应为 1950–2150 之间的四位年份"});
    if (errors.size() != before) continue;
    out.push_back({std::string(cell(t, r, cols.index[0])), std::string(cell(t, r, cols.index[1])),
                   std::string(cell(t, r, cols.index[3])), static_cast<int>(year)});
  }
  return errors;
}

}  // namespace youjun::enroll
