#!/usr/bin/env python3
"""Checks that DuckDB loads `wsus-doctor diagnose --format ndjson` with one row per line.

Usage: ndjson_duckdb_check.py FINDINGS.ndjson REPORT.json, the NDJSON and the JSON report of a
run over the same evidence. DuckDB's read_json (newline-delimited, columns inferred from every
line) must give one row per line; the finding rows must number the report's findings and its
summary's total, with the same count per status, and the cause rows its causes; every row must
carry one run id. When any finding names a machine, the machines named must be the report's
`machines` and each row's role that machine's role. Prints one line per check and a closing
"N passed, M failed" line; exits 1 on any failure.
"""
import json
import sys

import duckdb

NDJSON, REPORT = sys.argv[1], sys.argv[2]
results = []


def check(name, got, expected):
    ok = got == expected
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}")
    if not ok:
        print(f"     got:      {got!r}\n     expected: {expected!r}")


def key(name):
    """A machine name as wsus-doctor compares them: without case or DNS suffix."""
    return name.split(".")[0].upper()


with open(REPORT, encoding="utf-8") as f:
    report = json.load(f)
with open(NDJSON, encoding="utf-8") as f:
    lines = [json.loads(line) for line in f if line.strip()]

con = duckdb.connect()
con.execute(
    "CREATE TABLE lines AS SELECT * FROM read_json(?, format = 'newline_delimited', "
    "sample_size = -1)",
    [NDJSON],
)
rows = lambda sql: con.execute(sql).fetchall()

summary = report["summary"]
total = sum(summary.values())
check("one row per line", rows("SELECT count(*) FROM lines")[0][0], len(lines))
findings = rows("SELECT count(*) FROM lines WHERE kind = 'finding'")[0][0]
check("finding rows = the report's findings", findings, len(report["findings"]))
check("finding rows = the summary's total", findings, total)
check("cause rows = the report's causes",
      rows("SELECT count(*) FROM lines WHERE kind = 'cause'")[0][0], len(report["diagnosis"]))
per_status = dict(rows("SELECT status, count(*) FROM lines WHERE kind = 'finding' GROUP BY status"))
check("findings per status = the summary",
      per_status, {s: n for s, n in summary.items() if n > 0})
check("one run id", rows("SELECT count(DISTINCT run_id) FROM lines")[0][0], 1)
check("evidence references loaded as a list",
      rows("SELECT sum(len(evidence)) FROM lines WHERE kind = 'finding'")[0][0],
      sum(len(f["evidence"]) for f in report["findings"]))

named = rows("SELECT DISTINCT machine FROM lines WHERE kind = 'finding' AND machine IS NOT NULL")
if named:
    machines = {key(m["name"]): m["role"] for m in report.get("machines", [])}
    check("machines named by findings = the report's machines",
          sorted({key(m) for (m,) in named}), sorted(machines))
    roles = rows("SELECT DISTINCT machine, role FROM lines WHERE kind = 'finding' "
                 "AND machine IS NOT NULL")
    check("each row's role = its machine's role in the report",
          sorted((key(m), r) for m, r in roles),
          sorted((key(m), machines.get(key(m))) for m, _ in roles))
else:
    print("     (no finding names a machine: the machine checks are not applicable)")
    check("no role without a machine",
          rows("SELECT count(*) FROM lines WHERE kind = 'finding' AND role IS NOT NULL")[0][0], 0)

failed = results.count(False)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
