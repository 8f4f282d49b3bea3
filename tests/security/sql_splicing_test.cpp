// SQL is built only with bound parameters (issue 5 §4): no value is spliced into SQL text. Identifiers
// (table and column names from the code's own specs) may be joined; values may not. This test reads
// every source file and fails on the shapes value-splicing takes:
//   "… name = '" + value + "'"      (quoted value)
//   "… WHERE code = " + code        (operator, then concatenation)
//   "… LIMIT " + std::to_string(n)  (number spliced next to SQL)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

const std::regex kQuotedValue(R"('"\s*\+|\+\s*"')");
// SQL operators are written with spaces around them ("code = ?"); "--file=" + path is not SQL.
const std::regex kOperatorThenValue(R"(\s(=|<>|<|>|IN\s*\(|LIKE|LIMIT|OFFSET|VALUES\s*\()\s*"\s*\+)",
                                    std::regex::icase);
const std::regex kSqlLiteral(R"("[^"]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|ORDER BY)\b[^"]*")");
const std::regex kNumberSpliced(R"(\+\s*std::to_string\()");

// Problems in one line of C++ source, "" when clean.
std::string splicing_problem(const std::string& line) {
  if (line.find("//") == 0) return "";
  if (std::regex_search(line, kQuotedValue) && std::regex_search(line, kSqlLiteral)) return "quoted value spliced into SQL";
  if (std::regex_search(line, kOperatorThenValue)) return "value concatenated after an SQL operator";
  if (std::regex_search(line, kSqlLiteral) && std::regex_search(line, kNumberSpliced)) return "number spliced into SQL";
  return "";
}

}  // namespace

TEST(SqlSplicing, DetectorCatchesTheKnownShapes) {
  EXPECT_NE(splicing_problem(R"(db.query("SELECT * FROM users WHERE username = '" + name + "'");)"), "");
  EXPECT_NE(splicing_problem(R"(db.exec("DELETE FROM sessions WHERE token_hash = " + token);)"), "");
  EXPECT_NE(splicing_problem(R"(db.query("SELECT code FROM schools LIMIT " + std::to_string(n));)"), "");
  EXPECT_NE(splicing_problem(R"(sql += " AND name LIKE " + pattern;)"), "");
  EXPECT_EQ(splicing_problem(R"(db.query("SELECT name FROM users WHERE username = ?", {name});)"), "");
  EXPECT_EQ(splicing_problem(R"(db.query("SELECT COUNT(*) FROM " + table);)"), "");  // identifier from code
}

TEST(SqlSplicing, NoSourceFileSplicesValuesIntoSql) {
  std::vector<std::string> problems;
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(youjun::test::source_path("src"))) {
    auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
      if (auto p = splicing_problem(line); !p.empty())
        problems.push_back(entry.path().string() + ":" + std::to_string(n) + ": " + p + ": " + line);
  }
  EXPECT_GT(files, 50u);
  for (const auto& p : problems) ADD_FAILURE() << p;
}
