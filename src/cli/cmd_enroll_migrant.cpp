// `youjun enroll migrant-share` — 随迁子女 in public schools per county against the profile's minimum
// (issue 6 §5). On the database (--db) or stateless on the import files (--schools, --students), which
// are validated by the importer into a private in-memory database.
#include <sodium.h>

#include <array>
#include <cstdio>

#include "cli/cli.hpp"
#include "cli/cli_db.hpp"
#include "cli/enroll_inputs.hpp"
#include "enroll/migrant_share.hpp"
#include "import/importer.hpp"
#include "store/migrations.hpp"

namespace youjun::cli {

namespace {

struct MigrantArgs {
  DbArgs db;
  std::string schools, students, out, policy = "national";
  bool json = false;
};

const char* kMinShareRule = "enroll.migrant.public_share.min";

// The files into an in-memory database under a throw-away key (only counts leave it).
Result<std::unique_ptr<store::Connection>> load_files(const MigrantArgs& a, bool& bad_input) {
  auto db = store::open_database(":memory:");
  if (!db) return db.error();
  if (auto m = store::migrate(**db); !m) return m.error();
  std::array<unsigned char, 32> bytes{};
  if (sodium_init() < 0) return make_error("libsodium 初始化失败");
  randombytes_buf(bytes.data(), bytes.size());
  auto key = PersonalDataKey::from_bytes(bytes);
  for (const auto& [kind, path] : {std::pair<const char*, std::string>{"schools", a.schools}, {"students", a.students}}) {
    auto report = import::import_file(**db, key, kind, path, {}, {});
    if (!report) return report.error();
    if (!report->ok()) {
      std::fputs(format_row_errors(report->errors).c_str(), stderr);
      bad_input = true;
      return make_error("");
    }
  }
  return db;
}

int run_migrant_share(const MigrantArgs& a) {
  bool files = !a.schools.empty() || !a.students.empty();
  if (files == !a.db.url.empty() || (files && (a.schools.empty() || a.students.empty()))) {
    std::fprintf(stderr, "请给出 --db，或同时给出 --schools 与 --students（二者选一）\n");
    return kExitBadInput;
  }
  auto policy = policy::load_policy(a.policy);
  if (!policy) return fail(policy.error().message);
  auto rule = policy->rule(kMinShareRule);
  if (!rule) return fail(rule.error().message);

  std::unique_ptr<store::Connection> db;
  if (files) {
    bool bad_input = false;
    auto loaded = load_files(a, bad_input);
    if (!loaded) return bad_input ? kExitBadInput : fail(loaded.error().message);
    db = std::move(*loaded);
  } else {
    auto opened = open_db_and_key(a.db);
    if (!opened) return fail(opened.error().message);
    db = std::move(opened->first);
  }
  auto shares = enroll::migrant_shares(*db);
  if (!shares) return fail(shares.error().message);

  auto report = enroll::migrant_share_json(*shares, *rule);
  std::string text;
  if (a.json || !a.out.empty()) {
    text = report.dump(2) + "\n";
  } else {
    text = "区县\t随迁子女\t在公办学校\t占比\t达标（" + policy::format_value(rule->value) + "）\n";
    for (const auto& d : report["districts"]) {
      char share[32] = "—";
      if (!d["share"].is_null()) std::snprintf(share, sizeof share, "%.1f%%", d["share"].get<double>() * 100);
      text += d["district_name"].get<std::string>() + "\t" + std::to_string(d["migrants"].get<int64_t>()) + "\t" +
              std::to_string(d["in_public"].get<int64_t>()) + "\t" + share + "\t" +
              (d["meets"].is_null() ? "—" : d["meets"].get<bool>() ? "是" : "否") + "\n";
    }
  }
  size_t below = report["below"];
  bool written = write_output(a.out, text);
  std::fprintf(stderr, "随迁子女公办学校就读比例：%zu 个区县低于 %s（%s）\n", below, policy::format_value(rule->value).c_str(),
               rule->cite.c_str());
  return written ? kExitOk : kExitFailure;
}

}  // namespace

void add_enroll_migrant_command(CLI::App* enroll, Runner& selected) {
  auto a = std::make_shared<MigrantArgs>();
  auto* cmd = enroll->add_subcommand("migrant-share", "随迁子女在公办学校就读比例（按区县，对照策略下限）/ migrant children in public schools");
  add_db_options(cmd, a->db, false);
  cmd->add_option("--schools", a->schools, "不用数据库时：学校导入文件（与 --students 一起）");
  cmd->add_option("--students", a->students, "不用数据库时：学生导入文件");
  cmd->add_option("--policy", a->policy, "策略配置（缺省 national；金华 jinhua 按公办学校计）");
  cmd->add_flag("--json", a->json, "输出 JSON");
  cmd->add_option("--out", a->out, "把结果写入文件");
  on_run(cmd, selected, [a] { return run_migrant_share(*a); });
}

}  // namespace youjun::cli
