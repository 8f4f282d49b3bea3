#include "server/server_setup.hpp"

#include <filesystem>

#include "auth/sessions.hpp"
#include "store/migrations.hpp"
#include "store/personal_key.hpp"

namespace youjun::server {


Result<std::unique_ptr<ServerState>> prepare_server_state(const std::string& db_url, const std::string& key_file,
                                                          const ServerOptions& options) {
  auto db = store::open_database(db_url);
  if (!db) return db.error();
  auto migrated = store::migrate(**db);
  if (!migrated) return migrated.error();
  auto key = store::open_personal_key(**db, db_url, key_file);
  if (!key) return key.error();
  auto state = std::make_unique<ServerState>(db_url, std::move(*key), options);
  auto purged = auth::purge_expired_sessions(**db, state->now(), options.sessions);
  if (!purged) return purged.error();
  return state;
}

}  // namespace youjun::server
