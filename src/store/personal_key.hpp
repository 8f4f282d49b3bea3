#pragma once
// The personal-data key for a database: loads the key file, or creates one only when the database holds
// no encrypted ID numbers yet. A missing key file next to encrypted rows is refused instead of silently
// starting a new key (rows imported under two keys would get different lookup hashes and duplicate).
#include <string>

#include "core/personal_data.hpp"
#include "store/connection.hpp"

namespace youjun::store {

// key_file "" = default_key_path(db_url).
Result<PersonalDataKey> open_personal_key(Connection& db, const std::string& db_url, const std::string& key_file);

}  // namespace youjun::store
