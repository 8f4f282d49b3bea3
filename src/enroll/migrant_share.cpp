#include "enroll/migrant_share.hpp"

#include "policy/policy_report.hpp"

namespace youjun::enroll {

namespace {

// Grades 1–9 are 义务教育 (grade codes: docs/policy.md); the share is about compulsory schooling only.
constexpr const char* kSql =
    "SELECT d.code, d.name, COUNT(st.id_hash), "
    "       COALESCE(SUM(CASE WHEN st.id_hash IS NOT NULL AND s.ownership = 'public' THEN 1 ELSE 0 END), 0) "
    "FROM districts d "
    "LEFT JOIN schools s ON s.district_code = d.code "
    "LEFT JOIN students st ON st.school_code = s.code AND st.migrant = 1 AND st.grade BETWEEN 1 AND 9 "
    "GROUP BY d.code, d.name ORDER BY d.code";

std::optional<double> share_of(int64_t in_public, int64_t migrants) {
  if (migrants == 0) return std::nullopt;
  return static_cast<double>(in_public) / static_cast<double>(migrants);
}

}  // namespace

Result<std::vector<MigrantShare>> migrant_shares(store::Connection& db) {
  auto rows = db.query(kSql);
  if (!rows) return rows.error();
  std::vector<MigrantShare> out;
  MigrantShare city;
  city.district_name = "全市";
  for (const auto& r : *rows) {
    MigrantShare m{r.text(0), r.text(1), r.integer(2), r.integer(3), std::nullopt};
    m.share = share_of(m.in_public, m.migrants);
    city.migrants += m.migrants;
    city.in_public += m.in_public;
    out.push_back(std::move(m));
  }
  city.share = share_of(city.in_public, city.migrants);
  out.push_back(std::move(city));
  return out;
}

nlohmann::json migrant_share_json(const std::vector<MigrantShare>& shares, const policy::Rule& min_share) {
  nlohmann::json districts = nlohmann::json::array();
  size_t below = 0;
  for (const auto& s : shares) {
    std::optional<bool> meets = s.share ? min_share.accepts(*s.share) : std::nullopt;
    if (meets && !*meets && !s.district_code.empty()) ++below;
    districts.push_back({{"district_code", s.district_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.district_code)},
                         {"district_name", s.district_name},
                         {"migrants", s.migrants},
                         {"in_public", s.in_public},
                         {"share", s.share ? nlohmann::json(*s.share) : nullptr},
                         {"meets", meets ? nlohmann::json(*meets) : nullptr}});
  }
  return {{"districts", districts}, {"below", below}, {"rules", nlohmann::json::array({policy::cited_rule_json(min_share)})}};
}

}  // namespace youjun::enroll
