#include "cli/demo_load.hpp"

#include <chrono>
#include <algorithm>
#include <cstdio>

#include "admit/admit_run.hpp"
#include "admit/rounds.hpp"
#include "admit/score.hpp"
#include "auth/accounts.hpp"
#include "balance/creation_files.hpp"
#include "balance/creations.hpp"
#include "cli/admit_inputs.hpp"
#include "core/time_util.hpp"
#include "enroll/addresses.hpp"
#include "enroll/datasets.hpp"
#include "enroll/runs.hpp"
#include "policy/policy_report.hpp"
#include "policy/policy.hpp"
#include "import/importer.hpp"
#include "io/table.hpp"

namespace youjun::cli {

namespace {

// The demo accounts printed by `make run`. All share one password; a real bureau sets its own.
constexpr const char* kDemoPassword = "Youjun@2026";

int create_demo_users(store::Connection& db, const PersonalDataKey& key) {
  auto first_school = db.query("SELECT code FROM schools WHERE level IN ('primary','nine_year') ORDER BY code LIMIT 1");
  if (!first_school) return fail("读取演示数据失败");
  std::string school = first_school->empty() ? "" : (*first_school)[0].text(0);
  // The parent's child: a 六年级 pupil of that school, so the parent's page has two years of 视力筛查, a
  // 体质健康 test and the school's 五育 records (demo load_demo_health).
  auto first_student = db.query("SELECT id_hash FROM students WHERE school_code = ? ORDER BY grade DESC, class_no, student_no, id_hash LIMIT 1",
                                {school});
  if (!first_student) return fail("读取演示数据失败");
  std::vector<std::string> child, graduate;
  if (!first_student->empty()) child.push_back((*first_student)[0].text(0));
  child.push_back(key.lookup_hash(demo_preschool_child()));  // starts grade 1 in 2027: the 网上报名 form
  // A second family: a 九年级 student, whose 中考 result is in the demo's published round.
  auto grade9 = db.query("SELECT id_hash FROM students WHERE grade = 9 ORDER BY school_code, class_no, student_no, id_hash LIMIT 1");
  if (!grade9) return fail("读取演示数据失败");
  if (!grade9->empty()) graduate.push_back((*grade9)[0].text(0));
  std::vector<auth::NewUser> users = {
      {"admin", "局管理员（演示）", kDemoPassword, "bureau_admin", "", {}},
      {"staff", "局工作人员（演示）", kDemoPassword, "bureau_staff", "", {}},
      {"school", "学校管理员（演示）", kDemoPassword, "school_admin", school, {}},
      {"auditor", "审计员（演示）", kDemoPassword, "auditor", "", {}},
      {"parent", "家长（演示）", kDemoPassword, "parent", "", child},
      {"parent2", "初三家长（演示）", kDemoPassword, "parent", "", graduate},
  };
  for (const auto& u : users) {
    auto existing = auth::find_user(db, u.username);
    if (existing && existing->has_value()) continue;  // loading twice keeps the accounts
    auto created = auth::create_user(db, u, "demo-load", now_unix());
    if (!created.ok()) return fail("创建演示账号 " + u.username + " 失败: " + created.message);
  }
  std::fprintf(stderr, "演示账号已创建: admin, staff, school (%s), auditor, parent, parent2；密码 %s\n", school.c_str(), kDemoPassword);
  return kExitOk;
}

// The demo's 招生基础数据 (catchments and the seat-warning files), checked and stored as the upload
// route stores them. Files the directory does not have (older demo folders) are skipped.
int load_enroll_datasets(store::Connection& db, const std::string& dir) {
  const std::vector<std::pair<std::string, std::string>> files = {{"catchments", "catchments.geojson"},
                                                                  {"birth_cohorts", "birth_cohorts.csv"},
                                                                  {"new_housing", "new_housing.csv"},
                                                                  {"intake_seats", "intake_seats.csv"},
                                                                  {"addresses", "addresses.csv"}};
  for (const auto& [kind, name] : files) {
    std::string path = dir + "/" + name;
    enroll::CheckedUpload checked;
    if (kind == "catchments") {
      auto text = io::read_file(path, path);
      if (!text) continue;  // an older demo folder
      checked = enroll::check_catchments_upload(*text, path);
    } else {
      auto table = io::read_table(path);
      if (!table || table->row_count() == 0) continue;  // absent, or a small city without new housing
      auto table_checked = kind == "addresses" ? Result<enroll::CheckedUpload>(enroll::check_addresses_upload(*table, geo::Crs::Wgs84))
                                               : enroll::check_table_upload(db, kind, *table);
      if (!table_checked) return fail(table_checked.error().message);
      checked = std::move(*table_checked);
    }
    if (!checked.errors.empty()) {
      std::fputs(format_row_errors(checked.errors).c_str(), stderr);
      return kExitBadInput;
    }
    auto stored = enroll::store_dataset(db, kind, name, checked, "demo-load", now_unix());
    if (!stored) return fail(stored.error().message);
    std::fprintf(stderr, "已保存招生数据 %s: %lld 项（第 %lld 版）\n", name.c_str(), static_cast<long long>(stored->item_count),
                 static_cast<long long>(stored->version));
  }
  return kExitOk;
}

// Registers `run`, draws it with `seed` and publishes it, as the bureau would on the 电脑派位 page.
Result<std::string> register_draw_publish(store::Connection& db, const enroll::NewRun& run, const std::string& seed) {
  auto policy = policy::load_policy(run.policy);
  if (!policy) return policy.error();
  auto created = enroll::create_run(db, run, "demo-load", now_unix());
  if (!created) return created.error();
  const std::string id = created->run.id;
  auto drawn = enroll::draw_run(db, id, seed, *policy, "demo-load", now_unix());
  if (!drawn) return drawn.error();
  auto published = enroll::publish_run(db, id, "demo-load", now_unix());
  if (!published) return published.error();
  return id;
}

// True when a run of this title is already in the database (loading again adds nothing).
Result<bool> run_exists(store::Connection& db, const std::string& title) {
  auto existing = enroll::list_runs(db);
  if (!existing) return existing.error();
  return std::any_of(existing->begin(), existing->end(), [&](const enroll::RunRecord& r) { return r.title == title; });
}

// The demo's 五大创建 achievements, checked against 004's schedule (the shaoxing profile) and stored as the
// upload route stores them. An older demo folder without the file is skipped.
int load_demo_creations(store::Connection& db, const std::string& dir) {
  auto table = io::read_table(dir + "/creations_achieved.csv");
  if (!table || table->row_count() == 0) return kExitOk;
  auto policy = policy::load_policy("shaoxing");
  if (!policy) return fail(policy.error().message);
  auto schedule = balance::creation_schedule(*policy);
  if (!schedule) return fail(schedule.error().message);
  std::vector<balance::Achievement> achieved;
  if (RowErrors errors = balance::read_achievements(*table, *schedule, achieved); !errors.empty()) {
    std::fputs(format_row_errors(errors).c_str(), stderr);
    return kExitBadInput;
  }
  auto stored = balance::store_creation_file(db, "creations_achieved.csv", io::table_to_csv(*table),
                                             static_cast<int64_t>(table->row_count()), "demo-load", now_unix());
  if (!stored) return fail(stored.error().message);
  std::fprintf(stderr, "演示五大创建达成情况：%lld 项（第 %lld 版）\n", static_cast<long long>(stored->item_count),
               static_cast<long long>(stored->version));
  return kExitOk;
}

// The demo's 公民同招 lottery, registered, drawn with the seed 20260901 and published, so the 电脑派位
// page starts with a finished example.
int load_demo_lottery(store::Connection& db, const std::string& dir) {
  const std::string title = "演示：民办小学一年级电脑派位（公民同招）";
  auto exists = run_exists(db, title);
  if (!exists) return fail(exists.error().message);
  if (*exists) return kExitOk;
  auto applicants_table = io::read_table(dir + "/lottery_applicants.csv");
  auto seats_table = io::read_table(dir + "/lottery_seats.csv");
  if (!applicants_table || !seats_table || applicants_table->row_count() == 0) return kExitOk;  // older or tiny demo folder
  enroll::NewRun run{title, "national", "", {}, {}, "lottery", {}};
  RowErrors errors = enroll::read_seats(*seats_table, run.seats);
  if (errors.empty()) errors = enroll::read_applicants(*applicants_table, run.seats, run.applicants);
  if (!errors.empty()) {
    std::fputs(format_row_errors(errors).c_str(), stderr);
    return kExitBadInput;
  }
  auto id = register_draw_publish(db, run, "20260901");
  if (!id) return fail(id.error().message);
  std::fprintf(stderr, "演示派位 %s：%zu 名申请人、%zu 所民办小学，已派位并公布（种子 20260901）\n", id->c_str(),
               run.applicants.size(), run.seats.size());
  return kExitOk;
}

// The demo's 多校划片 matching of the primary zones, registered, matched with the seed 20260902 and published.
int load_demo_match(store::Connection& db, const std::string& dir) {
  const std::string title = "演示：小学多校划片志愿匹配";
  auto exists = run_exists(db, title);
  if (!exists) return fail(exists.error().message);
  if (*exists) return kExitOk;
  auto students_table = io::read_table(dir + "/match_students.csv");
  auto schools_table = io::read_table(dir + "/match_schools.csv");
  if (!students_table || !schools_table || students_table->row_count() == 0) return kExitOk;  // older or tiny demo folder
  enroll::NewRun run{title, "national", "", {}, {}, "match", {}};
  RowErrors errors = enroll::read_seats(*schools_table, run.seats);
  if (errors.empty()) errors = enroll::read_match_input(*students_table, *schools_table, run.match);
  if (!errors.empty()) {
    std::fputs(format_row_errors(errors).c_str(), stderr);
    return kExitBadInput;
  }
  auto id = register_draw_publish(db, run, "20260902");
  if (!id) return fail(id.error().message);
  std::fprintf(stderr, "演示多校划片 %s：%zu 名学生、%zu 所学校，已匹配并公布（种子 20260902）\n", id->c_str(),
               run.match.student_count(), run.seats.size());
  return kExitOk;
}

// The demo's 中考 under the 绍兴 profile (60 %, quota within the county), 招生年份 2026: scored with the
// profile's scheme, then two rounds so the 高中招生 page starts with both states — one admitted with the
// seed 20260701 and published, one draft whose quota table can still be edited. Loading again adds nothing.
int load_demo_zhongkao(store::Connection& db, const std::string& dir) {
  const std::string published_title = "演示：2026 年中考录取（已录取并公布）";
  const std::string draft_title = "演示：2026 年中考录取（草稿，可调整名额）";
  auto existing = admit::list_rounds(db);
  if (!existing) return fail(existing.error().message);
  for (const auto& r : *existing)
    if (r.title == published_title) return kExitOk;
  auto hs = io::read_table(dir + "/zk_high_schools.csv");
  auto js = io::read_table(dir + "/zk_juniors.csv");
  auto candidates = io::read_table(dir + "/zk_candidates.csv");
  if (!hs || !js || !candidates || candidates->row_count() == 0) return kExitOk;  // older or tiny demo folder
  const int year = 2026;
  auto policy = policy::load_policy("shaoxing");
  if (!policy) return fail(policy.error().message);
  auto scheme = admit::score_scheme(*policy, year);
  if (!scheme) return fail(scheme.error().message);
  std::vector<admit::StudentScore> scores;
  RowErrors errors = admit::score_students(*candidates, *scheme, scores);
  auto quota = admit::compute_quota(*hs, *js, *policy, year, errors);
  if (!errors.empty()) {
    std::fputs(format_row_errors(errors).c_str(), stderr);
    return kExitBadInput;
  }
  if (!quota) return fail(quota.error().message);
  admit::NewRound round{published_title, policy->name(), year, io::table_to_csv(*hs), io::table_to_csv(*js),
                        scores_csv(*candidates, *scheme, scores), quota->dump(2) + "\n",
                        static_cast<int64_t>(scores.size())};
  auto created = admit::create_round(db, round, "demo-load", now_unix());
  if (!created) return fail(created.error().message);
  auto admitted = admit::admit_round(db, created->round.id, "20260701", "demo-load", now_unix());
  if (!admitted) return fail(admitted.error().message);
  auto published = admit::publish_round(db, created->round.id, "demo-load", now_unix());
  if (!published) return fail(published.error().message);
  round.title = draft_title;
  auto draft = admit::create_round(db, round, "demo-load", now_unix());
  if (!draft) return fail(draft.error().message);
  std::fprintf(stderr, "演示中考 %s（已录取并公布，种子 20260701）与 %s（草稿）：%zu 名考生\n", created->round.id.c_str(),
               draft->round.id.c_str(), scores.size());
  return kExitOk;
}

}  // namespace

int run_demo_load(const DbArgs& dba, const std::string& dir) {
  auto opened = open_db_and_key(dba);
  if (!opened) return fail(opened.error().message);
  auto& [db, key] = *opened;
  for (const char* kind : {"schools", "school_facts", "teachers", "students"}) {
    auto start = std::chrono::steady_clock::now();
    std::string path = dir + "/" + kind + ".csv";
    import::ImportOptions options;
    options.allow_exclusive = true;  // a command-line load, like `youjun import`
    auto report = import::import_file(*db, key, kind, path, {}, options);
    if (!report) return fail(report.error().message);
    if (!report->ok()) {
      std::fputs(format_row_errors(report->errors).c_str(), stderr);
      return kExitBadInput;
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "已导入 %s: %zu 行 (%.2f s)\n", path.c_str(), report->rows, s);
  }
  if (int rc = load_enroll_datasets(*db, dir); rc != kExitOk) return rc;
  if (int rc = load_demo_creations(*db, dir); rc != kExitOk) return rc;
  if (int rc = load_demo_lottery(*db, dir); rc != kExitOk) return rc;
  if (int rc = load_demo_match(*db, dir); rc != kExitOk) return rc;
  if (int rc = load_demo_zhongkao(*db, dir); rc != kExitOk) return rc;
  if (int rc = load_demo_health(*db, dir); rc != kExitOk) return rc;
  if (int rc = load_demo_applications(*db, key); rc != kExitOk) return rc;
  return create_demo_users(*db, key);
}

}  // namespace youjun::cli

namespace youjun::cli {

// Adds `demo load` under the `demo` command registered by cmd_demo.cpp.
void register_demo_load_command(CLI::App& app, Runner& selected) {
  CLI::App* demo = app.get_subcommand("demo");
  auto args = std::make_shared<DbArgs>();
  auto dir = std::make_shared<std::string>();
  auto* load = demo->add_subcommand("load", "把演示文件导入数据库并创建演示账号 / import the demo files");
  add_db_options(load, *args);
  load->add_option("--dir", *dir, "demo generate 的输出目录")->required();
  on_run(load, selected, [args, dir] { return run_demo_load(*args, *dir); });
}

}  // namespace youjun::cli
