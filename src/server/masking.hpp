#pragma once
// Masked display of personal names (docs/api.md "Personal data"): 张三丰 -> 张*丰, 李四 -> 李*,
// 欧阳娜娜 -> 欧*娜 (one star whatever the length, so the mask does not reveal it). UTF-8 aware.
#include <string>
#include <string_view>

namespace youjun::server {

std::string mask_name(std::string_view name);

}  // namespace youjun::server
