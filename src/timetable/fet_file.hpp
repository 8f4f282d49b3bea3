#pragma once
// Reader for FET timetable files (.fet: the XML of FET, the free timetabler many schools keep their
// timetables in, and the peer youjun's timetabling is measured against). Reads the basic data — days,
// hours, subjects, teachers, students sets, activity tags, rooms, activities — and counts the constraints
// by type; reports what FET itself would refuse (unknown teacher, duration longer than a day, …) with
// the line in the file, so a school's file is checked before anything is built on it.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/row_error.hpp"

namespace youjun::timetable {

struct FetStudentsSet {
  std::string kind;  // "year", "group" or "subgroup"
  std::string name, parent;
  int64_t students = 0;  // <Number_of_Students>
};

struct FetActivity {
  int64_t id = 0, group_id = 0;
  std::vector<std::string> teachers, students, tags;
  std::string subject;
  int64_t duration = 0, total_duration = 0;
  bool active = true;
};

struct FetFile {
  std::string version, institution;
  std::vector<std::string> days, hours, subjects, teachers, activity_tags, rooms;
  // Years, each followed by its groups and their subgroups, in file order. FET lets a group or subgroup
  // belong to several parents, so a name can repeat here; it is the same set of students.
  std::vector<FetStudentsSet> students;
  std::vector<FetActivity> activities;
  std::map<std::string, int64_t> time_constraints, space_constraints;  // element name → how many
};

// Parses a .fet document. Every problem goes to `errors` (row = line in the file, column = the element);
// with errors the result is incomplete and must not be used.
FetFile read_fet(std::string_view xml, const std::string& file, RowErrors& errors);

// What `youjun timetable inspect --json` prints: sizes, weekly hours per teacher, subject and students
// set, constraint counts, and the loads that cannot fit in the week (more hours than time slots).
nlohmann::json fet_summary(const FetFile& fet);

}  // namespace youjun::timetable
