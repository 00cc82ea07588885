#!/usr/bin/env bash
# Load test on loopback: GET /api/v1/claims/{reference} against /health (the stack's ceiling), 32 connections, 30 s each,
# on a database of N claims, plus the server's resident memory after the load. Needs a release build and wrk.
#
#   benchmarks/http-load.sh [CLAIMS] [SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CLAIMS=${1:-200000}
SECONDS_EACH=${2:-30}
BIN=${CASEWORK_BIN:-.build/release/casework}
[ -x "$BIN" ] || swift build -c release --product casework
command -v wrk >/dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq wrk >/dev/null; }
WORK=$(mktemp -d)
DB="$WORK/load.sqlite"
PORT=${PORT:-18080}
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

if [ -n "${DATABASE_URL:-}" ]; then echo "Using DATABASE_URL (must be an empty database)"; fi
"$BIN" seed --claims "$CLAIMS" --database "$DB" 2>/dev/null
echo 'load-test-password' | "$BIN" users add load.reader --role workflow-planner --unit NWF --bcrypt-cost 4 --database "$DB" >/dev/null
TOKEN=$("$BIN" tokens create load.reader --database "$DB")
"$BIN" serve --port "$PORT" --database "$DB" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
echo "Server RSS after start with $CLAIMS claims: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$SERVER/status)"

# Random claim references from 1..CLAIMS, one per request.
cat >"$WORK/claims.lua" <<LUA
math.randomseed(42)
request = function()
  return wrk.format("GET", string.format("/api/v1/claims/CW-%07d", math.random(1, $CLAIMS)), { ["Authorization"] = "Bearer $TOKEN" })
end
LUA
echo "== /health (ceiling of the stack)"
wrk -t2 -c32 -d"${SECONDS_EACH}s" --latency "http://127.0.0.1:$PORT/health" | grep -E "Requests/sec|99%|50%|Non-2xx"
echo "== GET /api/v1/claims/{reference} (random claims)"
wrk -t2 -c32 -d"${SECONDS_EACH}s" --latency -s "$WORK/claims.lua" "http://127.0.0.1:$PORT" | grep -E "Requests/sec|99%|50%|Non-2xx"
echo "Server RSS after the load: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$SERVER/status); peak $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$SERVER/status)"
