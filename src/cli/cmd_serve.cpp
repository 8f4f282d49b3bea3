// Placeholder: the serve commands are being written; this file is replaced by the real registration.
#include "cli/cli.hpp"

namespace youjun::cli {
void register_serve_command(CLI::App&, Runner&) {}
}  // namespace youjun::cli
