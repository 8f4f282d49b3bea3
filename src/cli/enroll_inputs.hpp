#pragma once
// Shared by the `youjun enroll` subcommands: reading input tables, the seed, the policy rules a
// result cites, and writing a result to stdout or --out.
#include <nlohmann/json.hpp>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "enroll/catchments.hpp"
#include "geo/coords.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::cli {

// The profile, or nullopt with the message printed (defined in cmd_admit.cpp).
std::optional<policy::Policy> load_profile(const std::string& name);
// Reads a CSV/XLSX table; on failure prints the error and returns nullopt.
std::optional<io::Table> read_input_table(const std::string& path);
// Prints every row error (FILE:ROW:COLUMN: message) and a count; returns kExitBadInput.
int report_row_errors(const RowErrors& errors);
// The policy rules a result applied: [{"key", "value", "cite", "profile"}, …]; prints an error and
// returns nullopt when the profile or a key is missing.
std::optional<nlohmann::json> cited_rules(const policy::Policy& policy, const std::vector<std::string>& keys);
// The published seed in lowercase hex; on bad input prints why and returns nullopt.
std::optional<std::string> seed_or_report(const std::string& text);
using Clock = std::chrono::steady_clock;
// Seconds since `t`, for --timings.
inline double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
// A --*-crs option's value; on bad input prints why (naming `option`) and returns nullopt.
std::optional<geo::Crs> crs_option(const std::string& text, const char* option);
// Reads a catchment GeoJSON. An unreadable file: message printed, nullopt. Bad features go to `errors`
// (the caller reports them with its other inputs' errors) and the map returned is empty.
std::optional<enroll::CatchmentMap> read_catchments(const std::string& path, std::optional<geo::Crs> declared,
                                                    RowErrors& errors, const std::string& only_stage = "");
// A --stage option's value ("" or primary/junior); false (message printed) otherwise.
bool stage_option_ok(const std::string& stage);
// Writes text to `out_path` (owner-only) or stdout when empty; false (message printed) on failure.
bool write_output(const std::string& out_path, const std::string& text);

// `path` opened for writing, or stdout when empty, for results streamed in pieces. False (message printed)
// when it cannot be opened; close() says whether everything reached the file.
class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  explicit operator bool() const { return file_ != nullptr; }
  std::FILE* get() const { return file_; }
  bool close();

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
};

}  // namespace youjun::cli

namespace youjun::cli {
// `youjun enroll match` and the matching half of `youjun enroll verify` (cmd_enroll_match.cpp).
void add_enroll_match_command(CLI::App* enroll, Runner& selected);
// `youjun enroll locate` (cmd_enroll_locate.cpp).
void add_enroll_locate_command(CLI::App* enroll, Runner& selected);
// `youjun enroll warn` (cmd_enroll_warn.cpp).
void add_enroll_warn_command(CLI::App* enroll, Runner& selected);
// `youjun enroll eligibility` (cmd_enroll_eligibility.cpp).
void add_enroll_eligibility_command(CLI::App* enroll, Runner& selected);
// `youjun enroll migrant-share` (cmd_enroll_migrant.cpp).
void add_enroll_migrant_command(CLI::App* enroll, Runner& selected);
int verify_match_result(const nlohmann::json& result, const std::string& students_path,
                        const std::string& schools_path, const std::string& seed);
}  // namespace youjun::cli
