#!/usr/bin/env bash
# Balance benchmark (issue 4 §6), called by scripts/bench.sh: `youjun balance evaluate` on 20,000 schools
# (province scale) from the CSV to the JSON file, five runs, median; the baseline in the same run is the
# independent Python reference (bench/balance/balance_ref.py: the computation a bureau's analyst would
# script, without the JSON), which also checks that every value and CV agrees.
# Also the teacher exchange planner against its greedy baseline (issue 4 §3).
set -euo pipefail
BUILD=$1 OUT=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REF="$ROOT/bench/balance/balance_ref.py"
mkdir -p "$OUT/balance"
python3 "$REF" gen 20000 7 "$OUT/balance/schools.csv"
runs=()
for run in 1 2 3 4 5; do
  t0=$(date +%s.%N)
  "$ROOT/$BUILD/youjun" balance evaluate --schools "$OUT/balance/schools.csv" --json --out "$OUT/balance/result.json" 2> /dev/null
  t1=$(date +%s.%N)
  runs+=("$(echo "($t1 - $t0) * 1000" | bc -l | xargs printf '%.0f')")
done
ours=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
base=$(python3 "$REF" time "$OUT/balance/schools.csv" | awk '{print $(NF-1) * 1000}')
python3 "$REF" check "$OUT/balance/result.json" "$OUT/balance/schools.csv"
echo "balance evaluate 20,000 schools (CSV -> JSON $(du -m "$OUT/balance/result.json" | cut -f1) MB): ${ours} ms median of ${runs[*]}; Python reference (compute only): ${base} ms; ratio $(echo "$base / $ours" | bc -l | xargs printf '%.1f')"

# Teacher exchange planner on a 2,087-teacher county against the greedy baseline (bench/exchange_bench.cpp).
"$ROOT/$BUILD/youjun_bench" --benchmark_filter='Exchange' --benchmark_format=console 2>/dev/null | tee "$OUT/exchange_bench.txt" | grep '^BM_'
