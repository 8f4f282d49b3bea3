#pragma once
// Reading the enrollment input files (issue 6 §2–3) into engine inputs. Every bad cell is reported
// (FILE:ROW:COLUMN: message) and nothing is computed from a file with errors.
//
//   seats / schools   school_id,seats
//   applicants        applicant_id,school_id,tier          (lottery: one school per applicant)
//   students          student_id,prefs,tier[,tiers]        (matching: prefs "A|B|C", best first)
//   points            point_id,lon,lat                     (catchment lookup, degrees)
#include <cstdint>
#include <string>
#include <vector>

#include "core/row_error.hpp"
#include "enroll/matching.hpp"
#include "geo/coords.hpp"
#include "io/table.hpp"

namespace youjun::enroll {

struct SchoolSeats {
  std::string school_id;
  uint32_t seats = 0;
};

struct LotteryApplicant {
  std::string applicant_id;
  std::string school_id;
  uint16_t tier = 1;
};

// An id may hold any text but the characters that would make the canonical file or a preference list
// ambiguous: , " | and control characters; 1–64 bytes. Returns "" when fine, else the message.
std::string id_problem(std::string_view id);

RowErrors read_seats(const io::Table& table, std::vector<SchoolSeats>& out);
// Applicants must name a school in `seats`; an applicant_id may appear once.
RowErrors read_applicants(const io::Table& table, const std::vector<SchoolSeats>& seats,
                          std::vector<LotteryApplicant>& out);
struct AddressPoints {
  std::vector<std::string> ids;
  std::vector<geo::LonLat> wgs84;  // converted from `crs` on reading
};

// A point_id may appear once; lon/lat are decimal degrees in `crs`.
RowErrors read_points(const io::Table& table, geo::Crs crs, AddressPoints& out);

// Fills everything of `problem` but lottery_rank (that needs the seed).
RowErrors read_match_input(const io::Table& students, const io::Table& schools, MatchProblem& problem);

}  // namespace youjun::enroll
