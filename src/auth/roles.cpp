#include "auth/roles.hpp"

#include <algorithm>

namespace youjun::auth {

const std::vector<std::string>& all_roles() {
  static const std::vector<std::string> roles = {std::string(kBureauAdmin), std::string(kBureauStaff),
                                                 std::string(kSchoolAdmin), std::string(kAuditor),
                                                 std::string(kParent)};
  return roles;
}

bool is_valid_role(std::string_view role) {
  const auto& r = all_roles();
  return std::find(r.begin(), r.end(), role) != r.end();
}

std::string role_label(std::string_view role) {
  if (role == kBureauAdmin) return "教育局管理员";
  if (role == kBureauStaff) return "教育局工作人员";
  if (role == kSchoolAdmin) return "学校管理员";
  if (role == kAuditor) return "审计员";
  if (role == kParent) return "家长";
  return std::string(role);
}

}  // namespace youjun::auth
