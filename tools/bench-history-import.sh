#!/usr/bin/env bash
# The province-history import benchmark of docs/BENCHMARKS.md: a province's women, groups
# (with their stage dates), later stage moves, memberships and a year of visits, generated
# as the templates' CSV files and imported with `hamyar import` into a fresh SQLite
# database, in the order an office would, each kind timed; then every file again, which
# must import nothing (every row already present).
#
#   tools/bench-history-import.sh [GROUPS] [MEMBERS_PER_GROUP] [VISITS_PER_GROUP]
#   (default 300 groups, 10 members each, 12 visits each; PROFILE=release for a release build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
profile="${PROFILE:-debug}"
if [ "$profile" = release ]; then cargo build --release -q -p hamyar-cli; else cargo build -q -p hamyar-cli; fi
bin="${CARGO_TARGET_DIR:-$root/target}/$profile/hamyar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 tools/bench-history-import.py "$work" "${1:-300}" "${2:-10}" "${3:-12}"
db="sqlite://$work/province.db"
"$bin" --database-url "$db" migrate >/dev/null
for kind in women groups stages members visits; do
  start=$(date +%s.%N)
  "$bin" --database-url "$db" import "$kind" "$work/$kind.csv" | tail -n 2 | head -n 1
  end=$(date +%s.%N)
  awk -v k="$kind" -v s="$start" -v e="$end" 'BEGIN { printf "  %s: %.1f s (the whole command)\n", k, e - s }'
done
echo "again (nothing may be imported twice):"
for kind in groups stages members visits; do
  "$bin" --database-url "$db" import "$kind" "$work/$kind.csv" | grep -E "^read|already present"
done
