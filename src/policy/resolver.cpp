#include "policy/resolver.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ranges>
#include <set>

namespace youjun::policy {

namespace {

bool is_prefix_key(const std::string& parent, const std::string& child) {
  return child.size() > parent.size() && child.compare(0, parent.size(), parent) == 0 &&
         child[parent.size()] == '.';
}

}  // namespace

Resolver::Resolver(std::vector<PolicySource> sources) {
  for (auto& s : sources) {
    std::string name = s.name;
    sources_[name] = std::move(s);
  }
}

bool Resolver::has_source(const std::string& name) const { return sources_.count(name) > 0; }

std::vector<std::string> Resolver::names() const {
  std::vector<std::string> out;
  for (const auto& [name, src] : sources_) out.push_back(name);
  return out;
}

const ProfileFile* Resolver::file(const std::string& name) {
  if (auto it = files_.find(name); it != files_.end()) return it->second.get();
  auto src = sources_.find(name);
  if (src == sources_.end()) return nullptr;
  auto parsed = std::make_unique<ProfileFile>(parse_profile_file(src->second, problems_));
  return (files_[name] = std::move(parsed)).get();
}

const ResolvedProfile* Resolver::resolve(const std::string& name) {
  std::vector<std::string> visiting;
  return resolve(name, visiting);
}

const ResolvedProfile* Resolver::resolve(const std::string& name, std::vector<std::string>& visiting) {
  if (auto it = resolved_.find(name); it != resolved_.end()) return it->second.get();
  const ProfileFile* f = file(name);
  if (!f) return nullptr;
  auto rp = std::make_unique<ResolvedProfile>();
  rp->name = f->name;
  rp->title = f->title;
  rp->base = f->base;
  rp->note = f->note;
  rp->file = f->file;
  visiting.push_back(name);

  if (f->base.empty()) {
    rp->chain = {name};
    for (const auto& [key, rule] : f->overrides) rp->layers[key] = {rule};
    for (const auto& [key, rule] : f->extensions) {
      problems_.push_back({f->file, "extends." + key, "根策略没有 base，不需要 [extends]；请直接写 [" + key + "]"});
      rp->layers[key] = {rule};
    }
    rp->complete = f->parsed;
  } else if (!has_source(f->base)) {
    problems_.push_back({f->file, "profile.base", fmt::format("未知的基础策略 \"{}\"", f->base)});
  } else if (std::find(visiting.begin(), visiting.end(), f->base) != visiting.end()) {
    std::string path;
    for (const auto& v : visiting) path += v + " → ";
    problems_.push_back({f->file, "profile.base", "基础策略形成循环: " + path + f->base});
  } else {
    const ResolvedProfile* base = resolve(f->base, visiting);
    if (base && base->complete && f->parsed) {
      rp->layers = base->layers;
      rp->chain = base->chain;
      rp->chain.push_back(name);
      apply_overlay(*f, *rp);
      rp->complete = true;
    }
  }
  if (rp->chain.empty()) rp->chain = {name};
  visiting.pop_back();
  return (resolved_[name] = std::move(rp)).get();
}

void Resolver::apply_overlay(const ProfileFile& f, ResolvedProfile& into) {
  for (auto rule : f.overrides | std::views::values) {
    const std::string key = rule.key;
    auto it = into.layers.find(key);
    if (it == into.layers.end()) {
      problems_.push_back({f.file, key,
                           fmt::format("基础策略 {} 没有这条规则；城市新增的规则请写在 [extends.{}] 下", f.base, key)});
      continue;
    }
    const Rule& top = it->second.back();
    if (type_of(rule.value) != type_of(top.value)) {
      problems_.push_back({f.file, key,
                           fmt::format("类型与基础策略不一致：基础为{}（{}），此处为{}", type_name(type_of(top.value)),
                                       top.profile, type_name(type_of(rule.value)))});
      continue;
    }
    if (rule.unit.empty()) {
      rule.unit = top.unit;
    } else if (!top.unit.empty() && rule.unit != top.unit) {
      problems_.push_back(
          {f.file, key, fmt::format("单位与基础策略不一致：基础为 \"{}\"，此处为 \"{}\"", top.unit, rule.unit)});
      continue;
    }
    if (rule.compare.empty()) rule.compare = top.compare;
    it->second.push_back(std::move(rule));
  }
  for (auto rule : f.extensions | std::views::values) {
    const std::string key = rule.key;
    if (into.layers.count(key)) {
      problems_.push_back({f.file, "extends." + key,
                           fmt::format("基础策略 {} 已有这条规则；覆盖时请直接写 [{}]", f.base, key)});
      continue;
    }
    bool clash = false;
    for (const auto& existing : into.layers | std::views::keys) {
      if (is_prefix_key(existing, key) || is_prefix_key(key, existing)) {
        problems_.push_back({f.file, "extends." + key, "与已有规则 " + existing + " 的层级冲突"});
        clash = true;
        break;
      }
    }
    if (clash) continue;
    rule.extension = true;
    into.layers[key] = {std::move(rule)};
  }
}

std::vector<Problem> Resolver::problems_for(const std::string& name) {
  std::set<std::string> files;
  std::set<std::string> seen;
  for (std::string n = name; has_source(n) && seen.insert(n).second;) {
    const ProfileFile* f = file(n);
    files.insert(f->file);
    n = f->base;
  }
  std::vector<Problem> out;
  for (const auto& p : problems_)
    if (files.count(p.file)) out.push_back(p);
  return out;
}

}  // namespace youjun::policy
