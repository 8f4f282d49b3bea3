#include "policy/policy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>

#include "policy/resolver.hpp"
#include "policy/sources.hpp"

namespace youjun::policy {

namespace {

constexpr size_t kMaxProblemsInError = 20;

std::string join_problems(const std::vector<Problem>& problems) {
  std::string out;
  for (size_t i = 0; i < problems.size() && i < kMaxProblemsInError; ++i) {
    out += '\n';
    out += problems[i].to_string();
  }
  if (problems.size() > kMaxProblemsInError)
    out += fmt::format("\n…（另有 {} 个问题）", problems.size() - kMaxProblemsInError);
  return out;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

Policy::Policy(const ResolvedProfile& r)
    : name_(r.name), title_(r.title), base_(r.base), chain_(r.chain), layers_(r.layers) {}

std::vector<std::string> Policy::keys(std::string_view prefix) const {
  std::vector<std::string> out;
  for (auto it = layers_.lower_bound(std::string(prefix)); it != layers_.end() && it->first.rfind(prefix, 0) == 0; ++it)
    out.push_back(it->first);
  return out;
}

Result<Rule> Policy::rule(const std::string& key) const {
  auto it = layers_.find(key);
  if (it == layers_.end() || it->second.empty())
    return make_error(fmt::format("策略 {} 没有规则 {} / no such policy rule", name_, key));
  return it->second.back();
}

Result<Rule> Policy::rule_at(const std::string& key, int year) const {
  auto it = layers_.find(key);
  if (it == layers_.end() || it->second.empty())
    return make_error(fmt::format("策略 {} 没有规则 {} / no such policy rule", name_, key));
  for (auto r = it->second.rbegin(); r != it->second.rend(); ++r)
    if (r->applies_in(year)) return *r;
  return make_error(fmt::format("策略 {} 的规则 {} 在 {} 年没有适用的值", name_, key, year));
}

std::vector<Rule> Policy::layers(const std::string& key) const {
  auto it = layers_.find(key);
  return it == layers_.end() ? std::vector<Rule>{} : it->second;
}

namespace {
template <class T>
Result<T> typed(const Result<Rule>& r, ValueType want) {
  if (!r) return r.error();
  if (auto* v = std::get_if<T>(&r->value)) return *v;
  return make_error(fmt::format("规则 {} 是{}，不是{}（{}）", r->key, type_name(type_of(r->value)),
                                type_name(want), r->file));
}
}  // namespace

Result<double> Policy::number(const std::string& key) const { return typed<double>(rule(key), ValueType::number); }
Result<bool> Policy::flag(const std::string& key) const { return typed<bool>(rule(key), ValueType::boolean); }
Result<std::string> Policy::text(const std::string& key) const {
  return typed<std::string>(rule(key), ValueType::text);
}
Result<std::vector<double>> Policy::numbers(const std::string& key) const {
  return typed<std::vector<double>>(rule(key), ValueType::number_list);
}

Result<CitedNumber> Policy::cited_number(const std::string& key) const {
  auto r = rule(key);
  auto n = typed<double>(r, ValueType::number);
  if (!n) return n.error();
  return CitedNumber{*n, r->cite, r->profile};
}

namespace {

Result<Policy> resolve_policy(const std::string& name) {
  auto sources = policy_sources();
  if (!sources) return sources.error();
  Resolver resolver(std::move(*sources));
  const ResolvedProfile* resolved = resolver.resolve(name);
  if (!resolved)
    return make_error(fmt::format("没有名为 \"{}\" 的策略 / unknown policy profile (可用: {})", name,
                                  join_names(resolver.names())));
  auto problems = resolver.problems_for(name);
  if (!problems.empty() || !resolved->complete)
    return make_error(fmt::format("策略 {} 未通过检查 / profile has problems:{}", name, join_problems(problems)));
  return Policy(*resolved);
}

}  // namespace

// The embedded profiles never change while the program runs: each is resolved once (the server asks for one
// on many requests). Profiles from YOUJUN_POLICY_DIR are files that may be edited: read every time.
Result<Policy> load_policy(const std::string& name) {
  const char* dir = std::getenv(kPolicyDirEnv);
  if (dir && *dir) return resolve_policy(name);
  static std::mutex mutex;
  static std::map<std::string, Policy> resolved;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = resolved.find(name); it != resolved.end()) return it->second;
  }
  auto policy = resolve_policy(name);
  if (!policy) return policy;
  std::lock_guard<std::mutex> lock(mutex);
  return resolved.emplace(name, *policy).first->second;
}

std::vector<std::string> list_policies() {
  auto sources = policy_sources();
  std::vector<std::string> out;
  if (!sources) return out;
  for (const auto& s : *sources) out.push_back(s.name);
  return out;
}

Result<std::vector<ProfileInfo>> policy_infos() {
  auto sources = policy_sources();
  if (!sources) return sources.error();
  Resolver resolver(std::move(*sources));
  std::vector<ProfileInfo> out;
  for (const auto& name : resolver.names()) {
    const ProfileFile* f = resolver.file(name);
    out.push_back(ProfileInfo{f->name, f->title, f->base, f->file});
  }
  return out;
}

std::vector<Problem> check_policies() {
  auto sources = policy_sources();
  if (!sources) return {Problem{kPolicyDirEnv, "-", sources.error().message}};
  Resolver resolver(std::move(*sources));
  for (const auto& name : resolver.names()) resolver.file(name);  // file-local problems, in name order
  for (const auto& name : resolver.names()) resolver.resolve(name);
  auto problems = resolver.problems();
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.file < b.file; });
  return problems;
}

size_t policy_file_count() {
  auto sources = policy_sources();
  return sources ? sources->size() : 0;
}

}  // namespace youjun::policy
