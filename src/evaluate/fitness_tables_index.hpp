#pragma once
// docs/fitness-tables-index.md, generated from the embedded tables (`youjun evaluate tables`): per file its
// sources, how many rows are backed by at least two independent copies, and every row that is not. Copies
// count as independent when they come from different repositories or sites (the first word of the
// "# src" line), so a program and a document in one repository count once.
#include <string>

#include "evaluate/fitness_tables.hpp"

namespace youjun::evaluate {

struct TableCoverage {
  size_t rows = 0, cross_checked = 0;
};

// Independent copies behind one row's sources.
size_t independent_copies(const ItemTable& table, const std::string& sources);
TableCoverage coverage(const ItemTable& table);

std::string fitness_tables_markdown(const FitnessTables& tables);

}  // namespace youjun::evaluate
