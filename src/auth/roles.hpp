#pragma once
// The five roles of docs/api.md. Stored as these English names; shown with the Chinese labels.
#include <string>
#include <string_view>
#include <vector>

namespace youjun::auth {

inline constexpr std::string_view kBureauAdmin = "bureau_admin";  // 教育局管理员: everything, incl. users
inline constexpr std::string_view kBureauStaff = "bureau_staff";  // 教育局工作人员: read all, import
inline constexpr std::string_view kSchoolAdmin = "school_admin";  // 学校管理员: own school only
inline constexpr std::string_view kAuditor = "auditor";           // 审计员: read-only, incl. audit log
inline constexpr std::string_view kParent = "parent";             // 家长: own children only

const std::vector<std::string>& all_roles();
bool is_valid_role(std::string_view role);
std::string role_label(std::string_view role);  // "bureau_admin" -> "教育局管理员"

}  // namespace youjun::auth
