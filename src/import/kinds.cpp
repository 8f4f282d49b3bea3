#include "import/kinds.hpp"

namespace youjun::import {

namespace {

FieldSpec text(std::string key, std::string zh, bool required = true) {
  FieldSpec f;
  f.key = std::move(key);
  f.zh = std::move(zh);
  f.required = required;
  return f;
}

FieldSpec number(std::string key, std::string zh, FieldType type, double min, double max, bool required = true) {
  FieldSpec f = text(std::move(key), std::move(zh), required);
  f.type = type;
  f.min = min;
  f.max = max;
  return f;
}

FieldSpec integer(std::string key, std::string zh, double min, double max, bool required = true) {
  return number(std::move(key), std::move(zh), FieldType::Integer, min, max, required);
}

FieldSpec money(std::string key, std::string zh, std::string db_column) {
  FieldSpec f = number(std::move(key), std::move(zh), FieldType::Money, 0, 1e12);
  f.db_column = std::move(db_column);
  return f;
}

FieldSpec choice(std::string key, std::string zh, std::vector<Choice> choices, bool required = true) {
  FieldSpec f = text(std::move(key), std::move(zh), required);
  f.type = FieldType::Enum;
  f.choices = std::move(choices);
  return f;
}

FieldSpec school_ref(std::string key = "school_code", std::string zh = "学校代码") {
  FieldSpec f = text(std::move(key), std::move(zh));
  f.references = "schools";
  return f;
}

FieldSpec typed(FieldSpec f, FieldType t) {
  f.type = t;
  return f;
}

const std::vector<Choice> kGender = {{"M", "男"}, {"F", "女"}};

ImportKind schools_kind() {
  ImportKind k{"schools", "学校", "schools", {"school_code"}, {}};
  FieldSpec code = text("school_code", "学校代码");
  code.db_column = "code";
  k.fields = {
      code,
      text("name", "学校名称"),
      text("district_code", "区县代码"),
      [] {
        FieldSpec f = text("district_name", "区县名称");
        f.db_column = "-";  // written to districts, not schools
        return f;
      }(),
      choice("level", "学段",
             {{"primary", "小学"}, {"junior", "初中"}, {"nine_year", "九年一贯制"}, {"twelve_year", "十二年一贯制"},
              {"complete_secondary", "完全中学"}, {"senior", "高中"}}),
      choice("ownership", "办学性质", {{"public", "公办"}, {"private", "民办"}}),
      choice("locale", "城乡类别", {{"urban", "城区"}, {"town", "镇区"}, {"rural", "乡村"}}),
      text("address", "地址", false),
      number("lon", "经度", FieldType::Decimal, 73, 136, false),
      number("lat", "纬度", FieldType::Decimal, 3, 54, false),
  };
  return k;
}

ImportKind facts_kind() {
  ImportKind k{"school_facts", "学校年度数据", "school_facts", {"school_code", "school_year"}, {}};
  k.fields = {school_ref(), typed(text("school_year", "学年"), FieldType::SchoolYear)};
  const char* grade_zh[12] = {"一年级学生数", "二年级学生数", "三年级学生数", "四年级学生数", "五年级学生数", "六年级学生数",
                              "七年级学生数", "八年级学生数", "九年级学生数", "高一学生数",   "高二学生数",   "高三学生数"};
  for (int g = 1; g <= 12; ++g) k.fields.push_back(integer("students_g" + std::to_string(g), grade_zh[g - 1], 0, 5000));
  k.fields.push_back(integer("classes_primary", "小学班级数", 0, 300));
  k.fields.push_back(integer("classes_junior", "初中班级数", 0, 300));
  k.fields.push_back(integer("classes_senior", "高中班级数", 0, 300));
  k.fields.push_back(integer("largest_class", "最大班额", 0, 150));
  k.fields.push_back(integer("teachers_primary", "小学专任教师数", 0, 2000));
  k.fields.push_back(integer("teachers_junior", "初中专任教师数", 0, 2000));
  k.fields.push_back(integer("teachers_senior", "高中专任教师数", 0, 2000));
  k.fields.push_back(integer("teachers_above_degree_primary", "小学高于规定学历教师数", 0, 2000));
  k.fields.push_back(integer("teachers_above_degree_junior", "初中高于规定学历教师数", 0, 2000));
  k.fields.push_back(integer("backbone_teachers_primary", "小学县级以上骨干教师数", 0, 2000));
  k.fields.push_back(integer("backbone_teachers_junior", "初中县级以上骨干教师数", 0, 2000));
  k.fields.push_back(integer("pe_art_teachers_primary", "小学体育艺术专任教师数", 0, 2000));
  k.fields.push_back(integer("pe_art_teachers_junior", "初中体育艺术专任教师数", 0, 2000));
  k.fields.push_back(number("teaching_area_m2", "教学及辅助用房面积(平方米)", FieldType::Decimal, 0, 1e6));
  k.fields.push_back(number("sports_area_m2", "体育运动场馆面积(平方米)", FieldType::Decimal, 0, 1e6));
  k.fields.push_back(money("equipment_value_yuan", "教学仪器设备值(元)", "equipment_value_fen"));
  k.fields.push_back(integer("multimedia_rooms", "网络多媒体教室数", 0, 1000));
  k.fields.push_back(integer("music_rooms", "音乐专用教室数", 0, 100));
  k.fields.push_back(integer("art_rooms", "美术专用教室数", 0, 100));
  k.fields.push_back(money("public_budget_yuan", "公用经费预算(元)", "public_budget_fen"));
  k.fields.push_back(money("training_budget_yuan", "教师培训经费(元)", "training_budget_fen"));
  k.fields.push_back(money("payroll_yuan", "教职工工资总额(元)", "payroll_fen"));
  return k;
}

ImportKind teachers_kind() {
  ImportKind k{"teachers", "教师", "teachers", {"id_number"}, {}};
  k.fields = {
      typed(text("id_number", "身份证号"), FieldType::IdNumber),
      text("name", "姓名"),
      choice("gender", "性别", kGender),
      integer("birth_year", "出生年份", 1940, 2010),
      school_ref(),
      choice("level", "任教学段", {{"primary", "小学"}, {"junior", "初中"}, {"senior", "高中"}}),
      text("subject", "任教学科"),
      text("title", "职称", false),
      choice("education", "最高学历",
             {{"postgraduate", "研究生"}, {"bachelor", "本科"}, {"associate", "专科"}, {"secondary", "高中及以下"}}),
      [] {
        FieldSpec f = choice("backbone_level", "骨干教师级别",
                             {{"none", "无"}, {"county", "县级"}, {"city", "市级"}, {"province", "省级"}, {"national", "国家级"}},
                             false);
        f.default_value = "none";
        return f;
      }(),
      integer("school_since", "本校任教起始年份", 1960, 2100),
  };
  return k;
}

ImportKind students_kind() {
  ImportKind k{"students", "学生", "students", {"id_number"}, {}};
  k.fields = {
      typed(text("id_number", "身份证号"), FieldType::IdNumber),
      text("name", "姓名"),
      choice("gender", "性别", kGender),
      typed(text("birth_date", "出生日期"), FieldType::Date),
      choice("hukou_type", "户籍类型", {{"local_urban", "本地城镇"}, {"local_rural", "本地农村"}, {"nonlocal", "外地"}}),
      typed(text("migrant", "随迁子女"), FieldType::Bool),
      school_ref(),
      integer("grade", "年级", 1, 12),
      integer("class_no", "班级号", 1, 60),
      // Optional: the number the school's 体测 / 视力筛查 / 五育 files use (student_id there), never an ID number.
      text("student_no", "学号", false),
  };
  return k;
}

}  // namespace

const std::vector<ImportKind>& import_kinds() {
  static const std::vector<ImportKind> kinds = {schools_kind(), facts_kind(), teachers_kind(), students_kind()};
  return kinds;
}

const ImportKind* find_import_kind(const std::string& name) {
  for (const auto& k : import_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

const FieldSpec* find_field(const ImportKind& kind, const std::string& key) {
  for (const auto& f : kind.fields)
    if (f.key == key) return &f;
  return nullptr;
}

std::string choice_label(const FieldSpec& field, const std::string& value) {
  for (const auto& c : field.choices)
    if (c.value == value) return c.label;
  return value;
}

}  // namespace youjun::import
