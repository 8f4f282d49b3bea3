#include "store/personal_key.hpp"

#include <filesystem>

namespace youjun::store {

namespace {

Result<int64_t> count_personal_rows(Connection& db) {
  int64_t n = 0;
  for (const char* table : {"students", "teachers"}) {
    auto rows = db.query(std::string("SELECT COUNT(*) FROM ") + table);
    if (!rows) return rows.error();
    n += (*rows)[0].integer(0);
  }
  return n;
}

}  // namespace

Result<PersonalDataKey> open_personal_key(Connection& db, const std::string& db_url, const std::string& key_file) {
  std::string key_path = key_file.empty() ? default_key_path(db_url) : key_file;
  std::error_code ec;
  if (!std::filesystem::exists(key_path, ec)) {
    auto rows = count_personal_rows(db);
    if (!rows) return rows.error();
    if (*rows > 0)
      return make_error("找不到个人信息密钥文件 " + key_path + "，但数据库中已有加密的身份证号；"
                        "请用 --key-file（或环境变量 YOUJUN_KEY_FILE）指定导入时使用的密钥文件");
  }
  return PersonalDataKey::load_or_create(key_path);
}

}  // namespace youjun::store
