#!/usr/bin/env bash
# Runs every fuzz target briefly (FUZZ_SECONDS each, default 5) from its seeds and dictionary, so
# the targets keep building and a crash on the seeds shows. Installs cargo-fuzz from crates.io
# when missing. cargo-fuzz passes -Z flags, which a stable compiler accepts with RUSTC_BOOTSTRAP=1
# (a nightly one is used as it is). Targets run one at a time, niced: fuzzing is background work.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SECONDS:-5}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
bash fuzz/seed.sh >/dev/null
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz build -s none -a
for t in $(cargo fuzz list); do
    log="target/smoke-$t.log"
    if ! nice -n 19 cargo fuzz run -s none -a "$t" "corpus/$t" -- \
        -dict="dict/$t.dict" -max_total_time="$secs" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
        tail -n 40 "$log"
        echo "fuzz target $t failed (artifacts in fuzz/artifacts/$t)" >&2
        exit 1
    fi
    printf '%-22s %s executions\n' "$t" "$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')"
done
