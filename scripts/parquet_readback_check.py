#!/usr/bin/env python3
"""Checks the Parquet export as DuckDB and Apache Spark (local mode) read it back.

Usage: parquet_readback_check.py DIR, where scripts/parquet-readback.sh left in DIR:
  iis.json, httperr.json   wsus-doctor logs iis|httperr --format json over the logs
  mawk.txt                 mawk's "status S N" and "503 YYYY-MM-DD HH:MM N" lines
  parquet/iis/*.parquet, parquet/httperr/*.parquet   the exports

Both engines must find the column types of the layout, the per-status counts and the 503s per
minute that mawk and wsus-doctor count; DuckDB also each 503 burst's total and peak per server,
the server and site columns of the two servers, and the HTTPERR reasons per queue. Prints one
line per check and a closing "N passed, M failed" line; exits 1 on any failure.
"""
import datetime
import json
import os
import sys

import duckdb

DIR = sys.argv[1]
IIS = os.path.join(DIR, "parquet", "iis")
HTTPERR = os.path.join(DIR, "parquet", "httperr")
results = []


def check(name, got, expected):
    ok = got == expected
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}")
    if not ok:
        print(f"     got:      {got!r}\n     expected: {expected!r}")


def minute_index(text):
    """Minutes since the Unix epoch of 'YYYY-MM-DD HH:MM' or an RFC 3339 time, both UTC."""
    t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp()) // 60


iis = json.load(open(os.path.join(DIR, "iis.json")))
httperr = json.load(open(os.path.join(DIR, "httperr.json")))
mawk_status, mawk_503 = {}, {}
for line in open(os.path.join(DIR, "mawk.txt")):
    parts = line.split()
    if parts[0] == "status":
        mawk_status[int(parts[1])] = int(parts[2])
    else:
        mawk_503[minute_index(f"{parts[1]} {parts[2]}")] = int(parts[3])
tool_status = {int(s): n for s, n in iis["status_totals"].items()}
check("wsus-doctor's status counts equal mawk's", tool_status, mawk_status)
check("the logs hold 503 bursts", len(iis["bursts_503"]) >= 4 and len(mawk_503) > 20, True)

# DuckDB.
db = duckdb.connect()
iis_files = os.path.join(IIS, "*.parquet")
db.execute(f"CREATE VIEW requests AS SELECT * FROM read_parquet('{iis_files}')")
types = dict(db.execute("SELECT column_name, column_type FROM (DESCRIBE requests)").fetchall())
check("DuckDB: column types", {c: types.get(c) for c in
      ("time", "site_id", "s_port", "status", "win32_status", "time_taken_ms", "client_ip", "line")},
      {"time": "TIMESTAMP WITH TIME ZONE", "site_id": "BIGINT", "s_port": "INTEGER",
       "status": "INTEGER", "win32_status": "BIGINT", "time_taken_ms": "BIGINT",
       "client_ip": "VARCHAR", "line": "BIGINT"})
check("DuckDB: one row per record", db.execute("SELECT count(*) FROM requests").fetchone()[0],
      iis["records"])
duck_status = dict(db.execute("SELECT status, count(*) FROM requests GROUP BY status").fetchall())
check("DuckDB: per-status counts equal wsus-doctor's and mawk's", duck_status, tool_status)
duck_503 = dict(db.execute(
    "SELECT epoch_us(time) // 60000000, count(*) FROM requests WHERE status = 503 GROUP BY 1"
).fetchall())
check("DuckDB: 503s per minute equal mawk's", duck_503, mawk_503)
per_server = {}
for server, minute, n in db.execute(
        "SELECT coalesce(server, s_ip), epoch_us(time) // 60000000, count(*) FROM requests "
        "WHERE status = 503 GROUP BY ALL").fetchall():
    per_server.setdefault(server, {})[minute] = n
bursts = []
for b in iis["bursts_503"]:
    minutes = per_server.get(b["server"], {})
    inside = [n for m, n in minutes.items()
              if minute_index(b["start"]) <= m <= minute_index(b["end"])]
    bursts.append((b["server"], b["start"], sum(inside), max(inside, default=0)))
check("DuckDB: each 503 burst's total and peak per minute equal wsus-doctor's", bursts,
      [(b["server"], b["start"], b["total"], b["peak_per_minute"]) for b in iis["bursts_503"]])
records = {os.path.basename(os.path.dirname(os.path.dirname(f["path"]))): f["records"]
           for f in iis["files"]}
servers = sorted(db.execute(
    "SELECT server, site_id, count(*) FROM requests GROUP BY ALL").fetchall(), key=str)
check("DuckDB: server from s-computername, else null; site id from s-sitename or the folder",
      servers, sorted([(None, 1, records["wsus01"]), ("WSUS02", 1, records["wsus02"])], key=str))
check("DuckDB: times are UTC", db.execute(
    "SELECT strftime(min(time) AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') FROM requests").fetchone()[0],
    iis["time_span"][0].replace("T", " ").replace("Z", ""))

httperr_files = os.path.join(HTTPERR, "*.parquet")
reasons = sorted(db.execute(
    f"SELECT reason, queue, count(*) FROM read_parquet('{httperr_files}') GROUP BY ALL").fetchall(),
    key=str)
check("DuckDB: HTTPERR records per reason and queue equal wsus-doctor's", reasons,
      sorted([(r["reason"], r["queue"], r["records"]) for r in httperr["reasons"]], key=str))

# Spark, in local mode: one session, the same two aggregates.
from pyspark.sql import SparkSession, functions as F  # noqa: E402

# The driver listens on loopback only.
os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
spark = (SparkSession.builder.master("local[2]").appName("wsus-doctor-readback")
         .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.session.timeZone", "UTC")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
df = spark.read.parquet(IIS)
check("Spark: time is a timestamp", df.schema["time"].dataType.simpleString(), "timestamp")
spark_status = {r["status"]: r["count"] for r in df.groupBy("status").count().collect()}
check("Spark: per-status counts equal wsus-doctor's and mawk's", spark_status, tool_status)
spark_503 = {r["m"]: r["count"] for r in df.where(F.col("status") == 503)
             .groupBy(F.floor(F.col("time").cast("long") / 60).alias("m")).count().collect()}
check("Spark: 503s per minute equal mawk's", spark_503, mawk_503)
spark.stop()

passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if all(results) else 1)
