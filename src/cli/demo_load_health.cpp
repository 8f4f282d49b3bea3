// `demo load`: the demo city's 体质健康 records (2025-2026) and 视力筛查 (2025 and 2026) as datasets under
// the 绍兴 profile, so the 体质健康与视力 page starts with data, and 五育 records of three schools. Loading again
// adds nothing.
#include <cstdio>
#include <map>
#include <set>

#include "cli/cli.hpp"
#include "cli/demo_load.hpp"
#include "core/time_util.hpp"
#include "evaluate/health_datasets.hpp"
#include "evaluate/fitness.hpp"
#include "evaluate/fitness_report.hpp"
#include "evaluate/health_run.hpp"
#include "evaluate/quality_records.hpp"
#include "evaluate/wuyu_records.hpp"
#include "io/table.hpp"

namespace youjun::cli {

namespace {

// FNV-1a: the demo's 五育 values must be the same on every machine.
uint64_t fnv1a(const std::string& text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// 综合素质 写实记录 of term 2026-1 for the students that have 五育 records: one per aspect of the profile, picked
// from a few plain examples of what a school writes (教基二〔2014〕11号: what the student did, where, how often).
int load_demo_quality(store::Connection& db, const policy::Policy& policy, const std::vector<evaluate::WuyuRecord>& wuyu) {
  auto rules = evaluate::quality_rules(policy);
  if (!rules) return fail(rules.error().message);
  static const std::map<std::string, std::vector<const char*>> examples = {
      {"moral", {"担任班级图书管理员，每周整理一次图书角", "参加社区敬老院志愿服务 2 次，共 4 小时", "担任升旗仪式护旗手，参加训练一学期"}},
      {"academic", {"课外阅读 12 本，完成读书笔记 8 篇", "科学课完成“种子发芽”观察记录 21 天", "数学拓展课完成“校园测量”小课题"}},
      {"health", {"每天校内外体育活动约 1 小时，跳绳成绩提高", "参加校田径队训练一学期", "坚持眼保健操和午间户外活动"}},
      {"art", {"参加校合唱团排练 16 次，在校艺术节演出", "完成书法作品 3 幅，1 幅在班级展出", "学习葫芦丝，能独立演奏 2 首曲目"}},
      {"practice", {"参加社区垃圾分类宣传 2 小时", "在家承担洗碗、整理房间等家务，每周 4 次", "参加鲁迅故里研学实践 1 天"}},
  };
  std::vector<evaluate::QualityRecord> records;
  std::set<std::string> seen;
  for (const auto& w : wuyu) {
    if (!seen.insert(w.student_id).second) continue;
    for (const auto& aspect : rules->aspects) {
      auto it = examples.find(aspect.key);
      if (it == examples.end()) continue;  // a profile's own aspect: no demo text
      const auto& texts = it->second;
      records.push_back({w.student_id, w.term, aspect.key, w.school_code, w.class_id,
                         texts[fnv1a(w.student_id + "/" + aspect.key) % texts.size()], "", "", 0});
    }
  }
  if (records.empty()) return kExitOk;
  if (auto st = evaluate::import_quality_records(db, records, "demo-load", now_unix()); !st) return fail(st.error().message);
  std::fprintf(stderr, "演示综合素质写实记录：2026-1 学期 %zu 条\n", records.size());
  return kExitOk;
}

// 五育 records of term 2026-1 for the students of the demo school user's school (the first primary school by
// code, as create_demo_users picks it) and the next two: a value per indicator of the national example
// scheme, spread like a real school (grades mostly A/B, hours around the scheme's ranges).
int load_demo_wuyu(store::Connection& db, const std::string& dir) {
  auto existing = db.query("SELECT COUNT(*) FROM wuyu_records");
  if (!existing) return fail(existing.error().message);
  if ((*existing)[0].integer(0) > 0) return kExitOk;
  auto schools = db.query("SELECT code FROM schools WHERE level IN ('primary','nine_year') ORDER BY code LIMIT 3");
  auto table = io::read_table(dir + "/fitness_records.csv");
  if (!schools || !table) return kExitOk;
  auto policy = policy::load_policy("national");
  if (!policy) return fail(policy.error().message);
  auto rules = evaluate::wuyu_rules(*policy);
  if (!rules) return fail(rules.error().message);
  std::set<std::string> chosen;
  for (const auto& row : *schools) chosen.insert(row.text(0));
  size_t id_col = 0, school_col = 0, class_col = 0;
  for (size_t h = 0; h < table->header.size(); ++h) {
    if (table->header[h] == "student_id") id_col = h;
    if (table->header[h] == "school_id") school_col = h;
    if (table->header[h] == "class_id") class_col = h;
  }
  // The 体质健康 学年总分 indicator takes the student's real total of the demo's fitness records, so the
  // 五育 portrait and the 体质健康 page agree.
  std::vector<std::string> fitness_total(table->row_count());
  if (auto fitness = evaluate::fitness_rules(*policy)) {
    evaluate::RecordColumns columns;
    std::vector<evaluate::FitnessRecord> scored;
    if (evaluate::read_fitness_records(*table, *fitness, columns, scored).empty())
      for (const auto& rec : scored) fitness_total[rec.row] = evaluate::score_text(evaluate::score_record(*fitness, rec).total);
  }
  std::vector<evaluate::WuyuRecord> records;
  for (size_t r = 0; r < table->row_count(); ++r) {
    std::string school(table->cell(r, school_col));
    if (!chosen.count(school)) continue;
    std::string id(table->cell(r, id_col));
    for (const auto& ind : rules->indicators) {
      uint64_t h = fnv1a(id + "/" + ind.key);
      std::string value;
      if (ind.key == "fitness_total" && !fitness_total[r].empty()) {
        value = fitness_total[r];
      } else if (!ind.grades.empty()) {
        static const char* letters[] = {"A", "A", "A", "B", "B", "B", "B", "C", "C", "D"};
        value = letters[h % 10];
      } else {
        double share = 0.35 + 0.65 * static_cast<double>(h % 1000) / 1000.0;  // 35 %–100 % of the range
        value = std::to_string(static_cast<long>(ind.low + share * (ind.high - ind.low) + 0.5));
      }
      records.push_back({id, "2026-1", ind.key, school, std::string(table->cell(r, class_col)), value, "演示数据", "", "", 0});
    }
  }
  if (records.empty()) return kExitOk;
  if (auto st = evaluate::import_wuyu_records(db, records, "demo-load", now_unix()); !st) return fail(st.error().message);
  std::fprintf(stderr, "演示五育记录：%zu 所学校 2026-1 学期 %zu 条\n", chosen.size(), records.size());
  return load_demo_quality(db, *policy, records);
}

}  // namespace

int load_demo_health(store::Connection& db, const std::string& dir) {
  struct Demo {
    const char* kind;
    const char* file;
    const char* title;
  };
  const Demo demos[] = {{"fitness", "fitness_records.csv", "演示：2025-2026 学年体质健康测试"},
                        {"vision", "vision_screenings.csv", "演示：2025、2026 年春季视力筛查"}};
  auto existing = evaluate::list_datasets(db);
  if (!existing) return fail(existing.error().message);
  auto policy = policy::load_policy("shaoxing");
  if (!policy) return fail(policy.error().message);
  for (const Demo& demo : demos) {
    bool loaded = false;
    for (const auto& d : *existing) loaded = loaded || d.title == demo.title;
    if (loaded) continue;
    auto table = io::read_table(dir + "/" + demo.file);
    if (!table) continue;  // an older demo folder
    RowErrors errors;
    auto summary = evaluate::summarize_health(demo.kind, *table, *policy, 2026, errors);
    if (!errors.empty()) {
      std::fputs(format_row_errors(errors).c_str(), stderr);
      return kExitBadInput;
    }
    if (!summary) return fail(summary.error().message);
    evaluate::NewDataset d{demo.kind, demo.title, policy->name(), io::table_to_csv(*table), (*summary)->summary.dump(),
                           (*summary)->year, (*summary)->record_count};
    auto created = evaluate::create_dataset(db, d, "demo-load", now_unix());
    if (!created) return fail(created.error().message);
    std::fprintf(stderr, "演示数据集 %s：%s，%lld 行\n", created->id.c_str(), demo.title, static_cast<long long>(d.record_count));
  }
  return load_demo_wuyu(db, dir);
}

}  // namespace youjun::cli
