#!/usr/bin/env bash
# The JSON API under load (issue 21), on the demo database, on SQLite or PostgreSQL:
#
#   tools/bench-api.sh sqlite|postgres [SECONDS] ["RATE …"]
#
# HAMYAR_BIN and API_LOAD name prebuilt binaries of the server and the load client instead.
#
# Builds the release server and the load client, fills the demo province into a fresh
# database (SQLite in a temporary directory, or the PostgreSQL database hamyar_api_bench on
# 127.0.0.1, dropped and made again), makes a write token of the demo's provincial expert,
# serves on a free port with each token's budget widened to the load, then runs
#   1. reads, 100 clients at each RATE requests a second each (default "1 2 5": 100, 200 and
#      500 a second),
#   2. reads, 100 clients as fast as answered (the most the machine gives),
#   3. writes, 100 clients as fast as answered (visits, each under its own key),
# and prints each run's line (throughput, p50/p95/p99/max, the server's peak RSS).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engine="${1:-sqlite}"
seconds="${2:-20}"
rates="${3:-1 2 5}"
target="${CARGO_TARGET_DIR:-$root/target}"
cd "$root"
bin="${HAMYAR_BIN:-$target/release/hamyar}"
load="${API_LOAD:-$target/release/examples/api_load}"
[ -n "${HAMYAR_BIN:-}" ] || cargo build --release -q -p hamyar-cli
[ -n "${API_LOAD:-}" ] || cargo build --release -q -p hamyar-webtest --example api_load

work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
case "$engine" in
  sqlite) url="sqlite://$work/bench.db" ;;
  postgres)
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS hamyar_api_bench" -c "CREATE DATABASE hamyar_api_bench"
    url="postgres://postgres@127.0.0.1:5432/hamyar_api_bench"
    "$bin" audit keygen "$work/audit.key" >/dev/null
    export HAMYAR_AUDIT_KEY_FILE="$work/audit.key" HAMYAR_AUDIT_ANCHOR_FILE="$work/audit-anchors" ;;
  *) echo "engine: sqlite or postgres" >&2; exit 2 ;;
esac
"$bin" --database-url "$url" demo >"$work/demo.log" 2>&1
"$bin" --database-url "$url" api-token create --as demo.province --name bench --access write --days 1 >"$work/tokens.txt"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
HAMYAR_API_CALLS_PER_SECOND=1000000 HAMYAR_API_CALLS_BURST=1000000 HAMYAR_LOG_LEVEL=warn \
  "$bin" serve --database-url "$url" --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/healthz', timeout=1)" 2>/dev/null && break
  sleep 0.5
done
echo "engine $engine, $(nproc) cores, $(date -u +%F)"
common=(--base "http://127.0.0.1:$port" --pid "$server" --tokens "$work/tokens.txt" --clients 100 --seconds "$seconds")
for rate in $rates; do
  "$load" "${common[@]}" --mode read --rate "$rate"
done
"$load" "${common[@]}" --mode read
"$load" "${common[@]}" --mode write
