#!/usr/bin/env bash
# Benchmark of IIS logs at the scale of a real server: the same volume of WSUS-shaped log cut into
# more and more daily files (u_exYYMMDD.log, written by scripts/gen-iis-log.py --daily), read by
#   wsus-doctor logs iis --format json FOLDER        (BENCH_RUNS times: median and best wall time,
#                                                     peak RSS)
# and, for sets of 365 files and more, wsus-doctor diagnose --all-history FOLDER (whole diagnosis),
# with the throughput of each set against the one-file set, the memory and speed targets checked,
# the status counts and distinct clients checked against mawk's over the same files, and the focus
# window's effect on the set of 365 daily files (diagnose by default against --all-history).
#
# Targets: 1,000 files of 1 MB and 365 files of 2 MB within 256 MiB peak, and bytes
# per second within 25 % of one big file's. The memory target and mawk's counts fail the script;
# the speed ratio is printed only (a shared machine's timings vary).
#
# Attempts on many small files (release build, 2 shared cores; "CPU" is user + sys of one run,
# which a loaded machine disturbs less than wall time; profiles from perf record on 1000x1M).
#   0. Before (this script, 3 runs, quiet machine): 1x1024M 2209 MB/s; 365x2M 0.61x, 103 MiB;
#      1000x1M 0.42x, 180 MiB (1.9 s CPU against 1.0 s for one file). Where the time went on
#      1000x1M: the main thread alone held 27 % of the samples, serial work: merging the two
#      workers' running totals (13 %, almost all of it their per-minute maps: a thousand days are
#      1.4 million minutes, one day's file 1,440), the hourly table (6 %), looking at each file's
#      head one after the other before the analysis looked at it again (5 %, then 4 % more in
#      parallel). In the workers, the per-minute map's lookups and rehashing (flush_minute,
#      10 %). Not where it went: per-file threads (a file under 64 MiB is read by one thread
#      straight into its worker's running total: no per-file aggregate, no per-file merge),
#      zeroing per-file state, directive re-parsing (a few lines per file).
#   1. Kept: per-minute counts in hour blocks (MinuteTable: one hash lookup per hour instead of
#      per minute, merging moves blocks whole), the larger table absorbing the smaller; the hourly
#      table and the minute series read whole blocks. 1000x1M 1.9 -> 1.4 s CPU, 180 -> 127 MiB;
#      365x2M 1.1 -> 0.92 s CPU, 103 -> 68 MiB; the main thread's share fell to about 7 %
#      (report and JSON). Output identical (JSON of logs iis compared byte for byte).
#   2. Kept: the logs command looks at the files' heads on every core instead of one after the
#      other (measured together with 1).
#   3. Kept: the logs command hands those looks to the analysis (pipeline::analyse_sniffed)
#      instead of each file being looked at twice: sniffing fell from 10 % to 5 % of the samples.
#   After 1-3 (this script, 3 runs, quiet machine): 1x1024M 2113 MB/s; 365x2M 0.87x, 67 MiB;
#      1000x1M 0.75x, 125 MiB. One run on a busier moment gave 1000x1M 0.39x: compare medians
#      of quiet runs only.
#   4. Kept: IIS and HTTP.sys logs are told by their leading # directives alone, without
#      decoding and searching 64 KiB of each for every other format; and diagnose's focus window
#      reads the dates from the first 8 KiB of the looks it is handed instead of looking at each
#      file again. 1000x1M 0.75x -> 0.86x, 365x2M 0.87x -> 0.98x (3 runs, quiet machine; one
#      file 1880 MB/s in that run).
#   5. Kept, for diagnose: the chart series of a long span is counted by steps of several
#      minutes (at most 20,160 points, a year by the half hour) straight from the hour blocks;
#      every minute of a year had been kept three times over (series, columns, JSON text).
#      diagnose --all-history on 365x2M 447 -> 81 MiB, 0.72 -> 0.52 s, report 53 -> 3.6 MB;
#      on 1000x1M 1,160 -> 134 MiB, 1.55 -> 0.69 s.
#   Not tried for lack of time: one chunk queue over all files (the workers already stay busy
#   across file boundaries through their running totals), reusing the 256 KiB chunk buffer
#   across files (memset was 0.3 % of the samples), reading a small file in one read.
#
# Environment: BENCH_SETS (default "1x1024M 5x200M 30x30M 120x7M 365x2M 1000x1M": files x size of
# each), BENCH_DIR (default a folder under ${TMPDIR:-/tmp}), BENCH_RUNS (default 3),
# BENCH_NO_BUILD=1 (use the existing target/release binary), BENCH_MAX_RSS_MIB (default 256).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/wsus-doctor-bench-folders}"
runs="${BENCH_RUNS:-3}"
sets="${BENCH_SETS:-1x1024M 5x200M 30x30M 120x7M 365x2M 1000x1M}"
max_rss_mib="${BENCH_MAX_RSS_MIB:-256}"
bin="$here/target/release/wsus-doctor"

if [ -z "${BENCH_NO_BUILD:-}" ]; then
    (cd "$here" && cargo build --release --quiet)
fi
mkdir -p "$dir"

# "365x2M" -> a folder of 365 daily files of about 2 MiB each.
folder_of() {
    local files=${1%x*} size=${1#*x}
    local folder="$dir/$1"
    if [ ! -f "$folder/.complete" ]; then
        rm -rf "$folder"
        local unit=${size: -1} amount=${size%?}
        echo "generating $files daily files of $size into $folder ..." >&2
        python3 "$here/scripts/gen-iis-log.py" --daily --days "$files" \
            --size "$((files * amount))$unit" --out "$folder"
        touch "$folder/.complete"
    fi
    echo "$folder"
}

now() { date +%s.%N; }

# Runs "$@" BENCH_RUNS times; sets median, best (seconds) and rss (KiB, the largest seen).
timed() {
    local times=() t0 t1 r
    rss=0
    for _ in $(seq "$runs"); do
        t0=$(now)
        # diagnose ends with status 1 when a check fails, as it does on these logs.
        /usr/bin/time -v "$@" > "$dir/out.json" 2> "$dir/time.txt" || [ $? -eq 1 ]
        t1=$(now)
        times+=("$(echo "$t1 - $t0" | bc -l)")
        r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt")
        if [ "$r" -gt "$rss" ]; then rss=$r; fi
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    best=$(echo "$sorted" | head -1)
    median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
}

# The aggregates must equal mawk's over the same files (status counts, distinct clients).
check_mawk() {
    local folder=$1
    command -v mawk > /dev/null || return 0
    mawk '/^#/ || NF == 0 { next } { st[$12]++; if (!($9 in ip)) { ip[$9] = 1; n++ } }
          END { for (s in st) print "status", s, st[s]; print "clients", n }' \
        "$folder"/u_ex*.log > "$dir/mawk.txt"
    python3 - "$dir/out.json" "$dir/mawk.txt" <<'EOF'
import json, sys
ours = json.load(open(sys.argv[1]))
theirs, clients = {}, None
for line in open(sys.argv[2]):
    parts = line.split()
    if parts[0] == "status":
        theirs[parts[1]] = int(parts[2])
    elif parts[0] == "clients":
        clients = int(parts[1])
mine = {k: int(v) for k, v in ours["status_totals"].items()}
if mine != theirs or ours["distinct_clients"] != clients:
    print("MISMATCH with mawk:", mine, "vs", theirs, "clients", ours["distinct_clients"], "vs", clients)
    sys.exit(1)
EOF
}

failed=0
base_rate=""
printf '%-10s %7s %10s %11s %9s %9s %11s %12s\n' set files MB "median s" "best s" "MB/s" "peak MiB" "vs one file"
for s in $sets; do
    folder=$(folder_of "$s")
    files=$(find "$folder" -name 'u_ex*.log' | wc -l)
    bytes=$(find "$folder" -name 'u_ex*.log' -printf '%s\n' | awk '{ t += $1 } END { print t }')
    find "$folder" -name 'u_ex*.log' -exec cat {} + > /dev/null   # warm the page cache
    timed "$bin" logs iis --format json "$folder"
    check_mawk "$folder" || failed=1
    mb=$(echo "$bytes / 1000000" | bc -l)
    rate=$(echo "$mb / $median" | bc -l)
    if [ -z "$base_rate" ]; then base_rate=$rate; fi
    ratio=$(echo "$rate / $base_rate" | bc -l)
    rss_mib=$(echo "$rss / 1024" | bc -l)
    printf '%-10s %7d %10.0f %11.3f %9.3f %9.0f %11.1f %11.2fx\n' \
        "$s" "$files" "$mb" "$median" "$best" "$rate" "$rss_mib" "$ratio"
    if [ "$files" -ge 365 ] && [ "$(echo "$rss_mib > $max_rss_mib" | bc -l)" = 1 ]; then
        echo "  MISS: peak memory above $max_rss_mib MiB" >&2
        failed=1
    fi
    if [ "$files" -ge 365 ] && [ "$(echo "$ratio < 0.75" | bc -l)" = 1 ]; then
        echo "  note: more than 25 % slower per byte than one file (median of $runs runs)"
    fi
    # The whole diagnosis over every file holds the same bound (charts and timeline included).
    if [ "$files" -ge 365 ]; then
        timed "$bin" diagnose --format json --all-history "$folder"
        rss_mib=$(echo "$rss / 1024" | bc -l)
        printf '  diagnose --all-history: median %.3f s, best %.3f s, peak %.1f MiB, report %d kB\n' \
            "$median" "$best" "$rss_mib" "$(( $(stat -c %s "$dir/out.json") / 1000 ))"
        if [ "$(echo "$rss_mib > $max_rss_mib" | bc -l)" = 1 ]; then
            echo "  MISS: diagnose's peak memory above $max_rss_mib MiB" >&2
            failed=1
        fi
    fi
done

# The focus window on the set of 365 daily files, when it is among the sets.
for s in $sets; do
    [ "${s%x*}" = 365 ] || continue
    folder=$(folder_of "$s")
    echo
    echo "focus window on $s ($folder):"
    timed "$bin" diagnose --format json "$folder"
    read -r left bytes_left <<< "$(python3 -c 'import json,sys; w=json.load(open(sys.argv[1])).get("window") or {}; print(w.get("files_left_out", 0), w.get("bytes_left_out", 0))' "$dir/out.json")"
    printf '  diagnose (last 14 days):  median %.3f s, best %.3f s, peak %.1f MiB; %d files (%.0f MB) left out\n' \
        "$median" "$best" "$(echo "$rss / 1024" | bc -l)" "$left" "$(echo "$bytes_left / 1000000" | bc -l)"
    window_median=$median
    timed "$bin" diagnose --format json --all-history "$folder"
    printf '  diagnose --all-history:   median %.3f s, best %.3f s, peak %.1f MiB (%.1fx the time of the window)\n' \
        "$median" "$best" "$(echo "$rss / 1024" | bc -l)" "$(echo "$median / $window_median" | bc -l)"
done
exit "$failed"
