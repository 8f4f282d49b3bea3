#pragma once
// ISO-8601 calendar dates (yyyy-mm-dd) and school years ("2025-2026").
#include <string_view>

namespace youjun {

bool is_leap_year(int year);
int days_in_month(int year, int month);
// True for a real calendar date written exactly as yyyy-mm-dd (years 1800–2100; GB 11643 itself uses an 1880 example).
bool is_valid_iso_date(std::string_view text);
// True for "YYYY-YYYY" where the second year is the first plus one.
bool is_valid_school_year(std::string_view text);

}  // namespace youjun
