// The demo's 五大创建 achievements (issue 4 §4): what each district of 绍兴 has achieved by the end of 2026 against
// 004's schedule — most on time, some late, a few behind (新昌县's 示范乡镇 and 现代化学校, 上虞区's 省现代化学校
// share, 全市's province rank), so the progress table starts with a believable mix. Made up for the demo.
#include "demo/generate.hpp"

namespace youjun::demo {

std::string creations_achieved_csv() {
  return "district,creation,achieved_year,rate,province_average,province_rank\n"
         "330602,national_quality_balanced_county,2023,,,\n"
         "330602,provincial_modern_county,2024,,,\n"
         "330602,provincial_modern_schools,,0.74,0.70,\n"
         "330602,city_demo_towns,,1,,\n"
         "330602,city_modern_schools,,1,,\n"
         "330603,national_quality_balanced_county,2021,,,\n"
         "330603,provincial_modern_county,2024,,,\n"
         "330603,provincial_modern_schools,,0.83,0.70,\n"
         "330603,city_demo_towns,,1,,\n"
         "330603,city_modern_schools,,1,,\n"
         "330604,national_quality_balanced_county,2023,,,\n"
         "330604,provincial_modern_county,2024,,,\n"
         "330604,provincial_modern_schools,,0.76,0.70,\n"
         "330604,city_demo_towns,,1,,\n"
         "330604,city_modern_schools,,1,,\n"
         "330624,national_quality_balanced_county,2025,,,\n"
         "330624,provincial_modern_schools,,0.71,0.70,\n"
         "330624,city_demo_towns,,0.8,,\n"
         "330624,city_modern_schools,,0.86,,\n"
         "330681,national_quality_balanced_county,2021,,,\n"
         "330681,provincial_modern_county,2023,,,\n"
         "330681,provincial_modern_schools,,0.85,0.70,\n"
         "330681,city_demo_towns,,1,,\n"
         "330681,city_modern_schools,,1,,\n"
         "330683,national_quality_balanced_county,2024,,,\n"
         "330683,provincial_modern_county,2025,,,\n"
         "330683,provincial_modern_schools,,0.72,0.70,\n"
         "330683,city_demo_towns,,1,,\n"
         "330683,city_modern_schools,,1,,\n"
         "全市,national_quality_balanced_county,2025,,,\n"
         "全市,provincial_modern_county,,,,3\n"
         "全市,provincial_modern_schools,,,,5\n"
         "全市,city_demo_towns,,0.97,,\n"
         "全市,city_modern_schools,,1,,\n";
}

}  // namespace youjun::demo
