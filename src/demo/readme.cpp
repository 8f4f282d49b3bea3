// README.txt of a generated demo city (Chinese, for the bureau staff who open the folder).
#include <cstdio>

#include "demo/tables.hpp"

namespace youjun::demo {

std::string readme_text(const City& city, const DemoSummary& s) {
  std::string seed = std::to_string(city.seed);
  char scale[32];
  std::snprintf(scale, sizeof scale, "%g", city.scale);
  std::string t;
  t += "优均 youjun 演示城市数据（合成数据，以浙江省绍兴市为原型）\r\n";
  t += "==================================================\r\n\r\n";
  t += "本目录由 `youjun demo generate --seed " + seed + " --scale " + scale + "` 生成。\r\n";
  t += "所有学校、教师、学生均为虚构；姓名、身份证号、地址与真实人员和机构无关。\r\n";
  t += "区县名称与行政区划代码（越城区 330602、柯桥区 330603、上虞区 330604、诸暨市 330681、\r\n";
  t += "嵊州市 330683、新昌县 330624）和镇街名称取自真实地名，仅用于增加真实感。\r\n";
  t += "同一种子（seed）与规模（scale）生成逐字节相同的文件（生成器自带随机数算法，不依赖标准库）。\r\n\r\n";
  t += "文件\r\n----\r\n";
  t += "schools.csv        学校（" + std::to_string(s.schools) + " 所）：学校代码、名称、区县、学段、办学性质、城乡类别、地址、经纬度。\r\n";
  t += "school_facts.csv   学校年度数据（2024-2025、2025-2026 两个学年，共 " + std::to_string(s.facts_rows) +
       " 行）：各年级学生数、班级数、\r\n";
  t += "                   最大班额、专任教师数、高于规定学历/骨干/体育艺术教师数、校舍与运动场面积、\r\n";
  t += "                   教学仪器设备值、多媒体教室、音乐美术专用教室、公用经费、培训经费、工资总额。\r\n";
  t += "teachers.csv       专任教师（" + std::to_string(s.teachers) + " 名，2025-2026 学年），每人一行。\r\n";
  t += "students.csv       在校学生（" + std::to_string(s.students) + " 名，2025-2026 学年），每人一行，含班级号。\r\n";
  t += "catchments.geojson 学区范围（WGS-84）：公办小学、初中、九年一贯制学校每校一个学区（九年一贯制学校\r\n";
  t += "                   小学、初中各一个，属性 stage 区分），另有 " + std::to_string(s.multi_school_catchments) +
       " 个多校划片区（属性 kind = \"multi\"，school_codes 列出多所学校）。\r\n";
  t += "                   同一区县同一学段的学区互不重叠、覆盖全区县。\r\n";
  t += "birth_cohorts.csv  学区预警用：各学区按出生年份的适龄儿童数（catchment_id,birth_year,children）。\r\n";
  t += "new_housing.csv    学区预警用：部分城区小学学区新交付住房套数（catchment_id,year,homes）。\r\n";
  t += "intake_seats.csv   学区预警用：各校起始年级学位数（school_id,stage,seats）。\r\n";
  t += "                   试算：youjun enroll warn --catchments catchments.geojson --cohorts birth_cohorts.csv\r\n";
  t += "                         --housing new_housing.csv --seats intake_seats.csv --year 2026 --stage primary\r\n";
  t += "creations_achieved.csv 五大创建达成情况（演示数据）：各区县对照 004 进度安排。试算：\r\n";
  t += "                   youjun balance creations --achieved creations_achieved.csv --year 2026\r\n";
  t += "addresses.csv      地址库：各小学学区内的门牌地址及经纬度（WGS-84；多校划片区内更多），家长可按地址查询学区。\r\n";
  t += "lottery_applicants.csv, lottery_seats.csv\r\n";
  t += "                   公民同招演示：各民办小学一年级报名人数超过学位，电脑随机派位；未录取者回到同区公办学校\r\n";
  t += "                   （fallback_school_id）。demo load 会登记、派位（种子 20260901）并公布这次派位。\r\n";
  t += "match_students.csv, match_schools.csv\r\n";
  t += "                   多校划片演示：各小学多校划片区的适龄儿童按志愿排列区内学校（student_id,prefs,tier），\r\n";
  t += "                   各校拿出约五分之一一年级学位给本片区；延迟接受算法按类别、摇号号码匹配。\r\n";
  t += "                   试算：youjun enroll match --students match_students.csv --schools match_schools.csv --seed 20260902\r\n";
  t += "                   demo load 会登记、匹配（种子 20260902）并公布。\r\n";
  t += "fitness_records.csv 体质健康测试成绩（每名在校学生一行，国家学生体质健康标准 2014 年修订的测试项目；\r\n";
  t += "                   学生编号为 学校代码-年级-班级-座号，不含个人信息）。试算：\r\n";
  t += "                   youjun evaluate fitness --records fitness_records.csv --profile yichang\r\n";
  t += "manifest.json      种子、规模、各文件行数与 SHA-256、各区县汇总、生成器对优质均衡指标的简化估算。\r\n\r\n";
  t += "格式\r\n----\r\n";
  t += "CSV 文件为 UTF-8（带 BOM），Excel 可直接打开；表头为中文列名，与“导入格式”文档一致。\r\n";
  t += "schools.csv 与 students.csv 的枚举值用中文（小学、公办、城区、男、本地城镇、是），teachers.csv 用英文\r\n";
  t += "取值（primary、bachelor、county、M），两种写法导入时都接受。金额单位为元，面积单位为平方米。\r\n\r\n";
  t += "导入\r\n----\r\n";
  t += "一次导入全部文件并创建演示账号：youjun demo load --db city.db --dir 本目录\r\n";
  t += "或按顺序逐个导入（学校须先于其他文件）：\r\n";
  t += "  youjun db init --db city.db\r\n";
  t += "  youjun import schools schools.csv --db city.db\r\n";
  t += "  youjun import school_facts school_facts.csv --db city.db\r\n";
  t += "  youjun import teachers teachers.csv --db city.db\r\n";
  t += "  youjun import students students.csv --db city.db\r\n\r\n";
  t += "数据口径\r\n--------\r\n";
  t += "- 年级编码：小学 1–6，初中 7–9，高中 10–12。学生出生日期与年级一致：2025-2026 学年一年级为\r\n";
  t += "  2018-09-01 至 2019-08-31 出生，依此类推。\r\n";
  t += "- 高于规定学历：小学为专科及以上，初中为本科及以上。演示数据中小学教师没有专科学历（只有本科、\r\n";
  t += "  研究生或中师/高中），因此按“本科及以上”统计小学也得到相同人数。\r\n";
  t += "- 县级以上骨干教师：骨干级别为县级、市级、省级或国家级。体育艺术专任教师：任教学科为体育、音乐、美术。\r\n";
  t += "- school_facts.csv 中 2025-2026 学年的学生数与 students.csv 逐校逐年级一致，教师各项人数与\r\n";
  t += "  teachers.csv 一致。\r\n\r\n";
  t += "有意设计的情形（便于演示督导与招生功能）\r\n----------------------------------------\r\n";
  t += "- 大多数学校达到优质均衡 7 项资源配置指标；少数学校有一两项未达标，个别学校多项明显不足；\r\n";
  t += "- 嵊州市（330683）乡镇学校运动场地宽裕而城区学校拥挤，“生均体育运动场馆面积”校际差异系数\r\n";
  t += "  超过限值（小学 0.50），其他区县各项差异系数达标；\r\n";
  t += "- 城区有在校生超过 2000 人的大规模学校和班额 56–70 人的大班额；乡村有不足 100 人的村小，\r\n";
  t += "  部分村小 2025-2026 学年一年级无新生（撤并候选）；\r\n";
  t += "- 学区预警：出生人口 2017 年后下降，多数学区亮绿灯；有新建住房、生源增长或停招的学区亮黄灯或红灯；\r\n";
  t += "- 城区学校随迁子女约占 15–25%，柯桥区、越城区部分民办学校以随迁子女为主。\r\n";
  t += "具体数字见 manifest.json 的 mix 与 balance_preview（生成器自己的简化估算，以系统督导结果为准）。\r\n";
  return t;
}

}  // namespace youjun::demo
