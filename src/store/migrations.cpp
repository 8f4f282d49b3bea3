#include "store/migrations.hpp"

#include <algorithm>
#include <map>

#include "core/embedded_files.hpp"
#include "core/time_util.hpp"

namespace youjun::store {

namespace {

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

// Files for this backend, ordered by version.
std::vector<Migration> migrations_for(const std::string& backend) {
  std::vector<Migration> out;
  for (const auto& f : embedded_migrations()) {
    std::string name(f.name);
    if (name.size() < 8 || name.substr(name.size() - 4) != ".sql") continue;
    std::string stem = name.substr(0, name.size() - 4);
    auto dot = stem.rfind('.');
    if (dot != std::string::npos) {
      if (stem.substr(dot + 1) != backend) continue;
      stem = stem.substr(0, dot);
    }
    out.push_back({std::stoi(stem.substr(0, 3)), stem, f.content});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

Status ensure_table(Connection& db) {
  return db.exec_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)");
}

Result<std::map<int, std::string>> applied(Connection& db) {
  auto s = ensure_table(db);
  if (!s) return s.error();
  auto rows = db.query("SELECT version, applied_at FROM schema_migrations");
  if (!rows) return rows.error();
  std::map<int, std::string> out;
  for (auto& r : *rows) out[static_cast<int>(r.integer(0))] = r.text(1);
  return out;
}

}  // namespace

Result<std::vector<MigrationInfo>> migration_status(Connection& db) {
  auto done = applied(db);
  if (!done) return done.error();
  std::vector<MigrationInfo> out;
  for (auto& m : migrations_for(db.backend())) {
    auto it = done->find(m.version);
    out.push_back({m.version, m.name, it != done->end(), it != done->end() ? it->second : ""});
  }
  return out;
}

Result<int> migrate(Connection& db) {
  auto done = applied(db);
  if (!done) return done.error();
  int count = 0;
  for (auto& m : migrations_for(db.backend())) {
    if (done->count(m.version)) continue;
    Transaction tx(db);
    if (!tx.started()) return tx.start_error();
    auto s = db.exec_script(m.sql);
    if (!s) return make_error("迁移 " + m.name + " 失败: " + s.error().message);
    s = db.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                {int64_t{m.version}, m.name, now_iso8601()});
    if (!s) return s.error();
    s = tx.commit();
    if (!s) return s.error();
    ++count;
  }
  return count;
}

}  // namespace youjun::store
