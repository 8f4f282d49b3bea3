#pragma once
// Shared by the `youjun admit` subcommands (cmd_admit.cpp, cmd_admit_match.cpp).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "admit/admit_rules.hpp"
#include "admit/quota.hpp"
#include "admit/score.hpp"
#include "cli/cli.hpp"
#include "cli/enroll_inputs.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::cli {

// `admit quota`'s JSON from the two files; on failure prints why and sets exit_code (2 bad input, 1 profile).
std::optional<nlohmann::json> quota_from_files(const std::string& high_schools_path, const std::string& juniors_path,
                                               const policy::Policy& policy, int year, int& exit_code);
std::string scores_csv(const io::Table& input, const admit::ScoreScheme& scheme, const std::vector<admit::StudentScore>& scores);

void add_admit_match_commands(CLI::App* admit, Runner& selected);
void add_admit_export_command(CLI::App* admit, Runner& selected);  // cmd_admit_export.cpp

}  // namespace youjun::cli
