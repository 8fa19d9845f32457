#!/usr/bin/env bash
# Read-back of the Parquet export by the engines that will load it. Generates the IIS logs of two
# WSUS servers (one with the default layout, one that also logs s-sitename and s-computername)
# with scripts/gen-iis-log.py, exports them and the HTTPERR fixtures with the release binary
# (built with the `parquet` feature), counts statuses and 503s per minute with mawk, and has
# scripts/parquet_readback_check.py compare what DuckDB and Apache Spark (local mode) compute
# from the Parquet files with mawk's counts and `wsus-doctor logs iis|httperr --format json`.
#
# Needs mawk, and a Python with the duckdb and pyspark packages (and so a Java runtime for
# Spark): READBACK_PYTHON names it (default python3). .ci/run installs all of them.
#
# Environment: READBACK_DIR (default target/parquet-readback, emptied first), READBACK_SIZE (the
# first server's log, default 60M), READBACK_NO_BUILD=1 (use the existing target/release binary).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${READBACK_DIR:-$here/target/parquet-readback}"
python="${READBACK_PYTHON:-python3}"
size="${READBACK_SIZE:-60M}"
bin="$here/target/release/wsus-doctor"

if [ -z "${READBACK_NO_BUILD:-}" ]; then
    (cd "$here" && cargo build --release --quiet --features parquet)
fi
rm -rf "$dir"
mkdir -p "$dir/logs/wsus01/W3SVC1" "$dir/logs/wsus02/W3SVC1"
python3 "$here/scripts/gen-iis-log.py" --size "$size" --seed 11 --days 2 \
    --out "$dir/logs/wsus01/W3SVC1/u_ex261110.log"
python3 "$here/scripts/gen-iis-log.py" --size 10M --seed 12 --days 1 --bursts-per-day 4 \
    --computer-name WSUS02 --out "$dir/logs/wsus02/W3SVC1/u_ex261110.log"
httperr=("$here/tests/fixtures/httperr" "$here/tests/fixtures/iis/wsuspool-503")

# `logs` ends with status 1 when a finding fails (these logs have 503 bursts), 2 when it read nothing.
"$bin" logs iis --format json "$dir/logs" > "$dir/iis.json" || [ $? -eq 1 ]
"$bin" logs httperr --format json "${httperr[@]}" > "$dir/httperr.json" || [ $? -eq 1 ]

# mawk: statuses and 503s per minute, following each file's #Fields.
find "$dir/logs" -name '*.log' -print0 | sort -z | xargs -0 mawk '
    /^#Fields:/ { delete col; for (i = 2; i <= NF; i++) col[$i] = i - 1; next }
    /^#/ || NF == 0 { next }
    {
        s = $(col["sc-status"]); st[s]++
        if (s == 503) per[$(col["date"]) " " substr($(col["time"]), 1, 5)]++
    }
    END {
        for (s in st) print "status", s, st[s]
        for (m in per) print "503", m, per[m]
    }' > "$dir/mawk.txt"

"$bin" logs iis --export parquet --output "$dir/parquet/iis" "$dir/logs"
"$bin" logs httperr --export parquet --output "$dir/parquet/httperr" "${httperr[@]}"

"$python" "$here/scripts/parquet_readback_check.py" "$dir"
