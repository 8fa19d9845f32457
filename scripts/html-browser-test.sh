#!/usr/bin/env bash
# Renders an HTML report and checks it in a real headless Chromium: no console error, nothing
# fetched, diagnosis, charts and every finding rendered, printable; saves screenshots and PDFs.
#
# Usage:
#   scripts/html-browser-test.sh                      the shared sample report of tests/report.rs
#   scripts/html-browser-test.sh --example DIR [--lang ja]
#                                                     wsus-doctor's report on an evidence folder
#   scripts/html-browser-test.sh REPORT.html REPORT.json
#
# Needs python3 and the Debian packages chromium and chromium-driver
# (apt-get install -y chromium chromium-driver). Set OUT_DIR to keep the screenshots somewhere.
set -euo pipefail

cd "$(dirname "$0")/.."
out_dir="${OUT_DIR:-$(mktemp -d -t wsus-doctor-html.XXXXXX)}"
mkdir -p "$out_dir"

for tool in chromium chromedriver python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "html-browser-test: $tool is missing (apt-get install -y chromium chromium-driver python3)" >&2
        exit 2
    fi
done

case "${1:-}" in
"")
    # The test writes the shared sample report under target/tmp/report-sample/.
    cargo test --quiet --test integration report::sample_report_files_for_the_browser_test -- --exact >/dev/null
    sample="${CARGO_TARGET_DIR:-target}/tmp/report-sample"
    html="$sample/report.html"
    json="$sample/report.json"
    ;;
--example)
    [ -n "${2:-}" ] || { echo "usage: $0 --example DIR" >&2; exit 2; }
    cargo build --quiet
    html="$out_dir/report.html"
    json="$out_dir/report.json"
    # Exit status 1 means findings failed, which is expected of a broken example.
    lang=()
    if [ "${3:-}" = "--lang" ]; then lang=(--lang "${4:?usage: $0 --example DIR --lang LANG}"); fi
    target/debug/wsus-doctor "$2" "${lang[@]}" --format html --output "$html" || [ $? -eq 1 ]
    target/debug/wsus-doctor "$2" "${lang[@]}" --format json --output "$json" || [ $? -eq 1 ]
    ;;
*)
    html="$1"
    json="${2:?usage: $0 REPORT.html REPORT.json}"
    ;;
esac

python3 scripts/html_browser_check.py "$html" "$json" "$out_dir"

# The print path a user takes from the command line, with a fresh profile and no network.
profile="$(mktemp -d -t wsus-doctor-chromium.XXXXXX)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --no-pdf-header-footer \
    --print-to-pdf="$out_dir/report.pdf" "file://$(realpath "$html")" 2>/dev/null
pages=$(grep -ao '/Type */Pages*' "$out_dir/report.pdf" | grep -vc Pages || true)
if [ "$(head -c 4 "$out_dir/report.pdf")" != "%PDF" ] || [ "${pages:-0}" -lt 2 ]; then
    echo "FAIL  --print-to-pdf did not give a multi-page PDF ($out_dir/report.pdf)" >&2
    exit 1
fi
echo "ok    --print-to-pdf wrote $pages pages: $out_dir/report.pdf"
