#pragma once
// The --db / --key-file options shared by every command that works on the database.
#include <memory>
#include <string>
#include <utility>

#include "cli/cli.hpp"
#include "core/personal_data.hpp"
#include "store/connection.hpp"

namespace youjun::cli {

struct DbArgs {
  std::string url;       // SQLite file or postgresql://…
  std::string key_file;  // "" = default beside the database
};

// `required` false: for commands that also run stateless on files.
void add_db_options(CLI::App* cmd, DbArgs& args, bool required = true);

// The audit actor of command-line changes: "cli:<os user>".
std::string cli_actor();

// Opens the database, applies pending migrations and loads (or creates) the personal-data key.
Result<std::pair<std::unique_ptr<store::Connection>, PersonalDataKey>> open_db_and_key(const DbArgs& args);

}  // namespace youjun::cli
