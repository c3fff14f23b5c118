#!/usr/bin/env bash
# Issue 15's page benchmark: the pages that show catalogue figures — the dashboard, the group
# list and the visits-due list — through HTTP at national scale (dashboard_bench's fill: 300k
# women, 50k groups, 10M postings), on SQLite or PostgreSQL.
#
#   tools/bench-figures.sh [WORKDIR] [SECONDS] [THINK_MS] [sqlite|postgres]
#
# 1. builds the release server, the filler and the load tool; 2. fills WORKDIR/hamyar.db once
# (reuses tools/bench-hostile.sh's fill when WORKDIR is the same) or, for postgres, the
# database hamyar_dashboard_bench on the server of HAMYAR_TEST_POSTGRES_URL (kept: a marker
# in WORKDIR says it is filled; delete WORKDIR to fill again); 3. adds 50 county and
# province users (county experts, social workers, provincial experts) and 5 national experts;
# 4. serves on 127.0.0.1:8099; 5. runs 50 county/province people, then 5 national people, each
# for SECONDS, asking for /dashboard, /groups and /visits/due in turn with THINK_MS between
# pages (0 = as fast as answers come), and prints each page's median, p95 and p99. Everyone
# logs in before the clock starts, and people who think start spread over one pause.
set -euo pipefail
work="${1:-/tmp/hamyar-hostile}"
seconds="${2:-60}"
think="${3:-0}"
engine="${4:-sqlite}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --release -q -p hamyar-cli
cargo build --release -q -p hamyar-store --example dashboard_bench
cargo build --release -q -p hamyar-webtest --example serve_load
bin="${CARGO_TARGET_DIR:-$root/target}/release"
mkdir -p "$work"
case "$engine" in
  sqlite)
    db="$work/hamyar.db"
    url="sqlite://$db"
    if [ ! -f "$work/filled" ]; then
      rm -f "$db" "$db-wal" "$db-shm"
      "$bin/examples/dashboard_bench" "$db" --runs 1
      touch "$work/filled"
    fi
    ;;
  postgres)
    : "${HAMYAR_TEST_POSTGRES_URL:?set HAMYAR_TEST_POSTGRES_URL to the PostgreSQL server}"
    url="${HAMYAR_TEST_POSTGRES_URL%/*}/hamyar_dashboard_bench"
    work="$work/postgres"
    mkdir -p "$work"
    # PostgreSQL keeps the audit trail's key outside the database.
    [ -f "$work/audit-key" ] || "$bin/hamyar" audit keygen "$work/audit-key" >/dev/null
    export HAMYAR_AUDIT_KEY_FILE="$work/audit-key" HAMYAR_AUDIT_ANCHOR_FILE="$work/audit-anchors"
    if [ ! -f "$work/filled" ]; then
      "$bin/examples/dashboard_bench" postgres --runs 1
      rm -f "$work"/figures-*.txt
      touch "$work/filled"
    fi
    ;;
  *)
    echo "engine: sqlite or postgres, not $engine" >&2
    exit 2
    ;;
esac
hamyar() { (cd "$work" && "$bin/hamyar" --database-url "$url" "$@"); }

add_user() { # username role scope → appends "username password" to $4
  local password
  password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  local scope_flag=()
  [ -n "$3" ] && scope_flag=(--scope "$3")
  printf '%s\n' "$password" | hamyar user add --username "$1" \
    --display-name "کاربر سنجش $1" --role "$2" "${scope_flag[@]}" --password-stdin >/dev/null
  echo "$1 $password" >>"$4"
}
if [ ! -f "$work/figures-local.txt" ]; then
  hamyar places >"$work/places.txt"
  mapfile -t counties < <(awk '$2 == "county" { print $1 }' "$work/places.txt")
  mapfile -t provinces < <(awk '$2 == "province" { print $1 }' "$work/places.txt")
  : >"$work/figures-local.partial"
  for i in $(seq 1 50); do
    case $((i % 3)) in
      0) add_user "fig.province$i" provincial_expert "${provinces[$((i % ${#provinces[@]}))]}" "$work/figures-local.partial" ;;
      1) add_user "fig.county$i" county_expert "${counties[$((i * 7 % ${#counties[@]}))]}" "$work/figures-local.partial" ;;
      2) add_user "fig.worker$i" social_worker "${counties[$((i * 11 % ${#counties[@]}))]}" "$work/figures-local.partial" ;;
    esac
  done
  : >"$work/figures-national.partial"
  for i in $(seq 1 5); do
    add_user "fig.national$i" national_expert "" "$work/figures-national.partial"
  done
  mv "$work/figures-national.partial" "$work/figures-national.txt"
  mv "$work/figures-local.partial" "$work/figures-local.txt"
fi

(cd "$work" && exec "$bin/hamyar" --database-url "$url" serve --listen 127.0.0.1:8099 \
  >"$work/serve.log" 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs http://127.0.0.1:8099/healthz >/dev/null 2>&1 && break
  sleep 0.2
done
pid="$(pgrep -f 'hamyar --database-url '"$url"' serve' | head -n 1)"
load() {
  "$bin/examples/serve_load" --base http://127.0.0.1:8099 --pid "$pid" --users "$1" \
    --clients "$2" --seconds "$seconds" --think-ms "$think" --only /dashboard,/groups,/visits/due
}
echo "== $engine: 50 county and province people, ${seconds}s, think ${think} ms"
load "$work/figures-local.txt" 50
echo "== $engine: 5 national people, ${seconds}s, think ${think} ms"
load "$work/figures-national.txt" 5
