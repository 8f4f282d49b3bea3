#include "enroll/enroll_files.hpp"

#include "core/id_number.hpp"
#include "enroll/id_index.hpp"
#include "enroll/table_cells.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

namespace youjun::enroll {

namespace {

constexpr size_t kMaxIdBytes = 64;
constexpr long kMaxTier = 9999;  // a format bound, not policy: tiers are small ordinals

bool parse_degrees(std::string_view s, double limit, double& out) {
  if (s.empty() || s.size() > 32) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && ptr == s.data() + s.size() && out >= -limit && out <= limit;
}

bool parse_tier(std::string_view s, uint16_t& tier) {
  long v = 0;
  if (!parse_count(s, kMaxTier, v) || v < 1) return false;
  tier = static_cast<uint16_t>(v);
  return true;
}

const std::string kTierExpected = "应为正整数类别 1、2、3…（1 最先录取）";


}  // namespace

std::string id_problem(std::string_view id) {
  if (id.empty()) return "编号不能为空";
  if (id.size() > kMaxIdBytes) return "编号过长（最多 64 字节）";
  for (unsigned char c : id)
    if (c == ',' || c == '"' || c == '|' || c < 0x20 || c == 0x7f) return "编号不能含逗号、引号、竖线或控制字符";
  // Results, digests and published lists print ids in the clear: a minor's ID number must never be one.
  if (!id_number_problem(id)) return "编号不能是身份证号（派位结果会公开公布）：请改用报名编号等不含个人信息的编号";
  return "";
}

RowErrors read_seats(const io::Table& t, std::vector<SchoolSeats>& out) {
  RowErrors errors;
  auto cols = find_columns(t, {"school_id", "seats", "sector"}, 2, errors);
  if (!cols.ok) return errors;
  IdIndex seen(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    std::string_view id = cell(t, r, cols.index[0]);
    long seats = 0;
    bool good = true;
    std::string_view sector_text = cell(t, r, cols.index[2]);
    std::string sector = sector_text == "public" || sector_text == "公办"    ? "public"
                         : sector_text == "private" || sector_text == "民办" ? "private"
                                                                             : "";
    if (!sector_text.empty() && sector.empty()) {
      errors.push_back({t.file, t.line_number(r), "sector", "应为 public（公办）或 private（民办），或留空"});
      good = false;
    }
    std::string problem = id_problem(id);
    if (problem.empty()) problem = repeat_problem(seen, t, r, id, "学校");
    if (!problem.empty()) {
      errors.push_back({t.file, t.line_number(r), "school_id", problem});
      good = false;
    }
    if (!parse_count(cell(t, r, cols.index[1]), 10'000'000, seats)) {
      errors.push_back({t.file, t.line_number(r), "seats", "应为非负整数学位数"});
      good = false;
    }
    if (good) out.push_back({std::string(id), static_cast<uint32_t>(seats), sector});
  }
  return errors;
}

RowErrors read_points(const io::Table& t, geo::Crs crs, AddressPoints& out, const std::string& id_column,
                      const std::string& label_column) {
  RowErrors errors;
  const bool labelled = !label_column.empty();
  auto cols = find_columns(t, {id_column, "lon", "lat", labelled ? label_column : "\x01"}, labelled ? 4 : 3, errors);
  if (!cols.ok) return errors;
  IdIndex seen(t.row_count());
  out.ids.reserve(t.row_count());
  out.wgs84.reserve(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    std::string_view id = cell(t, r, cols.index[0]);
    std::string problem = id_problem(id);
    if (problem.empty()) problem = repeat_problem(seen, t, r, id, "地点");
    if (!problem.empty()) errors.push_back({t.file, t.line_number(r), id_column, problem});
    std::string_view label = cell(t, r, cols.index[3]);
    if (labelled && (label.empty() || label.size() > 300))
      errors.push_back({t.file, t.line_number(r), label_column, "应填写地址（不超过 300 字节）"});
    double lon = 0, lat = 0;
    if (!parse_degrees(cell(t, r, cols.index[1]), 180, lon))
      errors.push_back({t.file, t.line_number(r), "lon", "应为 -180 到 180 之间的经度（十进制度）"});
    if (!parse_degrees(cell(t, r, cols.index[2]), 90, lat))
      errors.push_back({t.file, t.line_number(r), "lat", "应为 -90 到 90 之间的纬度（十进制度）"});
    if (!errors.empty()) continue;
    out.ids.emplace_back(id);
    if (labelled) out.labels.emplace_back(label);
    out.wgs84.push_back(geo::to_wgs84({lon, lat}, crs));
  }
  return errors;
}

std::vector<std::string> selection_criteria_columns(const io::Table& t, const std::string& terms) {
  std::vector<std::string> found;
  for (const auto& header : t.header) {
    std::string lower = header;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool hit = false;
    split_on(terms, '|', [&](std::string_view term) {
      if (term.empty() || hit) return;
      bool ascii = std::all_of(term.begin(), term.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      if (!ascii) {
        hit = lower.find(term) != std::string::npos;
        return;
      }
      // A whole word of the header: "exam_score" has "exam" and "score", "contestant" has neither.
      for (size_t at = lower.find(term); at != std::string::npos; at = lower.find(term, at + 1)) {
        auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
        bool starts = at == 0 || !word_char(lower[at - 1]);
        bool ends = at + term.size() == lower.size() || !word_char(lower[at + term.size()]);
        if (starts && ends) hit = true;
      }
    });
    if (hit) found.push_back(header);
  }
  return found;
}

RowErrors read_applicants(const io::Table& t, const std::vector<SchoolSeats>& seats,
                          std::vector<LotteryApplicant>& out) {
  RowErrors errors;
  auto cols = find_columns(t, {"applicant_id", "school_id", "tier", "fallback_school_id"}, 3, errors);
  if (!cols.ok) return errors;
  IdIndex known(seats.size());
  for (uint32_t j = 0; j < seats.size(); ++j) known.insert(seats[j].school_id, j);
  IdIndex seen(t.row_count());
  out.reserve(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    LotteryApplicant a;
    bool good = true;
    std::string_view id = cell(t, r, cols.index[0]);
    std::string_view school = cell(t, r, cols.index[1]);
    std::string problem = id_problem(id);
    if (problem.empty()) problem = repeat_problem(seen, t, r, id, "申请人", "；每人每次派位只能出现一次");
    if (!problem.empty()) {
      errors.push_back({t.file, t.line_number(r), "applicant_id", problem});
      good = false;
    }
    if (known.find(school) == IdIndex::kMissing) {
      errors.push_back({t.file, t.line_number(r), "school_id", "学校 " + std::string(school) + " 不在学位文件中"});
      good = false;
    }
    if (!parse_tier(cell(t, r, cols.index[2]), a.tier)) {
      errors.push_back({t.file, t.line_number(r), "tier", kTierExpected});
      good = false;
    }
    std::string_view fallback = cell(t, r, cols.index[3]);
    if (!fallback.empty()) {
      std::string problem = id_problem(fallback);
      if (problem.empty() && fallback == school) problem = "兜底学校不能与报名学校相同";
      if (!problem.empty()) {
        errors.push_back({t.file, t.line_number(r), "fallback_school_id", problem});
        good = false;
      }
    }
    if (!good) continue;
    a.fallback_school_id = std::string(fallback);
    a.applicant_id = std::string(id);
    a.school_id = std::string(school);
    out.push_back(std::move(a));
  }
  return errors;
}

RowErrors read_match_input(const io::Table& students, const io::Table& schools, MatchProblem& p) {
  std::vector<SchoolSeats> seats;
  RowErrors errors = read_seats(schools, seats);
  auto cols = find_columns(students, {"student_id", "prefs", "tier", "tiers"}, 3, errors);
  if (!errors.empty()) return errors;
  p = MatchProblem{};
  for (auto& s : seats) {
    p.school_ids.push_back(std::move(s.school_id));
    p.seats.push_back(s.seats);
  }
  IdIndex school_index(p.school_ids.size());
  for (uint32_t j = 0; j < p.school_ids.size(); ++j) school_index.insert(p.school_ids[j], j);

  const io::Table& t = students;
  IdIndex seen(t.row_count());
  p.student_ids.reserve(t.row_count());
  p.pref_begin.reserve(t.row_count() + 1);
  p.pref_begin.push_back(0);
  // Room for every row to list as many schools as the first row does (usually all rows list the same
  // number): no regrowth copies of the 10M-entry arrays.
  size_t first_row_choices = t.row_count() && cols.index[1] >= 0
                                 ? 1 + std::count(cell(t, 0, cols.index[1]).begin(), cell(t, 0, cols.index[1]).end(), '|')
                                 : 1;
  p.pref_school.reserve(t.row_count() * first_row_choices);
  p.pref_tier.reserve(t.row_count() * first_row_choices);
  std::vector<uint16_t> row_tiers;
  std::vector<uint32_t> seen_in_row;
  for (size_t r = 0; r < t.row_count(); ++r) {
    long line = t.line_number(r);
    size_t errors_before = errors.size();
    std::string_view id = cell(t, r, cols.index[0]);
    std::string problem = id_problem(id);
    if (problem.empty()) problem = repeat_problem(seen, t, r, id, "学生");
    if (!problem.empty()) errors.push_back({t.file, line, "student_id", problem});
    uint16_t tier = 1;
    if (!parse_tier(cell(t, r, cols.index[2]), tier)) errors.push_back({t.file, line, "tier", kTierExpected});

    size_t first_choice = p.pref_school.size();
    std::string_view prefs = cell(t, r, cols.index[1]);
    seen_in_row.clear();
    if (!prefs.empty()) {
      split_on(prefs, '|', [&](std::string_view school) {
        uint32_t j = school_index.find(school);
        if (j == IdIndex::kMissing) {
          errors.push_back({t.file, line, "prefs", "志愿学校 " + std::string(school) + " 不在学校文件中"});
          return;
        }
        for (uint32_t earlier : seen_in_row)
          if (earlier == j) {
            errors.push_back({t.file, line, "prefs", "志愿中学校 " + std::string(school) + " 填报了两次"});
            return;
          }
        seen_in_row.push_back(j);
        p.pref_school.push_back(j);
        p.pref_tier.push_back(tier);
      });
    }
    std::string_view tiers = cell(t, r, cols.index[3]);
    if (!tiers.empty()) {
      row_tiers.clear();
      bool tiers_ok = true;
      split_on(tiers, '|', [&](std::string_view part) {
        uint16_t v = 0;
        if (parse_tier(part, v)) row_tiers.push_back(v);
        else tiers_ok = false;
      });
      if (!tiers_ok) errors.push_back({t.file, line, "tiers", "每一项" + kTierExpected + "，用 | 分隔"});
      else if (row_tiers.size() != seen_in_row.size() || prefs.empty())
        errors.push_back({t.file, line, "tiers", "类别个数（" + std::to_string(row_tiers.size()) + "）应与志愿个数（" +
                                                      std::to_string(seen_in_row.size()) + "）相同"});
      else std::copy(row_tiers.begin(), row_tiers.end(), p.pref_tier.begin() + static_cast<long>(first_choice));
    }
    if (errors.size() != errors_before) {
      p.pref_school.resize(first_choice);
      p.pref_tier.resize(first_choice);
      continue;
    }
    p.student_ids.emplace_back(id);
    p.pref_begin.push_back(static_cast<uint32_t>(p.pref_school.size()));
  }
  return errors;
}

}  // namespace youjun::enroll
