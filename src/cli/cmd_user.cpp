// `youjun user add|passwd|list`: accounts for the web app (src/auth/). Changes are audited as "cli:<os user>".
#include <pwd.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "auth/accounts.hpp"
#include "auth/roles.hpp"
#include "cli/cli.hpp"
#include "cli/cli_db.hpp"
#include "core/id_number.hpp"
#include "core/time_util.hpp"
#include "server/api.hpp"
#include "store/migrations.hpp"
#include "store/personal_key.hpp"

namespace youjun::cli {

namespace {

struct UserArgs {
  std::string username, role, school, display_name, password;
  bool password_stdin = false;
  bool json = false;
  std::vector<std::string> children;  // ID numbers (parent accounts)
  DbArgs db;
};


Result<std::unique_ptr<store::Connection>> open_migrated(const DbArgs& args) {
  auto db = store::open_database(args.url);
  if (!db) return db.error();
  auto m = store::migrate(**db);
  if (!m) return m.error();
  return std::move(*db);
}

std::string prompt_hidden(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  termios old{};
  bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::fprintf(stderr, "\n");
  return line;
}

// --password, else one line of stdin (--password-stdin), else an interactive prompt (twice).
Result<std::string> read_password(const UserArgs& a) {
  if (!a.password.empty()) return a.password;
  if (a.password_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!isatty(STDIN_FILENO)) return make_error("请用 --password 或 --password-stdin 提供密码");
  std::string first = prompt_hidden("新密码: ");
  if (prompt_hidden("再输入一次: ") != first) return make_error("两次输入的密码不一致");
  return first;
}

int outcome_exit(const auth::Outcome<auth::User>& o) {
  std::fprintf(stderr, "错误: %s\n", o.message.c_str());
  return o.failure == auth::Failure::Internal ? kExitFailure : kExitBadInput;
}

int run_add(const UserArgs& a) {
  auto pw = read_password(a);
  if (!pw) return fail(pw.error().message);
  auto db = open_migrated(a.db);
  if (!db) return fail(db.error().message);
  auth::NewUser u{a.username, a.display_name, *pw, a.role, a.school, {}};
  if (!a.children.empty()) {
    auto key = store::open_personal_key(**db, a.db.url, a.db.key_file);
    if (!key) return fail(key.error().message);
    for (std::string id : a.children) {
      if (!id.empty() && id.back() == 'x') id.back() = 'X';
      if (auto problem = id_number_problem(id)) {
        std::fprintf(stderr, "错误: --child %s: %s\n", mask_id_number(id).c_str(), problem->c_str());
        return kExitBadInput;
      }
      u.children.push_back(key->lookup_hash(id));
    }
  }
  auto created = auth::create_user(**db, u, cli_actor(), now_unix());
  if (!created.ok()) return outcome_exit(created);
  std::printf("已创建用户 %s（%s%s）\n", created.value->username.c_str(), auth::role_label(created.value->role).c_str(),
              created.value->school_code.empty() ? "" : ("，学校 " + created.value->school_code).c_str());
  return kExitOk;
}

int run_passwd(const UserArgs& a) {
  auto pw = read_password(a);
  if (!pw) return fail(pw.error().message);
  auto db = open_migrated(a.db);
  if (!db) return fail(db.error().message);
  auth::UserUpdate up;
  up.password = *pw;
  auto updated = auth::update_user(**db, a.username, up, cli_actor(), now_unix());
  if (!updated.ok()) return outcome_exit(updated);
  std::printf("已修改用户 %s 的密码（已解除锁定，原有登录会话已失效）\n", a.username.c_str());
  return kExitOk;
}

int run_list(const UserArgs& a) {
  auto db = open_migrated(a.db);
  if (!db) return fail(db.error().message);
  auto users = auth::list_users(**db);
  if (!users) return fail(users.error().message);
  int64_t now = now_unix();
  if (a.json) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& u : *users) items.push_back(server::user_json(u, now));
    std::printf("%s\n", nlohmann::json{{"items", items}}.dump(2).c_str());
    return kExitOk;
  }
  for (const auto& u : *users) {
    std::string state = u.disabled ? "已停用" : u.locked_until > now ? "已锁定" : "正常";
    std::printf("%-20s %-16s %-14s %-12s %s\n", u.username.c_str(), u.display_name.c_str(), u.role.c_str(),
                u.school_code.empty() ? "-" : u.school_code.c_str(), state.c_str());
  }
  std::printf("共 %zu 个用户\n", users->size());
  return kExitOk;
}

void add_password_options(CLI::App* cmd, UserArgs& a) {
  auto* p = cmd->add_option("--password", a.password, "密码（会出现在进程列表中，脚本请用 --password-stdin）");
  auto* s = cmd->add_flag("--password-stdin", a.password_stdin, "从标准输入读取一行作为密码");
  p->excludes(s);
}

}  // namespace

void register_user_commands(CLI::App& app, Runner& selected) {
  auto* user = app.add_subcommand("user", "网页账号: 新建、改密码、列表 / web accounts");
  user->require_subcommand(1);
  auto a = std::make_shared<UserArgs>();

  auto* add = user->add_subcommand("add", "新建账号 / create an account");
  add->add_option("username", a->username, "用户名（3–32 位小写字母、数字或 _ . -）")->required();
  add->add_option("--role", a->role, "bureau_admin | bureau_staff | school_admin | auditor | parent")->required();
  add->add_option("--school", a->school, "学校代码（school_admin 必填）");
  add->add_option("--display-name", a->display_name, "显示名称");
  add->add_option("--child", a->children, "子女身份证号（parent，可重复）");
  add_password_options(add, *a);
  add_db_options(add, a->db);
  on_run(add, selected, [a] { return run_add(*a); });

  auto* passwd = user->add_subcommand("passwd", "修改密码并解除锁定 / set a password");
  passwd->add_option("username", a->username, "用户名")->required();
  add_password_options(passwd, *a);
  add_db_options(passwd, a->db);
  on_run(passwd, selected, [a] { return run_passwd(*a); });

  auto* list = user->add_subcommand("list", "列出账号 / list accounts");
  list->add_flag("--json", a->json, "输出 JSON（与 GET /api/v1/users 相同）");
  add_db_options(list, a->db);
  on_run(list, selected, [a] { return run_list(*a); });
}

}  // namespace youjun::cli
