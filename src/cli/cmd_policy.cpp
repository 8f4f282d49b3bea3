// Placeholder: the policy commands are being written; this file is replaced by the real registration.
#include "cli/cli.hpp"

namespace youjun::cli {
void register_policy_commands(CLI::App&, Runner&) {}
}  // namespace youjun::cli
