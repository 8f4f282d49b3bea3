#include "admit/admit_report.hpp"

#include "core/json_writer.hpp"

namespace youjun::admit {

nlohmann::json quota_to_json(const QuotaContext& c, const nlohmann::json& rules) {
  nlohmann::json schools = nlohmann::json::array();
  std::vector<uint64_t> junior_seats(c.juniors.size(), 0);
  for (size_t h = 0; h < c.high_schools.size(); ++h) {
    const auto& hs = c.high_schools[h];
    const auto& a = c.allocations[h];
    nlohmann::json by_junior = nlohmann::json::object();
    for (size_t j = 0; j < c.juniors.size(); ++j)
      if (a.seats[j] > 0) {
        by_junior[c.juniors[j].id] = a.seats[j];
        junior_seats[j] += a.seats[j];
      }
    nlohmann::json entry = {{"hs_id", hs.id},
                            {"name", hs.name},
                            {"plan", hs.plan},
                            {"quality", hs.quality},
                            {"quota_total", a.quota_total},
                            {"share_of_plan", hs.plan ? static_cast<double>(a.quota_total) / hs.plan : 0.0},
                            {"by_junior", by_junior}};
    if (!hs.county.empty()) entry["county"] = hs.county;
    if (hs.quality) {
      entry["graduates_pool"] = a.graduates_pool;
      // The policy's real test: the quota reaches the floor ("不少于"), which ceil() guarantees when the
      // juniors have graduates to take it.
      entry["meets_share"] = hs.plan == 0 || static_cast<double>(a.quota_total) / hs.plan + 1e-12 >= c.policy.share;
      if (a.graduates_pool == 0 && a.quota_total > 0) entry["note"] = "没有可分配名额的初中（同一县区内无毕业生）";
      if (!a.minimum_juniors.empty()) {
        nlohmann::json raised = nlohmann::json::array();
        for (uint32_t j : a.minimum_juniors) raised.push_back(c.juniors[j].id);
        entry["minimum_juniors"] = raised;
      }
      if (a.minimum_not_applied) entry["note"] = "名额少于 保底数 × 初中数，未执行保底，全部按比例分配";
    }
    schools.push_back(std::move(entry));
  }
  nlohmann::json juniors = nlohmann::json::array();
  for (size_t j = 0; j < c.juniors.size(); ++j)
    juniors.push_back({{"js_id", c.juniors[j].id},
                       {"name", c.juniors[j].name},
                       {"county", c.juniors[j].county},
                       {"graduates", c.juniors[j].graduates},
                       {"quota_seats", junior_seats[j]}});
  return {{"profile", c.profile}, {"year", c.year},       {"share", c.policy.share},
          {"rules", rules},       {"high_schools", schools}, {"juniors", juniors}};
}

nlohmann::json scores_to_json(const ScoreScheme& scheme, const std::vector<StudentScore>& students,
                              const std::string& profile, const nlohmann::json& rules) {
  nlohmann::json components = nlohmann::json::array();
  Milli full_total = 0;
  for (const auto& c : scheme.components) {
    nlohmann::json j = {{"name", c.name}, {"label", c.label}, {"kind", c.graded ? "grade" : "score"},
                        {"points", milli_to_double(c.max_points())}};
    if (!c.graded) j["full"] = milli_to_double(c.full);
    else {
      nlohmann::json table = nlohmann::json::object();
      for (const auto& g : c.grades) table[g.first] = milli_to_double(g.second);
      j["grades"] = table;
    }
    full_total += c.max_points();
    components.push_back(std::move(j));
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : students) {
    nlohmann::json parts = nlohmann::json::object();
    for (size_t k = 0; k < scheme.components.size(); ++k)
      parts[scheme.components[k].name] = {{"raw", s.raw[k]}, {"points", milli_to_double(s.points[k])}};
    list.push_back({{"student_id", s.student_id}, {"components", parts}, {"total", milli_to_double(s.total)}});
  }
  return {{"profile", profile},
          {"rules", rules},
          {"components", components},
          {"full_total", milli_to_double(full_total)},
          {"students", list}};
}

std::vector<std::vector<SchoolBatchResult>> school_batch_results(const AdmissionContext& c) {
  const auto& p = c.problem;
  const auto& a = c.admission;
  const size_t groups = p.group_ids.size();
  std::vector<std::vector<SchoolBatchResult>> out(p.school_count(), std::vector<SchoolBatchResult>(p.batches.size()));
  std::vector<uint64_t> admitted_before(p.school_count(), 0);
  for (size_t b = 0; b < p.batches.size(); ++b)
    for (size_t h = 0; h < p.school_count(); ++h) {
      auto& r = out[h][b];
      if (p.batches[b].scope == BatchScope::Open) {
        r.seats = static_cast<uint32_t>(p.plan[h] - admitted_before[h]);
      } else {
        for (size_t g = 0; g < groups; ++g) r.seats += p.bucket_seats[b][h * groups + g];
      }
      r.filled = a.filled[b][h];
      admitted_before[h] += r.filled;
      if (a.last_position[b][h] >= 0) r.cutoff_total = p.total[a.order[static_cast<size_t>(a.last_position[b][h])]];
    }
  return out;
}

std::string admission_to_json(const AdmissionContext& c, const nlohmann::json& rules, const nlohmann::json& quota) {
  const auto& p = c.problem;
  const auto& a = c.admission;
  JsonWriter w;
  w.reserve(p.student_count() * 110 + p.school_count() * 200 + 4096);
  w.begin_object();
  w.key("profile").value(c.profile);
  w.key("year").value(c.year);
  w.key("seed").value(c.seed);
  w.key("batches").begin_array();
  for (const auto& b : p.batches) w.value(b.name);
  w.end_array();
  w.key("quota").raw(quota.dump());
  w.key("rules").raw(rules.dump());
  w.newline();
  // In the students file's order: every array read below is then sequential (in rank order they were
  // random reads, a third of the run on 300,000 students); `position` gives the rank.
  w.key("assignments").begin_array();
  for (uint32_t s = 0; s < p.student_count(); ++s) {
    w.newline();
    w.begin_object();
    w.key("student_id").value(p.student_ids[s]);
    int b = a.batch_of[s];
    if (b < 0) w.key("batch").null(), w.key("hs_id").null(), w.key("choice_rank").null();
    else
      w.key("batch").value(p.batches[static_cast<size_t>(b)].name), w.key("hs_id").value(p.school_ids[static_cast<size_t>(a.school_of[s])]),
          w.key("choice_rank").value(a.choice_rank[s]);
    w.key("position").value(static_cast<int64_t>(a.position[s]) + 1);
    w.key("total").value(milli_to_double(p.total[s]));
    if (a.tie_by_lottery[s]) w.key("lottery_tie").value(true);
    w.end_object();
  }
  w.end_array();
  w.newline();
  w.key("high_schools").begin_array();
  auto results = school_batch_results(c);
  for (size_t h = 0; h < p.school_count(); ++h) {
    uint64_t quota_seats = 0, quota_filled = 0, unified_filled = 0;
    std::optional<Milli> unified_cutoff;
    for (size_t b = 0; b < p.batches.size(); ++b) {
      const auto& r = results[h][b];
      if (p.batches[b].scope == BatchScope::Open) {
        unified_filled += r.filled;
        unified_cutoff = r.cutoff_total;
      } else {
        quota_seats += r.seats;
        quota_filled += r.filled;
      }
    }
    w.newline();
    w.begin_object();
    w.key("hs_id").value(p.school_ids[h]);
    w.key("plan").value(static_cast<int64_t>(p.plan[h]));
    w.key("quota_seats").value(static_cast<int64_t>(quota_seats));
    w.key("quota_filled").value(static_cast<int64_t>(quota_filled));
    w.key("quota_returned").value(static_cast<int64_t>(quota_seats - quota_filled));
    w.key("unified_filled").value(static_cast<int64_t>(unified_filled));
    if (unified_cutoff) w.key("unified_cutoff_total").value(milli_to_double(*unified_cutoff));
    else w.key("unified_cutoff_total").null();
    w.key("vacant").value(static_cast<int64_t>(p.plan[h] - quota_filled - unified_filled));
    w.key("by_batch").begin_array();
    for (size_t b = 0; b < p.batches.size(); ++b) {
      const auto& r = results[h][b];
      w.begin_object();
      w.key("batch").value(p.batches[b].name);
      w.key("seats").value(static_cast<int64_t>(r.seats));
      w.key("filled").value(static_cast<int64_t>(r.filled));
      if (r.cutoff_total) w.key("cutoff_total").value(milli_to_double(*r.cutoff_total));
      else w.key("cutoff_total").null();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.newline();
  return w.take();
}

namespace {

// The worst-placed student admitted to school h in batch b from group g (g = kNoGroup: any group).
std::optional<uint32_t> last_admitted(const AdmissionContext& c, size_t b, uint32_t h, uint32_t g) {
  const auto& p = c.problem;
  const auto& a = c.admission;
  std::optional<uint32_t> last;
  for (uint32_t s : a.order) {
    if (a.batch_of[s] != static_cast<int32_t>(b) || a.school_of[s] != static_cast<int32_t>(h)) continue;
    if (g != AdmissionProblem::kNoGroup) {
      uint32_t sg = p.batches[b].scope == BatchScope::Junior ? p.student_junior[s] : p.student_county[s];
      if (sg != g) continue;
    }
    last = s;
  }
  return last;
}

std::string who(const AdmissionContext& c, uint32_t s, bool with_position) {
  std::string total = "总分 " + milli_text(c.problem.total[s]);
  return with_position ? "位次 " + std::to_string(c.admission.position[s] + 1) + "、" + total : total;
}

}  // namespace

nlohmann::json explain_admission(const AdmissionContext& c, size_t s, bool with_positions) {
  const auto& p = c.problem;
  const auto& a = c.admission;
  const size_t groups = p.group_ids.size();
  nlohmann::json batches = nlohmann::json::array();
  for (size_t b = 0; b < p.batches.size(); ++b) {
    const auto& batch = p.batches[b];
    nlohmann::json entry = {{"batch", batch.name}};
    nlohmann::json choices = nlohmann::json::array();
    const bool scoped = batch.scope != BatchScope::Open;
    if (a.batch_of[s] >= 0 && static_cast<size_t>(a.batch_of[s]) < b) {
      entry["note"] = "已在 " + p.batches[static_cast<size_t>(a.batch_of[s])].name + " 批次录取，不参加本批次";
    } else if (scoped && !p.quota_eligible[s]) {
      entry["note"] = "不具备指标生资格（quota_eligible = 0），不参加本批次";
    } else if (scoped && p.quota_min_total && p.total[s] < *p.quota_min_total) {
      entry["note"] = "总分低于指标生最低控制线 " + milli_text(*p.quota_min_total) + "，不参加本批次";
    } else {
      uint32_t g = !scoped ? AdmissionProblem::kNoGroup
                           : batch.scope == BatchScope::Junior ? p.student_junior[s] : p.student_county[s];
      for (uint32_t k = p.pref_begin[b][s]; k < p.pref_begin[b][s + 1]; ++k) {
        uint32_t h = p.pref_school[b][k];
        nlohmann::json choice = {{"choice_rank", k - p.pref_begin[b][s] + 1}, {"hs_id", p.school_ids[h]}};
        if (a.batch_of[s] == static_cast<int32_t>(b) && a.school_of[s] == static_cast<int32_t>(h)) {
          choice["result"] = "录取";
          choices.push_back(std::move(choice));
          break;
        }
        std::string reason;
        if (scoped && (g == AdmissionProblem::kNoGroup || p.bucket_seats[b][h * groups + g] == 0)) {
          reason = "该校没有分给你所在" + std::string(batch.scope == BatchScope::Junior ? "初中" : "县区") + "的名额";
        } else {
          auto last = last_admitted(c, b, h, scoped ? g : AdmissionProblem::kNoGroup);
          uint32_t seats = scoped ? p.bucket_seats[b][h * groups + g] : a.filled[b][h];
          std::string what = scoped ? "分给你所在" + std::string(batch.scope == BatchScope::Junior ? "初中" : "县区") + "的 " +
                                          std::to_string(seats) + " 个名额"
                                    : "本批次 " + std::to_string(seats) + " 个学位";
          reason = last ? what + "已由排在你前面的考生录满（最后录取者 " + who(c, *last, with_positions) + "）"
                        : "该校本批次没有剩余学位（招生计划已在前面的批次录满）";
        }
        choice["result"] = "未录取";
        choice["reason"] = reason;
        choices.push_back(std::move(choice));
      }
      if (choices.empty()) entry["note"] = "本批次未填志愿";
    }
    entry["choices"] = choices;
    batches.push_back(std::move(entry));
  }
  int b = a.batch_of[s];
  nlohmann::json out = {{"student_id", p.student_ids[s]},
                        {"total", milli_to_double(p.total[s])},
                        {"lottery_tie", a.tie_by_lottery[s] != 0},
                        {"batch", b < 0 ? nlohmann::json() : nlohmann::json(p.batches[static_cast<size_t>(b)].name)},
                        {"hs_id", b < 0 ? nlohmann::json() : nlohmann::json(p.school_ids[static_cast<size_t>(a.school_of[s])])},
                        {"choice_rank", b < 0 ? nlohmann::json() : nlohmann::json(a.choice_rank[s])},
                        {"batches", batches}};
  if (with_positions) out["position"] = a.position[s] + 1;
  return out;
}

std::string number_text(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == static_cast<double>(static_cast<int64_t>(d))) return std::to_string(static_cast<int64_t>(d));
  }
  return v.dump();
}

namespace {

std::string batch_text(const std::string& name) {
  if (name == "quota") return "名额分配（quota）";
  if (name == "unified") return "统一招生（unified）";
  return name;
}

}  // namespace

std::string explanation_text(const nlohmann::json& e) {
  std::string out = "考生 " + e["student_id"].get<std::string>() + "：总分 " + number_text(e["total"]) +
                    (e.contains("position") ? "，全体位次第 " + e["position"].dump() : "") +
                    (e["lottery_tie"].get<bool>() ? "（同分同序，由公开种子的抽签号排定）" : "") + "\n";
  out += e["hs_id"].is_null() ? "结果：未被录取\n"
                              : "结果：" + batch_text(e["batch"].get<std::string>()) + " 批次第 " + e["choice_rank"].dump() + " 志愿 " +
                                    e["hs_id"].get<std::string>() + "\n";
  for (const auto& b : e["batches"]) {
    out += "【" + batch_text(b["batch"].get<std::string>()) + " 批次】";
    if (b.contains("note")) out += b["note"].get<std::string>();
    out += "\n";
    for (const auto& c : b["choices"]) {
      out += "  第 " + c["choice_rank"].dump() + " 志愿 " + c["hs_id"].get<std::string>() + "：" + c["result"].get<std::string>();
      if (c.contains("reason")) out += "——" + c["reason"].get<std::string>();
      out += "\n";
    }
  }
  return out;
}

}  // namespace youjun::admit
