#!/usr/bin/env python3
"""Writes examples/wsuspool-503/: WsusPool recycling on its private memory limit on Patch Tuesday.

Deterministic: run it again and the committed files come out byte for byte the same.
Times: IIS, HTTPERR, SoftwareDistribution.log and events in UTC; the client (PC-0412) runs in
W. Europe Standard Time (UTC+1 in March 2024, before daylight saving time starts on 31 March).
"""

import datetime as dt
import random

import evidence as ev

B = "wsuspool-503"
DAY = dt.datetime(2024, 3, 12)
SERVER_IP = "10.0.0.10"
PORT = 8530
CLIENT_IP = "10.0.5.21"
CLIENT_OFFSET = dt.timedelta(hours=1)
POOL = "WsusPool"
SITE = ev.WSUS_SITE_ID

# Outage windows (UTC). Kernel-level answers go to HTTPERR; IIS-level 503s to the site log.
B1 = (DAY.replace(hour=9, minute=14), DAY.replace(hour=9, minute=20))
B2 = (DAY.replace(hour=13, minute=2), DAY.replace(hour=13, minute=10))
B3_CRASH = (DAY.replace(hour=15, minute=39), DAY.replace(hour=15, minute=41, second=2))
B3_OFFLINE = (DAY.replace(hour=15, minute=41, second=2),
              DAY.replace(hour=15, minute=55, second=31))
IISRESET = DAY.replace(hour=15, minute=55, second=31)

CLIENT_SCANS = {
    # UTC time of the client's scan -> what happened to it
    DAY.replace(hour=7, minute=12, second=4): "ok",
    DAY.replace(hour=9, minute=15, second=10): "503",
    DAY.replace(hour=13, minute=4, second=30): "abandoned",
    DAY.replace(hour=15, minute=44, second=20): "offline",
    DAY.replace(hour=17, minute=20, second=41): "ok",
}


def inside(t, window):
    return window[0] <= t < window[1]


def make_verdict(rng):
    def verdict(t, c_ip, stem):
        if inside(t, B1):
            x = rng.random()
            if x < 0.5:
                return (503, 0, 0, rng.randint(0, 15))
            if x < 0.85:
                return ("kernel", "503", "QueueFull")
            return (200, 0, 0, rng.randint(9000, 42000))
        if inside(t, B2):
            x = rng.random()
            if x < 0.45:
                return (503, 0, 0, rng.randint(0, 15))
            if x < 0.65:
                return ("kernel", "503", "QueueFull")
            if x < 0.85:
                return ("kernel", "-", "Connection_Abandoned_By_ReqQueue")
            return (200, 0, 0, rng.randint(12000, 55000))
        if inside(t, B3_CRASH):
            x = rng.random()
            if x < 0.6:
                return (503, 0, 0, rng.randint(0, 15))
            return ("kernel", "-", "Connection_Abandoned_By_ReqQueue")
        if inside(t, B3_OFFLINE):
            return ("kernel", "503", "AppOffline")
        return None
    return verdict


def client_verdict(kind):
    def verdict(t, c_ip, stem):
        if kind == "503":
            return (503, 0, 0, 3)
        if kind == "abandoned":
            return ("kernel", "-", "Connection_Abandoned_By_ReqQueue")
        if kind == "offline":
            return ("kernel", "503", "AppOffline")
        return None
    return verdict


def clients():
    ips = ["10.0.5.%d" % i for i in range(10, 100)] + ["10.0.6.%d" % i for i in range(10, 100)]
    return [ip for ip in ips if ip != CLIENT_IP]


def server_logs():
    traffic = ev.Traffic(503, DAY, SERVER_IP, PORT, clients())
    rng = traffic.rng
    verdict = make_verdict(random.Random(5117))
    for c_ip in traffic.clients:
        scans = rng.randint(9, 13)
        ua = ev.UA_WUA_OLD if c_ip.endswith("7") else ev.UA_WUA
        for _ in range(scans):
            # Morning boot storm and evening patch downloads weigh more.
            hour = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 11, 12, 13, 13, 14, 15, 15, 16,
                               17, 18, 18, 19, 20, 21, 22])
            t = traffic.at(hour * 3600 + rng.randint(0, 3599))
            downloads = rng.randint(1, 5) if hour >= 17 else rng.randint(0, 1)
            t_end, ok = traffic.scan(t, c_ip, ua=ua, verdict=verdict, downloads=downloads,
                                     selfupdate=(ua == ev.UA_WUA_OLD))
            if ok and rng.random() < 0.3:
                traffic.idle.append((t_end + dt.timedelta(seconds=120), c_ip))
    # The load that drives WsusPool over its limit: many clients scanning inside each window.
    for window, count in ((B1, 140), (B2, 170), (B3_CRASH, 60), (B3_OFFLINE, 160)):
        span = int((window[1] - window[0]).total_seconds())
        for c_ip in rng.sample(traffic.clients, count):
            t = window[0] + dt.timedelta(seconds=rng.randint(0, span - 1))
            traffic.scan(t, c_ip, verdict=verdict)
    for t, kind in CLIENT_SCANS.items():
        t_end, ok = traffic.scan(t, CLIENT_IP, verdict=client_verdict(kind),
                                 downloads=2 if kind == "ok" and t.hour == 17 else 0)
        if ok:
            traffic.idle.append((t_end + dt.timedelta(seconds=120), CLIENT_IP))
    # The administrators' console, morning and afternoon.
    traffic.console(DAY.replace(hour=8, minute=2, second=11), "10.0.1.50", "CONTOSO\\wsusadmin")
    traffic.console(DAY.replace(hour=16, minute=3, second=40), "10.0.1.50", "CONTOSO\\wsusadmin")

    iis = traffic.lines(headers=[IISRESET])
    ev.write_text(B + "/server/inetpub/logs/LogFiles/W3SVC%d/u_ex240312.log" % SITE, iis)

    herr = []
    prng = random.Random(2)
    for t, c_ip, method, stem, status, reason in traffic.kernel:
        herr.append((t, ev.httperr_line(t, c_ip, prng.randint(49152, 65535), SERVER_IP, PORT,
                                        "HTTP/1.1", method, stem, status, SITE, reason, POOL)))
    for t, c_ip in traffic.idle:
        herr.append((t, ev.httperr_line(t, c_ip, prng.randint(49152, 65535), SERVER_IP, PORT,
                                        "-", "-", "-", "-", "-", "Timer_ConnectionIdle", "-")))
    herr.sort(key=lambda x: x[0])
    lines = ev.httperr_header(herr[0][0]) + [x for _, x in herr]
    ev.write_text(B + "/server/HTTPERR/httperr1.log", lines)
    return traffic


def events():
    e = ev.Events("WSUS01.contoso.com", 118734)
    e.was_private_memory_recycle(DAY.replace(hour=9, minute=13, second=47, microsecond=512034),
                                 POOL, 4312)
    e.was_private_memory_recycle(DAY.replace(hour=13, minute=1, second=52, microsecond=90211),
                                 POOL, 6620)
    e.was_private_memory_recycle(DAY.replace(hour=15, minute=38, second=20, microsecond=331870),
                                 POOL, 7784)
    crashes = [(15, 39, 5, 9016), (15, 39, 41, 9240), (15, 40, 12, 9388), (15, 40, 38, 9472),
               (15, 41, 1, 9560)]
    for h, m, s, pid in crashes:
        e.was_process_terminated(DAY.replace(hour=h, minute=m, second=s, microsecond=77401),
                                 POOL, pid, "0xe0434352")
    e.was_rapid_fail(DAY.replace(hour=15, minute=41, second=2, microsecond=5512), POOL)
    # iisreset run by the administrator to bring the pool back.
    e.service_state(DAY.replace(hour=15, minute=55, second=24, microsecond=140992),
                    "World Wide Web Publishing Service", "W3SVC", False)
    e.service_state(DAY.replace(hour=15, minute=55, second=25, microsecond=870115),
                    "Windows Process Activation Service", "WAS", False)
    e.service_state(DAY.replace(hour=15, minute=55, second=29, microsecond=12750),
                    "Windows Process Activation Service", "WAS", True)
    e.service_state(DAY.replace(hour=15, minute=55, second=30, microsecond=655901),
                    "World Wide Web Publishing Service", "W3SVC", True)
    ev.write_text(B + "/server/System-events.xml", e.lines())


def software_distribution():
    starts = [(DAY.replace(hour=0, minute=0, second=12), 4312, "3/11/2024 11:58:02 PM"),
              (DAY.replace(hour=9, minute=13, second=49), 6620, "3/12/2024 9:13:48 AM"),
              (DAY.replace(hour=13, minute=1, second=54), 7784, "3/12/2024 1:01:53 PM"),
              (DAY.replace(hour=15, minute=38, second=22), 9016, "3/12/2024 3:38:21 PM"),
              (DAY.replace(hour=15, minute=55, second=36), 10244, "3/12/2024 3:55:35 PM")]
    lines = []
    for t, pid, started in starts:
        t = t.replace(microsecond=(pid * 37) % 1000 * 1000)
        lines.append(ev.sdlog(t, "Info", "w3wp.%d" % (pid % 40 + 5), "ClientImplementation..ctor",
                              "Initializing ClientWebService ProcessID = %d, Process Start Time = "
                              "%s, Product Version = 10.0.20348.2227" % (pid, started)))
    ev.write_text(B + "/server/SoftwareDistribution.log", lines)


def server_config():
    pool = [
        '<add name="WsusPool" autoStart="true" managedRuntimeVersion="v4.0" managedPipelineMode="Integrated">',
        '    <processModel identityType="NetworkService" />',
        "    <recycling>",
        '        <periodicRestart privateMemory="1843200" />',
        "    </recycling>",
        "</add>",
    ]
    ev.write_text(B + "/server/applicationHost.config", ev.application_host_config(
        pool, [("http", "*:8530:"), ("https", "*:8531:")],
        ssl_locations=[("ApiRemoting30", "None"), ("ClientWebService", "None"),
                       ("DssAuthWebService", "None"), ("ServerSyncWebService", "None"),
                       ("SimpleAuthWebService", "None")]))
    ev.write_reg5(B + "/server/wsus-setup.reg", ev.wsus_setup_reg(8530, 0, "D:\\WSUS"))
    ev.write_text(B + "/server/os-currentversion.txt", ev.reg_query_currentversion(
        "Windows Server 2022 Standard", "ServerStandard", "20348", 2322, "21H2",
        "20348.1.amd64fre.fe_release.210507-1500"))
    sc = []
    sc += ev.sc_queryex("WsusService", 10, "WIN32_OWN_PROCESS", True, 3376,
                        "STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("W3SVC", 20, "WIN32_SHARE_PROCESS", True, 10112,
                        "STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("WAS", 20, "WIN32_SHARE_PROCESS", True, 10112,
                        "STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN")
    ev.write_text(B + "/server/sc-query.txt", sc + [""])
    ev.write_text(B + "/server/installed-updates.txt", ev.hotfix_table("WSUS01", [
        ("Update", "KB5034613", "NT AUTHORITY\\SYSTEM", "2/14/2024 12:00:00 AM"),
        ("Update", "KB5012170", "NT AUTHORITY\\SYSTEM", "8/10/2022 12:00:00 AM"),
        ("Security Update", "KB5034770", "NT AUTHORITY\\SYSTEM", "2/14/2024 12:00:00 AM"),
    ]), encoding="utf-16-le", bom=True)


def client():
    lines = []

    def at(utc, ms=0):
        return utc + CLIENT_OFFSET + dt.timedelta(milliseconds=ms)

    url = "http://wsus01.contoso.com:8530"
    outcomes = {"ok": "ok", "503": "80244022", "offline": "80244022", "abandoned": "80072EE2"}
    for n, (t_utc, kind) in enumerate(CLIENT_SCANS.items(), start=41):
        # A time-out is reported when WinHTTP gives up, 60 seconds after the request.
        lines += ev.win10_scan(at(t_utc, -412), n, url, outcomes[kind],
                               found=0 if t_utc.hour < 12 else 2,
                               fail_after_ms=60018 if kind == "abandoned" else 8)
    ev.write_text(B + "/client/WindowsUpdate.log", lines)

    # ConfigMgr's view of the same scans (bias -60: UTC+1).
    cm = []
    for t_utc, kind in CLIENT_SCANS.items():
        t = at(t_utc, -2100)
        cm.append(ev.cmtrace("Existing WUA Managed server was already set (%s), skipping Group "
                             "Policy registration." % url, t, -60, "WUAHandler", 6212))
        cm.append(ev.cmtrace("Added Update Source ({8F1E5A4B-43B1-4D5C-9E0B-7A2C6D1F3E90}) of content "
                             "type: 2", t + dt.timedelta(milliseconds=40), -60, "WUAHandler", 6212))
        cm.append(ev.cmtrace("Async searching of updates using WUAgent started.",
                             t + dt.timedelta(milliseconds=1690), -60, "WUAHandler", 6212))
        if kind == "ok":
            cm.append(ev.cmtrace("Async searching completed.", at(t_utc, 6400), -60, "WUAHandler", 4408))
            cm.append(ev.cmtrace("Successfully completed scan.", at(t_utc, 6900), -60, "WUAHandler", 6212))
        else:
            code = "0x80244022" if kind != "abandoned" else "0x80072ee2"
            done = at(t_utc, 61000 if kind == "abandoned" else 600)
            cm.append(ev.cmtrace("OnSearchComplete - Failed to end search job. Error = %s." % code,
                                 done, -60, "WUAHandler", 4408, typ=3))
            cm.append(ev.cmtrace("Scan failed with error = %s." % code,
                                 done + dt.timedelta(milliseconds=2), -60, "WUAHandler", 4408, typ=3))
    ev.write_text(B + "/client/CCM/Logs/WUAHandler.log", cm, encoding="utf-8", bom=True)

    ev.write_reg5(B + "/client/wu-policy.reg", ev.wu_policy(
        url, extra=[ev.reg_dword("DoNotConnectToWindowsUpdateInternetLocations", 1)]))
    ev.write_text(B + "/client/ipconfig.txt", ev.ipconfig(
        "PC-0412", "contoso.com", "Ethernet", "Intel(R) Ethernet Connection (7) I219-LM",
        "8C-16-45-2A-91-7E", CLIENT_IP, "255.255.255.0", "10.0.5.1", "10.0.0.4",
        ["10.0.0.4", "10.0.0.5"], "Tuesday, March 12, 2024 7:58:12 AM",
        "Wednesday, March 20, 2024 7:58:12 AM", "fe80::5d2a:8c1f:3b4e:a91c%12"))
    ev.write_text(B + "/client/netsh-winhttp-proxy.txt", ev.netsh_direct())


if __name__ == "__main__":
    server_logs()
    events()
    software_distribution()
    server_config()
    client()
