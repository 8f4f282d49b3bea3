#!/usr/bin/env bash
# Load test (issue 5 §3), part of `make bench`; run inside scripts/with-postgres.sh (YOUJUN_PG_DURABLE=1).
# The demo city on PostgreSQL, `youjun serve` on a loopback port, CLIENTS concurrent clients for SECONDS
# (bench/load/load_client.cpp), then the invariants: acknowledged edits stored exactly once (checked by
# the client), audit entries equal to acknowledged edits and audited reads, and `youjun audit verify`.
set -euo pipefail
YJ=$1; LOAD=$2; OUT=$3; SECONDS_=${LOAD_SECONDS:-60}; CLIENTS=${LOAD_CLIENTS:-16}
base=${YOUJUN_TEST_PG_URL%/*}
psql -q "$YOUJUN_TEST_PG_URL" -c "CREATE DATABASE load_city" > /dev/null
DB="$base/load_city"
export YOUJUN_KEY_FILE="$OUT/load.key"
"$YJ" demo generate --seed 5 --scale ${LOAD_SCALE:-0.5} --out "$OUT/load-city" > /dev/null 2>&1
"$YJ" demo load --db "$DB" --dir "$OUT/load-city" > /dev/null 2>&1
port=$((20000 + RANDOM % 12000))  # below the ephemeral range (32768+)
"$YJ" serve --db "$DB" --port "$port" --db-pool "${LOAD_POOL:-16}" --no-request-log > "$OUT/load-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null 2>&1 && break; sleep 0.1; done
count() { psql -tA "$DB" -c "SELECT count(*) FROM audit_log WHERE action = '$1'"; }
edits0=$(count school.update); reads0=$(count students.read)
applied0=$(count enroll.application.submit); reviewed0=$(count enroll.application.review)
set +e
"$LOAD" "http://127.0.0.1:$port" "$SECONDS_" "$CLIENTS" staff 'Youjun@2026' admin | tee "$OUT/load.txt"
rc=${PIPESTATUS[0]}
set -e
kill $server; wait $server 2>/dev/null || true
edits=$(( $(count school.update) - edits0 )); reads=$(( $(count students.read) - reads0 ))
applied=$(( $(count enroll.application.submit) - applied0 )); reviewed=$(( $(count enroll.application.review) - reviewed0 ))
field() { grep -o "$1=[0-9]*" "$OUT/load.txt" | cut -d= -f2; }
acked_edits=$(field edits_ok); acked_reads=$(field roster_ok); acked_applied=$(field apply_ok); acked_reviewed=$(field review_ok)
verify=$("$YJ" audit verify --db "$DB" | head -1)
echo "audit log: school.update $edits (acknowledged $acked_edits), students.read $reads (answered $acked_reads)," \
     "enroll.application.submit $applied (acknowledged $acked_applied), enroll.application.review $reviewed (acknowledged $acked_reviewed); $verify"
[ "$rc" = 0 ] && [ "$edits" = "$acked_edits" ] && [ "$reads" = "$acked_reads" ] && [ "$applied" = "$acked_applied" ] &&
  [ "$reviewed" = "$acked_reviewed" ]
