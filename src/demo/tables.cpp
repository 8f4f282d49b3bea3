#include "demo/tables.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "demo/balance_check.hpp"
#include "demo/csv_out.hpp"

namespace youjun::demo {

namespace {

using ordered_json = nlohmann::ordered_json;

const import::ImportKind& kind(const char* name) { return *import::find_import_kind(name); }

double round4(double v) { return std::round(v * 10000) / 10000; }

ordered_json stage_summary(const std::vector<SchoolPart>& parts, int stage) {
  int n = 0, all_met = 0, pass = 0, badly = 0;
  for (auto& p : parts) {
    if (p.stage != stage) continue;
    ++n;
    all_met += p.indicators_met() == kIndicators;
    pass += p.passes();
    badly += p.fails_badly();
  }
  ordered_json j;
  j["parts"] = n;
  j["all_7_met"] = all_met;
  j["pass_6_of_7_and_85pct"] = pass;
  j["fail"] = n - pass;
  j["fail_badly"] = badly;
  return j;
}

ordered_json balance_preview(const City& city) {
  auto parts = school_parts(city);
  ordered_json j;
  j["note"] =
      "生成器自带的简化估算（全国标准值；一贯制学校按 1:1.1 / 1:1.2 / 1:1.1:1.32 拆分共享资源；不足50人的部分不计），"
      "用于说明演示数据的设计意图，不是正式督导结果 / generator's own estimate, not the balance engine";
  j["school_year"] = school_year_name(kLatest);
  j["primary"] = stage_summary(parts, kPrimary);
  j["junior"] = stage_summary(parts, kJunior);
  ordered_json list = ordered_json::array();
  for (int d = 0; d < static_cast<int>(districts().size()); ++d) {
    ordered_json dj;
    dj["code"] = districts()[d].code;
    dj["name"] = districts()[d].name;
    ordered_json over = ordered_json::array();
    for (int st = kPrimary; st <= kJunior; ++st) {
      ordered_json cvs;
      for (int k = 0; k < kIndicators; ++k) {
        double cv = weighted_cv(parts, d, st, k);
        cvs[kIndicatorNames[k]] = round4(cv);
        if (cv > kCvLimits[st])
          over.push_back(std::string(st == kPrimary ? "小学 " : "初中 ") + kIndicatorNames[k]);
      }
      dj[st == kPrimary ? "primary_cv" : "junior_cv"] = cvs;
    }
    dj["cv_over_limit"] = over;
    list.push_back(dj);
  }
  j["districts"] = list;
  return j;
}

ordered_json mix_summary(const City& city) {
  int tiny = 0, big = 0, crowded = 0, closing = 0, priv = 0;
  for (auto& s : city.schools) {
    const FactsRecord& f = s.facts[kLatest];
    int compulsory = f.stage_students(kPrimary) + f.stage_students(kJunior);
    int limit = s.level == Level::NineYear || s.level == Level::TwelveYear ? 2500 : 2000;
    tiny += s.level != Level::Senior && compulsory < 100;
    big += s.level != Level::Senior && compulsory > limit;
    crowded += f.largest_class > 55;
    closing += has_stage(s.level, kPrimary) && f.students[0] == 0;
    priv += s.is_private;
  }
  ordered_json j;
  j["schools_below_100_students"] = tiny;
  j["schools_above_size_limit"] = big;
  j["schools_with_class_above_55"] = crowded;
  j["primary_schools_without_grade_1"] = closing;
  j["private_schools"] = priv;
  return j;
}

}  // namespace

Status write_schools_csv(const City& city, const std::string& path) {
  CsvOut out(path, kind("schools"), true);
  char buf[32];
  for (const School& s : city.schools) {
    const District& d = districts()[s.district];
    out.set("school_code", s.code);
    out.set("name", s.name);
    out.set("district_code", d.code);
    out.set("district_name", d.name);
    out.set("level", level_label(s.level));
    out.set("ownership", s.is_private ? "民办" : "公办");
    out.set("locale", locale_label(s.locale));
    out.set("address", s.address);
    std::snprintf(buf, sizeof buf, "%.6f", s.lon);
    out.set("lon", buf);
    std::snprintf(buf, sizeof buf, "%.6f", s.lat);
    out.set("lat", buf);
    out.end_row();
  }
  return out.close();
}

Status write_facts_csv(const City& city, const std::string& path) {
  CsvOut out(path, kind("school_facts"), true);
  static const char* stages[3] = {"primary", "junior", "senior"};
  for (int y = 0; y < kYears; ++y) {
    for (const School& s : city.schools) {
      const FactsRecord& f = s.facts[y];
      out.set("school_code", s.code);
      out.set("school_year", school_year_name(y));
      for (int g = 1; g <= kGrades; ++g) out.set("students_g" + std::to_string(g), std::to_string(f.students[g - 1]));
      for (int st = 0; st < 3; ++st) {
        out.set(std::string("classes_") + stages[st], std::to_string(f.classes[st]));
        out.set(std::string("teachers_") + stages[st], std::to_string(f.teachers[st]));
      }
      out.set("largest_class", std::to_string(f.largest_class));
      for (int st = 0; st < 2; ++st) {
        out.set(std::string("teachers_above_degree_") + stages[st], std::to_string(f.above_degree[st]));
        out.set(std::string("backbone_teachers_") + stages[st], std::to_string(f.backbone[st]));
        out.set(std::string("pe_art_teachers_") + stages[st], std::to_string(f.pe_art[st]));
      }
      out.set("teaching_area_m2", format_decimal(f.teaching_area_m2, 1));
      out.set("sports_area_m2", format_decimal(f.sports_area_m2, 1));
      out.set("equipment_value_yuan", std::to_string(f.equipment_yuan));
      out.set("multimedia_rooms", std::to_string(f.multimedia_rooms));
      out.set("music_rooms", std::to_string(f.music_rooms));
      out.set("art_rooms", std::to_string(f.art_rooms));
      out.set("public_budget_yuan", std::to_string(f.public_budget_yuan));
      out.set("training_budget_yuan", std::to_string(f.training_budget_yuan));
      out.set("payroll_yuan", std::to_string(f.payroll_yuan));
      out.end_row();
    }
  }
  return out.close();
}

std::string manifest_json(const City& city, const DemoSummary& summary, const std::vector<WrittenFile>& files) {
  ordered_json j;
  j["generator"] = "youjun demo generate";
  j["format_version"] = 1;
  j["seed"] = city.seed;
  j["scale"] = city.scale;
  j["city"] = {{"code", "330600"}, {"name", "绍兴市（合成演示数据 synthetic demo data）"}};
  j["school_years"] = {school_year_name(0), school_year_name(1)};
  j["latest_school_year"] = school_year_name(kLatest);
  ordered_json fj = ordered_json::array();
  for (auto& f : files) fj.push_back({{"file", f.name}, {"kind", f.kind}, {"rows", f.rows}, {"sha256", f.sha256}});
  j["files"] = fj;
  j["counts"] = {{"districts", summary.districts},
                 {"schools", summary.schools},
                 {"school_facts", summary.facts_rows},
                 {"teachers", summary.teachers},
                 {"students", summary.students},
                 {"catchments", summary.catchments},
                 {"multi_school_catchments", summary.multi_school_catchments}};
  ordered_json dl = ordered_json::array();
  for (int d = 0; d < static_cast<int>(districts().size()); ++d) {
    int schools = 0, students = 0, teachers = 0;
    for (auto& s : city.schools) {
      if (s.district != d) continue;
      ++schools;
      students += s.facts[kLatest].total_students();
      for (int t : s.facts[kLatest].teachers) teachers += t;
    }
    const District& dd = districts()[d];
    dl.push_back({{"code", dd.code}, {"name", dd.name}, {"kind", dd.kind}, {"schools", schools},
                  {"students", students}, {"teachers", teachers}});
  }
  j["districts"] = dl;
  j["mix"] = mix_summary(city);
  j["balance_preview"] = balance_preview(city);
  return j.dump(2) + "\n";
}

}  // namespace youjun::demo
