#pragma once
// JSON of a fitness scoring run (the `youjun evaluate fitness --json` contract):
//   {"profile", "rules": [...], "students": [{"student_id", "grade", "sex", "bmi", "bmi_band", "items": {key: points},
//    "bonus_items": {key: bonus}, "standard_score", "bonus", "total", "level", "complete", "missing": [...],
//    "not_applicable": [...]}], "summary": [aggregates]}
// Students are streamed (1M students are ~300 MB of JSON).
#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"
#include "evaluate/fitness_summary.hpp"

namespace youjun::evaluate {

void append_student_json(std::string& out, const io::Table& table, const RecordColumns& columns, const FitnessRules& rules,
                         const FitnessRecord& record, const FitnessResult& result);
void write_aggregate_json(JsonWriter& w, const FitnessRules& rules, const FitnessAggregate& a);

struct FitnessRun {
  const io::Table& table;
  const RecordColumns& columns;
  const FitnessRules& rules;
  const std::vector<FitnessRecord>& records;
  const std::vector<FitnessResult>& results;
  const std::vector<FitnessAggregate>& aggregates;
};
void write_fitness_json(JsonWriter& w, const FitnessRun& run, const std::string& profile, const nlohmann::json& cited_rules);

// Per-student CSV rows: student_id,grade,sex,bmi,bmi_band,<item>_points…,standard_score,bonus,total,level.
std::vector<std::string> fitness_csv_header(const FitnessRules& rules);
std::vector<std::string> fitness_csv_row(const io::Table& table, const RecordColumns& columns, const FitnessRules& rules,
                                         const FitnessRecord& record, const FitnessResult& result);

// The export for schools (001: 结果以等级呈现): student_id,grade,class_id,level — no points, totals or order.
std::vector<std::string> fitness_grade_header();
std::vector<std::string> fitness_grade_row(const io::Table& table, const RecordColumns& columns, const FitnessRecord& record,
                                           const FitnessResult& result);

// Number text with the given decimals' worth of precision and no trailing zeros: 78.25, 81.3, 100.
std::string score_text(Milli v);

}  // namespace youjun::evaluate
