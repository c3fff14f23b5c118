#!/usr/bin/env bash
# The money-history benchmark of docs/BENCHMARKS.md: the demo province (`hamyar demo`, a
# 1405 budget and 45 groups) brings in a year of payments and a grant for each running
# group from the templates' CSV files, as its provincial expert; the national expert then
# confirms each batch of paper decisions (the payments with a scan), which posts every
# approval and payment on its paper day; the ledger is verified; and the files imported
# again must import nothing. Each step is timed as the whole command.
#
#   tools/bench-money-history.sh [PAYMENTS]     (default 300; PROFILE=release for a release build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
profile="${PROFILE:-debug}"
if [ "$profile" = release ]; then cargo build --release -q -p hamyar-cli; else cargo build -q -p hamyar-cli; fi
bin="${CARGO_TARGET_DIR:-$root/target}/$profile/hamyar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="sqlite://$work/province.db"
hamyar() { "$bin" --database-url "$db" "$@"; }
timed() {
  local what="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@" > "$work/out.txt"
  end=$(date +%s.%N)
  awk -v k="$what" -v s="$start" -v e="$end" 'BEGIN { printf "  %s: %.1f s\n", k, e - s }'
}
hamyar demo > /dev/null
python3 tools/bench-money-history.py "$work/province.db" "$work" "${1:-300}"
printf '%%PDF-1.4\n%% the year'"'"'s payment vouchers\n' > "$work/scan.pdf"
timed "import payments" hamyar import payments "$work/payments.csv" --as demo.province
grep -E "^read|imported|history batch" "$work/out.txt" | head -3
timed "import grants" hamyar import grants "$work/grants.csv" --as demo.province
grep -E "^read|imported|history batch" "$work/out.txt" | head -3
for batch in $(hamyar history list --waiting --as demo.national | awk -F'\t' 'NR > 1 { print $1 }'); do
  timed "confirm batch $batch" hamyar history confirm "$batch" --evidence "$work/scan.pdf" --as demo.national
done
timed "ledger verify" hamyar ledger verify
echo "again (nothing may be imported twice):"
hamyar import payments "$work/payments.csv" --as demo.province | grep -E "already present"
hamyar import grants "$work/grants.csv" --as demo.province | grep -E "already present"
