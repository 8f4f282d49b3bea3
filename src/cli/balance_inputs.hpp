#pragma once
// Shared by the `youjun balance` subcommands: the school file, profile and year they all take.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "balance/balance_rules.hpp"
#include "balance/evaluation.hpp"
#include "cli/cli.hpp"
#include "cli/cli_db.hpp"

namespace youjun::cli {

// A school file, or the school_facts of one school year in the database.
struct BalanceSource {
  std::string schools, profile = "national";
  DbArgs db;
  std::string school_year;  // with --db; "" = the newest with facts
  int year = 0;             // the year whose rules apply; 0: the school year's first year, or this year
};

struct BalanceInputs {
  std::string profile;
  std::string school_year;  // with --db
  balance::BalanceRules rules;
  std::vector<balance::SchoolRecord> records;
};

void add_balance_source_options(CLI::App* cmd, BalanceSource& src);

// The database (migrated) and the school year of its facts: `school_year` when given, else the one starting in
// `start_year` when that is not 0, else the newest. On failure prints why, sets exit_code, returns nullopt.
struct FactsDb {
  std::unique_ptr<store::Connection> db;
  std::string school_year;
  std::vector<std::string> years;  // with facts, newest first
};
std::optional<FactsDb> open_facts_db(const DbArgs& args, const std::string& school_year, int start_year, int& exit_code);
// Loads the profile's rules and the school file; on failure prints why, sets exit_code, returns nullopt.
std::optional<BalanceInputs> load_balance_inputs(const BalanceSource& src, int& exit_code);

// `youjun balance plan` (cmd_balance_plan.cpp).
void add_balance_plan_command(CLI::App* balance, Runner& selected);
// `youjun balance creations` (cmd_balance_creations.cpp).
void add_balance_creations_command(CLI::App* balance, Runner& selected);
// `youjun balance funding` (cmd_balance_funding.cpp).
void add_balance_funding_command(CLI::App* balance, Runner& selected);
// `youjun balance exchange` (cmd_balance_exchange.cpp).
void add_balance_exchange_command(CLI::App* balance, Runner& selected);
// `youjun balance report` (cmd_balance_report.cpp).
void add_balance_report_command(CLI::App* balance, Runner& selected);

}  // namespace youjun::cli
