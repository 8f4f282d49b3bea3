#include "enroll/lottery.hpp"

#include <algorithm>
#include <map>

#include "core/personal_data.hpp"
#include "enroll/lottery_number.hpp"

namespace youjun::enroll {

std::string canonical_applicants(const std::vector<LotteryApplicant>& applicants) {
  std::vector<const LotteryApplicant*> sorted;
  sorted.reserve(applicants.size());
  for (const auto& a : applicants) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(),
            [](const LotteryApplicant* a, const LotteryApplicant* b) { return a->applicant_id < b->applicant_id; });
  std::string text = "applicant_id,school_id,tier\n";
  text.reserve(text.size() + applicants.size() * 32);
  for (const auto* a : sorted) {
    text += a->applicant_id;
    text += ',';
    text += a->school_id;
    text += ',';
    text += std::to_string(a->tier);
    text += '\n';
  }
  return text;
}

LotteryResult run_lottery(const std::vector<LotteryApplicant>& applicants, const std::vector<SchoolSeats>& seats,
                          const std::string& seed) {
  LotteryResult result;
  result.applicants_sha256 = sha256_hex(canonical_applicants(applicants));
  result.seed = seed;
  std::vector<std::string> ids;
  ids.reserve(applicants.size());
  for (const auto& a : applicants) ids.push_back(a.applicant_id);
  auto numbers = lottery_numbers(seed, ids);

  std::map<std::string, std::vector<size_t>> by_school;
  for (const auto& s : seats) by_school[s.school_id];
  for (size_t i = 0; i < applicants.size(); ++i) by_school[applicants[i].school_id].push_back(i);
  std::map<std::string, const SchoolSeats*> seat_row;
  for (const auto& s : seats) seat_row[s.school_id] = &s;

  for (auto& [school_id, members] : by_school) {
    std::sort(members.begin(), members.end(), [&](size_t a, size_t b) {
      if (applicants[a].tier != applicants[b].tier) return applicants[a].tier < applicants[b].tier;
      if (numbers[a] != numbers[b]) return numbers[a] < numbers[b];
      return applicants[a].applicant_id < applicants[b].applicant_id;
    });
    const SchoolSeats* row = seat_row[school_id];
    LotterySchool school{school_id, row ? row->seats : 0, row ? row->sector : "", {}, {}};
    for (size_t k = 0; k < members.size(); ++k) {
      const LotteryApplicant& a = applicants[members[k]];
      (k < school.seats ? school.admitted : school.waitlist).push_back(a.applicant_id);
      if (k >= school.seats && !a.fallback_school_id.empty())
        result.fallbacks.push_back({a.applicant_id, school_id, a.fallback_school_id});
    }
    result.schools.push_back(std::move(school));
  }
  return result;
}

namespace {

std::string list_difference(const std::string& school, const char* list, const std::vector<std::string>& got,
                            const std::vector<std::string>& want) {
  for (size_t i = 0; i < std::max(got.size(), want.size()); ++i) {
    std::string g = i < got.size() ? got[i] : "（无）";
    std::string w = i < want.size() ? want[i] : "（无）";
    if (g != w)
      return "学校 " + school + " 的" + list + "第 " + std::to_string(i + 1) + " 位：结果为 " + g + "，按算法应为 " + w;
  }
  return "";
}

}  // namespace

std::map<std::string, LotteryPlacement> lottery_placements(const LotteryResult& result) {
  std::map<std::string, LotteryPlacement> out;
  for (const auto& s : result.schools) {
    for (const auto& id : s.admitted) out[id] = {s.school_id, true, 0, ""};
    for (size_t w = 0; w < s.waitlist.size(); ++w) out[s.waitlist[w]] = {s.school_id, false, static_cast<int64_t>(w) + 1, ""};
  }
  for (const auto& f : result.fallbacks)
    if (auto it = out.find(f.applicant_id); it != out.end()) it->second.fallback_school_id = f.school_id;
  return out;
}

std::string first_lottery_difference(const LotteryResult& published, const LotteryResult& expected) {
  if (published.applicants_sha256 != expected.applicants_sha256)
    return "申请名单摘要不符：结果为 " + published.applicants_sha256 + "，申请文件的摘要为 " + expected.applicants_sha256;
  if (published.seed != expected.seed) return "种子不符：结果为 " + published.seed + "，给定种子为 " + expected.seed;
  std::map<std::string, const LotterySchool*> got;
  for (const auto& s : published.schools) got[s.school_id] = &s;
  for (const auto& want : expected.schools) {
    auto it = got.find(want.school_id);
    if (it == got.end()) return "结果缺少学校 " + want.school_id;
    const LotterySchool& g = *it->second;
    if (g.seats != want.seats)
      return "学校 " + want.school_id + " 的学位数：结果为 " + std::to_string(g.seats) + "，学位文件为 " + std::to_string(want.seats);
    if (auto d = list_difference(want.school_id, "录取名单", g.admitted, want.admitted); !d.empty()) return d;
    if (auto d = list_difference(want.school_id, "候补名单", g.waitlist, want.waitlist); !d.empty()) return d;
    if (g.sector != want.sector)
      return "学校 " + want.school_id + " 的办学性质：结果为“" + g.sector + "”，学位文件为“" + want.sector + "”";
    got.erase(it);
  }
  if (!got.empty()) return "结果含有学位文件中没有的学校 " + got.begin()->first;
  for (size_t i = 0; i < std::max(published.fallbacks.size(), expected.fallbacks.size()); ++i) {
    auto text = [](const std::vector<FallbackPlacement>& list, size_t k) {
      return k < list.size() ? list[k].applicant_id + " → " + list[k].school_id : std::string("（无）");
    };
    if (text(published.fallbacks, i) != text(expected.fallbacks, i) ||
        (i < published.fallbacks.size() && published.fallbacks[i].from_school_id != expected.fallbacks[i].from_school_id))
      return "兜底安排第 " + std::to_string(i + 1) + " 项：结果为 " + text(published.fallbacks, i) + "，按申请文件应为 " +
             text(expected.fallbacks, i);
  }
  return "";
}

}  // namespace youjun::enroll
