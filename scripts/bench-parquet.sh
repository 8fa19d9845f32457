#!/usr/bin/env bash
# Benchmark of the Parquet export: generates a WSUS-shaped IIS log (1 GiB by default) with
# scripts/gen-iis-log.py, builds the release binary with the `parquet` feature, warms the page
# cache, then times
#   wsus-doctor logs iis --export parquet --output DIR FILE   (BENCH_RUNS times)
# and prints, from the median run: MB/s of input, rows/s, peak RSS, CPU time, the Parquet size
# and its ratio to the log, beside the analysis of the same log (logs iis --format json) and
# the targets (>= 300 MB/s on 2 cores, <= 300 MiB). It fails when the rows exported differ from
# the log's record lines or from the analysis's record count.
#
# Environment: BENCH_SIZE (default 1G), BENCH_DIR (default a folder under ${TMPDIR:-/tmp}),
# BENCH_LOG (an existing log to use instead of generating one), BENCH_RUNS (default 3),
# BENCH_NO_BUILD=1 (use the existing target/release binary, built with the feature).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
size="${BENCH_SIZE:-1G}"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/wsus-doctor-bench}"
log="${BENCH_LOG:-$dir/u_ex_wsus_$size.log}"
runs="${BENCH_RUNS:-3}"
bin="$here/target/release/wsus-doctor"
out="$dir/parquet"

mkdir -p "$dir"
if [ ! -s "$log" ]; then
    echo "generating $size of IIS log into $log ..." >&2
    python3 "$here/scripts/gen-iis-log.py" --size "$size" --out "$log"
fi
if [ -z "${BENCH_NO_BUILD:-}" ]; then
    (cd "$here" && cargo build --release --quiet --features parquet)
fi
bytes=$(stat -L -c %s "$log")
cat "$log" > /dev/null

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
# Field $1 of /usr/bin/time -v output in file $2.
field() { awk -F': ' -v k="$1" '$1 ~ k {print $2}' "$2"; }

summary="$dir/export.json"
timing="$dir/export-time.txt"
results=()
for _ in $(seq "$runs"); do
    rm -rf "$out"
    t0=$(now)
    /usr/bin/time -v "$bin" logs iis --format json --export parquet --output "$out" "$log" \
        > "$summary" 2> "$timing"
    t1=$(now)
    wall=$(elapsed "$t0" "$t1")
    rss=$(field "Maximum resident set size" "$timing")
    cpu=$(echo "$(field "User time" "$timing") + $(field "System time" "$timing")" | bc -l)
    results+=("$wall $rss $cpu")
done
# The median run by wall time, and the largest peak RSS of all runs.
median=$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
best=$(printf '%s\n' "${results[@]}" | sort -n | head -1 | cut -d' ' -f1)
wall=$(echo "$median" | cut -d' ' -f1)
cpu=$(echo "$median" | cut -d' ' -f3)
rss_kib=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | sort -n | tail -1)

# The analysis of the same log, once, for the ratio and the record count.
t0=$(now)
# Status 1 means a finding failed (the generated 503 bursts do), not that the analysis did.
"$bin" logs iis --format json "$log" > "$dir/analysis.json" || [ $? -eq 1 ]
t1=$(now)
analysis=$(elapsed "$t0" "$t1")

record_lines=$(grep -c -v -e '^#' -e '^$' "$log" || true)
read -r rows parquet_bytes analysed < <(python3 - "$summary" "$dir/analysis.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
a = json.load(open(sys.argv[2]))
print(s["rows"], sum(f["bytes"] for f in s["files"]), a["records"])
EOF
)
if [ "$rows" != "$record_lines" ] || [ "$rows" != "$analysed" ]; then
    echo "MISMATCH: $rows rows exported, $record_lines record lines in the log, $analysed records analysed" >&2
    exit 1
fi

mb=$(echo "$bytes / 1000000" | bc -l)
mbps=$(echo "$mb / $wall" | bc -l)
rss_mib=$(echo "$rss_kib / 1024" | bc -l)
printf 'input:        %s (%d bytes, %d records)\n' "$log" "$bytes" "$rows"
printf 'export:       median of %d runs %.3f s = %.0f MB/s of input, %.0f rows/s; best %.3f s = %.0f MB/s\n' \
    "$runs" "$wall" "$mbps" "$(echo "$rows / $wall" | bc -l)" "$best" "$(echo "$mb / $best" | bc -l)"
printf '              CPU %.2f s (%.0f MB/s per busy core), peak RSS %.1f MiB, %d cores\n' \
    "$cpu" "$(echo "$mb / $cpu" | bc -l)" "$rss_mib" "$(nproc)"
printf 'parquet:      %d bytes = %.1f%% of the log (%.1fx smaller)\n' \
    "$parquet_bytes" "$(echo "$parquet_bytes * 100 / $bytes" | bc -l)" "$(echo "$bytes / $parquet_bytes" | bc -l)"
printf 'analysis:     %.3f s (the export takes %.1fx the analysis)\n' "$analysis" "$(echo "$wall / $analysis" | bc -l)"
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "NOT met"; fi; }
printf 'targets:      >= 300 MB/s: %s; <= 300 MiB: %s\n' \
    "$(verdict "$(echo "$mbps >= 300" | bc -l)")" "$(verdict "$(echo "$rss_mib <= 300" | bc -l)")"
