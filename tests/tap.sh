# Sourced by the shell test suites (tests/cli/run.sh, tests/fault/run.sh): TAP-like "ok - name" /
# "not ok - name" lines that scripts/test.sh counts. Needs $T (the suite's temp dir).
n_ok=0; n_fail=0
# check NAME COMMAND… : passes when the command succeeds. Its stdout is kept as "# " comment lines (what
# was observed); on failure stdout and stderr are shown indented.
check() {
  local name=$1; shift
  if "$@" > "$T/last.out" 2> "$T/last.err"; then echo "ok - $name"; sed 's/^/# /' "$T/last.out"; n_ok=$((n_ok+1));
  else echo "not ok - $name"; sed 's/^/    /' "$T/last.out" "$T/last.err" | head -20; n_fail=$((n_fail+1)); fi
}
