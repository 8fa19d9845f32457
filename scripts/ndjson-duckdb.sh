#!/usr/bin/env bash
# Loads the NDJSON of a generated fleet in DuckDB. Writes a fleet of NDJSON_CLIENTS clients (default
# 200) with examples/tools/make-fleet.py, runs `wsus-doctor diagnose` over it twice, once with
# `--format ndjson` and once with `--format json` (the report is the same but for its time), and
# has scripts/ndjson_duckdb_check.py load the lines with DuckDB's read_json and compare them with
# the JSON report: one row per finding line, as many as the report's summary counts, the same
# count per status, one row per cause, and the machines and their roles when the findings name
# them.
#
# Needs a Python with the duckdb package: NDJSON_PYTHON names it (default python3). .ci/run
# installs it.
#
# Environment: NDJSON_DIR (default target/ndjson-duckdb, emptied first), NDJSON_CLIENTS,
# NDJSON_NO_BUILD=1 (use the existing target/release binary), NDJSON_BIN (another binary, with
# NDJSON_NO_BUILD).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${NDJSON_DIR:-$here/target/ndjson-duckdb}"
python="${NDJSON_PYTHON:-python3}"
clients="${NDJSON_CLIENTS:-200}"
bin="${NDJSON_BIN:-$here/target/release/wsus-doctor}"

if [ -z "${NDJSON_NO_BUILD:-}" ]; then
    (cd "$here" && cargo build --release --quiet)
fi
rm -rf "$dir"
mkdir -p "$dir"
python3 "$here/examples/tools/make-fleet.py" --clients "$clients" --seed 1 --out "$dir/fleet"

# `diagnose` ends with status 1 when a finding fails (the fleet has failing clients by design).
"$bin" diagnose --format ndjson --output "$dir/findings.ndjson" "$dir/fleet" || [ $? -eq 1 ]
"$bin" diagnose --format json --output "$dir/report.json" "$dir/fleet" || [ $? -eq 1 ]

"$python" "$here/scripts/ndjson_duckdb_check.py" "$dir/findings.ndjson" "$dir/report.json"
