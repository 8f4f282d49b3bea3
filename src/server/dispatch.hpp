#pragma once
// From a parsed request to an answer: route lookup, session check (401), CSRF (403), role (403),
// school scope (403), then the handler. No HTTP library here; http_server.cpp adapts cpp-httplib.
#include <string>
#include <string_view>

#include "server/api.hpp"

namespace youjun::server {

// `log_user` receives the authenticated username (for the request log line).
ApiResponse dispatch_api(ServerState& state, ApiRequest& req, std::string& log_user);

}  // namespace youjun::server
