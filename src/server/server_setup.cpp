#include "server/server_setup.hpp"

#include <filesystem>

#include "auth/sessions.hpp"
#include "store/migrations.hpp"

namespace youjun::server {

namespace {

Result<int64_t> count_personal_rows(store::Connection& db) {
  int64_t n = 0;
  for (const char* table : {"students", "teachers"}) {
    auto rows = db.query(std::string("SELECT COUNT(*) FROM ") + table);
    if (!rows) return rows.error();
    n += (*rows)[0].integer(0);
  }
  return n;
}

}  // namespace

Result<std::unique_ptr<ServerState>> prepare_server_state(const std::string& db_url, const std::string& key_file,
                                                          const ServerOptions& options) {
  auto db = store::open_database(db_url);
  if (!db) return db.error();
  auto migrated = store::migrate(**db);
  if (!migrated) return migrated.error();
  std::string key_path = key_file.empty() ? default_key_path(db_url) : key_file;
  std::error_code ec;
  if (!std::filesystem::exists(key_path, ec)) {
    auto rows = count_personal_rows(**db);
    if (!rows) return rows.error();
    if (*rows > 0)
      return make_error("找不到个人信息密钥文件 " + key_path + "，但数据库中已有加密的身份证号；"
                        "请用 --key-file 指定导入时使用的密钥文件");
  }
  auto key = PersonalDataKey::load_or_create(key_path);
  if (!key) return key.error();
  auto state = std::make_unique<ServerState>(db_url, std::move(*key), options);
  auto purged = auth::purge_expired_sessions(**db, state->now(), options.sessions);
  if (!purged) return purged.error();
  return state;
}

}  // namespace youjun::server
