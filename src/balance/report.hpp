#pragma once
// The inspection report of one county (issue 4 §5): the workbook inspectors expect (one sheet per indicator
// group) and a readable HTML report with charts, which Chromium prints to PDF. Built from the results of the
// engines, nothing recomputed here.
#include <string>
#include <vector>

#include "balance/evaluation.hpp"
#include "balance/funding.hpp"
#include "balance/plan.hpp"
#include "io/table.hpp"

namespace youjun::balance {

struct CountyReport {
  std::string county, profile, school_year, generated_at;
  const std::vector<SchoolRecord>* records = nullptr;
  const Evaluation* evaluation = nullptr;  // of the county's schools only
  const Plan* plan = nullptr;
  const FundingReport* funding = nullptr;  // of the county's schools only
  const BalanceRules* rules = nullptr;
  const UnitCosts* costs = nullptr;
};

// 概况, 资源配置, 差异系数, 班额校额, 经费, 达标规划, 依据.
std::vector<io::XlsxSheet> report_sheets(const CountyReport& r);
// A self-contained page (inline CSS and SVG charts; fonts: Noto Sans CJK SC).
std::string report_html(const CountyReport& r);

}  // namespace youjun::balance
