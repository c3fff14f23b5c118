#!/usr/bin/env bash
# Issue 18's page benchmark: a course run's page (25 women; and 500 women × 40 sessions) and a
# county's training report, through HTTP, on the training benchmark's country (a million
# enrolments, twenty million attendance marks), on SQLite or PostgreSQL.
#
#   tools/bench-training.sh [WORKDIR] [SECONDS] [CLIENTS] [sqlite|postgres] [THINK_MS]
#
# 1. builds the release server, the filler and the load tool; 2. fills WORKDIR/hamyar.db (or,
# for postgres, the database hamyar_training_bench on the server of HAMYAR_TEST_POSTGRES_URL)
# once — a marker in WORKDIR says it is filled; delete WORKDIR to fill again — and prints the
# in-process timings of crates/store/examples/training_bench.rs; 3. adds CLIENTS county
# experts of the benchmark's county; 4. serves on 127.0.0.1:8098; 5. the county experts ask
# for the two run pages and the county's training report in turn, THINK_MS apart (0, the
# default: as fast as answers come), for SECONDS, and each page's median, p95 and p99 and the
# server's resident memory are printed. The load tool runs on the same machine as the server.
set -euo pipefail
work="${1:-/tmp/hamyar-training-bench}"
seconds="${2:-30}"
clients="${3:-10}"
engine="${4:-sqlite}"
think="${5:-0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --release -q -p hamyar-cli
cargo build --release -q -p hamyar-store --example training_bench
cargo build --release -q -p hamyar-webtest --example serve_load
bin="${CARGO_TARGET_DIR:-$root/target}/release"
mkdir -p "$work"
case "$engine" in
  sqlite)
    db="$work/hamyar.db"
    url="sqlite://$db"
    target=("$db")
    ;;
  postgres)
    : "${HAMYAR_TEST_POSTGRES_URL:?set HAMYAR_TEST_POSTGRES_URL to the PostgreSQL server}"
    url="${HAMYAR_TEST_POSTGRES_URL%/*}/hamyar_training_bench"
    work="$work/postgres"
    mkdir -p "$work"
    [ -f "$work/audit-key" ] || "$bin/hamyar" audit keygen "$work/audit-key" >/dev/null
    export HAMYAR_AUDIT_KEY_FILE="$work/audit-key" HAMYAR_AUDIT_ANCHOR_FILE="$work/audit-anchors"
    target=(postgres)
    ;;
  *)
    echo "engine: sqlite or postgres, not $engine" >&2
    exit 2
    ;;
esac
reuse=()
[ -f "$work/filled" ] && reuse=(--reuse)
"$bin/examples/training_bench" "${target[@]}" "${reuse[@]}" --runs 20 | tee "$work/in-process.txt"
touch "$work/filled"
read -r county _province ordinary full < <(awk '/^bench-places:/ { print $3, $5, $7, $8 }' \
  "$work/in-process.txt")
hamyar() { (cd "$work" && "$bin/hamyar" --database-url "$url" "$@"); }

users="$work/users-$county.txt"
if [ ! -f "$users" ]; then
  : >"$users.partial"
  for i in $(seq 1 "$clients"); do
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" | hamyar user add --username "train.county$i" \
      --display-name "هماهنگ‌کننده‌ی سنجش $i" --role county_expert --scope "$county" \
      --password-stdin >/dev/null
    echo "train.county$i $password" >>"$users.partial"
  done
  mv "$users.partial" "$users"
fi

(cd "$work" && exec "$bin/hamyar" --database-url "$url" serve --listen 127.0.0.1:8098 \
  >"$work/serve.log" 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs http://127.0.0.1:8098/healthz >/dev/null 2>&1 && break
  sleep 0.2
done
pid="$(pgrep -f 'hamyar --database-url '"$url"' serve' | head -n 1)"
echo "== $engine: $clients county experts, ${seconds}s, think ${think} ms, runs $ordinary and $full, county $county"
"$bin/examples/serve_load" --base http://127.0.0.1:8098 --pid "$pid" --users "$users" \
  --clients "$clients" --seconds "$seconds" --think-ms "$think" \
  --only "/training/runs/$ordinary,/training/runs/$full,/training/report"
