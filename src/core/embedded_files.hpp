#pragma once
// Files compiled into the binary (see cmake/embed_files.cmake): SQL migrations, policy profiles and the
// 国家学生体质健康标准 scoring tables (policy/fitness/*.csv).
#include <string_view>
#include <vector>

namespace youjun {

struct EmbeddedFile {
  std::string_view name;     // file name, e.g. "001_core.sql" or "national.toml"
  std::string_view content;
};

// Sorted by name as listed by the build (migrations are named NNN_*.sql so order is version order).
const std::vector<EmbeddedFile>& embedded_migrations();
const std::vector<EmbeddedFile>& embedded_policies();
const std::vector<EmbeddedFile>& embedded_fitness_tables();

}  // namespace youjun
