#!/usr/bin/env bash
# The import benchmark of docs/BENCHMARKS.md: generate N valid rows as CSV, insert them into
# SQLite directly (baseline), then import them with `hamyar import women` into a fresh
# database, and print both rates, their ratio and the importer's peak memory.
#
#   tools/bench-import.sh [ROWS]        (default 1,000,000)
set -euo pipefail
rows="${1:-1000000}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --release -q -p hamyar-cli
cargo build --release -q -p hamyar-testkit --example import_bench
bin="${CARGO_TARGET_DIR:-$root/target}/release"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin/examples/import_bench" generate "$work/women.csv" "$rows"
echo "generated $rows rows ($(du -h "$work/women.csv" | cut -f1))"
# Each measurement starts with nothing left for the kernel to write back: otherwise the
# import competes with the flushing of the baseline's freshly written database.
sync
"$bin/examples/import_bench" direct "$work/women.csv" "$work/direct.db" | tee "$work/direct.txt"
"$bin/hamyar" --database-url "sqlite://$work/import.db" migrate >/dev/null
sync
"$bin/hamyar" --database-url "sqlite://$work/import.db" import women "$work/women.csv" | tee "$work/import.txt"

direct_rate="$(grep -o '= [0-9]* rows/s' "$work/direct.txt" | grep -o '[0-9]*')"
import_rate="$(grep -o '[0-9]* rows/s' "$work/import.txt" | tail -n 1 | grep -o '[0-9]*')"
awk -v d="$direct_rate" -v i="$import_rate" 'BEGIN { printf "import is %.2fx slower than direct insertion (target: at most 3x)\n", d / i }'
