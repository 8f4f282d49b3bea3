#pragma once
#include <string>

#include "cli/cli_db.hpp"

namespace youjun::cli {
// `youjun demo load --db DB --dir DIR`: imports DIR/{schools,school_facts,teachers,students}.csv
// through the normal import path (so the demo also tests it) and creates the demo accounts.
int run_demo_load(const DbArgs& db, const std::string& dir);
// The 体质健康 and 视力筛查 datasets of DIR (demo_load_health.cpp).
int load_demo_health(store::Connection& db, const std::string& dir);
// The 2027 网上报名 of the demo school (demo_load_applications.cpp), and the ID number of the demo parent's
// younger child, who has not applied.
int load_demo_applications(store::Connection& db, const PersonalDataKey& key);
std::string demo_preschool_child();
}  // namespace youjun::cli
