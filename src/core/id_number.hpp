#pragma once
// 居民身份证号码 (GB 11643-1999): 18 characters, 6-digit address code, 8-digit birth date,
// 3-digit sequence (odd = male), 1 check character (ISO 7064 MOD 11-2, 'X' for 10).
#include <optional>
#include <string>
#include <string_view>

namespace youjun {

struct IdNumberInfo {
  std::string birth_date;  // ISO yyyy-mm-dd
  char gender;             // 'M' or 'F'
};

// The check character the standard gives for the first 17 digits.
char id_number_check_char(std::string_view first17);

// Full validation: length, digits, real calendar birth date, check character.
// Returns a Chinese message describing the problem, or nullopt when valid.
std::optional<std::string> id_number_problem(std::string_view id);

// Birth date and gender read from a valid number.
std::optional<IdNumberInfo> id_number_info(std::string_view id);

// Shown form: first 4 characters (province + city) and the check character, the rest '*':
// 3301*************X. Not the last 4: with the birth date (shown in rosters, digits 7–14) and the
// county (known from the school) they left a single candidate for half the demo city's students
// (docs/security.md). Now the county and the 3-digit sequence stay hidden.
std::string mask_id_number(std::string_view id);

}  // namespace youjun
