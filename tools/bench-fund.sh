#!/usr/bin/env bash
# Issue 20's page benchmark: the savings-group report of a county and of a province for the
# quarter 1405/04/01–1405/06/31, through HTTP, on the fund benchmark's country (50,105
# groups with a year of weekly meetings, 17.6 million journal lines), on SQLite or PostgreSQL.
#
#   tools/bench-fund.sh [WORKDIR] [SECONDS] [CLIENTS] [sqlite|postgres] [THINK_MS]
#
# 1. builds the release server, the filler and the load tool; 2. fills WORKDIR/hamyar.db (or,
# for postgres, the database hamyar_fund_bench on the server of HAMYAR_TEST_POSTGRES_URL) once
# — a marker in WORKDIR says it is filled; delete WORKDIR to fill again — and prints the
# in-process timings of crates/store/examples/fund_bench.rs (skipped with IN_PROCESS=0 once
# filled); 3. adds CLIENTS county experts of the benchmark's county and CLIENTS provincial
# experts of its province; 4. serves on 127.0.0.1:8097; 5. the county experts ask for their
# county's report, then the provincial experts for their province's, THINK_MS apart (0, the
# default: as fast as answers come), for SECONDS each, and each page's median, p95 and p99
# and the server's resident memory are printed. The load tool runs on the same machine.
set -euo pipefail
work="${1:-/tmp/hamyar-fund-bench}"
seconds="${2:-30}"
clients="${3:-10}"
engine="${4:-sqlite}"
think="${5:-0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --release -q -p hamyar-cli
cargo build --release -q -p hamyar-store --example fund_bench
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
    url="${HAMYAR_TEST_POSTGRES_URL%/*}/hamyar_fund_bench"
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
if [ ! -f "$work/filled" ] || [ "${IN_PROCESS:-1}" != 0 ]; then
  reuse=()
  [ -f "$work/filled" ] && reuse=(--reuse)
  "$bin/examples/fund_bench" "${target[@]}" "${reuse[@]}" --runs "${RUNS:-20}" \
    | tee "$work/in-process.txt"
  touch "$work/filled"
fi
read -r county province county_id province_id < <(awk '/^bench-places:/ { print $3, $5, $9, $10 }' \
  "$work/in-process.txt")
hamyar() { (cd "$work" && "$bin/hamyar" --database-url "$url" "$@"); }

# CLIENTS users of ROLE in SCOPE, made once, listed as "username password" in FILE.
users_of() {
  local role="$1" scope="$2" prefix="$3" file="$4"
  [ -f "$file" ] && return
  : >"$file.partial"
  for i in $(seq 1 "$clients"); do
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" | hamyar user add --username "$prefix$i" \
      --display-name "سنجش صندوق $i" --role "$role" --scope "$scope" \
      --password-stdin >/dev/null
    echo "$prefix$i $password" >>"$file.partial"
  done
  mv "$file.partial" "$file"
}
county_users="$work/fund-county-$clients.txt"
province_users="$work/fund-province-$clients.txt"
users_of county_expert "$county" "fund.county$clients." "$county_users"
users_of provincial_expert "$province" "fund.province$clients." "$province_users"

(cd "$work" && exec "$bin/hamyar" --database-url "$url" serve --listen 127.0.0.1:8097 \
  >"$work/serve.log" 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs http://127.0.0.1:8097/healthz >/dev/null 2>&1 && break
  sleep 0.2
done
pid="$(pgrep -f 'hamyar --database-url '"$url"' serve' | head -n 1)"
quarter="from=1405/04/01&to=1405/06/31"
echo "== $engine: $clients county experts of $county, ${seconds}s, think ${think} ms"
"$bin/examples/serve_load" --base http://127.0.0.1:8097 --pid "$pid" --users "$county_users" \
  --clients "$clients" --seconds "$seconds" --think-ms "$think" \
  --only "/fund/report?place=$county_id&$quarter"
echo "== $engine: $clients provincial experts of $province, ${seconds}s, think ${think} ms"
"$bin/examples/serve_load" --base http://127.0.0.1:8097 --pid "$pid" --users "$province_users" \
  --clients "$clients" --seconds "$seconds" --think-ms "$think" \
  --only "/fund/report?place=$province_id&$quarter"
