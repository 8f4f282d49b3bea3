#include "evaluate/fitness_tables.hpp"

#include <algorithm>
#include <charconv>
#include <climits>

#include "admit/decimal.hpp"

namespace youjun::evaluate {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == sep) {
      out.push_back(trim(line.substr(start, i - start)));
      start = i + 1;
    }
  return out;
}

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size() && !s.empty();
}

// One table file's lines: the declared sources, the header, and the data rows with their line numbers.
struct RawFile {
  std::string name;
  std::map<std::string, std::string> sources;
  std::vector<std::string_view> header;
  std::vector<std::pair<int, std::vector<std::string_view>>> rows;
};

Status read_raw(const EmbeddedFile& f, RawFile& raw) {
  raw.name = std::string(f.name);
  int line_no = 0;
  size_t start = 0;
  while (start < f.content.size()) {
    size_t end = f.content.find('\n', start);
    if (end == std::string_view::npos) end = f.content.size();
    std::string_view line = trim(f.content.substr(start, end - start));
    start = end + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line.front() == '#') {
      std::string_view rest = trim(line.substr(1));
      if (rest.substr(0, 4) == "src ") {
        size_t eq = rest.find('=');
        if (eq == std::string_view::npos)
          return make_error("policy/fitness/" + raw.name + ":" + std::to_string(line_no) + ": 来源声明应为 # src KEY = 出处");
        raw.sources[std::string(trim(rest.substr(4, eq - 4)))] = std::string(trim(rest.substr(eq + 1)));
      }
      continue;
    }
    if (raw.header.empty()) raw.header = split(line, ',');
    else raw.rows.emplace_back(line_no, split(line, ','));
  }
  return ok_status();
}

std::string where(const RawFile& raw, int line) { return "policy/fitness/" + raw.name + ":" + std::to_string(line) + ": "; }

Status check_header(const RawFile& raw, const std::vector<std::string_view>& expected) {
  if (raw.header != expected) {
    std::string want;
    for (auto e : expected) want += (want.empty() ? "" : ",") + std::string(e);
    return make_error("policy/fitness/" + raw.name + ":1: 表头应为 " + want);
  }
  return ok_status();
}

Status check_sources(const RawFile& raw, int line, std::string_view sources) {
  if (sources.empty()) return make_error(where(raw, line) + "sources 为空：每行须注明来源");
  for (auto key : split(sources, ';'))
    if (!raw.sources.count(std::string(key)))
      return make_error(where(raw, line) + "来源 " + std::string(key) + " 未在文件头以 # src 声明");
  return ok_status();
}

Status grade_and_sex(const RawFile& raw, int line, std::string_view g, std::string_view s, size_t& out) {
  int grade = 0;
  if (!parse_int(g, grade) || grade < kMinGrade || grade > kMaxGrade)
    return make_error(where(raw, line) + "grade 应为 1–12");
  if (s != "M" && s != "F") return make_error(where(raw, line) + "sex 应为 M 或 F");
  out = slot(grade, s == "M" ? Sex::male : Sex::female);
  return ok_status();
}

Result<ItemTable> parse_item_table(const RawFile& raw, const char* value_column) {
  if (auto st = check_header(raw, {"grade", "sex", value_column, "threshold", "sources"}); !st) return st.error();
  ItemTable t;
  t.name = raw.name.substr(0, raw.name.size() - 4);
  t.source_notes = raw.sources;
  for (const auto& [line, cells] : raw.rows) {
    if (cells.size() != 5) return make_error(where(raw, line) + "应有 5 列");
    size_t s = 0;
    if (auto st = grade_and_sex(raw, line, cells[0], cells[1], s); !st) return st.error();
    TableRow row;
    auto threshold = parse_measure(cells[3]);
    if (!parse_int(cells[2], row.points) || row.points <= 0 || !threshold)
      return make_error(where(raw, line) + "应为正整数分值和数值阈值");
    row.threshold = *threshold;
    if (auto st = check_sources(raw, line, cells[4]); !st) return st.error();
    row.sources = std::string(cells[4]);
    auto& rows = t.rows[s];
    if (!rows.empty() && rows.back().points <= row.points)
      return make_error(where(raw, line) + "同一年级、性别内分值应逐行递减");
    rows.push_back(std::move(row));
  }
  // Direction: the first slot with two rows decides; every slot must agree, strictly.
  int direction = 0;
  for (const auto& rows : t.rows)
    for (size_t i = 1; i < rows.size(); ++i) {
      int d = rows[i].threshold > rows[i - 1].threshold ? 1 : rows[i].threshold < rows[i - 1].threshold ? -1 : 0;
      if (direction == 0) direction = d;
      if (d == 0 || d != direction)
        return make_error("policy/fitness/" + raw.name + ": 阈值须严格单调（" + std::to_string(rows[i].points) + " 分一行与上一行）");
    }
  t.lower_is_better = direction > 0;
  return t;
}

Status parse_bmi(const RawFile& raw, FitnessTables& out) {
  if (auto st = check_header(raw, {"grade", "sex", "band", "points", "min", "max", "sources"}); !st) return st;
  out.bmi_source_notes = raw.sources;
  for (const auto& [line, cells] : raw.rows) {
    if (cells.size() != 7) return make_error(where(raw, line) + "应有 7 列");
    size_t s = 0;
    if (auto st = grade_and_sex(raw, line, cells[0], cells[1], s); !st) return st;
    BmiBand b;
    b.band = std::string(cells[2]);
    if (!parse_int(cells[3], b.points) || b.points <= 0) return make_error(where(raw, line) + "points 应为正整数");
    for (int k : {4, 5}) {
      if (cells[k].empty()) continue;
      auto v = parse_measure(cells[k]);
      if (!v) return make_error(where(raw, line) + "min/max 应为数值或留空");
      (k == 4 ? b.min : b.max) = *v;
    }
    if (!b.min && !b.max) return make_error(where(raw, line) + "min 与 max 不能都为空");
    if (auto st = check_sources(raw, line, cells[6]); !st) return st;
    b.sources = std::string(cells[6]);
    out.bmi[s].push_back(std::move(b));
  }
  // Bands of a (grade, sex) must tile the line at 0.1 steps: one open below, one open above, no gap.
  for (auto& bands : out.bmi) {
    if (bands.empty()) continue;
    std::sort(bands.begin(), bands.end(), [](const BmiBand& a, const BmiBand& b) {
      return a.min.value_or(INT64_MIN) < b.min.value_or(INT64_MIN);
    });
    bool ok = !bands.front().min && !bands.back().max;
    for (size_t i = 1; ok && i < bands.size(); ++i)
      ok = bands[i - 1].max && bands[i].min && *bands[i].min == *bands[i - 1].max + 100;
    if (!ok) return make_error("policy/fitness/bmi.csv: " + bands.front().band + " 等分档须首尾相接（相差 0.1）且两端开放");
  }
  // Summaries count students per band by position, so every grade must list the same bands (at most 4).
  const std::vector<BmiBand>* first = nullptr;
  for (const auto& bands : out.bmi) {
    if (bands.empty()) continue;
    if (!first) first = &bands;
    bool same = bands.size() == first->size() && bands.size() <= 4;
    for (size_t i = 0; same && i < bands.size(); ++i) same = bands[i].band == (*first)[i].band;
    if (!same) return make_error("policy/fitness/bmi.csv: 各年级、性别须有同样的分档（至多 4 档，按 BMI 由低到高同序）");
  }
  return ok_status();
}

}  // namespace

std::optional<Milli> parse_measure(std::string_view text) {
  text = trim(text);
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (!text.empty() && text.back() == '"') text.remove_suffix(1);
  size_t sep = text.find_first_of("':");
  if (sep != std::string_view::npos) {  // minutes'seconds
    int minutes = 0;
    if (negative || !parse_int(text.substr(0, sep), minutes) || minutes < 0) return std::nullopt;
    auto seconds = admit::parse_milli(text.substr(sep + 1));
    if (!seconds || *seconds >= 60 * kMilli) return std::nullopt;
    return minutes * 60 * kMilli + *seconds;
  }
  auto v = admit::parse_milli(text);
  if (!v) return std::nullopt;
  return negative ? -*v : *v;
}

std::string measure_text(Milli v) {
  std::string sign = v < 0 ? "-" : "";
  return sign + admit::milli_text(v < 0 ? -v : v);
}

Milli divide_rounded(__int128 n, __int128 d, int decimals) {
  Milli unit = 1;
  for (int i = decimals; i < 3; ++i) unit *= 10;
  __int128 q = n / (d * unit), r = n % (d * unit);
  if (2 * r >= d * unit) ++q;
  return static_cast<Milli>(q * unit);
}

int lookup_points(const std::vector<TableRow>& rows, bool lower_is_better, Milli value) {
  for (const auto& r : rows)
    if (lower_is_better ? value <= r.threshold : value >= r.threshold) return r.points;
  return 0;
}

Result<FitnessTables> parse_fitness_tables(const std::vector<EmbeddedFile>& files) {
  FitnessTables out;
  for (const auto& f : files) {
    RawFile raw;
    if (auto st = read_raw(f, raw); !st) return st.error();
    if (raw.name == "bmi.csv") {
      if (auto st = parse_bmi(raw, out); !st) return st.error();
      continue;
    }
    bool bonus = raw.name.rfind("bonus_", 0) == 0;
    auto table = parse_item_table(raw, bonus ? "bonus" : "points");
    if (!table) return table.error();
    std::string key = bonus ? table->name.substr(6) : table->name;
    (bonus ? out.bonus : out.items)[key] = std::move(*table);
  }
  return out;
}

const Result<FitnessTables>& fitness_tables() {
  static const Result<FitnessTables> tables = parse_fitness_tables(embedded_fitness_tables());
  return tables;
}

}  // namespace youjun::evaluate
