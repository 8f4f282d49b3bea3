#pragma once
// Start-up of the server state, without the HTTP library: database, migrations, personal-data key.
#include <memory>
#include <string>

#include "core/result.hpp"
#include "server/api.hpp"

namespace youjun::server {

// Applies pending migrations, loads the key (refusing to create a new one when the database already
// holds encrypted ID numbers: that would make them unreadable), ends expired sessions.
Result<std::unique_ptr<ServerState>> prepare_server_state(const std::string& db_url, const std::string& key_file,
                                                          const ServerOptions& options);

}  // namespace youjun::server
