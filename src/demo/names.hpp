#pragma once
// Chinese names for the demo city: people (surname + given name, by gender and generation),
// villages, roads, and Chinese numerals for "第二小学".
#include <string>

#include "demo/rng.hpp"

namespace youjun::demo {

enum class Generation { Child, Adult };

std::string person_name(Rng& rng, bool male, Generation generation);
std::string village_name(Rng& rng);  // 两字村名: 上岙, 王家 …
std::string road_name(Rng& rng);     // 人民路, 学府街 …
std::string chinese_number(int n);   // 1..99: 一 … 九十九

}  // namespace youjun::demo
