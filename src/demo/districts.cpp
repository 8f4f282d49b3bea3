// The six districts of the demo city with their real 行政区划代码, names, approximate centres and
// real street/town names. Shares and urban shares are rough real-world proportions.
#include "demo/city.hpp"

namespace youjun::demo {

std::string school_year_name(int year_index) {
  int start = year_start(year_index);
  return std::to_string(start) + "-" + std::to_string(start + 1);
}

const char* level_value(Level level) {
  switch (level) {
    case Level::Primary: return "primary";
    case Level::Junior: return "junior";
    case Level::NineYear: return "nine_year";
    case Level::TwelveYear: return "twelve_year";
    case Level::CompleteSecondary: return "complete_secondary";
    case Level::Senior: return "senior";
  }
  return "primary";
}

const char* level_label(Level level) {
  switch (level) {
    case Level::Primary: return "小学";
    case Level::Junior: return "初中";
    case Level::NineYear: return "九年一贯制";
    case Level::TwelveYear: return "十二年一贯制";
    case Level::CompleteSecondary: return "完全中学";
    case Level::Senior: return "高中";
  }
  return "小学";
}

const char* locale_value(Locale locale) {
  return locale == Locale::Urban ? "urban" : locale == Locale::Town ? "town" : "rural";
}

const char* locale_label(Locale locale) {
  return locale == Locale::Urban ? "城区" : locale == Locale::Town ? "镇区" : "乡村";
}

bool has_stage(Level level, int stage) {
  switch (level) {
    case Level::Primary: return stage == kPrimary;
    case Level::Junior: return stage == kJunior;
    case Level::NineYear: return stage != kSenior;
    case Level::TwelveYear: return true;
    case Level::CompleteSecondary: return stage != kPrimary;
    case Level::Senior: return stage == kSenior;
  }
  return false;
}

const std::vector<District>& districts() {
  static const std::vector<District> all = [] {
    std::vector<District> d;
    d.push_back({"330602", "越城区", "district", "绍兴市越城区", "330602", 0, 0.18, 0.45, 120.582, 29.997, {3, 5},
                 {"府山街道", "塔山街道", "北海街道", "城南街道", "稽山街道", "迪荡街道", "灵芝街道", "东湖街道"},
                 {"皋埠街道", "马山街道", "孙端街道", "斗门街道", "东浦街道", "鉴湖街道"},
                 {"陶堰街道", "富盛镇"},
                 {"鲁迅", "塔山", "府山", "稽山", "阳明", "蕺山", "元培", "秋瑾", "东湖", "迪荡", "北海", "城南",
                  "昌安", "树人", "马臻", "越州", "锡麟", "孔德", "建功", "快阁", "投醪河", "长城", "镜湖",
                  "袍江", "文澜", "启明", "仓桥", "秋官", "东光", "蕙兰"}});
    d.push_back({"330603", "柯桥区", "district", "绍兴市柯桥区", "330621", 2014, 0.20, 0.33, 120.493, 30.083,
                 {-12, 10},
                 {"柯桥街道", "华舍街道", "柯岩街道", "湖塘街道", "齐贤街道", "福全街道"},
                 {"安昌街道", "钱清街道", "杨汛桥街道", "马鞍街道", "兰亭街道", "漓渚镇", "平水镇", "夏履镇"},
                 {"王坛镇", "稽东镇"},
                 {"柯桥", "华舍", "柯岩", "湖塘", "笛扬", "兰亭", "轻纺城", "鉴湖", "柯灵", "蓝天", "瓜渚", "金柯桥",
                  "湖西", "大渡", "群贤", "古越", "青藤", "柯东", "柯北", "齐贤", "钱清", "安昌", "笛里", "越秀",
                  "会稽"}});
    d.push_back({"330604", "上虞区", "district", "绍兴市上虞区", "330682", 2014, 0.17, 0.30, 120.868, 30.033, {32, 5},
                 {"百官街道", "曹娥街道", "东关街道", "梁湖街道"},
                 {"道墟街道", "小越街道", "崧厦街道", "沥海街道", "谢塘镇", "丰惠镇", "驿亭镇", "盖北镇", "章镇镇",
                  "永和镇", "汤浦镇"},
                 {"长塘镇", "上浦镇", "下管镇", "岭南乡", "陈溪乡", "丁宅乡"},
                 {"百官", "曹娥", "春晖", "滨江", "舜耕", "华维", "竺可桢", "谢安", "东关", "梁湖", "天香", "凤鸣",
                  "鹤琴", "经亨颐", "城南", "城北", "舜江", "孝德", "英台", "江扬", "崇文", "龙山", "金近", "白马湖",
                  "星光"}});
    d.push_back({"330681", "诸暨市", "county_city", "诸暨市", "330681", 0, 0.21, 0.28, 120.246, 29.713, {-35, -35},
                 {"暨阳街道", "浣东街道", "陶朱街道", "暨南街道"},
                 {"大唐街道", "店口镇", "枫桥镇", "次坞镇", "牌头镇", "安华镇", "山下湖镇", "草塔镇", "姚江镇",
                  "璜山镇", "街亭镇", "王家井镇", "应店街镇"},
                 {"五泄镇", "同山镇", "东白湖镇", "赵家镇", "马剑镇", "岭北镇", "东和乡", "阮市镇"},
                 {"暨阳", "浣东", "浣纱", "西施", "陶朱", "城东", "城西", "城北", "暨南", "天马", "荣怀", "海亮",
                  "滨江", "东盛", "艮塔", "苎萝", "浣江", "王冕", "杨维桢", "友谊", "开放", "江东", "城关", "东白",
                  "紫阆"}});
    d.push_back({"330683", "嵊州市", "county_city", "嵊州市", "330683", 0, 0.14, 0.28, 120.821, 29.588, {12, -40},
                 {"剡湖街道", "三江街道", "鹿山街道", "浦口街道"},
                 {"甘霖镇", "长乐镇", "崇仁镇", "黄泽镇", "三界镇"},
                 {"石璜镇", "谷来镇", "仙岩镇", "金庭镇", "北漳镇", "下王镇", "贵门乡", "里南乡", "竹溪乡", "雅璜乡",
                  "王院乡", "通源乡"},
                 {"剡湖", "鹿山", "三江", "城南", "城北", "城关", "剡山", "马寅初", "逸夫", "爱德", "艇湖", "官河",
                  "剡溪", "鹿门", "越剧", "北直街", "东圃", "罗星", "城西", "阳光", "嵊山", "瞻山"}});
    d.push_back({"330624", "新昌县", "county", "新昌县", "330624", 0, 0.10, 0.28, 120.905, 29.499, {40, -62},
                 {"七星街道", "南明街道", "羽林街道"},
                 {"沃洲镇", "儒岙镇", "澄潭镇", "大市聚镇", "梅渚镇", "小将镇"},
                 {"镜岭镇", "回山镇", "东茗乡", "双彩乡", "城南乡"},
                 {"七星", "南明", "羽林", "鼓山", "城关", "城西", "天姥", "知新", "沃洲", "大佛", "南岩", "东门",
                  "北门", "西门", "文渊", "鼓楼", "兰沿", "桃源", "长诏", "梅溪", "环城", "鸣凤"}});
    return d;
  }();
  return all;
}

}  // namespace youjun::demo
