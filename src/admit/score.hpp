#pragma once
// 中考 composite score (issue 7 §2): each component of the profile's scheme from the student's cell —
// a raw score (0 … full, converted to the component's points) or a grade letter (looked up) — rounded
// half up to the scheme's decimals, and the total as their sum.
#include <string>
#include <vector>

#include "admit/admit_rules.hpp"
#include "core/row_error.hpp"
#include "io/table.hpp"

namespace youjun::admit {

struct StudentScore {
  std::string student_id;
  std::vector<std::string> raw;   // per component, as written
  std::vector<Milli> points;      // per component
  Milli total = 0;
};

// Points of one component for a cell, or the message saying what was expected.
Result<Milli> component_points(const ScoreComponent& c, std::string_view cell, int decimals);

// Reads student_id and every component's column; every bad cell is reported and then nothing is scored.
RowErrors score_students(const io::Table& table, const ScoreScheme& scheme, std::vector<StudentScore>& out);

}  // namespace youjun::admit
