#!/usr/bin/env bash
# Real-browser end-to-end tests of Hamyar: the first-run flow, then a social worker
# registering a woman head of household on a phone.
#
#   e2e/run.sh
#
# 1. makes sure Debian's chromium is installed (never a downloaded browser),
# 2. installs the pinned test tooling (playwright-core) when needed,
# 3. starts the server on a free 127.0.0.1 port with a throw-away SQLite DB,
# 4. waits for /healthz, 5. reads the one-time setup link from its log,
# 6. runs `node --test e2e/first-admin.test.mjs`,
# 7. creates a social worker of Abyek with `hamyar user add --password-stdin` against the
#    same database (the server keeps running; SQLite lets the console write beside it),
# 8. runs `node --test e2e/register-woman.test.mjs`,
# 9. creates a social worker of Takestan, imports six women of Takestan as that user with
#    `hamyar import women --as`, and runs `node --test e2e/form-group.test.mjs`,
# 10. creates a provincial expert of Qazvin and runs `node --test e2e/group-life.test.mjs` (the
#     group formed in step 9 records its business, a meeting and a visit),
# 11. creates a county expert of Takestan and runs `node --test e2e/money.test.mjs` (the
#     provincial expert of step 10 sets the 1405 budget of Qazvin, the county expert proposes a
#     grant in two tranches for the group of step 9 and payments against the training line, the
#     provincial expert approves, pays and cancels one; the budget report shows it all),
# 12. stops the server (so the database is quiet and its WAL checkpointed), then requires
#     `hamyar ledger verify` to pass on the test database, drops the ledger_postings update
#     trigger and alters one posting's amount with `sqlite3` (Debian's sqlite3 is installed when
#     missing), and requires `hamyar ledger verify` to fail and name the unbalanced transaction,
# 13. starts `serve --demo` on a fresh database (the README's run command with the demo), reads
#     the demo users' passwords from its output, and runs `node --test e2e/dashboard.test.mjs`
#     (the provincial expert's dashboard with charts, the press summary, the PDF report read
#     with pdftotext and drawn with pdftoppm; public relations sees figures but no person),
#     then `node --test e2e/layouts.test.mjs`: logged in as each of the demo's roles, every
#     page it reaches is measured at 390×844 and 1366×768 in Persian and at 390×844 in
#     English — no page scrolls sideways, no number is cut, chart text is readable and inside
#     its chart (the findings are listed in e2e/artifacts/layouts.txt, pictures in
#     e2e/artifacts/layouts/), then `node --test e2e/today.test.mjs`: the home page "Today" of
#     a social worker, a county and a provincial expert and public relations at 390×844, and a
#     visit recorded from it in one tap, then `node --test e2e/training.test.mjs`: the county
#     expert plans a course run on a phone, enrols a group, marks a session on the phone sheet
#     and prints a certificate that the public /verify page confirms; then she marks the second
#     session and proposes a grant whose tranche waits for 80 % of the group's members to hold
#     completion records, the provincial expert sees it refused, she records the completions
#     and the expert releases it; the training report's women trained are the press summary's,
#     then `node --test e2e/outcomes.test.mjs`: a social worker records a Rosenberg baseline on
#     the phone form and imports two paper forms (their totals are the hand-scored ones), and
#     proposes the exit of the woman whose criteria all hold; the provincial expert approves
#     it from Today and the dashboard's women empowered counts her the same day, then
#     `node --test e2e/fund.test.mjs`: the county expert records a group fund's meeting on a
#     phone (two members' shares in Persian digits, the cash counted) and sees it on the fund,
#     then `node --test e2e/field.test.mjs`: the offline field app — the capital's social
#     worker prepares a phone, goes offline, records a meeting with savings and a visit,
#     reopens the app offline (served by its service worker), comes back online and syncs:
#     a lost answer, one conflict shown and settled, every request sent twice, all landing once,
# 14. always stops the server.
# Every browser test runs even when an earlier one fails; the script fails if any does.
# Screenshots, the server log and the ledger verify outputs end up in e2e/artifacts/.
#
# Environment:
#   HAMYAR_BIN        server binary (default: $CARGO_TARGET_DIR or target, /debug/hamyar;
#                     built with `cargo build` when the default one is missing)
#   HAMYAR_CHROMIUM   browser (default /usr/bin/chromium)
#   HAMYAR_E2E_KEEP=1 keep the temporary directory (database, log) for debugging
#
# Only 127.0.0.1 is ever contacted; every wait below is bounded.
set -euo pipefail

e2e_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$e2e_dir/.." && pwd)"
artifacts="$e2e_dir/artifacts"
chromium_bin="${HAMYAR_CHROMIUM:-/usr/bin/chromium}"

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"
  fi
}

# --- 1. browser -----------------------------------------------------------
if [ ! -x "$chromium_bin" ]; then
  [ "$chromium_bin" = /usr/bin/chromium ] || die "HAMYAR_CHROMIUM=$chromium_bin is not executable"
  log "installing Debian's chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  [ -x "$chromium_bin" ] || die "chromium did not install to $chromium_bin"
fi
# The ledger tamper check of step 12 alters the test database with Debian's sqlite3.
if ! command -v sqlite3 >/dev/null; then
  log "installing Debian's sqlite3"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sqlite3 >/dev/null
  command -v sqlite3 >/dev/null || die "sqlite3 did not install"
fi

# The dashboard test of step 13 reads the provincial report's PDF with Debian's poppler-utils.
if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
  log "installing Debian's poppler-utils"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
  command -v pdftotext >/dev/null || die "poppler-utils did not install"
fi

# --- 2. test tooling --------------------------------------------------------
command -v node >/dev/null || die "node is required"
command -v npm >/dev/null || die "npm is required"
command -v curl >/dev/null || die "curl is required"

# Reinstall when node_modules is missing or was installed from another lock file.
lock_hash="$(sha256sum "$e2e_dir/package-lock.json" | cut -d' ' -f1)"
stamp="$e2e_dir/node_modules/.hamyar-lock-sha256"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ] \
   || [ ! -f "$e2e_dir/node_modules/playwright-core/package.json" ]; then
  log "npm ci in e2e/"
  (cd "$e2e_dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_hash" >"$stamp"
fi

# --- 3. server ----------------------------------------------------------------
if [ -n "${HAMYAR_BIN:-}" ]; then
  bin="$HAMYAR_BIN"
  case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
else
  target_dir="${CARGO_TARGET_DIR:-$root/target}"
  case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
  bin="$target_dir/debug/hamyar"
  if [ ! -x "$bin" ]; then
    log "building the server (cargo build)"
    (cd "$root" && cargo build)
  fi
fi
[ -x "$bin" ] || die "server binary not found: $bin (build it or set HAMYAR_BIN)"

work="$(mktemp -d "${TMPDIR:-/tmp}/hamyar-e2e.XXXXXX")"
server_log="$work/server.log"
server_pid=""

# Stops the server: TERM, up to 5 s for a graceful stop, then KILL.
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

# shellcheck disable=SC2317  # invoked through the EXIT trap
cleanup() {
  local status=$?
  stop_server
  mkdir -p "$artifacts"
  [ -f "$server_log" ] && cp "$server_log" "$artifacts/server.log"
  if [ "${HAMYAR_E2E_KEEP:-0}" = 1 ]; then
    log "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port on 127.0.0.1, chosen by the kernel.
port="$(node -e '
  const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { process.stdout.write(String(s.address().port)); s.close(); });
')"
[[ "$port" =~ ^[0-9]+$ ]] || die "could not pick a free port"
base_url="http://127.0.0.1:$port"

# An empty file is a valid empty SQLite database, so the server does not
# need "create if missing" semantics for this URL.
: >"$work/e2e.db"
database_url="sqlite://$work/e2e.db"

rm -rf "$artifacts"
mkdir -p "$artifacts"

log "starting $bin serve on $base_url"
"$bin" serve --database-url "$database_url" --listen "127.0.0.1:$port" >"$server_log" 2>&1 &
server_pid=$!

show_log() { log "server log (last 40 lines):"; tail -n 40 "$server_log" >&2 || true; }

# --- 4. wait for /healthz (at most 30 s) ---------------------------------------
healthy=0
for _ in $(seq 1 60); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    show_log
    die "server exited during start-up"
  fi
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base_url/healthz" || true)"
  if [ "$code" = 200 ]; then healthy=1; break; fi
  sleep 0.5
done
[ "$healthy" = 1 ] || { show_log; die "no HTTP 200 from $base_url/healthz within 30 s"; }
log "server is healthy"

# --- 5. the one-time setup link (at most 10 s more) -------------------------------
setup_url=""
for _ in $(seq 1 20); do
  # Strip ANSI colour codes first; the link ends at the first non-token character.
  setup_url="$(sed 's/\x1b\[[0-9;]*m//g' "$server_log" \
    | grep -oE "http://[^ \"'<>]*/setup/[A-Za-z0-9_-]+" | tail -n 1 || true)"
  [ -n "$setup_url" ] && break
  sleep 0.5
done
[ -n "$setup_url" ] || { show_log; die "no setup link (http://.../setup/<token>) in the server log"; }
case "$setup_url" in
  "$base_url"/*) ;;
  *)
    log "WARNING: setup link $setup_url does not point at $base_url; using its path only"
    setup_url="$base_url/${setup_url#http://*/}"
    ;;
esac
log "setup link found"

# --- 6. the first-run browser test ------------------------------------------------------
set +e
HAMYAR_URL="$base_url" HAMYAR_SETUP_URL="$setup_url" HAMYAR_CHROMIUM="$chromium_bin" \
  HAMYAR_ARTIFACTS="$artifacts" \
  node --test "$e2e_dir/first-admin.test.mjs"
status=$?
set -e

# The county select that asks for the province first (places.js), on a page of its own.
set +e
HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
  node --test "$e2e_dir/place-select.test.mjs"
place_select_status=$?
set -e
[ "$status" != 0 ] || status=$place_select_status

# --- 7. a social worker of Abyek, created at the console (at most 60 s) -------------------
worker_user="abyek.worker"
worker_password="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
if ! printf '%s\n' "$worker_password" | timeout 60 "$bin" user add \
    --database-url "$database_url" --username "$worker_user" \
    --display-name "سارا مددکار" --role social_worker --scope ir.qazvin.abyek \
    --password-stdin >"$work/user-add.log" 2>&1; then
  cat "$work/user-add.log" >&2 || true
  die "could not create the social worker with hamyar user add"
fi
log "social worker $worker_user created"

# --- 8. the registry browser test ------------------------------------------------------------
set +e
HAMYAR_URL="$base_url" HAMYAR_WORKER_USER="$worker_user" HAMYAR_WORKER_PASSWORD="$worker_password" \
  HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
  node --test "$e2e_dir/register-woman.test.mjs"
registry_status=$?
set -e
[ "$status" != 0 ] || status=$registry_status

# --- 9. a social worker of Takestan, six women of Takestan, the groups browser test ----------
takestan_user="takestan.worker"
takestan_password="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
if ! printf '%s\n' "$takestan_password" | timeout 60 "$bin" user add \
    --database-url "$database_url" --username "$takestan_user" \
    --display-name "مینا مددکار" --role social_worker --scope ir.qazvin.takestan \
    --password-stdin >"$work/user-add-takestan.log" 2>&1; then
  cat "$work/user-add-takestan.log" >&2 || true
  die "could not create the Takestan social worker with hamyar user add"
fi
# Six valid national IDs (nine digits and their check digit) and a CSV with Persian headers.
group_women="$(node -e '
  const ids = [];
  for (let serial = 1; serial <= 6; serial++) {
    const body = String(200000000 + serial * 7919);
    const sum = [...body].reduce((s, d, i) => s + Number(d) * (10 - i), 0) % 11;
    ids.push(body + (sum < 2 ? sum : 11 - sum));
  }
  process.stdout.write(ids.join(","));
')"
{
  printf 'کد ملی,نام,نام خانوادگی,تاریخ تولد,شهرستان,نوع سکونت,علت سرپرستی\n'
  month=0
  for id in ${group_women//,/ }; do
    month=$((month + 1))
    printf '%s,زینب,رحیمی,1360/0%s/10,تاکستان,شهری,همسر فوت‌شده\n' "$id" "$month"
  done
} >"$work/takestan-women.csv"
if ! timeout 60 "$bin" --database-url "$database_url" import women "$work/takestan-women.csv" \
    --as "$takestan_user" >"$work/import-takestan.log" 2>&1; then
  cat "$work/import-takestan.log" >&2 || true
  die "could not import the women of Takestan"
fi
log "six women of Takestan imported"
set +e
HAMYAR_URL="$base_url" HAMYAR_TAKESTAN_USER="$takestan_user" HAMYAR_TAKESTAN_PASSWORD="$takestan_password" \
  HAMYAR_WORKER_USER="$worker_user" HAMYAR_WORKER_PASSWORD="$worker_password" \
  HAMYAR_GROUP_WOMEN="$group_women" HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
  node --test "$e2e_dir/form-group.test.mjs"
groups_status=$?
set -e
[ "$status" != 0 ] || status=$groups_status

# --- 10. a provincial expert of Qazvin, the group's life browser test ---------------------------
expert_user="qazvin.expert"
expert_password="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
if ! printf '%s\n' "$expert_password" | timeout 60 "$bin" user add \
    --database-url "$database_url" --username "$expert_user" \
    --display-name "نرگس کارشناس" --role provincial_expert --scope ir.qazvin \
    --password-stdin >"$work/user-add-expert.log" 2>&1; then
  cat "$work/user-add-expert.log" >&2 || true
  die "could not create the provincial expert with hamyar user add"
fi
set +e
HAMYAR_URL="$base_url" HAMYAR_TAKESTAN_USER="$takestan_user" HAMYAR_TAKESTAN_PASSWORD="$takestan_password" \
  HAMYAR_EXPERT_USER="$expert_user" HAMYAR_EXPERT_PASSWORD="$expert_password" \
  HAMYAR_WORKER_USER="$worker_user" HAMYAR_WORKER_PASSWORD="$worker_password" \
  HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
  node --test "$e2e_dir/group-life.test.mjs"
life_status=$?
set -e
[ "$status" != 0 ] || status=$life_status

# --- 11. a county expert of Takestan, the money browser test ------------------------------------
county_user="takestan.expert"
county_password="e2e-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
if ! printf '%s\n' "$county_password" | timeout 60 "$bin" user add \
    --database-url "$database_url" --username "$county_user" \
    --display-name "لیلا کارشناس شهرستان" --role county_expert --scope ir.qazvin.takestan \
    --password-stdin >"$work/user-add-county.log" 2>&1; then
  cat "$work/user-add-county.log" >&2 || true
  die "could not create the county expert with hamyar user add"
fi
set +e
HAMYAR_URL="$base_url" HAMYAR_EXPERT_USER="$expert_user" HAMYAR_EXPERT_PASSWORD="$expert_password" \
  HAMYAR_COUNTY_USER="$county_user" HAMYAR_COUNTY_PASSWORD="$county_password" \
  HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
  node --test "$e2e_dir/money.test.mjs"
money_status=$?
set -e
[ "$status" != 0 ] || status=$money_status

# --- 12. the ledger verifies, and stops verifying once a posting is altered ----------------------
# The server stops first: nothing else writes, and its WAL is checkpointed into the file.
stop_server
verify_log="$artifacts/ledger-verify.txt"
set +e
timeout 60 "$bin" --database-url "$database_url" ledger verify >"$verify_log" 2>&1
verify_status=$?
set -e
cat "$verify_log" >&2
if [ "$verify_status" != 0 ] || ! grep -q '^ledger consistent' "$verify_log"; then
  log "ERROR: hamyar ledger verify failed on the untouched database (exit $verify_status)"
  [ "$status" != 0 ] || status=1
else
  log "ledger verified"
  # One posting's amount changes behind the application's back: its append-only trigger is
  # dropped first, as a tamperer with file access could.
  if ! timeout 30 sqlite3 "$work/e2e.db" \
      "DROP TRIGGER ledger_postings_no_update;
       UPDATE ledger_postings SET amount_rials = amount_rials + 1000000
        WHERE id = (SELECT max(id) FROM ledger_postings);" 2>"$work/tamper.log"; then
    cat "$work/tamper.log" >&2 || true
    die "could not alter a posting with sqlite3"
  fi
  tampered_tx="$(sqlite3 "$work/e2e.db" 'SELECT transaction_id FROM ledger_postings WHERE id = (SELECT max(id) FROM ledger_postings);')"
  tampered_log="$artifacts/ledger-verify-tampered.txt"
  set +e
  timeout 60 "$bin" --database-url "$database_url" ledger verify >"$tampered_log" 2>&1
  tampered_status=$?
  set -e
  cat "$tampered_log" >&2
  if [ "$tampered_status" = 0 ]; then
    log "ERROR: hamyar ledger verify passed after a posting was altered"
    [ "$status" != 0 ] || status=1
  elif ! grep -q "^transaction $tampered_tx does not balance" "$tampered_log" \
      || ! grep -q '^ledger INCONSISTENT' "$tampered_log" \
      || ! grep -q 'append-only triggers were removed' "$tampered_log"; then
    log "ERROR: hamyar ledger verify failed (exit $tampered_status) without naming transaction $tampered_tx, the inconsistency and the removed trigger"
    [ "$status" != 0 ] || status=1
  else
    log "ledger verify caught the altered posting of transaction $tampered_tx (exit $tampered_status)"
  fi
fi

# --- 13. a new user's first look: the README's run command with the demo -----------------------
# `serve --demo` on an empty database fills the demo province of Qazvin and prints its users'
# passwords once; the provincial expert reads the dashboard, the press summary and the PDF
# report, and public relations sees the figures but no person.
demo_log="$work/demo-server.log"
: >"$work/demo.db"
"$bin" serve --demo --database-url "sqlite://$work/demo.db" --listen "127.0.0.1:$port" >"$demo_log" 2>&1 &
server_pid=$!
demo_healthy=0
for _ in $(seq 1 120); do
  kill -0 "$server_pid" 2>/dev/null || break
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base_url/healthz" || true)"
  if [ "$code" = 200 ]; then demo_healthy=1; break; fi
  sleep 0.5
done
demo_password() { sed 's/\x1b\[[0-9;]*m//g' "$demo_log" | awk -v user="$1" '$1 == user { print $2; exit }'; }
province_password="$(demo_password demo.province)"
pr_password="$(demo_password demo.pr)"
if [ "$demo_healthy" != 1 ] || [ -z "$province_password" ] || [ -z "$pr_password" ]; then
  tail -n 40 "$demo_log" >&2 || true
  log "ERROR: serve --demo did not come up with its users' passwords"
  [ "$status" != 0 ] || status=1
else
  log "demo province served"
  set +e
  HAMYAR_URL="$base_url" HAMYAR_PROVINCE_PASSWORD="$province_password" HAMYAR_PR_PASSWORD="$pr_password" \
    HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
    node --test "$e2e_dir/dashboard.test.mjs"
  dashboard_status=$?
  set -e
  [ "$status" != 0 ] || status=$dashboard_status
  # Then every page every role reaches, at 390 and 1366 px in Persian and 390 px in English:
  #     nothing scrolls sideways, no number is cut, charts stay readable (issue 17).
  demo_users="$(sed 's/\x1b\[[0-9;]*m//g' "$demo_log" | awk '$1 ~ /^demo\./ && NF >= 4 { print $1, $2, $3, $4 }')"
  set +e
  HAMYAR_URL="$base_url" HAMYAR_DEMO_USERS="$demo_users" \
    HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
    node --test "$e2e_dir/layouts.test.mjs"
  layouts_status=$?
  set -e
  [ "$status" != 0 ] || status=$layouts_status
  # Today, the home page, at 390 px for four roles, and a visit recorded from it in one tap.
  set +e
  HAMYAR_URL="$base_url" HAMYAR_DEMO_USERS="$demo_users" \
    HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
    node --test "$e2e_dir/today.test.mjs"
  today_status=$?
  set -e
  [ "$status" != 0 ] || status=$today_status
  # The county training coordinator on a phone: plan a run, enrol a group, mark the sessions,
  # print a certificate and check it on the public page, and a tranche released on the
  # group's completion records (issue 18).
  set +e
  HAMYAR_URL="$base_url" HAMYAR_DEMO_USERS="$demo_users" \
    HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
    node --test "$e2e_dir/training.test.mjs"
  training_status=$?
  set -e
  [ "$status" != 0 ] || status=$training_status
  # Outcomes (issue 19): a social worker records a baseline on a phone and imports paper
  # forms, proposes the exit of a woman whose criteria hold; the provincial expert approves it
  # and the dashboard counts her the same day.
  set +e
  HAMYAR_URL="$base_url" HAMYAR_DEMO_USERS="$demo_users" \
    HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
    node --test "$e2e_dir/outcomes.test.mjs"
  outcomes_status=$?
  set -e
  [ "$status" != 0 ] || status=$outcomes_status
  # The group fund (issue 20): the county expert records one fund meeting on a phone — two
  # members' shares and the cash counted — and finds it on the fund's page.
  set +e
  HAMYAR_URL="$base_url" HAMYAR_DEMO_USERS="$demo_users" \
    HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
    node --test "$e2e_dir/fund.test.mjs"
  fund_status=$?
  set -e
  [ "$status" != 0 ] || status=$fund_status
  # The offline field app (issue 21): the capital's social worker prepares a phone, records a
  # meeting with savings and a visit offline, reopens the app offline, syncs (a lost answer,
  # a conflict settled, every request sent twice) and each record lands once.
  set +e
  HAMYAR_URL="$base_url" HAMYAR_DEMO_USERS="$demo_users" \
    HAMYAR_CHROMIUM="$chromium_bin" HAMYAR_ARTIFACTS="$artifacts" \
    node --test "$e2e_dir/field.test.mjs"
  field_status=$?
  set -e
  [ "$status" != 0 ] || status=$field_status
fi
stop_server
# The passwords are in this log: it is not kept among the artifacts.
rm -f "$demo_log"

if [ "$status" != 0 ]; then
  show_log
  log "FAILED (exit $status); screenshots and server.log are in e2e/artifacts/"
else
  log "passed; screenshots are in e2e/artifacts/"
fi
exit "$status"
