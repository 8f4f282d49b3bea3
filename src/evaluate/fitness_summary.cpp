#include "evaluate/fitness_summary.hpp"

#include <tuple>

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

std::vector<FitnessAggregate> aggregate_fitness(const io::Table& t, const RecordColumns& c, const FitnessRules& rules,
                                                const std::vector<FitnessRecord>& records,
                                                const std::vector<FitnessResult>& results) {
  struct Scope {
    const char* name;
    int column, second;  // second: class ids are unique only within their school
  };
  std::vector<Scope> scopes{{"all", -2, -1}};
  if (c.district >= 0) scopes.push_back({"district", c.district, -1});
  if (c.school >= 0) scopes.push_back({"school", c.school, -1});
  if (c.klass >= 0) scopes.push_back({"class", c.school >= 0 ? c.school : c.klass, c.school >= 0 ? c.klass : -1});
  std::vector<FitnessAggregate> out;
  for (const Scope& s : scopes) {
    // Keys are views into the table (no string per record: 1M records × 4 scopes).
    using Key = std::tuple<std::string_view, std::string_view, std::string_view>;  // key, second key, year
    std::map<Key, FitnessAggregate> groups;
    for (size_t i = 0; i < records.size(); ++i) {
      size_t row = records[i].row;
      Key key{s.column == -2 ? std::string_view{} : t.cell(row, s.column),
              s.second >= 0 ? t.cell(row, s.second) : std::string_view{},
              c.year >= 0 ? t.cell(row, c.year) : std::string_view{}};
      auto [it, fresh] = groups.try_emplace(key);
      if (fresh) {
        it->second.scope = s.name;
        it->second.key = std::string(std::get<0>(key));
        if (s.second >= 0) it->second.key += "/" + std::string(std::get<1>(key));
        it->second.year = std::string(std::get<2>(key));
      }
      it->second.add(rules, results[i]);
    }
    for (auto& [k, g] : groups) out.push_back(std::move(g));
  }
  return out;
}

}  // namespace youjun::evaluate
