#!/usr/bin/env bash
# Benchmark of hostile inputs that used to cost quadratic time or unbounded memory. For each case
# it writes the input, runs `wsus-doctor inventory --format json` on it under /usr/bin/time, and
# prints the wall time, the peak RSS and, for the pairs of sizes, the ratio of the times (about
# the ratio of the sizes when the cost is linear, its square when quadratic):
#   - CMTrace: one `<![LOG[` never closed, then 200,000 and 520,000 short lines;
#   - .reg: `"X"=hex:00,\` then `  00,\` continuation lines, 0.5 MB and 1 MB (under the 1 MiB cap
#     on a value's text, so read whole), and 3.2 MB (over it: counted malformed and skipped);
#   - event XML: a 2 MB gzip of `wevtutil qe /f:xml` output of events not relevant to WSUS
#     (counted, not kept), so the peak RSS is the reading itself.
#
# Environment: BENCH_DIR (default a folder under ${TMPDIR:-/tmp}), BENCH_NO_BUILD=1 (use the
# existing target/release binary), BASELINE_BIN (another wsus-doctor binary, e.g. one built from
# an older commit, run on the same inputs for comparison; BASELINE_TIMEOUT seconds per run,
# default 300, past which it is reported as timed out).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/wsus-doctor-bench-hostile}"
bin="$here/target/release/wsus-doctor"
mkdir -p "$dir"
if [ -z "${BENCH_NO_BUILD:-}" ]; then
    (cd "$here" && cargo build --release --quiet)
fi

python3 - "$dir" <<'PY'
import gzip, os, sys
d = sys.argv[1]
def cmtrace(n):
    with open(f"{d}/cmtrace-{n}.log", "w") as f:
        f.write("<![LOG[a record whose end marker never comes\n")
        for i in range(n):
            f.write(f"line {i}\n")
def reg(n):
    with open(f"{d}/hex-{n}.reg", "w") as f:
        f.write("REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n\"X\"=hex:00,\\\n")
        for _ in range(n):
            f.write("  00,\\\n")
        f.write("  00\n")
cmtrace(200_000)
cmtrace(520_000)
reg(70_000)
reg(140_000)
reg(460_000)
event = ('<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>'
         '<Provider Name="Service Control Manager"/><EventID Qualifiers="16384">7036</EventID>'
         '<Level>4</Level><TimeCreated SystemTime="2024-03-05T09:14:02.1234567Z"/>'
         '<EventRecordID>{}</EventRecordID><Channel>System</Channel><Computer>WSUS01</Computer>'
         '</System><EventData><Data Name="param1">Print Spooler</Data>'
         '<Data Name="param2">running</Data></EventData></Event>\r\n')
with gzip.open(f"{d}/System.xml.gz", "wb", compresslevel=9) as f:
    i = 0
    while f.fileobj.tell() < 2_000_000:
        f.write("".join(event.format(i + k) for k in range(1000)).encode())
        i += 1000
PY

# Prints "seconds peak-KiB" for one run, or "timeout -" past the limit.
measure() {
    local b="$1" input="$2" limit="$3" t status=0
    t=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$t" timeout "$limit" "$b" inventory --format json "$input" \
        >/dev/null 2>&1 || status=$?
    if [ "$status" -eq 124 ]; then echo "timeout -"; else tail -n 1 "$t"; fi
    rm -f "$t"
}

# One case at two sizes: both times and their ratio.
pair() {
    local b="$1" limit="$2" label="$3" small="$4" large="$5" expected="$6" t1 t2
    read -r t1 _ <<<"$(measure "$b" "$dir/$small" "$limit")"
    read -r t2 _ <<<"$(measure "$b" "$dir/$large" "$limit")"
    printf '  %-32s %-9s %8s s   %-9s %8s s' "$label" "${small%%.*}" "$t1" "${large%%.*}" "$t2"
    if [[ "$t1" != timeout && "$t2" != timeout ]]; then
        printf '   ratio %s (size %s)' "$(echo "scale=1; $t2 / ($t1 + 0.01)" | bc -l)" "$expected"
    fi
    echo
}

report() {
    local name="$1" b="$2" limit="$3" x mem
    echo "== $name: $b"
    pair "$b" "$limit" "cmtrace, unterminated record:" cmtrace-200000.log cmtrace-520000.log x2.6
    pair "$b" "$limit" ".reg, hex continuations:" hex-70000.reg hex-140000.reg x2
    read -r x _ <<<"$(measure "$b" "$dir/hex-460000.reg" "$limit")"
    printf '  %-32s %8s s\n' ".reg, 3.2 MB value:" "$x"
    read -r x mem <<<"$(measure "$b" "$dir/System.xml.gz" "$limit")"
    printf '  %-32s %8s s   peak RSS %s MiB\n' "event XML, 2 MB gzip:" "$x" \
        "$([[ "$mem" == - ]] && echo - || echo $((mem / 1024)))"
}

report "this build" "$bin" 300
if [ -n "${BASELINE_BIN:-}" ]; then
    report "baseline" "$BASELINE_BIN" "${BASELINE_TIMEOUT:-300}"
fi
