#include "enroll/enroll_report.hpp"

#include "enroll/json_text.hpp"

#include <charconv>

namespace youjun::enroll {

using nlohmann::json;

json lottery_to_json(const LotteryResult& r, const json& rules) {
  json schools = json::array();
  for (const auto& s : r.schools) {
    json j{{"school_id", s.school_id}, {"seats", s.seats}, {"admitted", s.admitted}, {"waitlist", s.waitlist}};
    if (!s.sector.empty()) j["sector"] = s.sector;
    schools.push_back(std::move(j));
  }
  json fallbacks = json::array();
  for (const auto& f : r.fallbacks)
    fallbacks.push_back({{"applicant_id", f.applicant_id}, {"from_school_id", f.from_school_id}, {"school_id", f.school_id}});
  return {{"applicants_sha256", r.applicants_sha256}, {"seed", r.seed}, {"schools", schools}, {"fallbacks", fallbacks},
          {"rules", rules}};
}

Result<LotteryResult> lottery_from_json(const json& j) {
  try {
    LotteryResult r;
    r.applicants_sha256 = j.at("applicants_sha256").get<std::string>();
    r.seed = j.at("seed").get<std::string>();
    for (const auto& s : j.at("schools")) {
      LotterySchool school;
      school.school_id = s.at("school_id").get<std::string>();
      school.seats = s.at("seats").get<uint32_t>();
      school.admitted = s.at("admitted").get<std::vector<std::string>>();
      school.waitlist = s.at("waitlist").get<std::vector<std::string>>();
      school.sector = s.value("sector", "");
      r.schools.push_back(std::move(school));
    }
    for (const auto& f : j.value("fallbacks", json::array()))
      r.fallbacks.push_back({f.at("applicant_id").get<std::string>(), f.at("from_school_id").get<std::string>(),
                             f.at("school_id").get<std::string>()});
    return r;
  } catch (const json::exception& e) {
    return Error{std::string("派位结果文件格式不对（应含 applicants_sha256、seed、schools）：") + e.what()};
  }
}

namespace {

uint32_t rank_of(uint64_t key) { return static_cast<uint32_t>(key & 0xffffffffu); }
uint32_t tier_of(uint64_t key) { return static_cast<uint32_t>(key >> 32); }

json cutoff_json(const MatchContext& c, const SchoolOutcome& o, const std::vector<uint32_t>& by_rank) {
  if (!o.cutoff_key) return nullptr;
  return {{"tier", tier_of(*o.cutoff_key)}, {"lottery", c.numbers[by_rank[rank_of(*o.cutoff_key)]].hex()}};
}

}  // namespace

std::string match_to_json(const MatchContext& c, const json& extra) {
  const MatchProblem& p = c.problem;
  const Matching& m = c.matching;
  auto outcomes = school_outcomes(p, m);
  auto by_rank = students_by_rank(p);
  std::string out;
  out.reserve(p.student_count() * 64 + p.school_count() * 128 + 4096);
  out += "{\"mechanism\":";
  append_string(out, c.mechanism);
  out += ",\"seed\":";
  append_string(out, c.seed);
  json stats = {{"students", p.student_count()},
                {"schools", p.school_count()},
                {"proposals", m.stats.proposals},
                {"rounds", m.stats.rounds},
                {"serial_dictatorship", m.stats.serial_dictatorship}};
  out += ",\"stats\":" + stats.dump();
  for (const auto& [k, v] : extra.items()) {
    out += ',';
    append_string(out, k);
    out += ':' + v.dump();
  }
  out += ",\"assignments\":[";
  for (size_t s = 0; s < p.student_count(); ++s) {
    if (s) out += ',';
    out += "{\"student_id\":";
    append_string(out, p.student_ids[s]);
    out += ",\"school_id\":";
    if (m.school_of[s] < 0) out += "null,\"choice_rank\":null}";
    else {
      append_string(out, p.school_ids[m.school_of[s]]);
      out += ",\"choice_rank\":";
      append_number(out, m.choice_rank[s]);
      out += '}';
    }
  }
  out += "],\"schools\":[";
  for (size_t j = 0; j < p.school_count(); ++j) {
    if (j) out += ',';
    out += "{\"school_id\":";
    append_string(out, p.school_ids[j]);
    out += ",\"seats\":";
    append_number(out, p.seats[j]);
    out += ",\"filled\":";
    append_number(out, outcomes[j].filled);
    out += ",\"cutoff\":" + cutoff_json(c, outcomes[j], by_rank).dump() + "}";
  }
  out += "],\"unassigned\":[";
  bool first = true;
  for (size_t s = 0; s < p.student_count(); ++s) {
    if (m.school_of[s] >= 0) continue;
    if (!first) out += ',';
    first = false;
    append_string(out, p.student_ids[s]);
  }
  out += "]}\n";
  return out;
}

json explain_student(const MatchContext& c, size_t s) {
  const MatchProblem& p = c.problem;
  const Matching& m = c.matching;
  auto outcomes = school_outcomes(p, m);
  auto by_rank = students_by_rank(p);
  json choices = json::array();
  for (uint32_t k = p.pref_begin[s]; k < p.pref_begin[s + 1]; ++k) {
    uint32_t rank = k - p.pref_begin[s] + 1;
    uint32_t j = p.pref_school[k];
    const SchoolOutcome& o = outcomes[j];
    std::string result;
    if (m.school_of[s] >= 0 && rank == static_cast<uint32_t>(m.choice_rank[s])) result = "admitted";
    else if (m.school_of[s] >= 0 && rank > static_cast<uint32_t>(m.choice_rank[s])) result = "not_needed";
    else if (p.seats[j] == 0) result = "no_seats";
    else if (o.cutoff_key && p.key(s, k) > *o.cutoff_key) result = "below_cutoff";
    else result = c.mechanism == "immediate_acceptance" ? "filled_in_earlier_round" : "below_cutoff";
    choices.push_back({{"choice_rank", rank},
                       {"school_id", p.school_ids[j]},
                       {"tier", p.pref_tier[k]},
                       {"seats", p.seats[j]},
                       {"filled", o.filled},
                       {"cutoff", cutoff_json(c, o, by_rank)},
                       {"result", result}});
  }
  json school = m.school_of[s] < 0 ? json(nullptr) : json(p.school_ids[m.school_of[s]]);
  json rank = m.school_of[s] < 0 ? json(nullptr) : json(m.choice_rank[s]);
  return {{"student_id", p.student_ids[s]}, {"lottery", c.numbers[s].hex()}, {"mechanism", c.mechanism},
          {"school_id", school},            {"choice_rank", rank},            {"choices", choices}};
}

std::string explanation_text(const json& e) {
  std::string out = "学生 " + e["student_id"].get<std::string>() + "，摇号号码 " + e["lottery"].get<std::string>() + "\n";
  if (e["school_id"].is_null()) out += "结果：所填志愿均未录取，由教育局统筹安排\n";
  else out += "结果：第 " + std::to_string(e["choice_rank"].get<int>()) + " 志愿 " + e["school_id"].get<std::string>() + " 录取\n";
  for (const auto& c : e["choices"]) {
    std::string line = "  第 " + std::to_string(c["choice_rank"].get<int>()) + " 志愿 " + c["school_id"].get<std::string>() +
                       "（你的类别 " + std::to_string(c["tier"].get<int>()) + "，学位 " + std::to_string(c["seats"].get<int>()) +
                       "，录取 " + std::to_string(c["filled"].get<int>()) + "）：";
    std::string result = c["result"];
    if (result == "admitted") line += "录取";
    else if (result == "not_needed") line += "未参与（已被更靠前的志愿录取）";
    else if (result == "no_seats") line += "该校本次无学位";
    else if (result == "filled_in_earlier_round") line += "该校学位已在更早的志愿轮次录满";
    else {
      const auto& cut = c["cutoff"];
      line += "未录取，该校录取线为 类别 " + std::to_string(cut["tier"].get<int>()) + "、号码 " + cut["lottery"].get<std::string>() +
              "，你的类别更靠后或同类别号码更大";
    }
    out += line + "\n";
  }
  return out;
}

MechanismComparison compare_mechanisms(const Matching& da, const Matching& boston) {
  MechanismComparison c;
  auto score = [](int32_t rank) { return rank == 0 ? INT32_MAX : rank; };
  for (size_t s = 0; s < da.choice_rank.size(); ++s) {
    int32_t a = score(da.choice_rank[s]), b = score(boston.choice_rank[s]);
    if (a < b) ++c.better_under_da;
    else if (b < a) ++c.better_under_boston;
    else ++c.same;
  }
  return c;
}

}  // namespace youjun::enroll
