#pragma once
// The "name=value name=value …" specs of the evaluation rules (fitness.item.*, fitness.weights.*,
// fitness.bonus.*, wuyu.dimension.*, wuyu.indicator.*).
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace youjun::evaluate {

// The fields in order; an error names the word that is not name=value.
inline Result<std::vector<std::pair<std::string, std::string>>> spec_fields(const std::string& spec) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream words(spec);
  std::string word;
  while (words >> word) {
    size_t eq = word.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == word.size()) return Error{"“" + word + "”应为 名称=值"};
    out.emplace_back(word.substr(0, eq), word.substr(eq + 1));
  }
  return out;
}

// A whole number written with 1 to `max_digits` digits and nothing else.
inline bool parse_digits(const std::string& s, size_t max_digits, int& out) {
  if (s.empty() || s.size() > max_digits || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoi(s);
  return true;
}

}  // namespace youjun::evaluate
