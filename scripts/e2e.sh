#!/usr/bin/env bash
# Starts the real server on a free loopback port with a small demo city, runs the browser tests,
# and always stops the server and removes the temp dir.
set -euo pipefail
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d /tmp/youjun-e2e.XXXXXX)
SERVER_PID=""
# The server must stop gracefully on SIGTERM (exit 0); anything else fails the run and shows its log.
cleanup() {
  local rc=$? server_rc=0
  if [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; then wait "$SERVER_PID" 2>/dev/null || server_rc=$?; fi
  if [ "$server_rc" -ne 0 ]; then
    echo "e2e: the server exited with status $server_rc on SIGTERM (expected 0); its log:"; tail -n 20 "$TMP/server.log"
    rc=1
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT

YOUJUN_DEMO_SCALE=0.05 scripts/demo.sh "$BUILD/youjun" "$TMP/city.db" 7 > "$TMP/demo.log" 2>&1 || { cat "$TMP/demo.log"; exit 1; }
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$BUILD/youjun" serve --db "$TMP/city.db" --host 127.0.0.1 --port "$PORT" --web web/dist > "$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null 2>&1 && break
  sleep 0.1
done
mkdir -p build/e2e-screenshots
YOUJUN_URL="http://127.0.0.1:$PORT" YOUJUN_USER=admin YOUJUN_PASSWORD='Youjun@2026' node tests/e2e/run.mjs
