#include <cstdio>

#include "cli/cli.hpp"
#include "store/migrations.hpp"

namespace youjun::cli {

namespace {

int run_migrate(const std::string& url, bool quiet) {
  auto db = store::open_database(url);
  if (!db) return fail(db.error().message);
  auto n = store::migrate(**db);
  if (!n) return fail(n.error().message);
  if (!quiet) std::printf("已应用 %d 个迁移 / applied %d migration(s): %s\n", *n, *n, url.c_str());
  return kExitOk;
}

int run_status(const std::string& url) {
  auto db = store::open_database(url);
  if (!db) return fail(db.error().message);
  auto st = store::migration_status(**db);
  if (!st) return fail(st.error().message);
  int pending = 0;
  for (auto& m : *st) {
    std::printf("%03d  %-28s %s\n", m.version, m.name.c_str(), m.applied ? m.applied_at.c_str() : "待应用 pending");
    pending += !m.applied;
  }
  std::printf("后端 backend: %s; 待应用 pending: %d\n", (*db)->backend().c_str(), pending);
  return kExitOk;
}

}  // namespace

void register_db_commands(CLI::App& app, Runner& selected) {
  auto* db = app.add_subcommand("db", "数据库: 初始化、迁移、状态 / database schema");
  db->require_subcommand(1);
  auto url = std::make_shared<std::string>();

  auto* init = db->add_subcommand("init", "创建数据库并应用全部迁移 / create and migrate");
  init->add_option("--db", *url, "SQLite 文件或 postgresql://…")->required();
  on_run(init, selected, [url] { return run_migrate(*url, false); });

  auto* mig = db->add_subcommand("migrate", "应用待执行的迁移 / apply pending migrations");
  mig->add_option("--db", *url, "SQLite 文件或 postgresql://…")->required();
  on_run(mig, selected, [url] { return run_migrate(*url, false); });

  auto* status = db->add_subcommand("status", "列出迁移状态 / list migrations");
  status->add_option("--db", *url, "SQLite 文件或 postgresql://…")->required();
  on_run(status, selected, [url] { return run_status(*url); });
}

}  // namespace youjun::cli
