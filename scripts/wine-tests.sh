#!/usr/bin/env bash
# Runs the Windows build of wsus-doctor live under wine, on a WSUS server (which is also a
# Windows Update client) laid out in a fresh wine prefix: registry values, services, and files at
# their Windows paths. Then `collect` under wine and `diagnose` of its zip with the Linux build
# must give the same findings.
#
# Usage: scripts/wine-tests.sh   (after scripts/windows-build.sh and `cargo build`)
# Environment:
#   WSUS_DOCTOR_EXE   the Windows build (default target/x86_64-pc-windows-gnu/debug/wsus-doctor.exe)
#   WSUS_DOCTOR_BIN   the Linux build (default target/debug/wsus-doctor)
#   WINE_TESTS_REQUIRE_CHECKS=1  also require the server and client checks' verdicts on this
#                     machine (server.services and server.app-pool fail, client.policy reads the
#                     policy values); with 0 those are reported but not required.
#   WINE_TESTS_KEEP=1 keep the prefix and the reports (the folder is printed).
#   WINE_TESTS_UNIT=0 skip the library's unit tests built for Windows and run under wine (they
#                     run by default when rustup has the Windows target).
#   WINE_TESTS_JA=0   skip the Japanese stage: the same machine run again under a Japanese locale
#                     (LANG=ja_JP.UTF-8, so wine's ANSI code page is 932) with a code page 932
#                     WindowsUpdate.log; it needs the ja_JP.UTF-8 locale (made with localedef when
#                     missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
exe=$root/${WSUS_DOCTOR_EXE:-target/x86_64-pc-windows-gnu/debug/wsus-doctor.exe}
linux=$root/${WSUS_DOCTOR_BIN:-target/debug/wsus-doctor}
require_checks=${WINE_TESTS_REQUIRE_CHECKS:-0}
[[ -f "$exe" ]] || { echo "wine-tests: $exe missing: run scripts/windows-build.sh" >&2; exit 2; }
[[ -x "$linux" ]] || cargo build --locked

# Debian keeps wine64 and wineserver out of PATH, under /usr/lib/wine.
pick() { for p; do if [[ -x "$p" ]] || command -v "$p" >/dev/null; then echo "$p"; return; fi; done; }
wine=$(pick /usr/lib/wine/wine64 wine64 wine)
wineserver=$(pick /usr/lib/wine/wineserver wineserver)
for p in "$wine" "$wineserver" x86_64-w64-mingw32-gcc python3; do
    [[ -n "$p" ]] && { [[ -x "$p" ]] || command -v "$p" >/dev/null; } || {
        echo "wine-tests: wine or a tool is missing (apt-get install wine wine64 gcc-mingw-w64-x86-64 python3)" >&2
        exit 2
    }
done

work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono or Gecko download prompts in a fresh prefix.
export WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
    "$wineserver" -k >/dev/null 2>&1 || true
    if [[ "${WINE_TESTS_KEEP:-0}" == 1 ]]; then echo "wine-tests: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

started=$SECONDS
echo "wine-tests: fresh prefix" >&2
"$wine" wineboot --init >/dev/null 2>&1
"$wineserver" -w

# Rust's std needs bcryptprimitives.dll!ProcessPrng, which wine 8 lacks (see the C file).
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" \
    scripts/windows/bcryptprimitives.c scripts/windows/bcryptprimitives.def -ladvapi32
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

c=$WINEPREFIX/drive_c
reg() { "$wine" reg add "$@" /f >/dev/null 2>&1; }

echo "wine-tests: laying out a WSUS server" >&2
setup='HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup'
site_id=1957
reg "$setup" /v IISTargetWebsiteIndex /t REG_DWORD /d $site_id
reg "$setup" /v PortNumber /t REG_DWORD /d 8530
reg "$setup" /v UsingSSL /t REG_DWORD /d 0
reg "$setup" /v VersionString /t REG_SZ /d 10.0.17763.678
reg "$setup" /v TargetDir /t REG_SZ /d 'C:\Program Files\Update Services\'
reg "$setup" /v ContentDir /t REG_SZ /d 'D:\WSUS'
policy='HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate'
reg "$policy" /v WUServer /t REG_SZ /d http://wsus01.example.test:8530
reg "$policy" /v WUStatusServer /t REG_SZ /d http://wsus01.example.test:8530
reg "$policy\AU" /v UseWUServer /t REG_DWORD /d 1
reg "$policy\AU" /v NoAutoUpdate /t REG_DWORD /d 0
# WinHTTP direct access (netsh winhttp reset proxy writes this).
reg 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections' \
    /v WinHttpSettings /t REG_BINARY /d 1800000000000000010000000000000000000000

# The WSUS service exists but is stopped (wine does not start it: its program is absent).
"$wine" sc create WsusService binPath= 'C:\Program Files\Update Services\Services\WsusService.exe' \
    start= auto DisplayName= 'WSUS Service' >/dev/null 2>&1

today=$(date -u +%F)
yymmdd=$(date -u +%y%m%d)
mkdir -p "$c/windows/system32/inetsrv/config"
cat > "$c/windows/system32/inetsrv/config/applicationHost.config" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <applicationPools>
      <add name="DefaultAppPool" />
      <add name="WsusPool" managedRuntimeVersion="v4.0" queueLength="2000" startMode="AlwaysRunning">
        <processModel identityType="NetworkService" idleTimeout="00:00:00" />
        <recycling logEventOnRecycle="Time, Memory, PrivateMemory">
          <periodicRestart privateMemory="1843200" time="00:00:00" />
        </recycling>
        <failure rapidFailProtection="false" />
      </add>
    </applicationPools>
    <sites>
      <site name="Default Web Site" id="1">
        <application path="/">
          <virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\wwwroot" />
        </application>
        <bindings>
          <binding protocol="http" bindingInformation="*:80:" />
        </bindings>
      </site>
      <site name="WSUS Administration" id="$site_id" serverAutoStart="true">
        <application path="/" applicationPool="WsusPool">
          <virtualDirectory path="/" physicalPath="C:\Program Files\Update Services\WebServices\Root" />
        </application>
        <application path="/ClientWebService" applicationPool="WsusPool">
          <virtualDirectory path="/" physicalPath="C:\Program Files\Update Services\WebServices\ClientWebService" />
        </application>
        <bindings>
          <binding protocol="http" bindingInformation="*:8530:" />
          <binding protocol="https" bindingInformation="*:8531:" />
        </bindings>
      </site>
      <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
      </siteDefaults>
    </sites>
  </system.applicationHost>
</configuration>
XML

iis=$c/inetpub/logs/LogFiles/W3SVC$site_id
mkdir -p "$iis"
{
    printf '#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: %s 08:00:00\r\n' "$today"
    printf '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n'
    for s in 01 02 03 04 05; do
        printf '%s 08:00:%s 10.0.0.5 POST /ClientWebService/client.asmx - 8530 - 10.0.0.21 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 200 0 0 140\r\n' "$today" "$s"
    done
    # Two bursts of 503s: the pool falling over under client load.
    for burst in 09 10; do
        for s in $(seq -w 0 59); do
            printf '%s 08:%s:%s 10.0.0.5 POST /ClientWebService/client.asmx - 8530 - 10.0.0.%d Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 2 0 15\r\n' "$today" "$burst" "$s" $((30 + 10#$s % 20))
        done
    done
} > "$iis/u_ex$yymmdd.log"
# An old log, left out by the default 7-day window.
cp "$iis/u_ex$yymmdd.log" "$iis/u_ex200101.log"
touch -d '2020-01-02' "$iis/u_ex200101.log"

httperr=$c/windows/system32/LogFiles/HTTPERR
mkdir -p "$httperr"
{
    printf '#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: %s 08:00:00\r\n' "$today"
    printf '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename\r\n'
    for s in $(seq -w 0 29); do
        printf '%s 08:11:%s 10.0.0.%d 5%s12 10.0.0.5 8530 HTTP/1.1 POST /ClientWebService/client.asmx - 503 %s AppOffline WsusPool\r\n' "$today" "$s" $((30 + 10#$s % 20)) "$s" "$site_id"
    done
} > "$httperr/httperr1.log"

sd="$c/Program Files/Update Services/LogFiles"
mkdir -p "$sd"
{
    printf '%s 08:00:00.030 UTC Info w3wp.13 ClientImplementation..ctor Initializing ClientWebService ProcessID = 380, Product Version = 10.0.17763.678\r\n' "$today"
    printf '%s 08:09:30.123 UTC Error w3wp.7 ThreadEntry SqlException (0x80131904): Timeout expired.\r\n' "$today"
} > "$sd/SoftwareDistribution.log"

echo "wine-tests: live diagnosis under wine" >&2
set +e
"$wine" "$exe" --format json > "$work/live.json" 2> "$work/live.err"
live_rc=$?
"$wine" "$exe" > "$work/live.txt" 2>&1
text_rc=$?
"$wine" "$exe" collect --output 'C:\bundle.zip' > "$work/collect.out" 2>&1
collect_rc=$?
"$linux" diagnose "$c/bundle.zip" --format json > "$work/offline.json" 2> "$work/offline.err"
offline_rc=$?
set -e

python3 - "$work" "$live_rc" "$text_rc" "$collect_rc" "$offline_rc" "$require_checks" "$c/bundle.zip" <<'PY'
import json, sys, zipfile
work, live_rc, text_rc, collect_rc, offline_rc, require, bundle = sys.argv[1:]
failures = []
def check(cond, what):
    print(("ok      " if cond else "FAILED  ") + what)
    if not cond:
        failures.append(what)

def load(name):
    try:
        return json.load(open(f"{work}/{name}"))
    except Exception as e:
        print(open(f"{work}/{name.replace('.json', '.err')}").read()[-2000:])
        raise SystemExit(f"wine-tests: {name} is not a report: {e}")

check(live_rc in ("0", "1"), f"live run exits 0 or 1 (got {live_rc})")
check(text_rc in ("0", "1") and "live diagnosis of this machine" in open(f"{work}/live.txt", errors="replace").read(),
      f"no arguments = live diagnosis in text (exit {text_rc})")
check(collect_rc == "0", f"collect exits 0 (got {collect_rc}: {open(work + '/collect.out', errors='replace').read().strip()})")
check(offline_rc in ("0", "1"), f"diagnose of the zip exits 0 or 1 (got {offline_rc})")
live, offline = load("live.json"), load("offline.json")

check(live["mode"] == "live", "live report says mode live")
machine = live.get("machine") or {}
check(machine.get("role") == "server+client", f"role detected: server+client (got {machine.get('role')})")
check(machine.get("live") is True, "machine.live is true")

kinds = lambda r: [f.get("kind") for f in r["inventory"]["files"] if f.get("kind") != "collect-manifest"]
live_kinds = kinds(live)
for k in ("reg-export", "sc-query", "applicationhost-config", "iis-w3c", "httperr", "wsus-softwaredistribution-log"):
    check(k in live_kinds, f"live evidence includes {k}")
paths = [f["path"] for f in live["inventory"]["files"]]
check(not any("u_ex200101" in p for p in paths), "IIS log older than 7 days left out")
check(any(p.endswith("u_ex%s.log" % __import__("time").strftime("%y%m%d", __import__("time").gmtime())) for p in paths),
      "today's IIS log of the WSUS site (W3SVC1957, from IISTargetWebsiteIndex and applicationHost.config) read")

z = zipfile.ZipFile(bundle)
names = z.namelist()
manifest = json.loads(z.read("manifest.json"))
check(manifest["schema"] == "wsus-doctor/collect-manifest/v1", "manifest schema")
check(manifest["tool"]["name"] == "wsus-doctor" and manifest["tool"]["version"] == live["tool"]["version"], "manifest names tool and version")
check(manifest["role"] == "server+client", "manifest role")
check(bool(manifest.get("collected_at")) and "machine" in manifest, "manifest time and machine")
check((manifest.get("code_pages") or {}).get("ansi") == 1252,
      "manifest records the ANSI code page of an English locale, 1252 (got %s)" % manifest.get("code_pages"))
items = {i["source"]: i for i in manifest["items"]}
check(items.get("service WsusService", {}).get("status") == "collected", "manifest: WsusService queried")
check(items.get("service W3SVC", {}).get("status") == "absent", "manifest: W3SVC absent, with why: %s" % items.get("service W3SVC", {}).get("error"))
zipped = sorted({i["path"] for i in manifest["items"] if i["status"] == "collected" and i.get("path")})
check(zipped and all(p in names for p in zipped), "zip holds every collected file: " + ", ".join(zipped))
services = z.read("services/sc-queryex.txt").decode()
check("SERVICE_NAME: WsusService" in services and "STATE              : 1  STOPPED" in services, "WsusService rendered as stopped")
reg = z.read("registry/live.reg").decode("utf-16")
check("http://wsus01.example.test:8530" in reg and '"IISTargetWebsiteIndex"=dword:000007a5' in reg, "registry export holds the policy and Setup values")
check('"WinHttpSettings"=hex:18,00,00,00' in reg, "WinHttpSettings exported as binary")

key = lambda r: [(f["check"], f["status"], f["title"]) for f in r["findings"]]
check(key(live) == key(offline), "live and offline (collect zip) give the same findings")
for k in [x for x in key(live) if x not in key(offline)]:
    print("        live only:    %s" % (k,))
for k in [x for x in key(offline) if x not in key(live)]:
    print("        offline only: %s" % (k,))
if key(live) != key(offline):
    for a, b in zip(key(live), key(offline)):
        if a != b:
            print("   live:", a, "\n   offline:", b)
check(kinds(offline) == live_kinds, "live and offline read the same kinds of evidence")

def findings(check_id):
    return [f for f in live["findings"] if f["check"] == check_id]
expectations = [
    ("server.services fails for the stopped WsusService",
     any(f["status"] == "fail" and "WsusService" in json.dumps(f) for f in findings("server.services"))),
    ("server.app-pool fails (WsusPool private memory limit 1,843,200 KB)",
     any(f["status"] == "fail" for f in findings("server.app-pool"))),
    ("client.policy reads the policy values",
     any(f["status"] != "skipped" and "wsus01.example.test" in json.dumps(f) for f in findings("client.policy"))),
]
for what, ok in expectations:
    if require == "1":
        check(ok, what)
    else:
        print(("ok      " if ok else "not yet ") + what + "  (required with WINE_TESTS_REQUIRE_CHECKS=1)")

if failures:
    print(f"wine-tests: {len(failures)} failed")
    sys.exit(1)
print("wine-tests: all passed")
PY
if [[ "${WINE_TESTS_JA:-1}" == 1 ]]; then
    echo "wine-tests: Japanese locale (LANG=ja_JP.UTF-8, code page 932)" >&2
    if ! locale -a 2>/dev/null | grep -qix 'ja_JP.utf8'; then
        localedef -i ja_JP -f UTF-8 ja_JP.UTF-8 || { echo "wine-tests: cannot make the ja_JP.UTF-8 locale (apt-get install locales)" >&2; exit 2; }
    fi
    # A legacy WindowsUpdate.log as the agent of a Japanese Windows 7 writes it, in the ANSI code
    # page: over 64 KiB of ASCII lines, then an update title in Japanese. Its first bytes cannot
    # say which code page it is in; the machine's code page must.
    python3 - "$c/windows/WindowsUpdate.log" "$today" <<'PY'
import sys
path, day = sys.argv[1:]
lines = []
for i in range(1400):
    lines.append("%s\t08:%02d:%02d:%03d\t 848\t604\tAgent\t  * Found %d updates and 63 categories in search; evaluated appl. rules of 540 out of 1016 deployed entities" % (day, i // 60 % 60, i % 60, i % 1000, i % 7))
lines.append("%s\t09:00:00:000\t 848\t604\tAgent\t  * Title = 2024-03 x64 ベース システム用 Windows 7 のセキュリティ マンスリー品質ロールアップ (KB5035888)" % day)
lines.append("%s\t09:00:01:000\t 848\t604\tMisc\tWARNING: Send failed with hr = 80072ee2." % day)
open(path, "wb").write(("\r\n".join(lines) + "\r\n").encode("cp932"))
PY
    set +e
    LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$wine" "$exe" --format json > "$work/ja-live.json" 2> "$work/ja-live.err"
    ja_live_rc=$?
    LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 "$wine" "$exe" collect --output 'C:\bundle-ja.zip' > "$work/ja-collect.out" 2>&1
    ja_collect_rc=$?
    "$linux" diagnose "$c/bundle-ja.zip" --format json > "$work/ja-offline.json" 2> "$work/ja-offline.err"
    ja_offline_rc=$?
    set -e
    python3 - "$work" "$ja_live_rc" "$ja_collect_rc" "$ja_offline_rc" "$c/bundle-ja.zip" <<'PY'
import json, sys, zipfile
work, live_rc, collect_rc, offline_rc, bundle = sys.argv[1:]
failures = []
def check(cond, what):
    print(("ok      " if cond else "FAILED  ") + what)
    if not cond:
        failures.append(what)
check(live_rc in ("0", "1"), f"Japanese locale: live run exits 0 or 1 (got {live_rc}: {open(work + '/ja-live.err', errors='replace').read()[-500:]})")
check(collect_rc == "0", f"Japanese locale: collect exits 0 (got {collect_rc})")
check(offline_rc in ("0", "1"), f"Japanese locale: diagnose of the zip exits 0 or 1 (got {offline_rc})")
live = json.load(open(f"{work}/ja-live.json"))
offline = json.load(open(f"{work}/ja-offline.json"))
manifest = json.loads(zipfile.ZipFile(bundle).read("manifest.json"))
check((manifest.get("code_pages") or {}).get("ansi") == 932,
      "manifest records ANSI code page 932 under a Japanese locale (got %s)" % manifest.get("code_pages"))
def wu(report):
    return [f for f in report["inventory"]["files"] if f["path"].replace("\\", "/").endswith("WindowsUpdate.log")]
lw, ow = wu(live), wu(offline)
check(len(lw) == 1 and len(ow) == 1, "the WindowsUpdate.log is read live and from the zip")
if lw and ow:
    lr, orr = lw[0].get("encoding_reason") or "", ow[0].get("encoding_reason") or ""
    check("code page 932" in lr and "GetACP" in lr, "live: its non-UTF-8 lines are read in this machine's code page 932: " + lr)
    check("code page 932" in orr and "collect manifest" in orr, "offline: its non-UTF-8 lines are read in the code page the manifest records: " + orr)
    check(lw[0]["records"] == ow[0]["records"] == 1402 and lw[0]["malformed"] == ow[0]["malformed"] == 0,
          "live and offline read all its records (%s, %s)" % (lw[0]["records"], ow[0]["records"]))
key = lambda r: [(f["check"], f["status"], f["title"]) for f in r["findings"]]
check(key(live) == key(offline), "Japanese locale: live and offline (collect zip) give the same findings")
for k in [x for x in key(live) if x not in key(offline)]:
    print("        live only:    %s" % (k,))
for k in [x for x in key(offline) if x not in key(live)]:
    print("        offline only: %s" % (k,))
if failures:
    print(f"wine-tests: {len(failures)} failed")
    sys.exit(1)
print("wine-tests: Japanese locale passed")
PY
fi
if [[ "${WINE_TESTS_UNIT:-1}" == 1 ]]; then
    if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
        echo "wine-tests: unit tests of the Windows build, under wine" >&2
        CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$wine" \
            cargo test --locked --target x86_64-pc-windows-gnu --lib -q
    else
        echo "wine-tests: unit tests under wine skipped: rustup has no x86_64-pc-windows-gnu target here" >&2
    fi
fi
echo "wine-tests: done in $((SECONDS - started)) s" >&2
