#!/usr/bin/env bash
# Runs a command with a private PostgreSQL 15 server: initdb into a temp dir, start on a free loopback
# port, export YOUJUN_TEST_PG_URL, run "$@", then stop the server and delete the dir, also when the
# command fails or is interrupted. Nothing depends on a system PostgreSQL service.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/initdb" ] || { echo "with-postgres: $PGBIN/initdb not found (apt-get install postgresql-15)" >&2; exit 1; }

dir=$(mktemp -d /tmp/youjun-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then  # initdb refuses to run as root: run the server as the postgres user
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
stop() {
  "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$PGBIN/initdb" -D "$dir/data" -U youjun -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }

# Tests: durability settings off for speed. Benchmarks set YOUJUN_PG_DURABLE=1 to keep PostgreSQL's defaults.
speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
# Benchmarks run the deployment's recommended settings (docs/deployment.md): autoanalyze every 10 s, so the
# plans cached while tables were small are re-planned as they grow.
[ "${YOUJUN_PG_DURABLE:-0}" = 1 ] && speed="-c shared_buffers=${YOUJUN_PG_SHARED_BUFFERS:-1GB} -c autovacuum_naptime=10s"
started=""
for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 12000))  # below the ephemeral range (32768+): no outgoing connection holds it
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue  # something listens there
  if "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
       -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $speed -c max_connections=200" \
       >/dev/null 2>&1; then
    started=1; break
  fi
done
[ -n "$started" ] || { echo "with-postgres: could not start PostgreSQL" >&2; cat "$dir/server.log" >&2 || true; exit 1; }

export YOUJUN_TEST_PG_URL="postgresql://youjun@127.0.0.1:$port/postgres"
# For fault tests that restart the server under a running youjun (tests/fault/run.sh).
export YOUJUN_TEST_PG_DATA="$dir/data" YOUJUN_TEST_PG_BIN="$PGBIN" YOUJUN_TEST_PG_RUNAS="${as_owner[*]:+postgres}"
echo "PostgreSQL 15 测试服务器 test server: 127.0.0.1:$port ($dir)" >&2
set +e
"$@"
rc=$?
exit $rc
