#include "auth/accounts.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "auth/password.hpp"
#include "auth/roles.hpp"
#include "auth/sessions.hpp"

namespace youjun::auth {

namespace {

constexpr const char* kUserColumns =
    "username, display_name, role, school_code, disabled, failed_logins, locked_until, created_at";

User user_of(const store::Row& r) {
  return User{r.text(0), r.text(1), r.text(2), r.text(3), r.integer(4) != 0, r.integer(5), r.integer(6), r.text(7)};
}

// Code points in valid UTF-8; -1 when the bytes are not UTF-8 or contain control characters.
long printable_utf8_length(std::string_view s) {
  long n = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    if (len == 1 && (c < 0x20 || c == 0x7F)) return -1;
    i += len;
    ++n;
  }
  return n;
}

Outcome<User> invalid(std::string message) { return Outcome<User>::fail(Failure::Invalid, std::move(message)); }
Outcome<User> internal(const Error& e) { return Outcome<User>::fail(Failure::Internal, e.message); }

std::optional<std::string> display_name_problem(const std::string& name) {
  long n = printable_utf8_length(name);
  if (n < 0) return "显示名称含有控制字符或不是有效的 UTF-8 文本";
  if (n > 64) return "显示名称不能超过 64 个字";
  return std::nullopt;
}

// Role, school and children must fit together (docs/api.md "Roles").
Result<std::optional<std::string>> role_problem(store::Connection& db, const std::string& role,
                                                const std::string& school_code, size_t children) {
  if (!is_valid_role(role))
    return std::optional<std::string>("角色无效「" + role +
                                      "」：应为 bureau_admin、bureau_staff、school_admin、auditor 或 parent");
  if (role == kSchoolAdmin) {
    if (school_code.empty()) return std::optional<std::string>("学校管理员必须指定学校代码（school_code）");
    auto rows = db.query("SELECT 1 FROM schools WHERE code = ?", {school_code});
    if (!rows) return rows.error();
    if (rows->empty()) return std::optional<std::string>("学校代码不存在: " + school_code);
  } else if (!school_code.empty()) {
    return std::optional<std::string>("只有学校管理员（school_admin）可以绑定学校代码");
  }
  if (children > 0 && role != kParent) return std::optional<std::string>("只有家长账号可以关联子女");
  return std::optional<std::string>();
}

Status replace_children(store::Connection& db, const std::string& username, const std::vector<std::string>& hashes) {
  auto s = db.exec("DELETE FROM parent_children WHERE username = ?", {username});
  for (const auto& h : hashes) {
    if (!s) return s;
    s = db.exec("INSERT INTO parent_children (username, student_id_hash) VALUES (?, ?) ON CONFLICT DO NOTHING",
                {username, h});
  }
  return s;
}

// True when `username` is the only bureau_admin that is not disabled.
Result<bool> is_last_active_admin(store::Connection& db, const User& user) {
  if (user.role != kBureauAdmin || user.disabled) return false;
  auto rows = db.query("SELECT COUNT(*) FROM users WHERE role = 'bureau_admin' AND disabled = 0 AND username <> ?",
                       {user.username});
  if (!rows) return rows.error();
  return (*rows)[0].integer(0) == 0;
}

}  // namespace

std::optional<std::string> username_problem(std::string_view u) {
  bool ok = u.size() >= 3 && u.size() <= 32;
  for (size_t i = 0; ok && i < u.size(); ++i) {
    char c = u[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    ok = alnum || (i > 0 && (c == '_' || c == '.' || c == '-'));
  }
  if (ok) return std::nullopt;
  // Quote at most 64 bytes, cut before a UTF-8 continuation byte so no character is split.
  size_t shown = std::min<size_t>(u.size(), 64);
  while (shown > 0 && shown < u.size() && (static_cast<unsigned char>(u[shown]) & 0xC0) == 0x80) --shown;
  return "用户名「" + std::string(u.substr(0, shown)) +
         "」无效：应为 3–32 位小写字母、数字或 _ . -，并以字母或数字开头";
}

std::optional<std::string> password_problem(std::string_view password, std::string_view username) {
  long n = printable_utf8_length(password);
  if (n < 0) return "密码含有控制字符或不是有效的 UTF-8 文本";
  if (n < 8) return "密码至少 8 个字符";
  if (password.size() > 256) return "密码不能超过 256 字节";
  if (password == username) return "密码不能与用户名相同";
  return std::nullopt;
}

Result<std::optional<User>> find_user(store::Connection& db, const std::string& username) {
  auto rows = db.query(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?", {username});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<User>();
  return std::optional<User>(user_of((*rows)[0]));
}

Result<std::vector<User>> list_users(store::Connection& db) {
  auto rows = db.query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username");
  if (!rows) return rows.error();
  std::vector<User> out;
  for (const auto& r : *rows) out.push_back(user_of(r));
  return out;
}

Result<std::vector<std::string>> children_of(store::Connection& db, const std::string& username) {
  auto rows = db.query("SELECT student_id_hash FROM parent_children WHERE username = ? ORDER BY student_id_hash",
                       {username});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

Outcome<User> create_user(store::Connection& db, const NewUser& in, const std::string& actor, int64_t now) {
  if (auto p = username_problem(in.username)) return invalid(*p);
  if (auto p = password_problem(in.password, in.username)) return invalid(*p);
  std::string display = in.display_name.empty() ? in.username : in.display_name;
  if (auto p = display_name_problem(display)) return invalid(*p);
  auto rp = role_problem(db, in.role, in.school_code, in.children.size());
  if (!rp) return internal(rp.error());
  if (*rp) return invalid(**rp);
  auto hash = hash_password(in.password);
  if (!hash) return internal(hash.error());

  store::Transaction tx(db);
  if (!tx.started()) return internal(tx.start_error());
  auto existing = find_user(db, in.username);
  if (!existing) return internal(existing.error());
  if (*existing) return Outcome<User>::fail(Failure::Conflict, "用户名已存在: " + in.username);
  store::Value school = in.school_code.empty() ? store::Value{} : store::Value{in.school_code};
  auto s = db.exec("INSERT INTO users (username, display_name, password_hash, role, school_code, disabled, "
                   "failed_logins, locked_until, created_at) VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?)",
                   {in.username, display, *hash, in.role, school, iso8601_utc(now)});
  if (s) s = replace_children(db, in.username, in.children);
  nlohmann::json detail = {{"role", in.role}, {"school_code", in.school_code}, {"children", in.children.size()}};
  if (s) s = append_audit(db, {actor, "user.create", in.username, detail.dump()}, now);
  if (s) s = tx.commit();
  if (!s) return internal(s.error());
  auto created = find_user(db, in.username);
  if (!created || !*created) return internal(make_error("新建用户后读取失败"));
  return Outcome<User>::success(**created);
}

Outcome<User> update_user(store::Connection& db, const std::string& username, const UserUpdate& up,
                          const std::string& actor, int64_t now) {
  auto found = find_user(db, username);
  if (!found) return internal(found.error());
  if (!*found) return Outcome<User>::fail(Failure::NotFound, "用户不存在: " + username);
  const User old = **found;
  User next = old;
  if (up.display_name) next.display_name = up.display_name->empty() ? username : *up.display_name;
  if (auto p = display_name_problem(next.display_name)) return invalid(*p);
  if (up.role) next.role = *up.role;
  if (up.school_code) next.school_code = *up.school_code;
  else if (next.role != kSchoolAdmin) next.school_code.clear();  // leaving school_admin drops the school
  if (up.disabled) next.disabled = *up.disabled;
  std::vector<std::string> children;
  if (up.children) children = *up.children;
  auto rp = role_problem(db, next.role, next.school_code, children.size());
  if (!rp) return internal(rp.error());
  if (*rp) return invalid(**rp);
  if (up.password)
    if (auto p = password_problem(*up.password, username)) return invalid(*p);
  bool demoted_or_disabled = next.role != kBureauAdmin || next.disabled;
  if (demoted_or_disabled) {
    auto last = is_last_active_admin(db, old);
    if (!last) return internal(last.error());
    if (*last) return invalid("至少要保留一个可用的教育局管理员（bureau_admin）账号");
  }
  std::string hash;
  if (up.password) {
    auto h = hash_password(*up.password);
    if (!h) return internal(h.error());
    hash = *h;
  }
  bool unlock = up.unlock || up.password.has_value();
  bool revoke = up.password || next.role != old.role || next.school_code != old.school_code ||
                (next.disabled && !old.disabled);

  store::Transaction tx(db);
  if (!tx.started()) return internal(tx.start_error());
  store::Value school = next.school_code.empty() ? store::Value{} : store::Value{next.school_code};
  auto s = db.exec("UPDATE users SET display_name = ?, role = ?, school_code = ?, disabled = ? WHERE username = ?",
                   {next.display_name, next.role, school, int64_t{next.disabled ? 1 : 0}, username});
  if (s && !hash.empty()) s = db.exec("UPDATE users SET password_hash = ? WHERE username = ?", {hash, username});
  if (s && unlock) s = db.exec("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE username = ?", {username});
  if (s && (up.children || next.role != kParent)) s = replace_children(db, username, children);
  if (s && revoke) s = end_user_sessions(db, username);
  nlohmann::json detail = nlohmann::json::object();
  if (next.role != old.role) detail["role"] = next.role;
  if (next.school_code != old.school_code) detail["school_code"] = next.school_code;
  if (next.disabled != old.disabled) detail["disabled"] = next.disabled;
  if (next.display_name != old.display_name) detail["display_name_changed"] = true;
  if (up.password) detail["password_changed"] = true;
  if (unlock) detail["unlocked"] = true;
  if (up.children) detail["children"] = children.size();
  if (s) s = append_audit(db, {actor, "user.update", username, detail.dump()}, now);
  if (s) s = tx.commit();
  if (!s) return internal(s.error());
  auto updated = find_user(db, username);
  if (!updated || !*updated) return internal(make_error("更新用户后读取失败"));
  return Outcome<User>::success(**updated);
}

}  // namespace youjun::auth
