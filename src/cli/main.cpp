#include <mimalloc.h>
#include <sys/stat.h>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  using namespace youjun::cli;
  // Everything this tool writes (databases, exports, backups, demo files) may hold minors' data:
  // owner-only, whatever the shell's umask.
  umask(077);
  // Transparent huge pages for mimalloc's segments: a 1M-row import faults in ~1 GiB, and with 4 KiB
  // pages the kernel's page-fault path took ~13 % of its time (measured 11.1-12.3 s -> 8.0-9.2 s).
  // Where the kernel offers no huge pages this silently keeps normal pages.
  mi_option_enable(mi_option_large_os_pages);
  CLI::App app{"youjun 优均 — 义务教育优质均衡与招生治理引擎"};
  app.require_subcommand(1);
  Runner selected;
  register_version_command(app, selected);
  register_db_commands(app, selected);
  register_import_export_commands(app, selected);
  register_demo_commands(app, selected);
  register_demo_load_command(app, selected);
  register_policy_commands(app, selected);
  register_serve_command(app, selected);
  register_user_commands(app, selected);
  register_audit_commands(app, selected);
  register_enroll_commands(app, selected);
  register_balance_commands(app, selected);
  register_admit_commands(app, selected);
  register_evaluate_commands(app, selected);
  register_timetable_commands(app, selected);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitBadInput;
  }
  return selected ? selected() : kExitOk;
}
