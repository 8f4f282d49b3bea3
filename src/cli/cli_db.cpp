#include "cli/cli_db.hpp"

#include <pwd.h>
#include <unistd.h>

#include "store/migrations.hpp"
#include "store/personal_key.hpp"

namespace youjun::cli {

void add_db_options(CLI::App* cmd, DbArgs& args, bool required) {
  cmd->add_option("--db", args.url, "SQLite 文件或 postgresql://…")->required(required);
  cmd->add_option("--key-file", args.key_file, "个人信息加密密钥文件（默认：数据库文件名.key）");
}

Result<std::pair<std::unique_ptr<store::Connection>, PersonalDataKey>> open_db_and_key(const DbArgs& args) {
  auto db = store::open_database(args.url);
  if (!db) return db.error();
  auto m = store::migrate(**db);
  if (!m) return m.error();
  auto key = store::open_personal_key(**db, args.url, args.key_file);
  if (!key) return key.error();
  return std::make_pair(std::move(*db), std::move(*key));
}

std::string cli_actor() {
  const passwd* pw = getpwuid(geteuid());
  return std::string("cli:") + (pw && pw->pw_name ? pw->pw_name : std::to_string(geteuid()));
}

}  // namespace youjun::cli
