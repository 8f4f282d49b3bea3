#!/usr/bin/env bash
# Benchmarks of issue 3, written to bench/out/*.txt and summarised on stdout for bench/RESULTS.md.
#  1. import of 1,000,000 student rows (validate + encrypt + store), against the peer
#     `sqlite3 .import` of the same CSV into a bare table (no validation) in the same run;
#  2. demo city generated and loaded (scale 1.0);
#  3. enrollment matching at city scale (scripts/bench_enroll.sh, issue 6).
#  4. balance evaluate on 20,000 schools (scripts/bench_balance.sh, issue 4).
#  5. high-school admission, 300,000 students × 15 choices (scripts/bench_admit.sh, issue 7).
#  6. 体质健康 scoring of 1,000,000 students' records (scripts/bench_evaluate.sh, issue 8).
set -euo pipefail
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
YJ="$ROOT/$BUILD/youjun"
OUT="$ROOT/bench/out"
rm -rf "$OUT"; mkdir -p "$OUT"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }

# 1. 1M students: a demo city at scale 5 has ~1M students.
"$YJ" demo generate --seed 1 --scale 5 --out "$OUT/big" 2> /dev/null
rows=$(($(wc -l < "$OUT/big/students.csv") - 1))
# Three runs into a fresh database each (the machine is shared: one run can be 15 % off).
runs=()
for run in 1 2 3; do
  rm -f "$OUT/big.db"*
  "$YJ" db init --db "$OUT/big.db" > /dev/null
  "$YJ" import schools "$OUT/big/schools.csv" --db "$OUT/big.db" > /dev/null
  t0=$(now); "$YJ" import students "$OUT/big/students.csv" --db "$OUT/big.db" > "$OUT/import.txt" 2>&1; t1=$(now)
  runs+=("$(secs "$t0" "$t1")")
done
ours=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)  # the median
tail -n +2 "$OUT/big/students.csv" > "$OUT/students_nohdr.csv"
t0=$(now)
sqlite3 "$OUT/peer.db" "CREATE TABLE s (id TEXT, name TEXT, gender TEXT, birth TEXT, hukou TEXT, migrant TEXT, school TEXT, grade TEXT, class TEXT);" ".mode csv" ".import $OUT/students_nohdr.csv s"
t1=$(now)
peer=$(secs "$t0" "$t1")
echo "import students: $rows rows in ${ours} s (median of ${runs[*]}; youjun: validate all + encrypt + upsert); peer sqlite3 .import (no validation): ${peer} s; ratio $(echo "$ours / $peer" | bc -l | xargs printf '%.2f')"

# 1b. The same rows into PostgreSQL (private server, PostgreSQL's default durability settings).
YOUJUN_PG_DURABLE=1 bash scripts/with-postgres.sh bash scripts/bench_pg.sh "$YJ" "$OUT" 2>/dev/null

# 1c. Load test on PostgreSQL: 16 clients for 60 s, then the invariants (scripts/load.sh).
YOUJUN_PG_DURABLE=1 bash scripts/with-postgres.sh bash scripts/load.sh "$YJ" "$ROOT/$BUILD/youjun_load" "$OUT" 2>/dev/null | grep -E '^(load|invariants|audit log)'

# 2. Demo city at scale 1.0: generate + load.
rm -rf "$OUT/demo" "$OUT/demo.db"*
t0=$(now)
"$YJ" demo generate --seed 20260901 --out "$OUT/demo" 2> /dev/null
t1=$(now)
"$YJ" demo load --db "$OUT/demo.db" --dir "$OUT/demo" 2> "$OUT/demo-load.txt"
t2=$(now)
echo "demo city: generate $(secs "$t0" "$t1") s + load $(secs "$t1" "$t2") s = $(secs "$t0" "$t2") s ($(($(wc -l < "$OUT/demo/students.csv") - 1)) students, $(($(wc -l < "$OUT/demo/schools.csv") - 1)) schools)"

# 3. Enrollment matching (issue 6).
bash scripts/bench_enroll.sh "$BUILD" "$OUT"
bash scripts/bench_balance.sh "$BUILD" "$OUT"
bash scripts/bench_admit.sh "$BUILD" "$OUT"
bash scripts/bench_evaluate.sh "$BUILD" "$OUT"
