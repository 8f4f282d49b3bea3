#include "cli/enroll_inputs.hpp"

#include <cstdio>
#include <fstream>

#include "cli/cli.hpp"
#include "enroll/lottery_number.hpp"
#include "policy/policy_report.hpp"
#include "policy/rule.hpp"

namespace youjun::cli {

std::optional<io::Table> read_input_table(const std::string& path) {
  auto table = io::read_table(path);
  if (!table) {
    std::fprintf(stderr, "%s\n", table.error().message.c_str());
    return std::nullopt;
  }
  return std::move(*table);
}

int report_row_errors(const RowErrors& errors) {
  std::fputs(format_row_errors(errors).c_str(), stderr);
  std::fprintf(stderr, "输入有误：%zu 处错误，未计算任何结果\n", errors.size());
  return kExitBadInput;
}

std::optional<nlohmann::json> cited_rules(const policy::Policy& policy, const std::vector<std::string>& keys) {
  auto rules = policy::cited_rules_json(policy, keys);
  if (!rules) {
    std::fprintf(stderr, "%s\n", rules.error().message.c_str());
    return std::nullopt;
  }
  return *rules;
}

std::optional<std::string> seed_or_report(const std::string& text) {
  auto seed = enroll::normalize_seed(text);
  if (!seed) {
    std::fprintf(stderr, "%s\n", seed.error().message.c_str());
    return std::nullopt;
  }
  return *seed;
}

std::optional<geo::Crs> crs_option(const std::string& text, const char* option) {
  auto crs = geo::parse_crs(text);
  if (!crs) std::fprintf(stderr, "%s 应为 WGS-84 或 GCJ-02，而不是“%s”\n", option, text.c_str());
  return crs;
}

bool stage_option_ok(const std::string& stage) {
  if (stage.empty() || stage == "primary" || stage == "junior") return true;
  std::fprintf(stderr, "--stage 应为 primary（小学）或 junior（初中）\n");
  return false;
}

std::optional<enroll::CatchmentMap> read_catchments(const std::string& path, std::optional<geo::Crs> declared,
                                                    RowErrors& errors, const std::string& only_stage) {
  auto geojson = io::read_file(path, path);
  if (!geojson) {
    std::fprintf(stderr, "无法读取学区文件 %s\n", path.c_str());
    return std::nullopt;
  }
  return enroll::CatchmentMap::from_geojson(*geojson, path, declared, errors, only_stage);
}

bool write_output(const std::string& out_path, const std::string& text) {
  if (out_path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return true;
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out.flush()) {
    std::fprintf(stderr, "无法写入 %s\n", out_path.c_str());
    return false;
  }
  return true;
}

OutputFile::OutputFile(const std::string& path) : path_(path) {
  file_ = path.empty() ? stdout : std::fopen(path.c_str(), "wb");
  if (!file_) std::fprintf(stderr, "无法写入 %s\n", path.c_str());
}

OutputFile::~OutputFile() { close(); }

bool OutputFile::close() {
  if (!file_) return false;
  bool ok = std::fflush(file_) == 0 && !std::ferror(file_);
  if (file_ != stdout) ok = std::fclose(file_) == 0 && ok;
  file_ = nullptr;
  if (!ok) std::fprintf(stderr, "无法写入 %s\n", path_.empty() ? "标准输出" : path_.c_str());
  return ok;
}

}  // namespace youjun::cli
