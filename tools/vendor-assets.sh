#!/usr/bin/env bash
# Copy the pinned third-party front-end assets into crates/web/assets, and the
# Vazirmatn TrueType fonts that the PDF renderer embeds into crates/pdf/fonts.
#
# The web crate embeds crates/web/assets into the binary, so at run time the
# application never touches the network. This script is only for developers
# (or CI) who want to refresh the vendored copies: it installs the exact
# versions locked in tools/vendor/package-lock.json from the npm registry and
# copies the few files we actually use, plus their licence texts.
#
# Usage: tools/vendor-assets.sh          (from anywhere inside the repository)
#        tools/vendor-assets.sh --check  (exit 1 if the committed copies differ)
#
# To upgrade: edit the exact versions in tools/vendor/package.json, run
# `npm install --package-lock-only` in tools/vendor, then run this script.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
vendor="$here/vendor"
assets="$root/crates/web/assets"
pdf_fonts="$root/crates/pdf/fonts"

check_only=0
case "${1:-}" in
  "") ;;
  --check) check_only=1 ;;
  -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
  *) echo "unknown argument: $1" >&2; exit 2 ;;
esac

command -v npm >/dev/null || { echo "npm is required" >&2; exit 1; }
command -v node >/dev/null || { echo "node is required" >&2; exit 1; }

echo "==> installing pinned packages in tools/vendor"
(cd "$vendor" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)

nm="$vendor/node_modules"
pkg_version() { node -p "require(process.argv[1]).version" "$nm/$1/package.json"; }
pkg_license() { node -p "require(process.argv[1]).license" "$nm/$1/package.json"; }

vazir_v="$(pkg_version vazirmatn)"
htmx_v="$(pkg_version htmx.org)"
case "$htmx_v" in
  2.*) ;;
  *) echo "expected htmx.org 2.x, got $htmx_v" >&2; exit 1 ;;
esac

# Write everything into a staging directory first, then either compare or copy.
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/fonts" "$stage/js" "$stage/licenses" "$stage/pdf-fonts"

# Static weights only: regular text, medium for emphasis/buttons, bold for
# headings. Each is ~50 KB; the variable font would be ~110 KB.
for weight in Regular Medium Bold; do
  src="$nm/vazirmatn/fonts/webfonts/Vazirmatn-$weight.woff2"
  [ -f "$src" ] || { echo "missing $src" >&2; exit 1; }
  cp "$src" "$stage/fonts/"
done

# The PDF renderer (crates/pdf) needs TrueType, not WOFF2: typst reads TTF/OTF.
# Regular for text, Bold for headings, table headers and totals.
for weight in Regular Bold; do
  src="$nm/vazirmatn/fonts/ttf/Vazirmatn-$weight.ttf"
  [ -f "$src" ] || { echo "missing $src" >&2; exit 1; }
  cp "$src" "$stage/pdf-fonts/"
done
cp "$nm/vazirmatn/OFL.txt" "$stage/pdf-fonts/Vazirmatn-OFL.txt"

cp "$nm/htmx.org/dist/htmx.min.js" "$stage/js/htmx.min.js"
cp "$nm/vazirmatn/OFL.txt" "$stage/licenses/Vazirmatn-OFL.txt"
cp "$nm/htmx.org/LICENSE" "$stage/licenses/htmx-LICENSE.txt"

cat >"$stage/licenses/README.md" <<EOF
# Third-party assets

These files are copied verbatim from npm packages by \`tools/vendor-assets.sh\`
(exact versions are locked in \`tools/vendor/package-lock.json\`). Do not edit
them by hand; change the pinned version and re-run the script instead.

| Name | Version | Licence | Source package | Files | Licence text |
| --- | --- | --- | --- | --- | --- |
| Vazirmatn | $vazir_v | SIL Open Font License 1.1 ($(pkg_license vazirmatn)) | npm \`vazirmatn@$vazir_v\` | \`fonts/Vazirmatn-Regular.woff2\`, \`fonts/Vazirmatn-Medium.woff2\`, \`fonts/Vazirmatn-Bold.woff2\` (from \`fonts/webfonts/\`) | \`Vazirmatn-OFL.txt\` |
| htmx | $htmx_v | Zero-Clause BSD ($(pkg_license htmx.org)) | npm \`htmx.org@$htmx_v\` | \`js/htmx.min.js\` (from \`dist/\`) | \`htmx-LICENSE.txt\` |

All other files under \`crates/web/assets/\` (\`css/app.css\`, \`js/app.js\`) are
part of Hamyar itself and share the project's licence.
EOF

cat >"$stage/pdf-fonts/README.md" <<EOF
# Fonts embedded in the PDF renderer

These files are copied verbatim from the npm package \`vazirmatn@$vazir_v\`
(\`fonts/ttf/\` and \`OFL.txt\`) by \`tools/vendor-assets.sh\`; the version is
locked in \`tools/vendor/package-lock.json\`, the same one the web crate serves.
Do not edit them by hand; change the pinned version and re-run the script.

| File | Licence |
| --- | --- |
| \`Vazirmatn-Regular.ttf\`, \`Vazirmatn-Bold.ttf\` (Vazirmatn $vazir_v) | SIL Open Font License 1.1, see \`Vazirmatn-OFL.txt\` |

\`crates/pdf\` compiles both fonts into the binary (\`include_bytes!\`) and
embeds the subset of glyphs it uses in every PDF it writes, which the OFL permits.
EOF

if [ "$check_only" = 1 ]; then
  status=0
  for f in fonts/Vazirmatn-Regular.woff2 fonts/Vazirmatn-Medium.woff2 fonts/Vazirmatn-Bold.woff2 \
           js/htmx.min.js licenses/Vazirmatn-OFL.txt licenses/htmx-LICENSE.txt licenses/README.md; do
    if ! cmp -s "$stage/$f" "$assets/$f"; then
      echo "differs or missing: crates/web/assets/$f" >&2
      status=1
    fi
  done
  for f in Vazirmatn-Regular.ttf Vazirmatn-Bold.ttf Vazirmatn-OFL.txt README.md; do
    if ! cmp -s "$stage/pdf-fonts/$f" "$pdf_fonts/$f"; then
      echo "differs or missing: crates/pdf/fonts/$f" >&2
      status=1
    fi
  done
  [ "$status" = 0 ] && echo "vendored assets are up to date (vazirmatn $vazir_v, htmx.org $htmx_v)"
  exit "$status"
fi

echo "==> copying into crates/web/assets"
mkdir -p "$assets/fonts" "$assets/js" "$assets/licenses"
cp "$stage"/fonts/* "$assets/fonts/"
cp "$stage/js/htmx.min.js" "$assets/js/"
cp "$stage"/licenses/* "$assets/licenses/"

echo "==> copying into crates/pdf/fonts"
mkdir -p "$pdf_fonts"
cp "$stage"/pdf-fonts/* "$pdf_fonts/"

echo "vendored vazirmatn $vazir_v and htmx.org $htmx_v:"
(cd "$assets" && ls -l fonts js/htmx.min.js licenses | sed 's/^/  /')
(cd "$pdf_fonts" && ls -l | sed 's/^/  /')
