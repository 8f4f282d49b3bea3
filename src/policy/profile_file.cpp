#include "policy/profile_file.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>

#include <array>
#include <string_view>

namespace youjun::policy {

namespace {

constexpr std::array<std::string_view, 8> kRuleFields{"value", "cite",    "unit", "note",
                                                      "confidence", "compare", "from", "until"};
constexpr std::array<std::string_view, 4> kProfileFields{"name", "title", "base", "note"};
constexpr const char* kRuleFieldList = "value, cite, unit, note, confidence, compare, from, until";

template <size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view s) {
  for (auto x : list)
    if (x == s) return true;
  return false;
}

bool is_key_segment(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; };
  size_t b = 0, e = s.size();
  while (b < e && !not_space(s[b])) ++b;
  while (e > b && !not_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

class FileParser {
 public:
  FileParser(const PolicySource& src, ProfileFile& out, std::vector<Problem>& problems)
      : src_(src), out_(out), problems_(problems) {}

  void run(const toml::table& root) {
    parse_header(root);
    for (auto&& [k, node] : root) {
      std::string key(k.str());
      if (key == "profile") continue;
      if (key == "extends") {
        if (auto* t = node.as_table()) {
          walk(*t, "", out_.extensions, "extends.");
        } else {
          report("extends", "[extends] 必须是表：[extends.KEY] value = … cite = …");
        }
        continue;
      }
      walk_node(key, node, out_.overrides, "");
    }
  }

 private:
  void report(const std::string& key, std::string message) {
    problems_.push_back(Problem{src_.file, key, std::move(message)});
  }

  void parse_header(const toml::table& root) {
    const toml::table* p = root.get_as<toml::table>("profile");
    if (!p) {
      report("profile", "缺少 [profile] 表（name、title，覆盖层还需 base）");
      out_.name = src_.name;
      return;
    }
    for (auto&& [k, node] : *p) {
      std::string field(k.str());
      if (!contains(kProfileFields, field)) {
        report("profile." + field, "未知字段（允许: name, title, base, note）");
      } else if (!node.is_string()) {
        report("profile." + field, "必须是文本");
      }
    }
    out_.name = p->get_as<std::string>("name") ? p->get_as<std::string>("name")->get() : "";
    out_.title = trim(p->get_as<std::string>("title") ? p->get_as<std::string>("title")->get() : "");
    out_.base = p->get_as<std::string>("base") ? p->get_as<std::string>("base")->get() : "";
    out_.note = p->get_as<std::string>("note") ? p->get_as<std::string>("note")->get() : "";
    if (out_.name.empty()) {
      report("profile.name", "缺少 name");
      out_.name = src_.name;
    } else if (out_.name != src_.name) {
      report("profile.name", fmt::format("name \"{}\" 与文件名 \"{}.toml\" 不一致", out_.name, src_.name));
      out_.name = src_.name;
    }
    if (out_.title.empty()) report("profile.title", "缺少 title（中文名称）");
    if (p->contains("base") && out_.base.empty()) report("profile.base", "base 为空");
  }

  void walk(const toml::table& t, const std::string& prefix, std::map<std::string, Rule>& into,
            const std::string& shown_prefix) {
    for (auto&& [k, node] : t) walk_node(prefix + std::string(k.str()), node, into, shown_prefix);
  }

  void walk_node(const std::string& key, const toml::node& node, std::map<std::string, Rule>& into,
                 const std::string& shown_prefix) {
    const std::string shown = shown_prefix + key;
    const auto* t = node.as_table();
    if (!t) {
      report(shown, "规则必须写成表：[" + shown + "] value = … cite = \"…\"");
      return;
    }
    bool has_leaf = false, has_table = false, has_rule_field = false;
    for (auto&& [k, child] : *t) {
      (child.is_table() ? has_table : has_leaf) = true;
      has_rule_field = has_rule_field || (!child.is_table() && contains(kRuleFields, k.str()));
    }
    if (!has_leaf && !has_table) {
      report(shown, "空表：缺少 value 和 cite");
      return;
    }
    if (!has_rule_field) {  // a namespace table (maybe with bare values written by mistake)
      walk(*t, key + ".", into, shown_prefix);
      return;
    }
    if (has_table) {
      for (auto&& [k, child] : *t)
        if (child.is_table()) report(shown + "." + std::string(k.str()), "规则表内不能再嵌套子表");
    }
    parse_rule(key, shown, *t, into);
  }

  void check_key_name(const std::string& key, const std::string& shown) {
    size_t start = 0;
    while (true) {
      size_t dot = key.find('.', start);
      std::string_view seg(key.data() + start, (dot == std::string::npos ? key.size() : dot) - start);
      if (!is_key_segment(seg)) {
        report(shown, "键名各段只能由小写字母、数字和下划线组成");
        return;
      }
      if (dot == std::string::npos) return;
      start = dot + 1;
    }
  }

  std::optional<Value> parse_value(const std::string& shown, const toml::node& v) {
    if (auto i = v.value_exact<int64_t>()) return Value{static_cast<double>(*i)};
    if (auto d = v.value_exact<double>()) return Value{*d};
    if (auto b = v.value_exact<bool>()) return Value{*b};
    if (auto s = v.value_exact<std::string>()) return Value{*s};
    if (const auto* arr = v.as_array()) {
      std::vector<double> list;
      for (const auto& e : *arr) {
        if (auto i = e.value_exact<int64_t>()) list.push_back(static_cast<double>(*i));
        else if (auto d = e.value_exact<double>()) list.push_back(*d);
        else {
          report(shown, "value 数组只能包含数值");
          return std::nullopt;
        }
      }
      return Value{std::move(list)};
    }
    report(shown, "value 的类型不支持（允许: 数值、文本、布尔值、数值数组）");
    return std::nullopt;
  }

  std::string text_field(const std::string& shown, const toml::table& t, const char* field) {
    const toml::node* n = t.get(field);
    if (!n) return "";
    if (auto s = n->value_exact<std::string>()) return *s;
    report(shown, fmt::format("{} 必须是文本", field));
    return "";
  }

  std::optional<int> year_field(const std::string& shown, const toml::table& t, const char* field) {
    const toml::node* n = t.get(field);
    if (!n) return std::nullopt;
    auto y = n->value_exact<int64_t>();
    if (!y || *y < 1900 || *y > 2200) {
      report(shown, fmt::format("{} 必须是年份（整数，1900–2200）", field));
      return std::nullopt;
    }
    return static_cast<int>(*y);
  }

  void parse_rule(const std::string& key, const std::string& shown, const toml::table& t,
                  std::map<std::string, Rule>& into) {
    check_key_name(key, shown);
    for (auto&& [k, child] : t) {
      std::string field(k.str());
      if (!child.is_table() && !contains(kRuleFields, field))
        report(shown, fmt::format("未知字段 \"{}\"（允许: {}）", field, kRuleFieldList));
    }
    Rule r;
    r.key = key;
    r.profile = src_.name;
    r.file = src_.file;
    r.cite = trim(text_field(shown, t, "cite"));
    r.unit = text_field(shown, t, "unit");
    r.note = text_field(shown, t, "note");
    r.confidence = text_field(shown, t, "confidence");
    r.compare = text_field(shown, t, "compare");
    r.from = year_field(shown, t, "from");
    r.until = year_field(shown, t, "until");
    if (!t.contains("cite")) report(shown, "缺少 cite（出处：文件与条款）");
    else if (r.cite.empty()) report(shown, "cite 为空");
    if (!r.confidence.empty() && !is_confidence_tag(r.confidence))
      report(shown, "confidence 只能是 V-gov、V-3p 或 R");
    if (!r.compare.empty() && !is_compare_op(r.compare)) report(shown, "compare 只能是 <=、<、>=、> 或 =");
    if (r.from && r.until && *r.from > *r.until) report(shown, "from 晚于 until");
    const toml::node* v = t.get("value");
    if (!v) {
      report(shown, "缺少 value");
      return;
    }
    auto value = parse_value(shown, *v);
    if (!value) return;
    r.value = std::move(*value);
    if (!r.compare.empty() && type_of(r.value) != ValueType::number) report(shown, "compare 只用于数值规则");
    into[key] = std::move(r);
  }

  const PolicySource& src_;
  ProfileFile& out_;
  std::vector<Problem>& problems_;
};

}  // namespace

ProfileFile parse_profile_file(const PolicySource& src, std::vector<Problem>& problems) {
  ProfileFile out;
  out.name = src.name;
  out.file = src.file;
  toml::table root;
  try {
    root = toml::parse(src.content, src.file);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    problems.push_back(Problem{src.file, fmt::format("{}:{}", at.line, at.column),
                               "TOML 语法错误: " + std::string(e.description())});
    return out;
  }
  out.parsed = true;
  FileParser(src, out, problems).run(root);
  return out;
}

}  // namespace youjun::policy
