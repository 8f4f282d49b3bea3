// Registrations not yet implemented by their areas. Each moves to its own cmd_<area>.cpp.
#include "cli/cli.hpp"

namespace youjun::cli {
void register_demo_commands(CLI::App&, Runner&) {}
void register_policy_commands(CLI::App&, Runner&) {}
void register_serve_command(CLI::App&, Runner&) {}
void register_user_commands(CLI::App&, Runner&) {}
void register_audit_commands(CLI::App&, Runner&) {}
}  // namespace youjun::cli
namespace youjun::cli { void register_import_export_commands(CLI::App&, Runner&) {} }
