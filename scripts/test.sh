#!/usr/bin/env bash
# Runs every test suite and ends with one line: "N passed, N failed".
#   unit + integration: GoogleTest (build/youjun_tests)
#   cli:                tests/cli/run.sh (exit codes and outputs of the command-line contract), tests/cli/enroll.sh,
#                       tests/cli/balance.sh, tests/cli/admit.sh, tests/cli/evaluate.sh, tests/cli/value_added.sh,
#                       tests/cli/timetable.sh
#   e2e:                tests/e2e (real server on a free loopback port, real Chromium)
set -uo pipefail
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT="$BUILD/test-results"
mkdir -p "$OUT"
passed=0; failed=0

count_gtest() {  # reads a GoogleTest XML report
  local xml=$1 tests failures
  tests=$(grep -o '<testsuites tests="[0-9]*"' "$xml" | grep -o '[0-9]*')
  failures=$(grep -o '<testsuites tests="[0-9]*" failures="[0-9]*"' "$xml" | grep -o 'failures="[0-9]*"' | grep -o '[0-9]*')
  skipped=$(grep -o '<testcase [^>]*result="skipped"' "$xml" | wc -l)
  # A skipped test is not a pass: make test always provides PostgreSQL, so a skip means something is wrong.
  passed=$((passed + tests - failures - skipped)); failed=$((failed + failures + skipped))
  [ "$skipped" -eq 0 ] || echo "$skipped tests skipped (counted as failed)"
}

echo "== 单元与集成测试 unit + integration (GoogleTest; SQLite and a private PostgreSQL 15 server)"
rm -f "$OUT/unit.xml"
bash scripts/with-postgres.sh "$BUILD/youjun_tests" --gtest_brief=1 --gtest_output="xml:$OUT/unit.xml" 2>&1 | tail -n 30
if [ -f "$OUT/unit.xml" ]; then count_gtest "$OUT/unit.xml"; else echo "youjun_tests crashed"; failed=$((failed + 1)); fi

count_tap() {  # counts "ok - " / "not ok - " lines of a TAP-like log
  local log=$1 p f
  p=$(grep -c '^ok - ' "$log"); f=$(grep -c '^not ok - ' "$log")
  passed=$((passed + p)); failed=$((failed + f))
}

echo "== 命令行测试 CLI contract"
bash scripts/with-postgres.sh bash tests/cli/run.sh "$BUILD/youjun" > "$OUT/cli.log" 2>&1
cli_rc=$?
grep -E '^(not )?ok - ' "$OUT/cli.log" | grep '^not ok' ; tail -n 1 "$OUT/cli.log"
count_tap "$OUT/cli.log"
if [ $cli_rc -ne 0 ] && ! grep -q '^not ok - ' "$OUT/cli.log"; then failed=$((failed + 1)); cat "$OUT/cli.log"; fi

# run_cli_suite LOG SCRIPT: a TAP suite of tests/cli; its failures are shown, a crash without a
# "not ok" line counts as one failure.
run_cli_suite() {
  local log="$OUT/$1" rc
  bash "$2" "$BUILD/youjun" > "$log" 2>&1
  rc=$?
  grep '^not ok' "$log"; tail -n 1 "$log"
  count_tap "$log"
  if [ $rc -ne 0 ] && ! grep -q '^not ok - ' "$log"; then failed=$((failed + 1)); cat "$log"; fi
}

echo "== 招生命令行测试 enroll CLI (lottery, verify, matching)"
run_cli_suite enroll_cli.log tests/cli/enroll.sh
echo "== 优质均衡命令行测试 balance CLI (evaluate, reference recomputation)"
run_cli_suite balance_cli.log tests/cli/balance.sh
echo "== 高中招生命令行测试 admit CLI (quota, score, match, verify, reference recomputation)"
run_cli_suite admit_cli.log tests/cli/admit.sh
echo "== 学生发展评价命令行测试 evaluate CLI (fitness scoring, graduation, reference recomputation)"
run_cli_suite evaluate_cli.log tests/cli/evaluate.sh
echo "== 增值评价命令行测试 value-added CLI (hand-worked fit, bad input, reference recomputation)"
run_cli_suite value_added_cli.log tests/cli/value_added.sh

echo "== 课表命令行测试 timetable CLI (the 236 FET files of fet-data against xml.etree, bad input)"
run_cli_suite timetable_cli.log tests/cli/timetable.sh

echo "== 故障测试 fault tests (SIGKILL, full disk, PostgreSQL restart, bad requests)"
bash scripts/with-postgres.sh bash tests/fault/run.sh "$BUILD/youjun" > "$OUT/fault.log" 2>&1
fault_rc=$?
grep -E '^(not )?ok - |^# ' "$OUT/fault.log"; tail -n 1 "$OUT/fault.log"
count_tap "$OUT/fault.log"
if [ $fault_rc -ne 0 ] && ! grep -q '^not ok - ' "$OUT/fault.log"; then failed=$((failed + 1)); tail -n 40 "$OUT/fault.log"; fi

if [ -f tests/e2e/run.mjs ] && [ -d web/node_modules ]; then
  echo "== 浏览器端到端测试 e2e (Chromium)"
  bash scripts/e2e.sh "$BUILD" > "$OUT/e2e.log" 2>&1
  e2e_rc=$?
  grep -E '^(not )?ok - |^e2e:' "$OUT/e2e.log"
  count_tap "$OUT/e2e.log"
  if [ $e2e_rc -ne 0 ] && ! grep -q '^not ok - ' "$OUT/e2e.log"; then failed=$((failed + 1)); tail -n 40 "$OUT/e2e.log"; fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
