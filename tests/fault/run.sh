#!/usr/bin/env bash
# Fault tests (issue 5 §3, docs/reliability.md). Each scenario hurts a real server and then checks that
# the data is the state before or after the operation, never in between (counts + audit log + chain).
# Prints "ok - name" / "not ok - name". Needs curl; the PostgreSQL scenarios run when
# YOUJUN_TEST_PG_URL is set (scripts/with-postgres.sh).
set -u
YJ=$(realpath "$1")
source "$(dirname "$(realpath "$0")")/../tap.sh"  # before any cd: $0 may be relative
T=$(mktemp -d /tmp/youjun-fault.XXXXXX)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
cd "$T"
PASSWORD='Youjun@2026'

# Ports below the kernel's ephemeral range (32768+), so no outgoing connection (curl, libpq) holds one;
# a probe cannot see such a holder, and a bind then fails.
free_port() {
  local p
  while :; do p=$((20000 + RANDOM % 12000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
}
# start_server DB [extra serve options…]: sets SERVER_PID and URL. Tries another port when the
# server exits at once (the port was taken between the probe and the bind).
start_server() {
  local db=$1; shift
  for _attempt in 1 2 3 4 5; do
    PORT=$(free_port); URL="http://127.0.0.1:$PORT"
    "$YJ" serve --db "$db" --port "$PORT" --no-request-log "$@" > "$T/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
      curl -sf "$URL/api/v1/health" > /dev/null 2>&1 && return 0
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$SERVER_PID" 2>/dev/null && break  # running but not answering: a real failure
    grep -q '监听' "$T/server.log" || break       # exited for another reason than the port
  done
  echo "server did not start"; cat "$T/server.log"; return 1
}
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }
login() {  # cookie jar $T/cookies, CSRF token in $CSRF
  CSRF=$(curl -s -c "$T/cookies" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/auth/login" | grep -o '"csrf_token":"[0-9a-f]*"' | cut -d'"' -f4)
  [ -n "$CSRF" ]
}
upload() {  # upload KIND FILE → HTTP status on stdout
  curl -s -o "$T/upload.json" -w '%{http_code}' -b "$T/cookies" -H "X-CSRF-Token: $CSRF" -F "file=@$2" "$URL/api/v1/import/$1"
}
count() { "$YJ" export "$1" --db "$2" --out "$T/count.csv" > /dev/null 2>&1 && echo $(($(wc -l < "$T/count.csv") - 1)); }
audit_imports() { "$YJ" audit list --db "$1" --limit 1000 2>/dev/null | grep -c "\"action\": \"import.$2\""; }

# A city whose students file is big enough (~230k rows, seconds to import) to be killed mid-write.
"$YJ" demo generate --seed 3 --out city > /dev/null 2>&1
prepare_db() {  # prepare_db DB: schools imported, admin account
  "$YJ" db init --db "$1" > /dev/null && "$YJ" import schools city/schools.csv --db "$1" > /dev/null 2>&1 &&
    echo "$PASSWORD" | "$YJ" user add admin --role bureau_admin --password-stdin --db "$1" > /dev/null
}

# Returns once the server is writing student rows (inside the import transaction), at most 30 s.
wait_for_write() {
  for _ in $(seq 1 300); do
    if [[ $1 == postgres* ]]; then
      [ "$(psql -tA "$1" -c "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'INSERT INTO students%'")" -gt 0 ] && return 0
    else
      [ -f "$1-wal" ] && [ "$(stat -c %s "$1-wal")" -gt 8000000 ] && return 0
    fi
    sleep 0.1
  done
  return 1
}

# 1. SIGKILL in the middle of an import: after restart the students table is empty (before) or complete
# (after), the audit log has the import entry exactly when the rows are there, and the chain verifies.
kill_mid_import() {  # kill_mid_import DB
  local db=$1 rows; rows=$(($(wc -l < city/students.csv) - 1))
  prepare_db "$db" || return 1
  start_server "$db" || return 1
  login || { echo "login failed"; return 1; }
  upload students city/students.csv > "$T/status" &
  local up=$!
  wait_for_write "$db" || { echo "the import never reached its write phase"; return 1; }
  kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
  wait "$up" 2>/dev/null
  local n a; n=$(count students "$db"); a=$(audit_imports "$db" students)
  echo "after kill: students=$n of $rows, import audit entries=$a, http=$(cat "$T/status")"
  if ! { [ "$n" = 0 ] && [ "$a" = 0 ]; } && ! { [ "$n" = "$rows" ] && [ "$a" = 1 ]; }; then return 1; fi
  "$YJ" audit verify --db "$db" | grep -q '审计日志完整' || return 1
  # The server starts again on the same data and a complete import then succeeds.
  start_server "$db" || return 1
  login && [ "$(upload students city/students.csv)" = 200 ] || { cat "$T/upload.json"; return 1; }
  stop_server
  [ "$(count students "$db")" = "$rows" ] && [ "$(audit_imports "$db" students)" -ge 1 ]
}
check "SQLite: SIGKILL mid-import leaves before-or-after state, audit consistent" kill_mid_import "$T/kill.db"

# 1b. SIGKILL while a lottery is drawn and while it is published (issue 6 §6 runs): after a restart each
# run is wholly before (no seed, no result, no draw entry) or wholly after (seed, result, exactly one audit
# entry); a published run has its publish entry. Kills land at several delays so some hit mid-draw.
run_state() {  # run_state ID → "status seed result" as the API reports it
  curl -s -b "$T/cookies" "$URL/api/v1/enroll/runs/$1" | python3 -c '
import json, sys; r = json.load(sys.stdin)
print(r["run"]["status"], "seed" if r["run"]["seed"] else "-", "result" if r["result"] else "-")'
}
audit_runs() {  # audit_runs DB draw|publish ID → number of such audit entries
  "$YJ" audit list --db "$1" --limit 5000 2>/dev/null | python3 -c '
import json, sys; items = json.load(sys.stdin)["items"]
print(sum(1 for e in items if e["action"] == "enroll.run." + sys.argv[1] and e["target"] == sys.argv[2]))' "$2" "$3"
}
kill_mid_draw() {  # kill_mid_draw DB
  local db=$1
  python3 -c '
import sys
with open("big-app.csv", "w") as f:
    f.write("applicant_id,school_id,tier\n")
    for i in range(300000): f.write("A%06d,S%d,%d\n" % (i, i % 50, 1 + i % 3))
with open("big-seats.csv", "w") as f:
    f.write("school_id,seats\n")
    for s in range(50): f.write("S%d,3000\n" % s)'
  prepare_db "$db" || return 1
  local delay id state d p outcome=""
  for delay in 0.05 0.3 0.6 0.7 0.8 1.0 1.2; do
    start_server "$db" || return 1
    login || return 1
    id=$(curl -s -b "$T/cookies" -H "X-CSRF-Token: $CSRF" -F title=kill -F applicants=@big-app.csv -F seats=@big-seats.csv \
      "$URL/api/v1/enroll/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["run"]["id"])') || return 1
    curl -s -o /dev/null -b "$T/cookies" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
      -d '{"seed":"5eed"}' "$URL/api/v1/enroll/runs/$id/draw" &
    sleep "$delay"
    kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; wait
    start_server "$db" || return 1
    login || return 1
    state=$(run_state "$id"); d=$(audit_runs "$db" draw "$id")
    case "$state $d" in
      "registered - - 0") outcome+="$delay:before " ;;
      "drawn seed result 1") outcome+="$delay:after " ;;
      *) echo "run $id in between: $state, draw entries $d"; return 1 ;;
    esac
    # Publish it (drawing first when the kill came before the draw), killed right after the request.
    [ "${state%% *}" = registered ] && curl -s -o /dev/null -b "$T/cookies" -H "X-CSRF-Token: $CSRF" \
      -H 'Content-Type: application/json' -d '{"seed":"5eed"}' "$URL/api/v1/enroll/runs/$id/draw"
    curl -s -o /dev/null -b "$T/cookies" -H "X-CSRF-Token: $CSRF" -X POST "$URL/api/v1/enroll/runs/$id/publish" &
    sleep 0.01
    kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; wait
    start_server "$db" || return 1
    login || return 1
    state=$(run_state "$id"); p=$(audit_runs "$db" publish "$id"); d=$(audit_runs "$db" draw "$id")
    case "$state $d $p" in
      "drawn seed result 1 0" | "published seed result 1 1") ;;
      *) echo "run $id after the publish kill: $state, draw $d, publish $p"; return 1 ;;
    esac
    stop_server
  done
  echo "draw kills: $outcome"
  "$YJ" audit verify --db "$db" | grep -q '审计日志完整'
}
check "SQLite: SIGKILL mid-draw and mid-publish of a 300k-applicant lottery: each run before or after, audit consistent" kill_mid_draw "$T/draw.db"

# 2. The SQLite directory fills up (a 20 MB file-size limit on the server stands in for a full disk):
# the import fails with a clear error, nothing is written, the server keeps serving reads.
disk_full() {
  local db="$T/full.db"
  prepare_db "$db" || return 1
  local before; before=$(count schools "$db")
  PORT=$(free_port); URL="http://127.0.0.1:$PORT"
  (trap '' XFSZ; ulimit -f 20480; exec "$YJ" serve --db "$db" --port "$PORT" --no-request-log) > "$T/full.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 50); do curl -sf "$URL/api/v1/health" > /dev/null 2>&1 && break; sleep 0.1; done
  login || { echo "login failed"; cat "$T/full.log"; return 1; }
  local status; status=$(upload students city/students.csv)
  echo "import on a full disk: HTTP $status $(head -c 300 "$T/upload.json")"; grep ERROR "$T/full.log" | head -3 | cut -c1-300
  [ "$status" = 507 ] || return 1
  grep -q '"code":"insufficient_storage"' "$T/upload.json" && grep -q '未写入任何数据' "$T/upload.json" || return 1
  [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/cookies" "$URL/api/v1/schools?limit=1")" = 200 ] || return 1
  stop_server
  [ "$(count students "$db")" = 0 ] && [ "$(count schools "$db")" = "$before" ] && [ "$(audit_imports "$db" students)" = 0 ]
}
check "SQLite: disk full during an import: clear 5xx, nothing written, reads still served" disk_full

# 3. Malformed, huge and slow requests: clear refusals, and the server keeps serving others.
bad_requests() {
  local db="$T/bad.db"
  prepare_db "$db" || return 1
  start_server "$db" --read-timeout 2 || return 1
  login || return 1
  local s
  s=$(curl -s -o "$T/b.json" -w '%{http_code}' -H 'Content-Type: application/json' -d '{"username":' "$URL/api/v1/auth/login")
  [ "$s" = 400 ] && grep -q '"error"' "$T/b.json" || { echo "malformed JSON: $s"; return 1; }
  # 200 MB announced, nothing sent: refused from the header, before reading the body.
  s=$(curl -s -o "$T/b.json" -w '%{http_code}' --max-time 10 -b "$T/cookies" -H "X-CSRF-Token: $CSRF" \
      -H 'Content-Type: application/json' -H 'Content-Length: 209715200' --data-binary @/dev/null "$URL/api/v1/users")
  [ "$s" = 413 ] || { echo "huge body: $s"; return 1; }
  # Slow client: headers never finish. The server drops it after the read timeout; others are served meanwhile.
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT"; printf 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n' >&3; sleep 6; printf 'X: y\r\n\r\n' >&3 2>/dev/null; cat <&3 > "$T/slow.out" 2>/dev/null) &
  local slow=$!
  sleep 0.5
  s=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$URL/api/v1/health")
  [ "$s" = 200 ] || { echo "health during slow client: $s"; return 1; }
  wait "$slow"
  ! grep -q '200 OK' "$T/slow.out" || { echo "slow request was served after 6 s"; return 1; }
  stop_server
}
check "malformed JSON 400, announced 200 MB body 413, slow client dropped while others are served" bad_requests

# 4. No personal data in logs: with request logging on, import students, read a roster, log in and out;
# the server's output holds no ID number, no student name and no session token.
no_personal_data_in_logs() {
  local db="$T/log.db"
  prepare_db "$db" || return 1
  head -201 city/students.csv > few.csv
  PORT=$(free_port); URL="http://127.0.0.1:$PORT"
  "$YJ" serve --db "$db" --port "$PORT" > "$T/log-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "$URL/api/v1/health" > /dev/null 2>&1 && break; sleep 0.1; done
  login || return 1
  [ "$(upload students few.csv)" = 200 ] || { cat "$T/upload.json"; return 1; }
  local school; school=$(sed -n 2p few.csv | cut -d, -f7)
  [ "$(curl -s -o "$T/roster.json" -w '%{http_code}' -b "$T/cookies" "$URL/api/v1/schools/$school/students?page_size=200&q=x")" = 200 ] || return 1
  curl -s -o /dev/null -b "$T/cookies" -H "X-CSRF-Token: $CSRF" -X POST "$URL/api/v1/auth/logout"
  stop_server
  local lines; lines=$(wc -l < "$T/log-server.log")
  [ "$lines" -ge 4 ] || { echo "expected request log lines, got $lines"; return 1; }
  local token; token=$(awk '$6 == "yj_session" {print $7}' "$T/cookies")
  for value in $(tail -n +2 few.csv | cut -d, -f1,2 | tr ',' '\n') "$token" "$CSRF"; do
    [ -n "$value" ] && grep -qF -- "$value" "$T/log-server.log" && { echo "found in the server log: ${value:0:4}…"; return 1; }
  done
  echo "server log: $lines lines, none with an ID number, a student name, the session token or the CSRF token"
}
check "request log holds no ID numbers, names or tokens" no_personal_data_in_logs

# 5. SIGTERM stops the server gracefully (exit 0, "服务已停止") after audited reads started the audit
# batcher's thread: a thread that does not block the signal would take it and kill the process (143).
sigterm_graceful() {
  local db="$T/log.db" i rc
  for i in 1 2 3; do
    start_server "$db" || return 1
    login || return 1
    curl -sf -o /dev/null -b "$T/cookies" "$URL/api/v1/schools?page_size=5" || return 1
    kill "$SERVER_PID"; wait "$SERVER_PID"; rc=$?; SERVER_PID=""
    [ "$rc" -eq 0 ] || { echo "start $i: exit status $rc on SIGTERM"; tail -n 5 "$T/server.log"; return 1; }
    grep -q '服务已停止' "$T/server.log" || { echo "start $i: no graceful stop in the log"; return 1; }
  done
  echo "3 starts, each stopped by SIGTERM with exit 0"
}
check "SIGTERM after audited reads: graceful stop, exit 0" sigterm_graceful

if [ -n "${YOUJUN_TEST_PG_URL:-}" ]; then
  pg_base=${YOUJUN_TEST_PG_URL%/*}
  pg_db() { psql -q "$YOUJUN_TEST_PG_URL" -c "CREATE DATABASE $1" > /dev/null && echo "$pg_base/$1"; }
  export YOUJUN_KEY_FILE="$T/pg.key"
  check "PostgreSQL: SIGKILL mid-import leaves before-or-after state, audit consistent" kill_mid_import "$(pg_db fault_kill)"
  check "PostgreSQL: SIGKILL mid-draw and mid-publish of a lottery: each run before or after, audit consistent" kill_mid_draw "$(pg_db fault_draw)"

  # 4. PostgreSQL restarts under the running server: the request in flight may fail, the next ones are
  # served (broken connections are dropped from the pool; a failed read is retried once).
  pg_restart() {
    local db; db=$(pg_db fault_restart)
    prepare_db "$db" || return 1
    start_server "$db" || return 1
    login || return 1
    [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/cookies" "$URL/api/v1/schools?limit=5")" = 200 ] || return 1
    local runas=(); [ -n "${YOUJUN_TEST_PG_RUNAS:-}" ] && runas=(runuser -u "$YOUJUN_TEST_PG_RUNAS" --)
    "${runas[@]}" "$YOUJUN_TEST_PG_BIN/pg_ctl" -D "$YOUJUN_TEST_PG_DATA" -m fast -w restart -l "$YOUJUN_TEST_PG_DATA/../restart.log" > /dev/null || return 1
    local codes=""
    for i in 1 2 3; do codes+="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -b "$T/cookies" "$URL/api/v1/schools?limit=5") "; done
    echo "after restart: $codes"
    [ "$codes" = "200 200 200 " ] || return 1
    # Writes work again too (a new import of the schools file: nothing changes, still audited).
    [ "$(upload schools city/schools.csv)" = 200 ] || { cat "$T/upload.json"; return 1; }
    stop_server
  }
  check "PostgreSQL restarted under the running server: next requests served" pg_restart
fi

echo "fault: $n_ok passed, $n_fail failed"
[ $n_fail -eq 0 ]
