#pragma once
// 高中招生轮次 in the database (issue 7 §4): create (inputs checked, quota computed) → quota edits while a
// draft (each audited, with the row version) → admit once with the public seed → publish (locked).
// Every state change writes its audit entry in the same transaction.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/connection.hpp"

namespace youjun::admit {

struct RoundRecord {
  std::string id, title, policy, status, seed;
  int64_t year = 0, version = 0, student_count = 0;
  std::string created_by, created_at, admitted_by, admitted_at, published_by, published_at;
};

struct NewRound {
  std::string title, policy;
  int year = 0;
  std::string high_schools_csv, juniors_csv, students_csv, quota_json;
  int64_t student_count = 0;
};

enum class RoundRefusal { None, NotFound, WrongState, Conflict, BadEdit };

struct RoundChange {
  RoundRefusal refusal = RoundRefusal::None;
  std::string message;  // for BadEdit / Conflict
  RoundRecord round;
};
std::string refusal_message(RoundRefusal r, const std::string& id);

Result<RoundChange> create_round(store::Connection& db, const NewRound& round, const std::string& actor, int64_t now);

// Sets the quota seats of junior `js_id` at quality school `hs_id` in a draft round whose version is
// `version`. The school's quota total stays within [⌈plan × share⌉, plan] ("不少于"): to move a seat,
// raise one junior first, then lower another.
struct QuotaEdit {
  std::string hs_id, js_id;
  int64_t seats = 0, version = 0;
};
Result<RoundChange> edit_quota(store::Connection& db, const std::string& id, const QuotaEdit& edit,
                               const std::string& actor, int64_t now);

// The stored inputs of a round, from which its admission is computed (admit_run.hpp).
struct RoundInputs {
  std::string policy, high_schools_csv, juniors_csv, students_csv, quota_json;
  int year = 0;
};
// Computes the admission of the stored inputs for `seed` (round_result_json) and stores it.
Result<RoundChange> admit_round(store::Connection& db, const std::string& id, const std::string& seed,
                                const std::string& actor, int64_t now);
Result<RoundChange> publish_round(store::Connection& db, const std::string& id, const std::string& actor, int64_t now);

Result<std::vector<RoundRecord>> list_rounds(store::Connection& db);
Result<std::optional<RoundRecord>> find_round(store::Connection& db, const std::string& id);
Result<std::optional<RoundInputs>> round_inputs(store::Connection& db, const std::string& id);
// One stored text: "high_schools", "juniors", "students", "quota", "result".
Result<std::optional<std::string>> round_text(store::Connection& db, const std::string& id, const std::string& which);

nlohmann::json round_json(const RoundRecord& r);

}  // namespace youjun::admit
