// `youjun audit verify|list`: the tamper-evident audit log (src/auth/audit.hpp).
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "cli/cli.hpp"
#include "cli/cli_db.hpp"
#include "store/migrations.hpp"

namespace youjun::cli {

namespace {

Result<std::unique_ptr<store::Connection>> open_migrated(const std::string& url) {
  auto db = store::open_database(url);
  if (!db) return db.error();
  auto m = store::migrate(**db);
  if (!m) return m.error();
  return std::move(*db);
}

// Exit 0 when the chain is intact, 1 naming the first broken entry otherwise.
int run_verify(const std::string& url) {
  auto db = open_migrated(url);
  if (!db) return fail(db.error().message);
  auto check = auth::verify_audit_chain(**db);
  if (!check) return fail(check.error().message);
  if (!check->ok) {
    std::fprintf(stderr, "审计日志校验失败，第一处断裂在第 %lld 条：%s；此前 %lld 条完好\n",
                 static_cast<long long>(check->first_broken_seq), check->problem.c_str(),
                 static_cast<long long>(check->count));
    return kExitFailure;
  }
  std::printf("审计日志完整，共 %lld 条\n", static_cast<long long>(check->count));
  if (!check->head_hash.empty()) std::printf("最新哈希 head: %s\n", check->head_hash.c_str());
  return kExitOk;
}

int run_list(const std::string& url, int64_t limit) {
  auto db = open_migrated(url);
  if (!db) return fail(db.error().message);
  auto entries = auth::recent_audit(**db, limit);
  if (!entries) return fail(entries.error().message);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : *entries) {
    auto detail = nlohmann::json::parse(e.detail, nullptr, false);
    items.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"action", e.action}, {"target", e.target},
                     {"detail", detail.is_discarded() ? nlohmann::json(e.detail) : detail}, {"hash", e.hash}});
  }
  std::printf("%s\n", nlohmann::json{{"items", items}}.dump(2).c_str());
  return kExitOk;
}

}  // namespace

void register_audit_commands(CLI::App& app, Runner& selected) {
  auto* audit = app.add_subcommand("audit", "审计日志: 校验、查看 / audit log");
  audit->require_subcommand(1);
  auto url = std::make_shared<std::string>();
  auto limit = std::make_shared<int64_t>(100);

  auto* verify = audit->add_subcommand("verify", "校验哈希链是否完整 / verify the hash chain");
  verify->add_option("--db", *url, "SQLite 文件或 postgresql://…")->required();
  on_run(verify, selected, [url] { return run_verify(*url); });

  auto* list = audit->add_subcommand("list", "按时间倒序列出最近的记录（JSON）/ newest entries");
  list->add_option("--db", *url, "SQLite 文件或 postgresql://…")->required();
  list->add_option("--limit", *limit, "条数（默认 100）")->check(CLI::Range(int64_t{1}, int64_t{100000}));
  on_run(list, selected, [url, limit] { return run_list(*url, *limit); });
}

}  // namespace youjun::cli
