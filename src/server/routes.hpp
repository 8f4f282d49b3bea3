#pragma once
// The API route table as data (docs/api.md "Routes"): who may call what, and which per-object scope
// rule applies. dispatch.cpp enforces access and scope before a handler runs; the RBAC test walks
// this table, so a new route without a test case fails the build's tests.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "server/api.hpp"

namespace youjun::server {

enum class Access {
  Open,        // anyone, no session (health, login)
  AnySession,  // any logged-in user
  Roles,       // logged in with one of `roles`
};

enum class Scope {
  None,
  OwnSchoolPath,    // {code} in the path: a school_admin may only name their own school (else 403)
  OwnSchoolFilter,  // a school_admin's answer is filtered to their own school
  OwnSchoolRows,    // imports: a school_admin may import school-level kinds, rows of their school only
  OwnChildren,      // a parent sees only their own children
};

using Handler = ApiResponse (*)(RequestContext&);

struct Route {
  std::string method;   // GET, POST, PUT
  std::string pattern;  // "/api/v1/schools/{code}"
  Access access = Access::Roles;
  std::vector<std::string> roles;  // for Access::Roles
  Scope scope = Scope::None;
  bool upload = false;  // body may be up to ServerOptions::max_import_body (else max_body)
  Handler handler = nullptr;
  std::string summary;  // zh-CN
};

const std::vector<Route>& api_routes();

// True when `path` fits `pattern`; fills {name} parameters (one non-empty path segment each).
bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params);
bool is_state_changing(std::string_view method);
bool role_allowed(const Route& route, std::string_view role);

}  // namespace youjun::server
