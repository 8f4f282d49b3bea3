#include "core/id_number.hpp"

#include <cctype>

#include "core/dates.hpp"

namespace youjun {

char id_number_check_char(std::string_view first17) {
  static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char codes[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return codes[sum % 11];
}

std::optional<std::string> id_number_problem(std::string_view id) {
  if (id.size() != 18) return "身份证号应为18位，实际为" + std::to_string(id.size()) + "位";
  for (int i = 0; i < 17; ++i)
    if (!std::isdigit(static_cast<unsigned char>(id[i]))) return std::string("身份证号前17位应为数字");
  char last = static_cast<char>(std::toupper(static_cast<unsigned char>(id[17])));
  if (!std::isdigit(static_cast<unsigned char>(last)) && last != 'X')
    return std::string("身份证号第18位应为数字或X");
  std::string date = std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                     std::string(id.substr(12, 2));
  if (!is_valid_iso_date(date)) return "身份证号中的出生日期无效：" + date;
  if (id_number_check_char(id.substr(0, 17)) != last)
    return std::string("身份证号校验位错误（GB 11643）");
  return std::nullopt;
}

std::optional<IdNumberInfo> id_number_info(std::string_view id) {
  if (id_number_problem(id)) return std::nullopt;
  IdNumberInfo info;
  info.birth_date = std::string(id.substr(6, 4)) + "-" + std::string(id.substr(10, 2)) + "-" +
                    std::string(id.substr(12, 2));
  info.gender = ((id[16] - '0') % 2 == 1) ? 'M' : 'F';
  return info;
}

std::string mask_id_number(std::string_view id) {
  if (id.size() <= 5) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 5, '*') + std::string(id.substr(id.size() - 1));
}

}  // namespace youjun
