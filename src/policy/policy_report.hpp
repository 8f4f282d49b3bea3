#pragma once
// Presentations of profiles shared by the CLI and the HTTP API: JSON of a merged profile, and
// the Markdown policy-rule index (docs/policy-rules.md).
#include <nlohmann/json.hpp>

#include <string>

#include "core/result.hpp"
#include "policy/policy.hpp"

namespace youjun::policy {

// {"key","value","unit","cite","profile","file","confidence","note","compare","from","until","extension"}
// (empty/absent optional fields are omitted). value keeps its type: number, bool, string or array.
nlohmann::json rule_to_json(const Rule& rule);
// What a result cites for a rule it applied: {"key", "value" (as text), "cite", "profile", "citation"}.
nlohmann::json cited_rule_json(const Rule& rule);
// The array of those for `keys` of `policy`; an error names the first key the profile lacks.
Result<nlohmann::json> cited_rules_json(const Policy& policy, const std::vector<std::string>& keys);
// {"name","title","base","chain":[…],"rules":[rule…]} with rules sorted by key (effective values).
nlohmann::json policy_to_json(const Policy& policy);

// "< 0.3（2025 年起）", with the unit "< 0.3 比例（2025 年起）" — used by `policy show` and the index.
std::string display_value(const Rule& rule, bool with_unit);

// The whole index: one Markdown table per profile (its own rules: key, value, unit, cite,
// confidence). Fails, listing the problems, when any profile does not pass check.
Result<std::string> policy_index_markdown();

}  // namespace youjun::policy
