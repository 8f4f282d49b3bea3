#pragma once
// `youjun <area> <verb> [options]`. Each area registers its subcommands in its own file
// (src/cli/cmd_<area>.cpp); a subcommand's callback picks the function main() runs after parsing.
// Exit status: 0 ok, 2 bad input (errors on stderr as FILE:ROW:COLUMN: message), 1 other failure.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

namespace youjun::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

using Runner = std::function<int()>;

// Sets `selected` to run `fn` when `sub` is chosen on the command line.
inline void on_run(CLI::App* sub, Runner& selected, Runner fn) {
  sub->callback([&selected, fn = std::move(fn)] { selected = fn; });
}

void register_version_command(CLI::App& app, Runner& selected);
void register_db_commands(CLI::App& app, Runner& selected);
void register_import_export_commands(CLI::App& app, Runner& selected);
void register_demo_commands(CLI::App& app, Runner& selected);
void register_demo_load_command(CLI::App& app, Runner& selected);  // after register_demo_commands
void register_policy_commands(CLI::App& app, Runner& selected);
void register_serve_command(CLI::App& app, Runner& selected);
void register_user_commands(CLI::App& app, Runner& selected);
void register_audit_commands(CLI::App& app, Runner& selected);
void register_enroll_commands(CLI::App& app, Runner& selected);
void register_balance_commands(CLI::App& app, Runner& selected);
void register_admit_commands(CLI::App& app, Runner& selected);
void register_evaluate_commands(CLI::App& app, Runner& selected);
void register_timetable_commands(CLI::App& app, Runner& selected);

// This calendar year (local time): the default --year of commands whose rules change by year (cmd_balance.cpp).
int this_year();

// Prints a message on stderr and returns kExitFailure.
int fail(const std::string& message);

}  // namespace youjun::cli
