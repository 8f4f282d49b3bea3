// The full-scale files (scale 1.0, ~230,000 students): generated in seconds, and school_facts.csv
// shows the mix the product's checks need. Takes a couple of seconds.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "demo/demo_fixture.hpp"

using namespace youjun;

TEST(DemoFullScale, FilesHaveTinyBigAndCrowdedSchools) {
  test::TempDir dir;
  demo::DemoOptions o;
  o.seed = 20260901;
  o.scale = 1.0;
  o.out_dir = dir.path("city");
  auto started = std::chrono::steady_clock::now();
  auto summary = demo::generate_demo_city(o);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_LT(seconds, 15) << "generation at scale 1.0 must stay fast";

  auto facts = io::read_table(o.out_dir + "/school_facts.csv");
  ASSERT_TRUE(facts.ok());
  auto col = [&](const std::string& name) {
    for (size_t c = 0; c < facts->header.size(); ++c)
      if (facts->header[c] == name) return c;
    ADD_FAILURE() << name;
    return size_t{0};
  };
  size_t year = col("学年"), largest = col("最大班额"), first_grade = col("一年级学生数");
  int tiny = 0, big = 0, crowded = 0;
  long students = 0;
  for (size_t r = 0; r < facts->row_count(); ++r) {
    if (facts->cell(r, year) != "2025-2026") continue;
    int n = 0;
    for (size_t g = 0; g < 12; ++g) n += std::stoi(std::string(facts->cell(r, first_grade + g)));
    students += n;
    tiny += n < 100;
    big += n > 2000;
    crowded += std::stoi(std::string(facts->cell(r, largest))) > 55;
  }
  EXPECT_GT(tiny, 0);
  EXPECT_GT(big, 0);
  EXPECT_GT(crowded, 0);
  EXPECT_EQ(static_cast<size_t>(students), summary->students);
  EXPECT_GT(summary->students, 170000u);
  EXPECT_GT(summary->teachers, 12000u);

  auto manifest = nlohmann::json::parse(test::file_bytes(o.out_dir + "/manifest.json"));
  auto& districts = manifest["balance_preview"]["districts"];
  ASSERT_EQ(districts.size(), 6u);
  for (auto& d : districts) EXPECT_EQ(d["cv_over_limit"].empty(), d["code"] != "330683") << d["name"];
}
