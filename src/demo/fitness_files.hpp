#pragma once
// fitness_records.csv: one 国家学生体质健康标准 test record per student of 2025-2026 (grades 1–12), for
// `youjun evaluate fitness`. Written alongside students.csv (same school, grade, class and sex), with ids
// "<school code>-<grade>-<class>-<seat>" that never carry personal data. Results are drawn from the scoring
// tables themselves (a latent score per item, mapped back to a result by interpolating the table rows), so
// levels spread as in real cities; about 1 % of items are left empty (absent on test day).
#include <cstdio>
#include <string>

#include "core/result.hpp"
#include "demo/city.hpp"
#include "demo/rng.hpp"
#include "evaluate/fitness_rules.hpp"

namespace youjun::demo {

class FitnessOut {
 public:
  FitnessOut(const std::string& path, uint64_t seed);
  ~FitnessOut();
  FitnessOut(const FitnessOut&) = delete;
  FitnessOut& operator=(const FitnessOut&) = delete;

  void add(const School& school, int grade, int class_no, int seat, bool male);
  size_t rows() const { return rows_; }
  Status close();

 private:
  std::string path_, buffer_;
  std::FILE* file_ = nullptr;
  Rng rng_;
  std::optional<evaluate::FitnessRules> rules_;
  std::string problem_;
  size_t rows_ = 0;
};

}  // namespace youjun::demo
