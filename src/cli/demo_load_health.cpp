// `demo load`: the demo city's 体质健康 records (2025-2026) and 视力筛查 (2025 and 2026) as datasets under
// the 绍兴 profile, so the 体质健康与视力 page starts with data. Loading again adds nothing.
#include <cstdio>

#include "cli/cli.hpp"
#include "cli/demo_load.hpp"
#include "core/time_util.hpp"
#include "evaluate/health_datasets.hpp"
#include "evaluate/health_run.hpp"
#include "io/table.hpp"

namespace youjun::cli {

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
  return kExitOk;
}

}  // namespace youjun::cli
