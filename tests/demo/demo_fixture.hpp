#pragma once
// A small demo city (scale 0.02) generated once per test binary, and helpers to read its files.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "core/personal_data.hpp"
#include "demo/generate.hpp"
#include "io/table.hpp"
#include "test_util.hpp"

namespace youjun::test {

constexpr uint64_t kDemoSeed = 7;
constexpr double kDemoScale = 0.02;

struct SmallDemo {
  TempDir dir;
  demo::DemoSummary summary;
  std::string path(const std::string& name) const { return dir.path(name); }
};

inline const SmallDemo& small_demo() {
  static std::unique_ptr<SmallDemo> demo = [] {
    auto d = std::make_unique<SmallDemo>();
    demo::DemoOptions o;
    o.seed = kDemoSeed;
    o.scale = kDemoScale;
    o.out_dir = d->dir.path("city");
    auto r = demo::generate_demo_city(o);
    if (!r) ADD_FAILURE() << r.error().message;
    else d->summary = *r;
    return d;
  }();
  return *demo;
}

inline std::string demo_file(const std::string& name) { return small_demo().path("city/" + name); }

// A CSV of the demo read with the product's own reader; cells by header name.
struct DemoTable {
  io::Table table;
  std::map<std::string, size_t> columns;
  explicit DemoTable(const std::string& file) {
    auto t = io::read_table(demo_file(file));
    EXPECT_TRUE(t.ok()) << file;
    if (!t) return;
    table = std::move(*t);
    for (size_t c = 0; c < table.header.size(); ++c) columns[table.header[c]] = c;
  }
  size_t rows() const { return table.row_count(); }
  std::string at(size_t r, const std::string& header) const {
    auto it = columns.find(header);
    EXPECT_NE(it, columns.end()) << header;
    return it == columns.end() ? std::string() : std::string(table.cell(r, it->second));
  }
  int number(size_t r, const std::string& header) const { return std::stoi(at(r, header)); }
};

}  // namespace youjun::test
