#include "balance/creations.hpp"

#include <algorithm>
#include <cmath>
#include <charconv>
#include <tuple>
#include <map>
#include <set>
#include <variant>

#include "enroll/table_cells.hpp"

namespace youjun::balance {

const std::vector<Creation>& creations() {
  static const std::vector<Creation> list = {
      {"national_quality_balanced_county", "全国义务教育优质均衡发展县"},
      {"provincial_modern_county", "浙江省教育现代化县"},
      {"provincial_modern_schools", "浙江省现代化学校"},
      {"city_demo_towns", "绍兴市教育优质均衡示范乡镇"},
      {"city_modern_schools", "绍兴市现代化学校（义务教育段）"},
  };
  return list;
}

const char* progress_key(Progress p) {
  switch (p) {
    case Progress::Achieved: return "achieved";
    case Progress::AchievedLate: return "achieved_late";
    case Progress::Pending: return "pending";
    case Progress::Due: return "due";
    case Progress::Behind: return "behind";
    case Progress::NoData: return "no_data";
  }
  return "";
}

const char* progress_zh(Progress p) {
  switch (p) {
    case Progress::Achieved: return "已达成";
    case Progress::AchievedLate: return "逾期达成";
    case Progress::Pending: return "未到期";
    case Progress::Due: return "今年到期";
    case Progress::Behind: return "落后于进度";
    case Progress::NoData: return "缺数据";
  }
  return "";
}

namespace {

constexpr std::string_view kPrefix = "creations.";  // [extends.creations.…] in the file

// The first run of ASCII digits in `s` as a number ("高于全省平均10%" → 10), or nullopt.
std::optional<double> number_in(std::string_view s) {
  size_t at = s.find_first_of("0123456789");
  if (at == std::string_view::npos) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data() + at, s.data() + s.size(), v);
  if (ec != std::errc{}) return std::nullopt;
  return v;
}

// How a target's words are measured (the five phrasings of 004's schedule).
void classify(CreationTarget& t) {
  const std::string& w = t.target;
  if (w.find("全省平均") != std::string::npos) {
    t.kind = TargetKind::AboveProvince;
    t.value = w.find("高于") != std::string::npos ? number_in(w).value_or(0) / 100.0 : 0;
  } else if (w.find("前") != std::string::npos && w.find("位") != std::string::npos) {
    t.kind = TargetKind::ProvinceRank;
    t.value = w.find("前四") != std::string::npos ? 4 : number_in(w).value_or(0);
  } else if (w.find('%') != std::string::npos) {
    t.kind = TargetKind::Rate;
    t.value = number_in(w).value_or(100) / 100.0;
  } else {
    t.kind = TargetKind::Standard;
  }
}

bool parse_year(std::string_view s, int& out) {
  long v = 0;
  if (!enroll::parse_count(s, 2200, v) || v < 1900) return false;
  out = static_cast<int>(v);
  return true;
}

// 0.85, 85%, 85 → 0.85 (a number above 1 without % is read as a percentage as well).
bool parse_rate(std::string_view s, double& out) {
  bool percent = !s.empty() && s.back() == '%';
  if (percent) s.remove_suffix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc{} || ptr != s.data() + s.size() || out < 0) return false;
  if (percent || out > 1) out /= 100.0;
  return out <= 1.0;
}

}  // namespace

Result<std::vector<CreationTarget>> creation_schedule(const policy::Policy& policy) {
  std::vector<CreationTarget> out;
  for (const auto& key : policy.keys(kPrefix)) {
    std::string rest = key.substr(kPrefix.size());
    size_t dot = rest.find('.');
    auto rule = policy.rule(key);
    const auto* text = rule ? std::get_if<std::string>(&rule->value) : nullptr;
    size_t colon = text ? text->find(':') : std::string::npos;
    CreationTarget t;
    if (dot == std::string::npos || colon == std::string::npos || !parse_year(std::string_view(*text).substr(0, colon), t.year))
      return make_error("策略规则 " + key + " 应为 extends.creations.<创建项目>.<区县代码> = \"年份: 目标\"");
    t.creation = rest.substr(0, dot);
    t.district_code = rest.substr(dot + 1);
    t.district_name = t.district_code == "city" ? "全市" : rule->note;
    t.target = text->substr(colon + 1);
    while (!t.target.empty() && t.target.front() == ' ') t.target.erase(0, 1);
    t.rule = *rule;
    classify(t);
    out.push_back(std::move(t));
  }
  // By district (code order, 全市 last), then in the order of 004's table.
  auto creation_index = [](const std::string& key) {
    for (size_t i = 0; i < creations().size(); ++i)
      if (key == creations()[i].key) return i;
    return creations().size();
  };
  std::stable_sort(out.begin(), out.end(), [&](const CreationTarget& a, const CreationTarget& b) {
    auto rank = [&](const CreationTarget& t) {
      return std::make_tuple(t.district_code == "city", t.district_code, creation_index(t.creation));
    };
    return rank(a) < rank(b);
  });
  return out;
}

RowErrors read_achievements(const io::Table& t, const std::vector<CreationTarget>& schedule,
                            std::vector<Achievement>& out) {
  RowErrors errors;
  auto cols = enroll::find_columns(
      t, {"district", "creation", "achieved_year", "rate", "province_average", "province_rank"}, 2, errors);
  if (!cols.ok) return errors;
  std::map<std::string, std::string> district_code;  // code or name → code
  for (const auto& s : schedule) district_code[s.district_code] = district_code[s.district_name] = s.district_code;
  std::map<std::string, std::string> creation_key;
  for (const auto& c : creations()) creation_key[c.key] = creation_key[c.zh] = c.key;
  std::set<std::pair<std::string, std::string>> seen, targets;
  for (const auto& s : schedule) targets.insert({s.district_code, s.creation});
  for (size_t r = 0; r < t.row_count(); ++r) {
    long line = t.line_number(r);
    auto bad = [&](int col, const std::string& message) {
      errors.push_back({t.file, line, t.header[static_cast<size_t>(cols.index[col])], message});
    };
    Achievement a;
    std::string district(enroll::cell(t, r, cols.index[0])), creation(enroll::cell(t, r, cols.index[1]));
    if (!district_code.count(district)) bad(0, "区县“" + district + "”不在进度安排中（用行政区划代码或区县名称）");
    else a.district_code = district_code[district];
    if (!creation_key.count(creation)) bad(1, "创建项目“" + creation + "”未知（用 national_quality_balanced_county 等或中文名称）");
    else a.creation = creation_key[creation];
    auto text = [&](int col) { return enroll::cell(t, r, cols.index[col]); };
    int year = 0;
    double v = 0;
    if (!text(2).empty()) {
      if (parse_year(text(2), year)) a.achieved_year = year;
      else bad(2, "应为年份，如 2023");
    }
    for (int col : {3, 4}) {
      if (text(col).empty()) continue;
      if (!parse_rate(text(col), v)) bad(col, "应为 0 到 1 的比例或百分数，如 0.85 或 85%");
      else (col == 3 ? a.rate : a.province_average) = v;
    }
    long rank = 0;
    if (!text(5).empty()) {
      if (enroll::parse_count(text(5), 1000, rank) && rank >= 1) a.province_rank = static_cast<int>(rank);
      else bad(5, "应为正整数名次");
    }
    if (!a.district_code.empty() && !a.creation.empty() && !targets.count({a.district_code, a.creation}))
      bad(1, "进度安排中没有" + district + "的“" + creation + "”目标（004 附件）");
    else if (!a.district_code.empty() && !a.creation.empty() && !seen.insert({a.district_code, a.creation}).second)
      bad(0, "区县与创建项目重复");
    out.push_back(std::move(a));
  }
  if (!errors.empty()) out.clear();
  return errors;
}

std::vector<CreationStatus> track_creations(const std::vector<CreationTarget>& schedule,
                                            const std::vector<Achievement>& achieved, int year) {
  std::vector<CreationStatus> out;
  for (const auto& target : schedule) {
    CreationStatus s;
    s.target = &target;
    for (const auto& a : achieved)
      if (a.district_code == target.district_code && a.creation == target.creation) s.achieved = &a;
    const Achievement* a = s.achieved;
    std::optional<bool> met;  // nullopt: nothing to judge by
    switch (target.kind) {
      case TargetKind::Standard:
        if (a && a->achieved_year && *a->achieved_year <= year) met = true;
        else met = false;  // not achieved (yet) is a fact, not missing data
        break;
      case TargetKind::Rate:
        s.required_rate = target.value;
        if (a && a->rate) met = *a->rate >= target.value - 1e-9;
        break;
      case TargetKind::AboveProvince:
        if (a && a->province_average) s.required_rate = *a->province_average + target.value;
        if (a && a->rate && s.required_rate) met = *a->rate >= *s.required_rate - 1e-9;
        break;
      case TargetKind::ProvinceRank:
        if (a && a->province_rank) met = *a->province_rank <= target.value;
        break;
    }
    if (met && *met) {
      bool late = target.kind == TargetKind::Standard && *a->achieved_year > target.year;
      s.progress = late ? Progress::AchievedLate : Progress::Achieved;
    } else if (year < target.year) {
      s.progress = Progress::Pending;
    } else if (!met) {
      s.progress = Progress::NoData;
    } else {
      s.progress = year == target.year ? Progress::Due : Progress::Behind;
    }
    out.push_back(s);
  }
  return out;
}

namespace {

// Rates to 6 decimals: 0.70 + 0.10 prints as 0.8, not 0.7999999999999999.
nlohmann::json optional_json(const std::optional<double>& v) {
  return v ? nlohmann::json(std::round(*v * 1e6) / 1e6) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json creations_json(const std::vector<CreationStatus>& statuses, const std::string& profile, int year) {
  std::map<std::string, nlohmann::json> districts;  // by code, in schedule order of first appearance
  std::vector<std::string> order;
  size_t behind = 0;
  for (const auto& s : statuses) {
    const auto& t = *s.target;
    if (!districts.count(t.district_code)) {
      order.push_back(t.district_code);
      districts[t.district_code] = {{"district_code", t.district_code}, {"district", t.district_name},
                                    {"creations", nlohmann::json::array()}, {"behind", 0}};
    }
    std::string name;
    for (const auto& c : creations())
      if (t.creation == c.key) name = c.zh;
    const auto* a = s.achieved;
    auto& d = districts[t.district_code];
    d["creations"].push_back(
        {{"creation", t.creation},
         {"name", name},
         {"target_year", t.year},
         {"target", t.target},
         {"status", progress_key(s.progress)},
         {"status_zh", progress_zh(s.progress)},
         {"achieved_year", a && a->achieved_year ? nlohmann::json(*a->achieved_year) : nlohmann::json(nullptr)},
         {"rate", a ? optional_json(a->rate) : nullptr},
         {"required_rate", optional_json(s.required_rate)},
         {"province_rank", a && a->province_rank ? nlohmann::json(*a->province_rank) : nlohmann::json(nullptr)},
         {"cite", t.rule.cite}});
    if (s.progress == Progress::Behind) {
      d["behind"] = d["behind"].get<int>() + 1;
      ++behind;
    }
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& code : order) list.push_back(districts[code]);
  return {{"profile", profile}, {"year", year}, {"districts", list}, {"behind", behind}};
}

}  // namespace youjun::balance
