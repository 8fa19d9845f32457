#!/usr/bin/env bash
# A fuzzing campaign: every target in turn, one at a time and niced, for FUZZ_MINUTES of wall time
# each (default 5), stopping early at FUZZ_STOP (a `date -d` time) if given. Writes one line per
# target to fuzz/target/campaign.tsv (or FUZZ_REPORT, so that two campaigns can run side by side
# on two cores): target, wall seconds, CPU seconds (user + system),
# executions, corpus size at the end, and the crash, leak, timeout or out-of-memory artifacts
# found. Builds the targets first (see README.md for the flags; FUZZ_NO_BUILD=1 skips that).
set -euo pipefail
cd "$(dirname "$0")"
minutes="${FUZZ_MINUTES:-5}"
export RUSTC_BOOTSTRAP=1
[ -n "${FUZZ_NO_BUILD:-}" ] || cargo fuzz build -s none -a
mkdir -p target
out="${FUZZ_REPORT:-target/campaign.tsv}"
printf 'target\twall_s\tcpu_s\texecutions\tcorpus\tartifacts\n' >"$out"
for t in ${FUZZ_TARGETS:-$(cargo fuzz list)}; do
    if [ -n "${FUZZ_STOP:-}" ] && [ "$(date +%s)" -ge "$(date -d "$FUZZ_STOP" +%s)" ]; then
        break
    fi
    mkdir -p "corpus/$t" "artifacts/$t"
    log="target/campaign-$t.log"
    bin="target/x86_64-unknown-linux-gnu/release/$t"
    /usr/bin/time -f '%e %U %S' -o "target/campaign-$t.time" nice -n 19 "$bin" \
        -artifact_prefix="artifacts/$t/" -dict="dict/$t.dict" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -max_total_time=$((minutes * 60)) -print_final_stats=1 \
        "corpus/$t" >"$log" 2>&1 || true
    read -r wall user sys < <(tail -n 1 "target/campaign-$t.time")
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    found=$(find "artifacts/$t" -type f | xargs -r -n1 basename | tr '\n' ' ')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$wall" "$(echo "$user + $sys" | bc)" "$execs" \
        "$(find "corpus/$t" -type f | wc -l)" "${found:-none}" >>"$out"
done
column -t -s $'\t' "$out"
