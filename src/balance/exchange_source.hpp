#pragma once
// The schools and teachers of one county and level for the exchange planner, from the database: pupils
// from school_facts of the school year, teachers from the teachers table (years at the school = `year` −
// school_since; above-degree by resource.qualified_teachers.min_education.<level>; backbone = county level or
// above). Public schools only (交流轮岗 is among 公办学校); 一贯制 schools take part with the level's pupils and
// that level's teachers.
#include <string>
#include <vector>

#include "balance/exchange.hpp"
#include "balance/indicators.hpp"
#include "core/result.hpp"
#include "policy/policy.hpp"
#include "store/connection.hpp"

namespace youjun::balance {

struct ExchangeInput {
  std::string district_code, district_name;
  std::vector<ExchangeSchool> schools;
  std::vector<ExchangeTeacher> teachers;  // name = name, teacher_id = masked ID number
  std::vector<policy::Rule> applied;
};

// `district`: code or name. An error when it is unknown.
Result<ExchangeInput> exchange_input(store::Connection& db, const policy::Policy& policy, const std::string& district,
                                     Stage stage, const std::string& school_year, int year);

}  // namespace youjun::balance
