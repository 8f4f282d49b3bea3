#include "admit/admit_files.hpp"

#include <algorithm>
#include <unordered_map>

#include "enroll/enroll_files.hpp"
#include "enroll/id_index.hpp"
#include "enroll/table_cells.hpp"

namespace youjun::admit {

namespace {

using enroll::cell;

constexpr long kMaxPlan = 1'000'000;  // a format bound, not policy

void check_id(RowErrors& errors, enroll::IdIndex& seen, const io::Table& t, size_t r, int column, const char* header,
              const char* noun) {
  std::string_view id = cell(t, r, column);
  std::string problem = enroll::id_problem(id);
  if (problem.empty()) problem = enroll::repeat_problem(seen, t, r, id, noun);
  if (!problem.empty()) errors.push_back({t.file, t.line_number(r), header, problem});
}

}  // namespace

RowErrors read_high_schools(const io::Table& t, bool county_required, std::vector<HighSchool>& out) {
  RowErrors errors;
  auto cols = enroll::find_columns(t, {"hs_id", "name", "plan", "quality", "county"}, 4, errors);
  if (!cols.ok) return errors;
  enroll::IdIndex seen(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    size_t before = errors.size();
    check_id(errors, seen, t, r, cols.index[0], "hs_id", "高中");
    HighSchool h;
    long plan = 0;
    if (!enroll::parse_count(cell(t, r, cols.index[2]), kMaxPlan, plan))
      errors.push_back({t.file, t.line_number(r), "plan", "应为非负整数招生计划数"});
    if (!enroll::parse_flag(cell(t, r, cols.index[3]), h.quality))
      errors.push_back({t.file, t.line_number(r), "quality", "应为 1（优质高中，参加名额分配）或 0"});
    h.county = std::string(cell(t, r, cols.index[4]));
    if (county_required && h.quality && h.county.empty())
      errors.push_back({t.file, t.line_number(r), "county",
                        "策略 admission.quota_allocation.same_county 规定名额只分给同一县（市、区）的初中：优质高中须填所在县区"});
    if (errors.size() != before) continue;
    h.id = std::string(cell(t, r, cols.index[0]));
    h.name = std::string(cell(t, r, cols.index[1]));
    h.plan = static_cast<uint32_t>(plan);
    out.push_back(std::move(h));
  }
  return errors;
}

RowErrors read_juniors(const io::Table& t, std::vector<JuniorSchool>& out) {
  RowErrors errors;
  auto cols = enroll::find_columns(t, {"js_id", "name", "county", "graduates"}, 4, errors);
  if (!cols.ok) return errors;
  enroll::IdIndex seen(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    size_t before = errors.size();
    check_id(errors, seen, t, r, cols.index[0], "js_id", "初中");
    long graduates = 0;
    if (!enroll::parse_count(cell(t, r, cols.index[3]), kMaxPlan, graduates))
      errors.push_back({t.file, t.line_number(r), "graduates", "应为非负整数毕业生数"});
    if (errors.size() != before) continue;
    out.push_back({std::string(cell(t, r, cols.index[0])), std::string(cell(t, r, cols.index[1])),
                   std::string(cell(t, r, cols.index[2])), static_cast<uint32_t>(graduates)});
  }
  return errors;
}

namespace {

struct QuotaEntry {
  uint32_t school, group, seats;
};

// The quota entries of one batch from QUOTA.json's high_schools[].<field> ({"<group>": seats}); new groups
// are added to `group_ids`.
std::vector<QuotaEntry> read_quota_entries(const nlohmann::json& quota, const std::string& name, const char* field,
                                           const enroll::IdIndex& school_index, const std::vector<uint32_t>& plan,
                                           std::vector<std::string>& group_ids,
                                           std::unordered_map<std::string, uint32_t>& group_index, RowErrors& errors) {
  std::vector<QuotaEntry> entries;
  const auto& list = quota.contains("high_schools") && quota["high_schools"].is_array() ? quota["high_schools"]
                                                                                       : nlohmann::json::array();
  if (list.empty()) errors.push_back({name, 0, "high_schools", "名额文件缺少 high_schools 数组（应为 admit quota 的输出）"});
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& hs = list[i];
    std::string where = "high_schools[" + std::to_string(i) + "]";
    if (!hs.is_object() || !hs.contains("hs_id") || !hs["hs_id"].is_string()) {
      errors.push_back({name, 0, where, "缺少 hs_id"});
      continue;
    }
    std::string id = hs["hs_id"];
    uint32_t h = school_index.find(id);
    if (h == enroll::IdIndex::kMissing) {
      errors.push_back({name, 0, where, "高中 " + id + " 不在高中文件中"});
      continue;
    }
    if (!hs.contains(field)) continue;
    if (!hs[field].is_object()) {
      errors.push_back({name, 0, where + "." + field, "应为 {\"编号\": 名额数}"});
      continue;
    }
    uint64_t sum = 0;
    for (const auto& [group, seats] : hs[field].items()) {
      if (!seats.is_number_unsigned() || seats.get<uint64_t>() > plan[h]) {
        errors.push_back({name, 0, where + "." + field + "." + group, "名额数应为不超过招生计划的非负整数"});
        continue;
      }
      auto [it, added] = group_index.emplace(group, static_cast<uint32_t>(group_ids.size()));
      if (added) group_ids.push_back(group);
      entries.push_back({h, it->second, seats.get<uint32_t>()});
      sum += seats.get<uint64_t>();
    }
    if (sum > plan[h])
      errors.push_back({name, 0, where + "." + field, "名额合计 " + std::to_string(sum) + " 超过招生计划 " + std::to_string(plan[h])});
  }
  return entries;
}

}  // namespace

RowErrors read_admission_input(const io::Table& t, const std::vector<HighSchool>& high_schools,
                               const nlohmann::json& quota, const std::string& quota_name, const AdmissionPolicy& rules,
                               AdmissionProblem& p) {
  RowErrors errors;
  p = AdmissionProblem{};
  p.batches = rules.batches;
  enroll::IdIndex school_index(high_schools.size());
  for (const auto& h : high_schools) {
    school_index.insert(h.id, static_cast<uint32_t>(p.school_ids.size()));
    p.school_ids.push_back(h.id);
    p.plan.push_back(h.plan);
  }
  // Groups: every junior school and county named in QUOTA.json (its "juniors" list too).
  std::unordered_map<std::string, uint32_t> group_index;
  if (quota.contains("juniors") && quota["juniors"].is_array())
    for (const auto& j : quota["juniors"])
      if (j.is_object() && j.contains("js_id") && j["js_id"].is_string()) {
        auto [it, added] = group_index.emplace(j["js_id"].get<std::string>(), static_cast<uint32_t>(p.group_ids.size()));
        if (added) p.group_ids.push_back(it->first);
      }
  const bool juniors_listed = !p.group_ids.empty();
  std::vector<std::vector<QuotaEntry>> entries(p.batches.size());
  for (size_t b = 0; b < p.batches.size(); ++b) {
    if (p.batches[b].scope == BatchScope::Open) continue;
    const char* field = p.batches[b].scope == BatchScope::Junior ? "by_junior" : "by_county";
    entries[b] = read_quota_entries(quota, quota_name, field, school_index, p.plan, p.group_ids, group_index, errors);
  }

  // Columns: the contract's, the tie-break chain's, each batch's list, and county for county batches.
  std::vector<std::string> names{"student_id", "js_id", "total", "quota_eligible"};
  std::vector<size_t> chain_columns;  // index into names, per chain column in order
  for (const auto& key : rules.tiebreak)
    for (const auto& c : key) {
      auto at = std::find(names.begin(), names.end(), c);
      chain_columns.push_back(static_cast<size_t>(at - names.begin()));
      if (at == names.end()) names.push_back(c);
    }
  std::vector<size_t> batch_column;
  for (const auto& b : p.batches) {
    auto at = std::find(names.begin(), names.end(), b.prefs_column);
    batch_column.push_back(static_cast<size_t>(at - names.begin()));
    if (at == names.end()) names.push_back(b.prefs_column);
  }
  bool needs_county = std::any_of(p.batches.begin(), p.batches.end(), [](const BatchSpec& b) { return b.scope == BatchScope::County; });
  size_t required = names.size();
  names.push_back("county");
  if (needs_county) required = names.size();
  auto cols = enroll::find_columns(t, names, required, errors);
  if (!cols.ok) return errors;

  const size_t groups = p.group_ids.size();
  p.bucket_seats.assign(p.batches.size(), {});
  for (size_t b = 0; b < p.batches.size(); ++b) {
    if (p.batches[b].scope == BatchScope::Open) continue;
    p.bucket_seats[b].assign(p.school_count() * groups, 0);
    for (const auto& e : entries[b]) p.bucket_seats[b][static_cast<size_t>(e.school) * groups + e.group] = e.seats;
  }

  const size_t n = t.row_count();
  p.tiebreak.assign(rules.tiebreak.size(), std::vector<Milli>{});
  for (auto& key : p.tiebreak) key.reserve(n);
  p.pref_begin.assign(p.batches.size(), std::vector<uint32_t>{0});
  p.pref_school.assign(p.batches.size(), {});
  for (size_t b = 0; b < p.batches.size(); ++b) {
    p.pref_begin[b].reserve(n + 1);
    // Room for every row to list as many schools as the first row does: no regrowth copies.
    std::string_view first = n ? cell(t, 0, cols.index[batch_column[b]]) : std::string_view{};
    p.pref_school[b].reserve(n * static_cast<size_t>(1 + std::count(first.begin(), first.end(), '|')));
  }
  enroll::IdIndex seen(n);
  std::vector<Milli> values(names.size(), 0);
  for (size_t r = 0; r < n; ++r) {
    long line = t.line_number(r);
    size_t before = errors.size();
    std::string_view id = cell(t, r, cols.index[0]);
    std::string problem = enroll::id_problem(id);
    if (problem.empty()) problem = enroll::repeat_problem(seen, t, r, id, "考生");
    if (!problem.empty()) errors.push_back({t.file, line, "student_id", problem});
    std::string_view junior = cell(t, r, cols.index[1]);
    uint32_t junior_group = AdmissionProblem::kNoGroup;
    if (auto it = group_index.find(std::string(junior)); it != group_index.end()) junior_group = it->second;
    else if (junior.empty() || juniors_listed)
      errors.push_back({t.file, line, "js_id", junior.empty() ? "应填毕业初中编号" : "初中 " + std::string(junior) + " 不在名额文件的 juniors 中"});
    // total and the chain columns
    for (size_t c = 2; c < names.size() - 1; ++c) {
      if (c == 3 || std::find(batch_column.begin(), batch_column.end(), c) != batch_column.end()) continue;
      auto v = parse_milli(cell(t, r, cols.index[c]));
      if (!v) errors.push_back({t.file, line, names[c], "应为非负分数（最多 3 位小数）"});
      else values[c] = *v;
    }
    bool eligible = false;
    if (!enroll::parse_flag(cell(t, r, cols.index[3]), eligible))
      errors.push_back({t.file, line, "quota_eligible", "应为 1（具备指标生资格）或 0"});
    uint32_t county_group = AdmissionProblem::kNoGroup;
    if (needs_county) {
      std::string_view county = cell(t, r, cols.index[names.size() - 1]);
      if (auto it = group_index.find(std::string(county)); it != group_index.end()) county_group = it->second;
    }
    for (size_t b = 0; b < p.batches.size(); ++b) {
      const auto& batch = p.batches[b];
      std::string_view list = cell(t, r, cols.index[batch_column[b]]);
      size_t first = p.pref_school[b].size();
      if (!list.empty()) {
        uint32_t count = 0;
        enroll::split_on(list, '|', [&](std::string_view school) {
          ++count;
          uint32_t h = school_index.find(school);
          if (h == enroll::IdIndex::kMissing) {
            errors.push_back({t.file, line, batch.prefs_column, "志愿学校 " + std::string(school) + " 不在高中文件中"});
            return;
          }
          for (size_t k = first; k < p.pref_school[b].size(); ++k)
            if (p.pref_school[b][k] == h) {
              errors.push_back({t.file, line, batch.prefs_column, "志愿中学校 " + std::string(school) + " 填报了两次"});
              return;
            }
          p.pref_school[b].push_back(h);
        });
        if (count > batch.max_choices)
          errors.push_back({t.file, line, batch.prefs_column,
                            "本批次最多填 " + std::to_string(batch.max_choices) + " 个志愿（admission.batch." + batch.name +
                                ".max_choices），此行有 " + std::to_string(count) + " 个"});
      }
      if (errors.size() != before) p.pref_school[b].resize(first);
    }
    if (errors.size() != before) {
      for (size_t b = 0; b < p.batches.size(); ++b) p.pref_school[b].resize(p.pref_begin[b].back());
      continue;
    }
    p.student_ids.emplace_back(id);
    p.student_junior.push_back(junior_group);
    p.student_county.push_back(county_group);
    p.total.push_back(values[2]);
    for (size_t k = 0; k < rules.tiebreak.size(); ++k) p.tiebreak[k].push_back(0);
    size_t c = 0;
    for (size_t k = 0; k < rules.tiebreak.size(); ++k)
      for (size_t m = 0; m < rules.tiebreak[k].size(); ++m, ++c) p.tiebreak[k].back() += values[chain_columns[c]];
    p.quota_eligible.push_back(eligible ? 1 : 0);
    for (size_t b = 0; b < p.batches.size(); ++b) p.pref_begin[b].push_back(static_cast<uint32_t>(p.pref_school[b].size()));
  }
  p.lottery_rank.assign(p.student_count(), 0);
  return errors;
}

}  // namespace youjun::admit
