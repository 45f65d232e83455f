#!/usr/bin/env bash
# Loopback benchmark of dhmad-sim (numbers go to ../BENCHMARKS.md).
# Usage: crates/dhmad-sim/bench/run.sh [path/to/release/dhmad-sim]
# Starts the simulator with --history 100000 and no rate limit, then drives it with wrk.
set -euo pipefail
BIN=${1:-${CARGO_TARGET_DIR:-target}/release/dhmad-sim}
PORT=${PORT:-4099}
DURATION=${DURATION:-15s}
CONNS=${CONNS:-64}
OUT=$(mktemp)
start=$(date +%s.%N)
"$BIN" --port "$PORT" --history 100000 --no-rate-limit >"$OUT" 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -f "$OUT"' EXIT
until grep -q '^checkout: ' "$OUT" 2>/dev/null; do sleep 0.05; done
ready=$(date +%s.%N)
KEY=$(sed -n 's/^api key: //p' "$OUT")
API="http://127.0.0.1:$PORT/api/v1"
echo "start-up with --history 100000: $(echo "$ready - $start" | bc) s"
ID=$(curl -s -H "X-API-Key: $KEY" "$API/escrows?limit=1&page=500" | python3 -c 'import json,sys; print(json.load(sys.stdin)["escrows"][0]["id"])')
echo "RSS after seeding: $(grep VmRSS /proc/$PID/status)"
echo "== GET /escrows/{id}"
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "X-API-Key: $KEY" "$API/escrows/$ID"
echo "== GET /escrows?limit=100"
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "X-API-Key: $KEY" "$API/escrows?limit=100&page=7"
echo "RSS after load: $(grep -E 'VmRSS|VmHWM' /proc/$PID/status | tr '\n' ' ')"
