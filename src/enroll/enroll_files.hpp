#pragma once
// Reading the enrollment input files (issue 6 §2–3) into engine inputs. Every bad cell is reported
// (FILE:ROW:COLUMN: message) and nothing is computed from a file with errors.
//
//   seats / schools   school_id,seats[,sector]             (sector: public/private, 公办/民办)
//   applicants        applicant_id,school_id,tier[,fallback_school_id]
//                                                          (lottery: one school per applicant; 公民同招:
//                                                          the public school a loser falls back to)
//   students          student_id,prefs,tier[,tiers]        (matching: prefs "A|B|C", best first)
//   points            point_id,lon,lat                     (catchment lookup, degrees)
#include <cstdint>
#include <string>
#include <vector>

#include "core/row_error.hpp"
#include "enroll/matching.hpp"
#include "geo/coords.hpp"
#include "io/table.hpp"
#include "policy/policy.hpp"

namespace youjun::enroll {

struct SchoolSeats {
  std::string school_id;
  uint32_t seats = 0;
  std::string sector;  // "public", "private" or "" (not given)
};

struct LotteryApplicant {
  std::string applicant_id;
  std::string school_id;
  uint16_t tier = 1;
  std::string fallback_school_id;  // 公民同招: the public catchment school if not drawn ("" = none)
};

// An id may hold any text but the characters that would make the canonical file or a preference list
// ambiguous: , " | and control characters; 1–64 bytes; and it may not be a valid 身份证号 (ids are
// published in the clear). Returns "" when fine, else the message.
std::string id_problem(std::string_view id);

RowErrors read_seats(const io::Table& table, std::vector<SchoolSeats>& out);
// Headers that name an admission criterion other than tier and lottery (exam, interview, score …):
// each header containing one of the `|`-separated `terms` (policy enroll.selection.forbidden_columns;
// ASCII terms match whole words of the header, Chinese terms anywhere in it).
std::vector<std::string> selection_criteria_columns(const io::Table& table, const std::string& terms);
// Those columns as row errors citing the profile's rule (enroll.selection.tier_and_lottery_only and
// enroll.selection.forbidden_columns); none when the profile allows other criteria (selection_rules.cpp).
RowErrors forbidden_criteria(const io::Table& applicants, const policy::Policy& policy);
// Applicants must name a school in `seats`; an applicant_id may appear once.
RowErrors read_applicants(const io::Table& table, const std::vector<SchoolSeats>& seats,
                          std::vector<LotteryApplicant>& out);
struct AddressPoints {
  std::vector<std::string> ids;
  std::vector<std::string> labels;  // the label column's text per point (empty when there is none)
  std::vector<geo::LonLat> wgs84;   // converted from `crs` on reading
};

// An id may appear once; lon/lat are decimal degrees in `crs`. The address book (地址库) reads
// `address_id,address,lon,lat` with id_column "address_id" and a required label column "address".
RowErrors read_points(const io::Table& table, geo::Crs crs, AddressPoints& out, const std::string& id_column = "point_id",
                      const std::string& label_column = "");

// Fills everything of `problem` but lottery_rank (that needs the seed).
RowErrors read_match_input(const io::Table& students, const io::Table& schools, MatchProblem& problem);

}  // namespace youjun::enroll
