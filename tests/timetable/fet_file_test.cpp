// FET reader (src/timetable/fet_file.*): a small hand-made school whose weekly hours are worked out by
// hand below; the 236 real files of Debian's fet-data are checked against Python's xml.etree in
// tests/cli/timetable.sh.
#include "timetable/fet_file.hpp"

#include <gtest/gtest.h>

using namespace youjun;

namespace {

std::string activity(int id, const std::vector<std::string>& teachers, const std::string& subject,
                     const std::string& students, int duration, int total, bool active = true) {
  std::string s = "<Activity>";
  for (const auto& t : teachers) s += "<Teacher>" + t + "</Teacher>";
  s += "<Subject>" + subject + "</Subject><Students>" + students + "</Students><Duration>" + std::to_string(duration) +
       "</Duration><Total_Duration>" + std::to_string(total) + "</Total_Duration><Id>" + std::to_string(id) +
       "</Id><Activity_Group_Id>0</Activity_Group_Id><Active>" + (active ? "true" : "false") + "</Active></Activity>\n";
  return s;
}

// 5 days × 2 hours = 10 slots. 王老师 teaches 语文 to 七1班 as 2 + 2; 李老师 数学 1 to 七1班 and 1 (inactive) to
// 七2班; 王 and 李 together take the whole 七年级 for 体育 1; 赵老师 teaches 数学 2 × 6 to 七2班.
std::string school() {
  std::string s = R"(<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.4.0">
<Institution_Name>越城区示例初中</Institution_Name>
<Days_List><Number_of_Days>5</Number_of_Days>
<Day><Name>周一</Name></Day><Day><Name>周二</Name></Day><Day><Name>周三</Name></Day><Day><Name>周四</Name></Day><Day><Name>周五</Name></Day>
</Days_List>
<Hours_List><Number_of_Hours>2</Number_of_Hours><Hour><Name>上午</Name></Hour><Hour><Name>下午</Name></Hour></Hours_List>
<Subjects_List><Subject><Name>语文</Name></Subject><Subject><Name>数学</Name></Subject><Subject><Name>体育</Name></Subject></Subjects_List>
<Teachers_List><Teacher><Name>王老师</Name></Teacher><Teacher><Name>李老师</Name></Teacher><Teacher><Name>赵老师</Name></Teacher></Teachers_List>
<Students_List><Year><Name>七年级</Name><Number_of_Students>90</Number_of_Students>
<Group><Name>七1班</Name><Number_of_Students>45</Number_of_Students><Subgroup><Name>七1男</Name></Subgroup></Group>
<Group><Name>七2班</Name><Number_of_Students>45</Number_of_Students></Group></Year></Students_List>
<Activities_List>
)";
  s += activity(1, {"王老师"}, "语文", "七1班", 2, 4) + activity(2, {"王老师"}, "语文", "七1班", 2, 4);
  s += activity(3, {"李老师"}, "数学", "七1班", 1, 1) + activity(4, {"李老师"}, "数学", "七2班", 1, 1, false);
  s += activity(5, {"王老师", "李老师"}, "体育", "七年级", 1, 1);
  for (int i = 6; i <= 11; ++i) s += activity(i, {"赵老师"}, "数学", "七2班", 2, 2);
  s += R"(</Activities_List>
<Rooms_List><Room><Name>101</Name></Room></Rooms_List>
<Time_Constraints_List><ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage></ConstraintBasicCompulsoryTime>
<ConstraintTeacherNotAvailableTimes/><ConstraintTeacherNotAvailableTimes/></Time_Constraints_List>
<Space_Constraints_List><ConstraintBasicCompulsorySpace/></Space_Constraints_List>
</fet>
)";
  return s;
}

}  // namespace

TEST(FetFile, HandMadeSchoolGivesTheHandWorkedHours) {
  RowErrors errors;
  auto fet = timetable::read_fet(school(), "s.fet", errors);
  ASSERT_TRUE(errors.empty()) << format_row_errors(errors);
  EXPECT_EQ(fet.institution, "越城区示例初中");
  EXPECT_EQ(fet.days.size(), 5u);
  EXPECT_EQ(fet.hours, (std::vector<std::string>{"上午", "下午"}));
  ASSERT_EQ(fet.students.size(), 4u);  // year, group, its subgroup, group
  EXPECT_EQ(fet.students[2].kind, "subgroup");
  EXPECT_EQ(fet.students[2].parent, "七1班");
  EXPECT_EQ(fet.activities[4].teachers, (std::vector<std::string>{"王老师", "李老师"}));
  EXPECT_FALSE(fet.activities[3].active);

  auto s = timetable::fet_summary(fet);
  EXPECT_EQ(s["slots_per_week"], 10);
  EXPECT_EQ(s["students"]["years"], 1);
  EXPECT_EQ(s["students"]["groups"], 2);
  EXPECT_EQ(s["students"]["subgroups"], 1);
  EXPECT_EQ(s["students"]["students_in_years"], 90);
  EXPECT_EQ(s["activities"]["total"], 11);
  EXPECT_EQ(s["activities"]["active"], 10);
  EXPECT_EQ(s["activities"]["active_hours"], 4 + 1 + 1 + 12);  // 语文 2+2, 数学 1, 体育 1, 赵's 6 × 2
  // 赵 12 > 10 slots; 王 2+2+1 = 5; 李 1 + 1 (体育; his inactive 数学 not counted) = 2.
  nlohmann::json teachers = nlohmann::json::array({{{"teacher", "赵老师"}, {"hours", 12}, {"over_capacity", true}},
                                                   {{"teacher", "王老师"}, {"hours", 5}, {"over_capacity", false}},
                                                   {{"teacher", "李老师"}, {"hours", 2}, {"over_capacity", false}}});
  EXPECT_EQ(s["teacher_hours"], teachers);
  nlohmann::json subjects = nlohmann::json::array(
      {{{"subject", "数学"}, {"hours", 13}}, {{"subject", "语文"}, {"hours", 4}}, {{"subject", "体育"}, {"hours", 1}}});
  EXPECT_EQ(s["subject_hours"], subjects);
  nlohmann::json students = nlohmann::json::array({{{"students", "七2班"}, {"hours", 12}, {"over_capacity", true}},
                                                   {{"students", "七1班"}, {"hours", 5}, {"over_capacity", false}},
                                                   {{"students", "七年级"}, {"hours", 1}, {"over_capacity", false}}});
  EXPECT_EQ(s["students_hours"], students);
  EXPECT_EQ(s["constraints"]["time"], 3);
  EXPECT_EQ(s["constraints"]["time_by_type"]["ConstraintTeacherNotAvailableTimes"], 2);
  EXPECT_EQ(s["constraints"]["space"], 1);
  ASSERT_EQ(s["problems"].size(), 2u);
  EXPECT_EQ(s["problems"][0], "教师“赵老师”每周 12 课时，超过一周的 10 个时段，无法排出");
  EXPECT_EQ(s["problems"][1], "学生组“七2班”每周 12 课时，超过一周的 10 个时段，无法排出");
}

TEST(FetFile, EveryProblemIsReportedWithItsLine) {
  std::string text = school();
  // In school() the students are on lines 10–12, activity i on line 13 + i.
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("<Teacher>李老师</Teacher><Subject>数学</Subject><Students>七1班",
          "<Teacher>钱老师</Teacher><Subject>数学</Subject><Students>七1班");
  replace("<Students>七年级</Students><Duration>1</Duration>", "<Students>八年级</Students><Duration>3</Duration>");
  replace("<Id>7</Id>", "<Id>6</Id>");
  replace("<Number_of_Students>45</Number_of_Students></Group>", "<Number_of_Students>-1</Number_of_Students></Group>");
  RowErrors errors;
  timetable::read_fet(text, "bad.fet", errors);
  ASSERT_EQ(errors.size(), 6u) << format_row_errors(errors);
  EXPECT_EQ(errors[0].to_string(), "bad.fet:12:Number_of_Students: 应为不小于 0 的整数，实为“-1”");
  EXPECT_EQ(errors[1].to_string(), "bad.fet:16:Teacher: 教师“钱老师”不在教师名单中");
  EXPECT_EQ(errors[2].to_string(), "bad.fet:18:Students: 学生组“八年级”不在学生名单中");
  EXPECT_EQ(errors[3].to_string(), "bad.fet:18:Duration: 时长 3 超过每天的课时数 2");
  EXPECT_EQ(errors[4].to_string(), "bad.fet:18:Total_Duration: 总时长小于本次时长");  // its total stayed 1
  EXPECT_EQ(errors[5].to_string(), "bad.fet:20:Id: 活动编号 6 重复");

  RowErrors not_fet;
  timetable::read_fet("<?xml version=\"1.0\"?>\n<timetable/>", "x.fet", not_fet);
  ASSERT_EQ(not_fet.size(), 1u);
  EXPECT_EQ(not_fet[0].message, "不是 FET 文件：根元素应为 <fet>");
  RowErrors broken;
  timetable::read_fet("<fet>\n<Days_List>\n</fet>", "y.fet", broken);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].row, 3);
  EXPECT_NE(broken[0].message.find("不是有效的 XML"), std::string::npos);
}
