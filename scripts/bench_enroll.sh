#!/usr/bin/env bash
# Enrollment benchmarks (issue 6 §3), called by scripts/bench.sh:
#  1. the matching itself, 1,000,000 students × 10 choices over 5,000 schools: ours against the
#     heap-per-school DA baseline, same instance, same run (Google Benchmark, bench/match_bench.cpp);
#  2. the whole CLI run on the same shape from CSV files to the JSON result: wall time and peak memory;
#  3. catchment lookup (§1): 1,000,000 points in 5,040 polygons against the no-index scan
#     (bench/locate_bench.cpp), and the optional PostGIS path on the same instance (issue 5 §1; a private
#     PostgreSQL 15 + PostGIS server from scripts/with-postgres.sh).
set -euo pipefail
BUILD=$1 OUT=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
YOUJUN_PG_DURABLE=1 bash "$ROOT/scripts/with-postgres.sh" \
  "$ROOT/$BUILD/youjun_bench" --benchmark_filter='Locate' --benchmark_format=console 2>/dev/null | tee "$OUT/locate_bench.txt" | grep '^BM_'
"$ROOT/$BUILD/youjun_bench" --benchmark_filter='Match' --benchmark_format=console 2>/dev/null | tee "$OUT/match_bench.txt" | grep '^BM_'
ours=$(awk '/^BM_Match_Ours\/0/ {print $2}' "$OUT/match_bench.txt")
base=$(awk '/^BM_Match_HeapPerSchoolBaseline\/0/ {print $2}' "$OUT/match_bench.txt")
ours_t=$(awk '/^BM_Match_Ours\/1/ {print $2}' "$OUT/match_bench.txt")
base_t=$(awk '/^BM_Match_HeapPerSchoolBaseline\/1/ {print $2}' "$OUT/match_bench.txt")
echo "match 1M×10 over 5000, one key: ours ${ours} ms vs heap-per-school DA ${base} ms: $(echo "$base / $ours" | bc -l | xargs printf '%.1f')× faster"
echo "match 1M×10 over 5000, per-school tiers: ours ${ours_t} ms vs baseline ${base_t} ms: $(echo "$base_t / $ours_t" | bc -l | xargs printf '%.1f')× faster"

mkdir -p "$OUT/match"
python3 "$ROOT/bench/enroll/gen_match_csv.py" 1000000 5000 "$OUT/match"
for run in 1 2 3; do
  /usr/bin/time -f "cli wall %e s, peak memory %M KB" "$ROOT/$BUILD/youjun" enroll match --students "$OUT/match/students.csv" \
    --schools "$OUT/match/schools.csv" --seed 5eed --json --out "$OUT/match/result.json" --timings 2>&1 | tr '\n' ' '
  echo
done | tee "$OUT/match_cli.txt"
"$ROOT/$BUILD/youjun" enroll verify --result "$OUT/match/result.json" --students "$OUT/match/students.csv" \
  --schools "$OUT/match/schools.csv" --seed 5eed
