#include "store/backup.hpp"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/private_file.hpp"
#include "store/connection.hpp"
#include "store/tables.hpp"

extern char** environ;

namespace youjun::store {

namespace {

// Copies database `from` into `to` page by page; both are SQLite file paths.
Status sqlite_copy(const std::string& from, const std::string& to) {
  sqlite3 *src = nullptr, *dst = nullptr;
  auto close = [&] {
    sqlite3_close(src);
    sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(src);
    close();
    return make_error("无法打开 " + from + ": " + msg);
  }
  if (sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    return make_error("无法创建 " + to + ": " + msg);
  }
  sqlite3_busy_timeout(src, 10000);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    return make_error("备份失败: " + msg);
  }
  int rc;
  do {
    rc = sqlite3_backup_step(b, 4096);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  std::string msg = sqlite3_errmsg(dst);
  close();
  if (rc != SQLITE_DONE) return make_error("备份失败: " + msg);
  return ok_status();
}

// pg_dump/pg_restore of the installed PostgreSQL 15 client (YOUJUN_PG_BIN overrides the folder).
std::string pg_tool(const std::string& name) {
  if (const char* dir = std::getenv("YOUJUN_PG_BIN")) return std::string(dir) + "/" + name;
  std::string debian = "/usr/lib/postgresql/15/bin/" + name;
  return std::filesystem::exists(debian) ? debian : name;
}

// Runs a program without a shell (no quoting issues with URLs); stderr passes through.
Status run_program(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
    return make_error("无法运行 " + args[0] + "（请安装 postgresql-15）");
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return make_error("等待 " + args[0] + " 失败");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return make_error(args[0] + " 失败，退出码 " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  return ok_status();
}

Status require_empty(const std::string& url) {
  auto db = open_database(url);
  if (!db) return db.error();
  auto tables = list_tables(**db);
  if (!tables) return tables.error();
  if (!tables->empty())
    return make_error("目标库不是空库（已有 " + std::to_string(tables->size()) + " 张表）；为防止覆盖，恢复只能写入新建的空库");
  return ok_status();
}

}  // namespace

std::string backup_format(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  if (std::string(head, 15) == "SQLite format 3") return "sqlite";
  if (std::string(head, 5) == "PGDMP") return "postgresql";
  return "";
}

Status backup_database(const std::string& url, const std::string& out_file) {
  // Owner-only, created here so that neither SQLite nor pg_dump decides the mode of a file full of
  // minors' data; O_EXCL also refuses an existing file.
  if (int err = create_private_file(out_file)) {
    if (err == EEXIST) return make_error("备份文件已存在，不覆盖: " + out_file);
    return make_error("无法创建备份文件 " + out_file + ": " + std::strerror(err));
  }
  if (is_postgresql_url(url)) {
    auto s = run_program({pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file=" + out_file, "--dbname=" + url});
    if (!s) std::filesystem::remove(out_file);
    return s;
  }
  if (!std::filesystem::exists(url)) return make_error("数据库文件不存在: " + url);
  auto s = sqlite_copy(url, out_file);
  if (!s) std::filesystem::remove(out_file);
  return s;
}

Status restore_database(const std::string& backup_file, const std::string& url) {
  std::string format = backup_format(backup_file);
  if (format.empty()) return make_error("无法识别的备份文件（应为 youjun db backup 生成的文件）: " + backup_file);
  std::string target = is_postgresql_url(url) ? "postgresql" : "sqlite";
  if (format != target)
    return make_error("备份来自 " + format + "，目标是 " + target + "：请先恢复到同类数据库，再用 youjun db copy 迁移");
  if (target == "sqlite" && std::filesystem::exists(url) && std::filesystem::file_size(url) > 0)
    return make_error("目标数据库文件已存在，不覆盖: " + url);
  if (target == "postgresql") {
    auto s = require_empty(url);
    if (!s) return s;
    return run_program({pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction",
                        "--dbname=" + url, backup_file});
  }
  create_private_file(url);  // owner-only like a new database (an existing file here is empty, checked above)
  return sqlite_copy(backup_file, url);
}

}  // namespace youjun::store
