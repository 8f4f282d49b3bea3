#include "evaluate/fitness_summary.hpp"

#include <algorithm>
#include <tuple>

#include "core/parallel.hpp"

namespace youjun::evaluate {

void FitnessAggregate::add(const FitnessRules& rules, const FitnessResult& r) {
  ++students;
  complete += r.complete;
  ++levels[r.level];
  total_sum += r.total;
  for (size_t i = 0; i < rules.items.size(); ++i) {
    if (r.state[i] != kScored) continue;
    ++item_tested[i];
    item_points_sum[i] += r.points[i];
    // Each table row carries the same four levels as the total (100–90 优秀, 85–80 良好, 78–60 及格);
    // BMI is counted by band (低体重, 正常, 超重, 肥胖 — the bands of every grade come in this order).
    if (rules.items[i].better == Better::band) ++item_levels[i][static_cast<size_t>(r.bmi_band)];
    else ++item_levels[i][level_of(rules, static_cast<Milli>(r.points[i]) * kMilli)];
  }
}

namespace {

struct Scope {
  const char* name;
  int column, second;  // column -2: everyone; second: class ids are unique only within their school
};

std::vector<FitnessAggregate> aggregate_scope(const Scope& s, const io::Table& t, const RecordColumns& c,
                                              const FitnessRules& rules, const std::vector<FitnessRecord>& records,
                                              const std::vector<FitnessResult>& results) {
  // Keys are views into the table (no string per record: 1M records × 4 scopes).
  using Key = std::tuple<std::string_view, std::string_view, std::string_view>;  // key, second key, year
  std::map<Key, FitnessAggregate> groups;
  auto last = groups.end();
  for (size_t i = 0; i < records.size(); ++i) {
    size_t row = records[i].row;
    Key key{s.column == -2 ? std::string_view{} : t.cell(row, s.column),
            s.second >= 0 ? t.cell(row, s.second) : std::string_view{},
            c.year >= 0 ? t.cell(row, c.year) : std::string_view{}};
    // Records of one school or class usually come together: reuse the last group before searching.
    if (last == groups.end() || last->first != key) {
      auto [it, fresh] = groups.try_emplace(key);
      last = it;
      if (fresh) {
        FitnessAggregate& g = it->second;
        g.scope = s.name;
        g.key = std::string(std::get<0>(key));
        if (s.second >= 0) g.key += "/" + std::string(std::get<1>(key));
        g.year = std::string(std::get<2>(key));
      }
    }
    last->second.add(rules, results[i]);
  }
  std::vector<FitnessAggregate> out;
  for (auto& [key, g] : groups) out.push_back(std::move(g));
  return out;
}

}  // namespace

std::vector<FitnessAggregate> aggregate_fitness(const io::Table& t, const RecordColumns& c, const FitnessRules& rules,
                                                const std::vector<FitnessRecord>& records,
                                                const std::vector<FitnessResult>& results) {
  std::vector<Scope> scopes{{"all", -2, -1}};
  if (c.district >= 0) scopes.push_back({"district", c.district, -1});
  if (c.school >= 0) scopes.push_back({"school", c.school, -1});
  if (c.klass >= 0) scopes.push_back({"class", c.school >= 0 ? c.school : c.klass, c.school >= 0 ? c.klass : -1});
  // Scopes are independent: spread over the cores.
  std::vector<std::vector<FitnessAggregate>> per_scope(scopes.size());
  size_t workers = std::min(scopes.size(), worker_count(records.size()));
  for_each_chunk(scopes.size(), workers, [&](size_t, size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) per_scope[k] = aggregate_scope(scopes[k], t, c, rules, records, results);
  });
  std::vector<FitnessAggregate> out;
  for (auto& groups : per_scope)
    for (auto& g : groups) out.push_back(std::move(g));
  return out;
}

}  // namespace youjun::evaluate
