#!/usr/bin/env bash
# PostgreSQL part of `make bench` (run inside scripts/with-postgres.sh with YOUJUN_PG_DURABLE=1):
# import of the same 1M student rows into PostgreSQL, against the peer `psql \copy` of the CSV into a
# bare table (no validation) on the same server in the same run.
set -euo pipefail
YJ=$1; OUT=$2
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }
base=${YOUJUN_TEST_PG_URL%/*}
psql -q "$YOUJUN_TEST_PG_URL" -c "CREATE DATABASE bench_yj" -c "CREATE DATABASE bench_peer" >/dev/null
export YOUJUN_KEY_FILE="$OUT/pg.key"
"$YJ" db init --db "$base/bench_yj" > /dev/null
"$YJ" import schools "$OUT/big/schools.csv" --db "$base/bench_yj" > /dev/null
rows=$(($(wc -l < "$OUT/big/students.csv") - 1))
t0=$(now); "$YJ" import students "$OUT/big/students.csv" --db "$base/bench_yj" > "$OUT/import-pg.txt" 2>&1; t1=$(now)
ours=$(secs "$t0" "$t1")
psql -q "$base/bench_peer" -c "CREATE TABLE s (id TEXT, name TEXT, gender TEXT, birth TEXT, hukou TEXT, migrant TEXT, school TEXT, grade TEXT, class TEXT)" >/dev/null
t0=$(now); psql -q "$base/bench_peer" -c "\\copy s FROM '$OUT/students_nohdr.csv' WITH (FORMAT csv)" >/dev/null; t1=$(now)
peer=$(secs "$t0" "$t1")
echo "import students on PostgreSQL 15 (default durability, shared_buffers 1GB): $rows rows in ${ours} s; peer psql \\copy (no validation): ${peer} s; ratio $(echo "$ours / $peer" | bc -l | xargs printf '%.2f')"
