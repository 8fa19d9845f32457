#!/usr/bin/env bash
# Seeds each target's corpus (fuzz/corpus/TARGET/, never committed) at run time from the project's
# fixtures and examples and, when present, the public samples in ../shared/corpus. Each file goes
# to the target of the kind `wsus-doctor inventory` recognises in it; zips and .gz files seed the
# archive target; every file seeds the sniffer. Files over 256 KiB are left out: libFuzzer's
# inputs are capped at -max_len anyway, and small seeds keep executions fast.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WSUS_DOCTOR_BIN:-target/debug/wsus-doctor}
[ -x "$bin" ] || cargo build --quiet
sources=(tests/fixtures examples)
[ -d ../shared/corpus ] && sources+=(../shared/corpus)
mkdir -p fuzz/corpus target
"$bin" inventory --format json "${sources[@]}" > target/fuzz-inventory.json || true
python3 - target/fuzz-inventory.json <<'PY'
import hashlib, json, os, shutil, sys
target_of = {
    "iis-w3c": "iis_w3c", "httperr": "httperr", "windowsupdate-log": "windowsupdate_log",
    "cmtrace": "cmtrace", "reg-export": "reg_export", "reg-query": "reg_query",
    "applicationhost-config": "apphost_config", "appcmd-site": "appcmd", "appcmd-apppool": "appcmd",
    "sc-query": "sc_query", "service-list": "service_list", "hotfix-list": "hotfix",
    "wsus-softwaredistribution-log": "software_distribution", "netsh-winhttp-proxy": "netsh_proxy",
    "netsh-sslcert": "netsh_sslcert", "ipconfig": "ipconfig", "certificate": "certificate",
    "event-xml": "event_xml", "evtx": "evtx", "configmgr-scan-status": "scan_status",
}
for t in set(target_of.values()) | {"sniff", "archive"}:
    os.makedirs(f"fuzz/corpus/{t}", exist_ok=True)
def put(target, path):
    if os.path.getsize(path) > 256 * 1024:
        return
    data = open(path, "rb").read()
    name = hashlib.sha1(data).hexdigest()
    with open(f"fuzz/corpus/{target}/{name}", "wb") as f:
        f.write(data)
files = json.load(open(sys.argv[1]))["files"]
for f in files:
    path = f["path"]
    if "!/" in path or not os.path.isfile(path):
        continue
    put("sniff", path)
    if f.get("kind") in target_of:
        put(target_of[f["kind"]], path)
    with open(path, "rb") as h:
        magic = h.read(4)
    if magic[:2] == b"\x1f\x8b":
        put("archive", path)
for root in sys.argv[2:] or ["tests/fixtures", "examples", "../shared/corpus"]:
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            with open(p, "rb") as h:
                if h.read(4) in (b"PK\x03\x04", b"PK\x05\x06"):
                    put("archive", p)
# Archives made here from a few small fixtures: a zip, a .gz, a zipped bundle compressed again
# and a zip inside a zip.
import gzip, io, zipfile
small = [f["path"] for f in files if "!/" not in f["path"] and os.path.isfile(f["path"])
         and os.path.getsize(f["path"]) < 4096][:4]
def zipped(paths):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for p in paths:
            z.write(p, os.path.basename(p))
    return buf.getvalue()
made = {"bundle.zip": zipped(small)}
made["log.gz"] = gzip.compress(open(small[0], "rb").read()) if small else b""
made["bundle.zip.gz"] = gzip.compress(made["bundle.zip"])
inner = io.BytesIO()
with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("inner.zip", made["bundle.zip"])
made["nested.zip"] = inner.getvalue()
for name, data in made.items():
    with open(f"fuzz/corpus/archive/{name}", "wb") as f:
        f.write(data)
for t in sorted(os.listdir("fuzz/corpus")):
    print(f"{t}: {len(os.listdir('fuzz/corpus/' + t))} seeds")
PY
