#include "admit/admit_workbook.hpp"

#include <algorithm>

#include "admit/admit_report.hpp"

namespace youjun::admit {

namespace {

std::string batch_label(const std::string& batch) {
  if (batch == "quota") return "名额分配（指标到校）";
  if (batch == "unified") return "统一招生（平行志愿）";
  return batch;
}

}  // namespace

std::vector<io::XlsxSheet> AdmissionWorkbook::sheets(bool one_school) const {
  return one_school ? std::vector<io::XlsxSheet>{list, cutoffs, about} : std::vector<io::XlsxSheet>{list, cutoffs, rest, about};
}

Result<AdmissionWorkbook> admission_workbook(const nlohmann::json& r, const std::map<std::string, std::string>& names_in,
                                             const std::string& school) {
  if (!r.is_object() || !r.contains("assignments") || !r.contains("high_schools"))
    return make_error("不是 admit match 的结果（缺少 assignments 或 high_schools）");
  bool known = school.empty();
  for (const auto& h : r["high_schools"]) known = known || h.value("hs_id", "") == school;
  if (!known) return make_error("结果中没有高中 " + school);
  auto names = names_in;
  try {
    AdmissionWorkbook w;
    w.list = {"录取名单", {"录取学校代码", "录取学校", "录取批次", "志愿序号", "考生号", "总分", "全体位次", "同分抽签"}, {}};
    w.rest = {"未录取", {"考生号", "总分", "全体位次"}, {}};
    for (const auto& s : r["assignments"]) {
      if (s["hs_id"].is_null()) {
        if (school.empty()) w.rest.rows.push_back({s["student_id"], number_text(s["total"]), number_text(s["position"])});
        continue;
      }
      std::string hs = s["hs_id"];
      if (!school.empty() && hs != school) continue;
      w.list.rows.push_back({hs, names.count(hs) ? names[hs] : "", batch_label(s["batch"]), number_text(s["choice_rank"]),
                             s["student_id"], number_text(s["total"]), number_text(s["position"]),
                             s.value("lottery_tie", false) ? "是" : "否"});
    }
    // By school, then by place: the order a school's list is read in.
    std::sort(w.list.rows.begin(), w.list.rows.end(), [](const auto& x, const auto& y) {
      return x[0] != y[0] ? x[0] < y[0] : std::stoll(x[6]) < std::stoll(y[6]);
    });
    std::sort(w.rest.rows.begin(), w.rest.rows.end(), [](const auto& x, const auto& y) { return std::stoll(x[2]) < std::stoll(y[2]); });
    w.cutoffs = {"录取线", {"学校代码", "学校", "招生计划", "分配名额", "名额分配录取", "名额退回统招", "统招录取", "统招录取线", "空余"}, {}};
    for (const auto& h : r["high_schools"]) {
      std::string hs = h["hs_id"];
      if (!school.empty() && hs != school) continue;
      w.cutoffs.rows.push_back({hs, names.count(hs) ? names[hs] : "", number_text(h["plan"]), number_text(h["quota_seats"]),
                                number_text(h["quota_filled"]), number_text(h["quota_returned"]), number_text(h["unified_filled"]),
                                number_text(h["unified_cutoff_total"]), number_text(h["vacant"])});
    }
    w.about = {"说明", {"项目", "内容"}, {}};
    w.about.rows.push_back({"策略", r.value("profile", "")});
    w.about.rows.push_back({"年份", number_text(r.value("year", nlohmann::json()))});
    w.about.rows.push_back({"公开种子", r.value("seed", "")});
    if (r.contains("quota") && r["quota"].is_object())
      w.about.rows.push_back({"名额分配比例", number_text(r["quota"].value("share", nlohmann::json())) + "（策略 " +
                                                  r["quota"].value("profile", "") + "，" + number_text(r["quota"].value("year", nlohmann::json())) + " 年）"});
    for (const auto& rule : r.value("rules", nlohmann::json::array())) {
      std::string value = rule["value"].is_string() ? rule["value"].get<std::string>() : rule["value"].dump();
      w.about.rows.push_back({rule.value("key", ""), value + "（" + rule.value("cite", "") + "）"});
    }
    w.about.rows.push_back({"核对", "youjun admit verify --result 本结果.json --students … --high-schools … --quota … --seed 公开种子"});
    return w;
  } catch (const nlohmann::json::exception& e) {
    return make_error(std::string("结果文件的字段类型不对：") + e.what());
  }
}

}  // namespace youjun::admit
