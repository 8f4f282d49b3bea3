#include <cstdio>

#include "cli/cli.hpp"
#include "core/personal_data.hpp"
#include "store/backup.hpp"
#include "store/migrations.hpp"
#include "store/tables.hpp"

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

// One office's SQLite file to the city's PostgreSQL server (or back). The personal-data key travels
// separately: encrypted ID numbers and lookup hashes are only readable with the source's key file.
int run_copy(const std::string& from_url, const std::string& to_url) {
  auto from = store::open_database(from_url);
  if (!from) return fail(from.error().message);
  auto to = store::open_database(to_url);
  if (!to) return fail(to.error().message);
  auto report = store::copy_database(**from, **to, [](const std::string& table, int64_t rows) {
    std::fprintf(stderr, "  %-20s %lld 行\n", table.c_str(), static_cast<long long>(rows));
  });
  if (!report) return fail(report.error().message);
  int64_t total = 0;
  for (auto& [t, n] : report->rows_per_table) total += n;
  std::printf("已复制 %zu 张表、%lld 行 / copied %zu tables, %lld rows: %s -> %s\n", report->rows_per_table.size(),
              static_cast<long long>(total), report->rows_per_table.size(), static_cast<long long>(total),
              from_url.c_str(), to_url.c_str());
  std::printf("注意：身份证号密文只能用源库的密钥解开，请把密钥文件 %s 一并复制到新服务器（--key-file 或 YOUJUN_KEY_FILE）。\n",
              default_key_path(from_url).c_str());
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

  auto from = std::make_shared<std::string>(), to = std::make_shared<std::string>();
  auto* copy = db->add_subcommand("copy", "把整个库复制到另一个（空）库，如 SQLite → PostgreSQL / copy all data");
  copy->add_option("--from", *from, "源库: SQLite 文件或 postgresql://…")->required();
  copy->add_option("--to", *to, "目标库（必须为空）: postgresql://… 或 SQLite 文件")->required();
  on_run(copy, selected, [from, to] { return run_copy(*from, *to); });

  auto file = std::make_shared<std::string>();
  auto* backup = db->add_subcommand("backup", "在线备份（SQLite 备份接口 / pg_dump）/ online backup");
  backup->add_option("--db", *url, "SQLite 文件或 postgresql://…")->required();
  backup->add_option("--out", *file, "备份文件（不得已存在）")->required();
  on_run(backup, selected, [url, file] {
    auto s = store::backup_database(*url, *file);
    if (!s) return fail(s.error().message);
    std::printf("已备份 backed up: %s -> %s\n", url->c_str(), file->c_str());
    return kExitOk;
  });

  auto* restore = db->add_subcommand("restore", "从备份恢复到新的空库 / restore into an empty database");
  restore->add_option("--from", *file, "db backup 生成的备份文件")->required();
  restore->add_option("--db", *url, "目标: 新的 SQLite 文件或空的 postgresql://… 库")->required();
  on_run(restore, selected, [url, file] {
    auto s = store::restore_database(*file, *url);
    if (!s) return fail(s.error().message);
    std::printf("已恢复 restored: %s -> %s\n", file->c_str(), url->c_str());
    return kExitOk;
  });
}

}  // namespace youjun::cli
