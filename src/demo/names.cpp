#include "demo/names.hpp"

#include <vector>

namespace youjun::demo {

namespace {

struct Surnames {
  std::vector<std::string> names;
  std::vector<double> weights;
};

// Common surnames of 绍兴 with rough relative frequencies (陈 and 王 lead in Zhejiang; 楼, 寿, 俞,
// 裘, 竺 are typical of 诸暨 and 嵊州).
const Surnames& surnames() {
  static const Surnames s = [] {
    const std::pair<const char*, double> table[] = {
        {"陈", 8.5}, {"王", 7.0}, {"张", 5.0}, {"李", 4.5}, {"周", 3.0}, {"吴", 3.0}, {"徐", 2.8}, {"杨", 2.5},
        {"金", 2.2}, {"刘", 2.0}, {"朱", 2.0}, {"黄", 2.0}, {"孙", 1.8}, {"胡", 1.8}, {"俞", 1.5}, {"赵", 1.5},
        {"沈", 1.5}, {"钱", 1.2}, {"何", 1.3}, {"郑", 1.3}, {"马", 1.2}, {"蒋", 1.2}, {"丁", 1.0}, {"潘", 1.0},
        {"章", 1.0}, {"宋", 0.9}, {"许", 0.9}, {"方", 0.9}, {"高", 0.9}, {"叶", 0.9}, {"傅", 0.8}, {"林", 0.8},
        {"楼", 0.7}, {"袁", 0.7}, {"姚", 0.7}, {"谢", 0.7}, {"冯", 0.6}, {"董", 0.6}, {"汪", 0.6}, {"蔡", 0.6},
        {"吕", 0.6}, {"罗", 0.6}, {"魏", 0.5}, {"毛", 0.5}, {"邵", 0.5}, {"梁", 0.5}, {"韩", 0.5}, {"唐", 0.5},
        {"曹", 0.5}, {"余", 0.5}, {"屠", 0.4}, {"史", 0.4}, {"孟", 0.4}, {"任", 0.4}, {"杜", 0.4}, {"彭", 0.4},
        {"程", 0.4}, {"石", 0.4}, {"范", 0.4}, {"寿", 0.3}, {"边", 0.3}, {"鲁", 0.3}, {"裘", 0.3}, {"田", 0.3},
        {"贺", 0.3}, {"宣", 0.3}, {"应", 0.3}, {"骆", 0.3}, {"严", 0.3}, {"倪", 0.3}, {"竺", 0.2}, {"商", 0.2},
        {"诸葛", 0.05}, {"欧阳", 0.05}};
    Surnames out;
    for (auto& [name, w] : table) {
      out.names.push_back(name);
      out.weights.push_back(w);
    }
    return out;
  }();
  return s;
}

const std::vector<std::string> kBoyChars = {
    "子", "梓", "浩", "宇", "轩", "睿", "泽", "辰", "俊", "博", "文", "皓", "宸", "铭", "杰", "昊", "锦",
    "瑞", "峻", "逸", "航", "一", "嘉", "奕", "沐", "晨", "然", "涵", "阳", "凯", "鑫", "彦", "哲", "煜",
    "翔", "鹏", "楷", "承", "佑", "齐", "言", "天", "佳", "诚", "思", "程", "毅", "宁", "霖", "源"};
const std::vector<std::string> kGirlChars = {
    "子", "梓", "涵", "欣", "怡", "诺", "语", "思", "雨", "佳", "可", "沐", "悦", "琪", "萱", "妍", "瑶",
    "彤", "依", "馨", "嘉", "安", "诗", "钰", "若", "一", "晨", "雅", "婷", "菲", "蕊", "芯", "梦", "晴",
    "雪", "心", "颖", "静", "文", "乐", "欢", "紫", "桐", "希", "颜", "如", "月", "芮", "宁", "佩"};
const std::vector<std::string> kManChars = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "斌", "平", "建", "国", "华", "海", "鹏",
    "浩", "飞", "波", "峰", "宏", "亮", "俊", "辉", "林", "锋", "成", "健", "东", "立", "新", "晓", "剑",
    "振", "良", "荣", "忠", "永", "庆"};
const std::vector<std::string> kWomanChars = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "红", "婷", "颖", "琳", "晶", "雪", "慧", "玲",
    "萍", "洁", "倩", "英", "梅", "莉", "华", "青", "蓉", "佳", "露", "丹", "璐", "琴", "芬", "君", "云",
    "晓", "秀", "莹", "薇", "妍", "红"};

const std::vector<std::string> kVillageFirst = {
    "东", "西", "南", "北", "上", "下", "前", "后", "大", "小", "新", "石", "山", "湖", "溪", "塘", "桥", "黄",
    "王", "陈", "张", "李", "金", "马", "竹", "梅", "桃", "柳", "枫", "杨", "蒋", "楼", "俞", "双", "三", "横"};
const std::vector<std::string> kVillageSecond = {
    "村", "岙", "坑", "头", "岭", "桥", "塘", "溪", "山", "湾", "畈", "坞", "家", "宅", "埠", "浦", "口", "庄",
    "墅", "林", "田", "园", "江", "潭"};

const std::vector<std::string> kRoadFirst = {
    "人民", "解放", "中兴", "建设", "新华", "文化", "学府", "育才", "江滨", "湖滨", "东风", "和平", "健康",
    "青年", "城北", "城东", "滨江", "环城", "工业", "振兴", "凤凰", "鉴湖", "越秀", "兴越", "阳光", "金山",
    "胜利", "迎宾", "光明", "永兴"};
const std::vector<std::string> kRoadSecond = {"路", "路", "路", "街", "大道", "东路", "西路", "北路", "南路"};

}  // namespace

std::string person_name(Rng& rng, bool male, Generation generation) {
  const Surnames& s = surnames();
  std::string name = s.names[rng.weighted(s.weights)];
  const auto& chars = generation == Generation::Child ? (male ? kBoyChars : kGirlChars)
                                                      : (male ? kManChars : kWomanChars);
  double single = generation == Generation::Child ? 0.15 : 0.35;
  std::string first = rng.pick(chars);
  name += first;
  if (!rng.chance(single)) {
    std::string second = rng.pick(chars);
    if (second == first && rng.chance(0.7)) second = rng.pick(chars);
    name += second;
  }
  return name;
}

std::string village_name(Rng& rng) { return rng.pick(kVillageFirst) + rng.pick(kVillageSecond); }

std::string road_name(Rng& rng) { return rng.pick(kRoadFirst) + rng.pick(kRoadSecond); }

std::string chinese_number(int n) {
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return digits[n];
  std::string out;
  if (n / 10 > 1) out += digits[n / 10];
  out += "十";
  if (n % 10) out += digits[n % 10];
  return out;
}

}  // namespace youjun::demo
