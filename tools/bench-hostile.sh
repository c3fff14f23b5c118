#!/usr/bin/env bash
# The resource-bound benchmark of docs/BENCHMARKS.md (issue 14): serve the national-scale
# database (300,000 women, 50,000 groups, 10,000,000 postings: the dashboard benchmark's fill)
# with a release `hamyar serve`, then
#   1. 100 people log in and browse for SECONDS;
#   2. the same, while 4 of them upload the hostile files (bombs) one after another;
# and print the server's resident memory and `/healthz` times for each.
#
#   tools/bench-hostile.sh [WORKDIR] [SECONDS]     (default /tmp/hamyar-hostile, 60)
#
# WORKDIR keeps the filled database between runs (delete it to fill again).
set -euo pipefail
work="${1:-/tmp/hamyar-hostile}"
seconds="${2:-60}"
clients=100
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --release -q -p hamyar-cli
cargo build --release -q -p hamyar-store --example dashboard_bench
cargo build --release -q -p hamyar-webtest --example serve_load
cargo build --release -q -p hamyar-exchange --example write_bombs
bin="${CARGO_TARGET_DIR:-$root/target}/release"
mkdir -p "$work"
db="$work/hamyar.db"
url="sqlite://$db"
hamyar() { (cd "$work" && "$bin/hamyar" --database-url "$url" "$@"); }

if [ ! -f "$work/filled" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  "$bin/examples/dashboard_bench" "$db" --runs 1
  touch "$work/filled"
fi
rm -rf "$work/bombs" && mkdir -p "$work/bombs"
"$bin/examples/write_bombs" "$work/bombs"

# One account per person: social workers of the first counties (they may import), then
# provincial experts, county experts and social workers across the country.
if [ ! -f "$work/users.txt" ]; then
  hamyar places >"$work/places.txt"
  mapfile -t counties < <(awk '$2 == "county" { print $1 }' "$work/places.txt")
  mapfile -t provinces < <(awk '$2 == "province" { print $1 }' "$work/places.txt")
  : >"$work/users.txt.partial"
  for i in $(seq 1 "$clients"); do
    case $((i % 4)) in
      0) role=provincial_expert; scope="${provinces[$((i % ${#provinces[@]}))]}" ;;
      1) role=social_worker; scope="${counties[$((i % ${#counties[@]}))]}" ;;
      2) role=county_expert; scope="${counties[$((i * 7 % ${#counties[@]}))]}" ;;
      3) role=national_expert; scope="" ;;
    esac
    [ "$i" -le 4 ] && { role=social_worker; scope="${counties[$i]}"; }
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    user="bench.user$i"
    scope_flag=()
    [ -n "$scope" ] && scope_flag=(--scope "$scope")
    printf '%s\n' "$password" | hamyar user add --username "$user" \
      --display-name "کاربر آزمون $i" --role "$role" "${scope_flag[@]}" --password-stdin >/dev/null
    echo "$user $password" >>"$work/users.txt.partial"
  done
  mv "$work/users.txt.partial" "$work/users.txt"
fi

(cd "$work" && exec "$bin/hamyar" --database-url "$url" serve --listen 127.0.0.1:8099 \
  >"$work/serve.log" 2>&1) &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs http://127.0.0.1:8099/healthz >/dev/null 2>&1 && break
  sleep 0.2
done
pid="$(pgrep -f 'hamyar --database-url sqlite://'"$db"' serve' | head -n 1)"
grep VmRSS "/proc/$pid/status"

echo "== $clients people browsing for ${seconds}s"
"$bin/examples/serve_load" --base http://127.0.0.1:8099 --pid "$pid" \
  --users "$work/users.txt" --clients "$clients" --seconds "$seconds" --uploaders 0
echo "== $clients people browsing, 4 of them uploading bombs, for ${seconds}s"
"$bin/examples/serve_load" --base http://127.0.0.1:8099 --pid "$pid" \
  --users "$work/users.txt" --clients "$clients" --seconds "$seconds" \
  --bombs "$work/bombs" --uploaders 4
grep VmRSS "/proc/$pid/status"
