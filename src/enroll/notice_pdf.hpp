#pragma once
// The 入学通知书 as a one-page A4 PDF (libharu). The text uses the PDF's predefined Chinese fonts
// (SimSun/SimHei, Adobe-GB1, not embedded: every PDF reader substitutes its own Song/Hei face), so a notice
// is a few kilobytes. Characters outside GBK (rare given-name characters) print as "?": the verification
// code, not the printed name, is what proves a notice genuine.
#include <cstdint>
#include <string>

#include "core/result.hpp"

namespace youjun::enroll {

struct NoticeDocument {
  std::string issuer;            // "绍兴市教育局"
  std::string child_name, child_id_masked;
  std::string school_name, school_id, grade;  // grade: "一年级", "七年级" or "" (level unknown)
  int64_t year = 0;              // the autumn intake
  std::string application_id, run_id, lottery_number;  // lottery_number: first digits of the published number
  bool fallback = false;         // 公民同招: placed at the fallback public school
  std::string code, verify_hint; // the verification code and where to check it
  std::string issued_date;       // "2026-12-05"
  bool match = false;            // placed by a 多校划片 match, not a lottery
  std::string report_time, report_note;  // as staff typed them ("" = the school will tell)
};

Result<std::string> notice_pdf(const NoticeDocument& doc);

}  // namespace youjun::enroll
