#pragma once
// JSON of `youjun evaluate vision`: rules, students (status per screening), rates, changes against the
// target, the schools furthest behind and the cohorts.
#include <nlohmann/json.hpp>

#include "evaluate/vision.hpp"

namespace youjun::evaluate {

const char* vision_status_name(VisionStatus s);  // 近视 视力不良 正常
nlohmann::json vision_json(const io::Table& table, const VisionColumns& columns, const VisionRules& rules,
                           const std::vector<Screening>& screenings, const VisionReport& report, bool with_students);
std::string vision_text(const VisionRules& rules, const VisionReport& report);

}  // namespace youjun::evaluate
