#include "timetable/fet_file.hpp"

#include <algorithm>
#include <charconv>
#include <pugixml.hpp>
#include <set>

namespace youjun::timetable {

namespace {

using json = nlohmann::json;

// Line numbers from byte offsets, for FILE:LINE:element messages.
class Lines {
 public:
  explicit Lines(std::string_view text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  long at(ptrdiff_t offset) const {
    if (offset < 0) return 0;
    return static_cast<long>(std::upper_bound(starts_.begin(), starts_.end(), static_cast<size_t>(offset)) -
                             starts_.begin());
  }

 private:
  std::vector<size_t> starts_;
};

struct Reader {
  const std::string& file;
  const Lines& lines;
  RowErrors& errors;

  void error(const pugi::xml_node& node, const std::string& column, const std::string& message) {
    errors.push_back({file, lines.at(node.offset_debug()), column, message});
  }

  // A name: the <Name> child (FET 5 and later), else the element's own text (older files).
  static std::string name_of(const pugi::xml_node& node) {
    auto name = node.child("Name");
    return name ? name.text().get() : node.text().get();
  }

  bool integer(const pugi::xml_node& node, const char* child, int64_t min, int64_t& out, bool required) {
    auto c = node.child(child);
    if (!c) {
      if (required) error(node, child, std::string("缺少 <") + child + ">");
      return !required;
    }
    std::string_view text = c.text().get();
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc() || end != text.data() + text.size() || out < min) {
      error(c, child, "应为不小于 " + std::to_string(min) + " 的整数，实为“" + std::string(text) + "”");
      return false;
    }
    return true;
  }

  // The names of `list`'s `item` children, each non-empty and unique; `count` (when the list has it)
  // must match, as FET checks.
  std::vector<std::string> names(const pugi::xml_node& root, const char* list, const char* item, const char* count) {
    std::vector<std::string> out;
    auto node = root.child(list);
    if (!node) return out;
    std::set<std::string> seen;
    for (auto it : node.children(item)) {
      std::string n = name_of(it);
      if (n.empty())
        error(it, item, "名称为空");
      else if (!seen.insert(n).second)
        error(it, item, "名称“" + n + "”重复");
      out.push_back(n);
    }
    int64_t declared = 0;
    if (count && node.child(count) && integer(node, count, 0, declared, true) &&
        declared != static_cast<int64_t>(out.size()))
      error(node.child(count), count,
            "声明 " + std::to_string(declared) + " 个，实有 " + std::to_string(out.size()) + " 个 " + item + " 元素");
    return out;
  }

  void students_set(const pugi::xml_node& node, const char* kind, const std::string& parent, FetFile& f) {
    FetStudentsSet s{kind, name_of(node), parent, 0};
    if (s.name.empty()) error(node, node.name(), "学生组名称为空");
    integer(node, "Number_of_Students", 0, s.students, false);
    f.students.push_back(s);
  }

  void students(const pugi::xml_node& root, FetFile& f) {
    std::set<std::string> years;
    for (auto year : root.child("Students_List").children("Year")) {
      students_set(year, "year", "", f);
      if (!years.insert(f.students.back().name).second) error(year, "Year", "年级“" + f.students.back().name + "”重复");
      std::string year_name = f.students.back().name;
      for (auto group : year.children("Group")) {
        students_set(group, "group", year_name, f);
        std::string group_name = f.students.back().name;
        for (auto sub : group.children("Subgroup")) students_set(sub, "subgroup", group_name, f);
      }
    }
  }

  void activities(const pugi::xml_node& root, FetFile& f) {
    std::set<std::string> teachers(f.teachers.begin(), f.teachers.end()),
        subjects(f.subjects.begin(), f.subjects.end()), tags(f.activity_tags.begin(), f.activity_tags.end()), sets;
    for (const auto& s : f.students) sets.insert(s.name);
    std::set<int64_t> ids;
    for (auto node : root.child("Activities_List").children("Activity")) {
      FetActivity a;
      for (auto t : node.children("Teacher")) {
        a.teachers.push_back(t.text().get());
        if (!teachers.count(a.teachers.back())) error(t, "Teacher", "教师“" + a.teachers.back() + "”不在教师名单中");
      }
      for (auto s : node.children("Students")) {
        a.students.push_back(s.text().get());
        if (!sets.count(a.students.back())) error(s, "Students", "学生组“" + a.students.back() + "”不在学生名单中");
      }
      for (auto t : node.children("Activity_Tag")) {
        a.tags.push_back(t.text().get());
        if (!tags.count(a.tags.back())) error(t, "Activity_Tag", "活动标签“" + a.tags.back() + "”未定义");
      }
      auto subject = node.child("Subject");
      a.subject = subject.text().get();
      if (!subject)
        error(node, "Subject", "缺少 <Subject>");
      else if (!subjects.count(a.subject))
        error(subject, "Subject", "科目“" + a.subject + "”不在科目名单中");
      if (integer(node, "Id", 1, a.id, true) && !ids.insert(a.id).second)
        error(node.child("Id"), "Id", "活动编号 " + std::to_string(a.id) + " 重复");
      integer(node, "Activity_Group_Id", 0, a.group_id, false);
      if (integer(node, "Duration", 1, a.duration, true) && a.duration > static_cast<int64_t>(f.hours.size()))
        error(node.child("Duration"), "Duration",
              "时长 " + std::to_string(a.duration) + " 超过每天的课时数 " + std::to_string(f.hours.size()));
      a.total_duration = a.duration;
      if (integer(node, "Total_Duration", 1, a.total_duration, false) && a.total_duration < a.duration)
        error(node.child("Total_Duration"), "Total_Duration", "总时长小于本次时长");
      if (auto active = node.child("Active")) {
        std::string_view v = active.text().get();
        if (v != "true" && v != "false") error(active, "Active", "应为 true 或 false");
        a.active = v != "false";
      }
      f.activities.push_back(std::move(a));
    }
  }
};

void count_children(const pugi::xml_node& list, std::map<std::string, int64_t>& out) {
  for (auto c : list.children())
    if (c.type() == pugi::node_element) ++out[c.name()];
}

}  // namespace

FetFile read_fet(std::string_view xml, const std::string& file, RowErrors& errors) {
  FetFile f;
  Lines lines(xml);
  pugi::xml_document doc;
  // parse_ws_pcdata_single: FET accepts names of spaces only (some real files have them).
  auto parsed =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_auto);
  if (!parsed) {
    errors.push_back({file, lines.at(parsed.offset), "", std::string("不是有效的 XML：") + parsed.description()});
    return f;
  }
  auto root = doc.child("fet");
  if (!root) {
    errors.push_back({file, 0, "", "不是 FET 文件：根元素应为 <fet>"});
    return f;
  }
  Reader r{file, lines, errors};
  f.version = root.attribute("version").value();
  f.institution = root.child("Institution_Name").text().get();
  f.days = r.names(root, "Days_List", "Day", "Number_of_Days");
  f.hours = r.names(root, "Hours_List", "Hour", "Number_of_Hours");
  if (f.days.empty()) r.error(root, "Days_List", "没有上课日");
  if (f.hours.empty()) r.error(root, "Hours_List", "没有课时");
  f.subjects = r.names(root, "Subjects_List", "Subject", nullptr);
  f.teachers = r.names(root, "Teachers_List", "Teacher", nullptr);
  f.activity_tags = r.names(root, "Activity_Tags_List", "Activity_Tag", nullptr);
  f.rooms = r.names(root, "Rooms_List", "Room", nullptr);
  r.students(root, f);
  r.activities(root, f);
  count_children(root.child("Time_Constraints_List"), f.time_constraints);
  count_children(root.child("Space_Constraints_List"), f.space_constraints);
  return f;
}

namespace {

// Hours per name, largest first (ties by name); with `slots` > 0 each is flagged when it cannot fit in
// the week (one teacher or one class is in one place at a time; a subject is taught to many at once).
json hours_table(const std::map<std::string, int64_t>& hours, const char* key, int64_t slots) {
  std::vector<std::pair<std::string, int64_t>> rows(hours.begin(), hours.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  json out = json::array();
  for (const auto& [name, h] : rows) {
    out.push_back({{key, name}, {"hours", h}});
    if (slots > 0) out.back()["over_capacity"] = h > slots;
  }
  return out;
}

int64_t total(const std::map<std::string, int64_t>& counts) {
  int64_t n = 0;
  for (const auto& [name, c] : counts) n += c;
  return n;
}

}  // namespace

json fet_summary(const FetFile& f) {
  const int64_t slots = static_cast<int64_t>(f.days.size() * f.hours.size());
  std::map<std::string, int64_t> by_teacher, by_subject, by_students;
  for (const auto& t : f.teachers) by_teacher[t] = 0;
  int64_t active = 0, active_hours = 0;
  for (const auto& a : f.activities) {
    if (!a.active) continue;
    ++active;
    active_hours += a.duration;
    for (const auto& t : a.teachers) by_teacher[t] += a.duration;
    by_subject[a.subject] += a.duration;
    for (const auto& s : a.students) by_students[s] += a.duration;
  }
  std::set<std::string> groups, subgroups;
  int64_t years = 0, year_students = 0;
  for (const auto& s : f.students) {
    if (s.kind == "year")
      ++years, year_students += s.students;
    else
      (s.kind == "group" ? groups : subgroups).insert(s.name);
  }
  json problems = json::array();
  // A teacher or students set with more hours than the week has slots cannot be timetabled at all.
  auto over = [&](const std::map<std::string, int64_t>& hours, const char* who) {
    for (const auto& [name, h] : hours)
      if (h > slots)
        problems.push_back(std::string(who) + "“" + name + "”每周 " + std::to_string(h) + " 课时，超过一周的 " +
                           std::to_string(slots) + " 个时段，无法排出");
  };
  over(by_teacher, "教师");
  over(by_students, "学生组");
  return {{"fet_version", f.version},
          {"institution", f.institution},
          {"days", f.days.size()},
          {"hours_per_day", f.hours.size()},
          {"slots_per_week", slots},
          {"subjects", f.subjects.size()},
          {"teachers", f.teachers.size()},
          {"activity_tags", f.activity_tags.size()},
          {"rooms", f.rooms.size()},
          {"students",
           {{"years", years},
            {"groups", groups.size()},
            {"subgroups", subgroups.size()},
            {"students_in_years", year_students}}},
          {"activities", {{"total", f.activities.size()}, {"active", active}, {"active_hours", active_hours}}},
          {"teacher_hours", hours_table(by_teacher, "teacher", slots)},
          {"subject_hours", hours_table(by_subject, "subject", 0)},
          {"students_hours", hours_table(by_students, "students", slots)},
          {"constraints",
           {{"time", total(f.time_constraints)},
            {"space", total(f.space_constraints)},
            {"time_by_type", f.time_constraints},
            {"space_by_type", f.space_constraints}}},
          {"problems", problems}};
}

}  // namespace youjun::timetable
