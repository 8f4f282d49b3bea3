// `youjun balance report` — the inspection workbook (XLSX, one sheet per indicator group) or a readable report
// (HTML with charts, or PDF printed by Chromium so that Chinese renders with fonts-noto-cjk) of one county
// (issue 4 §5).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <cstdlib>

#include "balance/facts_records.hpp"
#include "balance/report.hpp"
#include "cli/balance_inputs.hpp"
#include "cli/enroll_inputs.hpp"
#include "core/time_util.hpp"
#include "store/migrations.hpp"

namespace youjun::cli {

namespace {

struct ReportArgs {
  DbArgs db;
  std::string county, school_year, profile = "national", format = "html", out;
  int year = 0;
};

// Prints `html_path` to `pdf_path` with headless Chromium; false (message printed) when it cannot.
bool print_pdf(const std::string& html_path, const std::string& pdf_path) {
  std::string browser = std::getenv("YOUJUN_CHROMIUM") ? std::getenv("YOUJUN_CHROMIUM") : "chromium";
  std::string target = "--print-to-pdf=" + pdf_path, url = "file://" + html_path;
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execlp(browser.c_str(), browser.c_str(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           target.c_str(), url.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
      access(pdf_path.c_str(), R_OK) != 0) {
    std::fprintf(stderr, "无法用 %s 生成 PDF（请安装 chromium：make setup，或用 YOUJUN_CHROMIUM 指定浏览器）\n", browser.c_str());
    return false;
  }
  return true;
}

int run_report(const ReportArgs& a) {
  if (a.format != "html" && a.format != "xlsx" && a.format != "pdf") {
    std::fprintf(stderr, "--format 应为 html、xlsx 或 pdf\n");
    return kExitBadInput;
  }
  auto policy = policy::load_policy(a.profile);
  if (!policy) return fail(policy.error().message);
  int code = kExitOk;
  auto facts_db = open_facts_db(a.db, a.school_year, a.year, code);
  if (!facts_db) return code;
  auto& db = facts_db->db;
  const std::string& school_year = facts_db->school_year;
  auto district = db->query("SELECT code, name FROM districts WHERE code = ? OR name = ?", {a.county, a.county});
  if (!district) return fail(district.error().message);
  if (district->empty()) {
    std::fprintf(stderr, "未知的区县 %s（用行政区划代码或名称）\n", a.county.c_str());
    return kExitBadInput;
  }
  std::string code_of_county = (*district)[0].text(0), name = (*district)[0].text(1);
  auto records = balance::records_from_facts(*db, school_year, code_of_county);
  if (!records) return fail(records.error().message);
  if (records->empty()) {
    std::fprintf(stderr, "%s 在 %s 学年没有义务教育学校的年度数据\n", name.c_str(), school_year.c_str());
    return kExitBadInput;
  }
  int rules_year = a.year ? a.year : balance::rules_year_of(school_year);
  auto rules = balance::balance_rules(*policy, rules_year);
  if (!rules) return fail(rules.error().message);
  auto costs = balance::unit_costs(*policy, rules_year);
  if (!costs) return fail(costs.error().message);
  auto funding_rules = balance::funding_rules(*policy, rules_year);
  if (!funding_rules) return fail(funding_rules.error().message);
  auto lines = balance::budget_lines(*db, school_year);
  if (!lines) return fail(lines.error().message);
  std::vector<balance::BudgetLine> county_lines;
  for (auto& l : *lines)
    if (l.county == name) county_lines.push_back(std::move(l));

  auto evaluation = balance::evaluate(*records, *rules);
  auto plan = balance::make_plan(*records, evaluation, *rules, *costs);
  auto funding = balance::check_funding(county_lines, *funding_rules);
  balance::CountyReport report{name, policy->name(), school_year, now_iso8601(), &*records, &evaluation,
                               &plan, &funding, &*rules, &*costs};

  if (a.format == "xlsx") {
    if (auto st = io::write_xlsx_sheets(a.out, balance::report_sheets(report)); !st) return fail(st.error().message);
  } else {
    std::string html = balance::report_html(report);
    std::string html_path = a.format == "html" ? a.out : a.out + ".tmp-" + std::to_string(getpid()) + ".html";
    if (!write_output(html_path, html)) return kExitFailure;
    if (a.format == "pdf") {
      char resolved[4096];
      std::string absolute = realpath(html_path.c_str(), resolved) ? resolved : html_path;
      bool printed = print_pdf(absolute, a.out);
      std::remove(html_path.c_str());
      if (!printed) return kExitFailure;
    }
  }
  std::fprintf(stderr, "已生成 %s %s 学年优质均衡报告：%s（%zu 个学校学段，%zu 个达标）\n", name.c_str(), school_year.c_str(),
               a.out.c_str(), evaluation.parts.size(),
               static_cast<size_t>(std::count_if(evaluation.parts.begin(), evaluation.parts.end(),
                                                 [](const auto& p) { return p.compliant; })));
  return kExitOk;
}

}  // namespace

void add_balance_report_command(CLI::App* balance, Runner& selected) {
  auto a = std::make_shared<ReportArgs>();
  auto* cmd = balance->add_subcommand("report", "区县优质均衡督导报告：Excel 工作簿、HTML 或 PDF / inspection report");
  add_db_options(cmd, a->db);
  cmd->add_option("--county", a->county, "区县（行政区划代码或名称）")->required();
  cmd->add_option("--year", a->year, "学年起始年，如 2025 表示 2025-2026 学年（缺省最新）");
  cmd->add_option("--school-year", a->school_year, "或直接给学年，如 2025-2026");
  cmd->add_option("--profile,--policy", a->profile, "策略配置（缺省 national）");
  cmd->add_option("--format", a->format, "html（缺省）、xlsx 或 pdf");
  cmd->add_option("--out", a->out, "输出文件")->required();
  on_run(cmd, selected, [a] { return run_report(*a); });
}

}  // namespace youjun::cli
