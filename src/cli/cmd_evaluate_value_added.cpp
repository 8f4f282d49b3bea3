// `youjun evaluate value-added` — 增值评价 (issue 8 §4). Placeholder registration; the command is being built.
#include "cli/cli.hpp"

namespace youjun::cli {

void add_value_added_command(CLI::App* /*evaluate*/, Runner& /*selected*/) {}

}  // namespace youjun::cli
