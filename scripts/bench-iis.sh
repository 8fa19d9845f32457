#!/usr/bin/env bash
# Benchmark of the IIS log engine: generates a WSUS-shaped IIS log (1 GiB by default) with
# scripts/gen-iis-log.py, builds the release binary, warms the page cache, then times in the
# same run:
#   - wsus-doctor logs iis --format json FILE   (the full analysis, BENCH_RUNS times: best and
#                                                median wall time, peak RSS)
#   - wc -l FILE                                (the floor: reading and counting lines)
#   - mawk counting status and distinct client IPs in one pass (when installed)
#   - goaccess --log-format=W3C (when installed; takes minutes: BENCH_SKIP_GOACCESS=1 skips it)
# and prints throughput and ratios. It fails when the status counts or the number of distinct
# clients differ from mawk's.
#
# Environment: BENCH_SIZE (default 1G), BENCH_DIR (default a folder under ${TMPDIR:-/tmp}),
# BENCH_LOG (an existing log to use instead of generating one), BENCH_RUNS (default 3),
# BENCH_SKIP_GOACCESS=1, BENCH_NO_BUILD=1 (use the existing target/release binary).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
size="${BENCH_SIZE:-1G}"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/wsus-doctor-bench}"
log="${BENCH_LOG:-$dir/u_ex_wsus_$size.log}"
runs="${BENCH_RUNS:-3}"
bin="$here/target/release/wsus-doctor"

mkdir -p "$dir"
if [ ! -s "$log" ]; then
    echo "generating $size of IIS log into $log ..." >&2
    python3 "$here/scripts/gen-iis-log.py" --size "$size" --out "$log"
fi
if [ -z "${BENCH_NO_BUILD:-}" ]; then
    (cd "$here" && cargo build --release --quiet)
fi
bytes=$(stat -L -c %s "$log")

# Warm the page cache (the benchmark measures parsing, not the disk).
cat "$log" > /dev/null

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }

# 1. wsus-doctor, BENCH_RUNS times (a shared machine's timings vary from run to run), with the
#    peak RSS of each run from /usr/bin/time -v.
json="$dir/result.json"
timing="$dir/time.txt"
times=()
rss_kib=0
for _ in $(seq "$runs"); do
    t0=$(now)
    # `logs` ends with status 1 when a finding fails, as it does on a log with 503 bursts.
    /usr/bin/time -v "$bin" logs iis --format json "$log" > "$json" 2> "$timing" || [ $? -eq 1 ]
    t1=$(now)
    times+=("$(elapsed "$t0" "$t1")")
    r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
    if [ "$r" -gt "$rss_kib" ]; then rss_kib=$r; fi
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
best=$(echo "$sorted" | head -1)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
ours=$median

# 2. wc -l.
t0=$(now); wc -l "$log" > /dev/null; t1=$(now)
wc_s=$(elapsed "$t0" "$t1")

# 3. mawk: status and client IP in one pass (fields 12 and 9 of the IIS default layout).
mawk_s=""
if command -v mawk > /dev/null; then
    counts="$dir/mawk.txt"
    t0=$(now)
    mawk '/^#/ || NF == 0 { next } { st[$12]++; if (!($9 in ip)) { ip[$9] = 1; n++ } }
          END { for (s in st) print "status", s, st[s]; print "clients", n }' "$log" > "$counts"
    t1=$(now)
    mawk_s=$(elapsed "$t0" "$t1")
    python3 - "$json" "$counts" <<'EOF'
import json, sys
ours = json.load(open(sys.argv[1]))
theirs = {}
clients = None
for line in open(sys.argv[2]):
    parts = line.split()
    if parts[0] == "status":
        theirs[parts[1]] = int(parts[2])
    elif parts[0] == "clients":
        clients = int(parts[1])
mine = {k: int(v) for k, v in ours["status_totals"].items()}
if mine != theirs or ours["distinct_clients"] != clients:
    print("MISMATCH with mawk:", "status", mine, "vs", theirs, "clients", ours["distinct_clients"], "vs", clients)
    sys.exit(1)
print(f"aggregates agree with mawk: {len(mine)} statuses, {clients} distinct clients, {sum(mine.values())} records")
EOF
fi

# 4. goaccess.
goaccess_s=""
if command -v goaccess > /dev/null && [ -z "${BENCH_SKIP_GOACCESS:-}" ]; then
    t0=$(now)
    goaccess --log-format=W3C -o "$dir/goaccess.json" "$log" > /dev/null 2>&1 || true
    t1=$(now)
    goaccess_s=$(elapsed "$t0" "$t1")
fi

mb=$(echo "$bytes / 1000000" | bc -l)
printf 'input:        %s (%d bytes, %d lines)\n' "$log" "$bytes" "$(wc -l < "$log")"
printf 'wsus-doctor:  median of %d runs %.3f s = %.0f MB/s; best %.3f s = %.0f MB/s; peak RSS %.1f MiB\n' \
    "$runs" "$ours" "$(echo "$mb / $ours" | bc -l)" "$best" "$(echo "$mb / $best" | bc -l)" "$(echo "$rss_kib / 1024" | bc -l)"
echo "              (ratios below use the median)"
printf 'wc -l:        %.3f s  (wsus-doctor takes %.1fx wc -l)\n' "$wc_s" "$(echo "$ours / $wc_s" | bc -l)"
if [ -n "$mawk_s" ]; then
    printf 'mawk:         %.3f s  (wsus-doctor is %.1fx faster)\n' "$mawk_s" "$(echo "$mawk_s / $ours" | bc -l)"
else
    echo "mawk:         not installed"
fi
if [ -n "$goaccess_s" ]; then
    printf 'goaccess:     %.3f s  (wsus-doctor is %.1fx faster)\n' "$goaccess_s" "$(echo "$goaccess_s / $ours" | bc -l)"
else
    echo "goaccess:     not run (not installed, or BENCH_SKIP_GOACCESS set)"
fi
