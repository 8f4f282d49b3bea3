#!/usr/bin/env bash
# High-school admission benchmark (issue 7 §5), called by scripts/bench.sh: 300,000 students × 15 choices
# over 1,000 high schools and 2,000 junior schools, both batches. Measures the admission itself (the
# engine's own timer, --timings) and the whole CLI run with CSV parsing and the JSON file, five runs,
# median; the baseline in the same run is the independent Python reference (bench/admit/admit_ref.py,
# sort + scans), which also checks that every assignment and cutoff agrees.
set -euo pipefail
BUILD=$1 OUT=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REF="$ROOT/bench/admit/admit_ref.py"
YJ="$ROOT/$BUILD/youjun"
D="$OUT/admit"
mkdir -p "$D"
python3 "$REF" gen 300000 1000 2000 11 "$D" full
"$YJ" admit quota --high-schools "$D/high_schools.csv" --juniors "$D/juniors.csv" --year 2026 --json --out "$D/quota.json"
walls=() engine=()
for run in 1 2 3 4 5; do
  t0=$(date +%s.%N)
  "$YJ" admit match --students "$D/students.csv" --high-schools "$D/high_schools.csv" --quota "$D/quota.json" \
    --seed 5eed --year 2026 --json --out "$D/result.json" --timings 2> "$D/timings.txt"
  t1=$(date +%s.%N)
  walls+=("$(echo "($t1 - $t0) * 1000" | bc -l | xargs printf '%.0f')")
  engine+=("$(sed -n 's/.*admit \([0-9.]*\) s.*/\1/p' "$D/timings.txt" | xargs -I{} echo "{} * 1000" | bc -l | xargs printf '%.1f')")
done
wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p)
core=$(printf '%s\n' "${engine[@]}" | sort -n | sed -n 3p)
base=$(python3 "$REF" match "$D/students.csv" "$D/high_schools.csv" "$D/quota.json" 5eed | awk '{print $1 * 1000}')
python3 "$REF" check-match "$D/result.json" "$D/students.csv" "$D/high_schools.csv" "$D/quota.json" 5eed
echo "admit match 300,000 students × 15 choices, 1,000 high schools: admission ${core} ms median of ${engine[*]} (target ≤ 100); whole CLI run ${wall} ms median of ${walls[*]} (target ≤ 1500; last run: $(cat "$D/timings.txt" | sed 's/用时 timings: //')); Python reference (sort + scans, no parsing): ${base} ms; ratio to our whole run $(echo "$base / $wall" | bc -l | xargs printf '%.1f')"
