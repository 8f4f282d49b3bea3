#pragma once
// Students' health data of the demo city, written alongside students.csv (same school, grade, class and sex),
// with ids "<school code>-<grade>-<class>-<seat>" that never carry personal data:
// - fitness_records.csv: one 国家学生体质健康标准 test record per student of 2025-2026 (grades 1–12), for
//   `youjun evaluate fitness`. Results are drawn from the scoring tables themselves (a latent score per item,
//   mapped back to a result by interpolating the table rows), so levels spread as in real cities; about 1 %
//   of items are left empty (absent on test day).
// - vision_screenings.csv: the spring screening of 2026 and, for students above grade 1, of 2025 (one grade
//   lower), for `youjun evaluate vision`. Myopia shares by grade are near recent national survey figures and
//   about one point lower in 2026 than in 2025; a child myopic in 2025 stays myopic in 2026.
#include <cstdio>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "demo/city.hpp"
#include "demo/rng.hpp"
#include "evaluate/fitness_rules.hpp"

namespace youjun::demo {

// The student number of the demo: students.csv's student_no and the student_id of the health files.
std::string demo_student_no(const School& school, int grade, int class_no, int seat);

class HealthOut {
 public:
  HealthOut(const std::string& fitness_path, const std::string& vision_path, uint64_t seed);
  ~HealthOut();
  HealthOut(const HealthOut&) = delete;
  HealthOut& operator=(const HealthOut&) = delete;

  void add(const School& school, const std::string& student_no, int grade, int class_no, bool male);
  size_t fitness_rows() const { return fitness_rows_; }
  size_t vision_rows() const { return vision_rows_; }
  Status close();

 private:
  void add_fitness(const School& school, const std::string& id, int grade, int class_no, bool male);
  void add_vision(const School& school, const std::string& id, int grade);
  void screening(const School& school, const std::string& id, int year, int grade, bool myopic, bool ortho_k, double se);
  void write(std::FILE* file, std::string& buffer, bool last);

  std::string fitness_path_, vision_path_, fitness_buffer_, vision_buffer_, problem_;
  std::FILE* fitness_file_ = nullptr;
  std::FILE* vision_file_ = nullptr;
  Rng rng_;
  std::optional<evaluate::FitnessRules> rules_;
  size_t fitness_rows_ = 0, vision_rows_ = 0;
};

}  // namespace youjun::demo
