#pragma once
// The small output files of the demo city: schools.csv, school_facts.csv, README.txt and
// manifest.json (teachers and students stream through people.hpp).
#include <string>
#include <vector>

#include "core/result.hpp"
#include "demo/catchments.hpp"
#include "demo/city.hpp"
#include "demo/generate.hpp"

namespace youjun::demo {

Status write_schools_csv(const City& city, const std::string& path);
Status write_facts_csv(const City& city, const std::string& path);
std::string readme_text(const City& city, const DemoSummary& summary);

struct WrittenFile {
  std::string name, kind;
  size_t rows = 0;
  std::string sha256;
};
std::string manifest_json(const City& city, const DemoSummary& summary, const std::vector<WrittenFile>& files);

}  // namespace youjun::demo
