#!/usr/bin/env bash
# Fitness scoring benchmark (issue 8 §6), called by scripts/bench.sh: 1,000,000 students' 体质健康 records
# (all grades, both sexes) scored by `youjun evaluate fitness`, five runs, median. "Scoring" is reading and
# parsing the CSV, checking every cell, scoring and the summaries (target < 2 s); the whole run adds writing
# the ~350 MB JSON. The baseline in the same run is the independent Python reference
# (bench/evaluate/fitness_ref.py, decimal arithmetic), which also checks that every student agrees.
set -euo pipefail
BUILD=$1 OUT=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REF="$ROOT/bench/evaluate/fitness_ref.py"
YJ="$ROOT/$BUILD/youjun"
D="$OUT/evaluate"
mkdir -p "$D"
python3 "$REF" gen 1000000 3 "$D/records.csv"
walls=() scoring=()
for run in 1 2 3 4 5; do
  t0=$(date +%s.%N)
  "$YJ" evaluate fitness --records "$D/records.csv" --json --out "$D/result.json" --timings 2> "$D/timings.txt"
  t1=$(date +%s.%N)
  walls+=("$(echo "($t1 - $t0) * 1000" | bc -l | xargs printf '%.0f')")
  scoring+=("$(sed -n 's/.*read \([0-9.]*\) s, check \([0-9.]*\) s, score \([0-9.]*\) s, summary \([0-9.]*\) s.*/(\1 + \2 + \3 + \4) * 1000/p' "$D/timings.txt" | bc -l | xargs printf '%.0f')")
done
wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p)
core=$(printf '%s\n' "${scoring[@]}" | sort -n | sed -n 3p)
base=$( { python3 "$REF" check "$ROOT/policy/fitness" "$D/records.csv" "$D/result.json" > "$D/check.txt"; } 2>&1 | sed -n 's/.* in \([0-9.]*\) s/\1/p' | awk '{printf "%.0f", $1 * 1000}')
grep -q '^all 1000000 students agree' "$D/check.txt"
echo "evaluate fitness 1,000,000 students: scoring incl. CSV parsing ${core} ms median of ${scoring[*]} (target < 2000); whole CLI run with the $(du -m "$D/result.json" | cut -f1) MB JSON ${wall} ms median of ${walls[*]} (last run: $(sed 's/用时 timings: //' "$D/timings.txt")); Python reference (reading + scoring): ${base} ms; ratio to our scoring $(echo "$base / $core" | bc -l | xargs printf '%.1f')"
rm -f "$D/result.json" "$D/records.csv"
