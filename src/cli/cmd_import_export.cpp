// Placeholder: the import_export commands are being written; this file is replaced by the real registration.
#include "cli/cli.hpp"

namespace youjun::cli {
void register_import_export_commands(CLI::App&, Runner&) {}
}  // namespace youjun::cli
