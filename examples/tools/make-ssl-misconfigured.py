#!/usr/bin/env python3
"""Writes examples/ssl-misconfigured/: WSUS configured for SSL, then "hardened" in IIS Manager:
Require SSL on the Content virtual directory and Require client certificates on ClientWebService.

Times: server logs in UTC; the client PC-0468 in GMT Standard Time, which is UTC+0 in February.
"""

import datetime as dt

import evidence as ev

B = "ssl-misconfigured"
DAY = dt.datetime(2024, 2, 6)
SERVER_IP = "10.0.0.40"
CLIENT_IP = "10.0.4.68"
URL = "https://wsus04.contoso.com:8531"
CHANGED_AT = DAY.replace(hour=11, minute=20, second=44)
CLIENT_SCANS = [(DAY.replace(hour=9, minute=2, second=31), "ok"),
                (DAY.replace(hour=13, minute=40, second=5), "80072F0C"),
                (DAY.replace(hour=17, minute=12, second=56), "80072F0C")]
CLIENT_DOWNLOAD = DAY.replace(hour=11, minute=52, second=9)


def verdict(t, c_ip, stem):
    if t < CHANGED_AT:
        return None
    if stem.startswith("/Content/"):
        return (403, 4, 5, 1)
    if stem == "/ClientWebService/client.asmx":
        return (403, 7, 64, 16)
    return None


def server():
    clients = ["10.0.4.%d" % i for i in range(20, 90) if i != 68]
    web = ev.Traffic(8531, DAY, SERVER_IP, 8531, clients)
    content = ev.Traffic(8530, DAY, SERVER_IP, 8530, clients)
    rng = web.rng
    for c_ip in clients:
        for _ in range(rng.randint(1, 3)):
            t = web.at(rng.randint(0, 86000))
            t_end, ok = web.scan(t, c_ip, verdict=verdict)
            # With SSL, WSUS still serves content over plain HTTP on 8530 (formats.md 3.1).
            for _ in range(rng.randint(0, 2) if ok else 0):
                content.download(t_end + dt.timedelta(seconds=rng.randint(5, 90)), c_ip, verdict)
        if rng.random() < 0.3:
            # Downloads of updates approved earlier keep running in the background.
            content.download(content.at(rng.randint(0, 86000)), c_ip, verdict)
    for t, outcome in CLIENT_SCANS:
        web.scan(t, CLIENT_IP, verdict=verdict)
    content.download(CLIENT_DOWNLOAD, CLIENT_IP, verdict)
    web.rows += content.rows
    ev.write_text(B + "/server/inetpub/logs/LogFiles/W3SVC%d/u_ex240206.log" % ev.WSUS_SITE_ID,
                  web.lines())

    pool = [
        '<add name="WsusPool" autoStart="true" managedRuntimeVersion="v4.0" managedPipelineMode="Integrated" queueLength="2000">',
        '    <processModel identityType="NetworkService" idleTimeout="00:00:00" pingingEnabled="false" />',
        "    <recycling>",
        '        <periodicRestart privateMemory="0" time="00:00:00" />',
        "    </recycling>",
        "</add>",
    ]
    ev.write_text(B + "/server/applicationHost.config", ev.application_host_config(
        pool, [("http", "*:8530:"), ("https", "*:8531:")],
        ssl_locations=[("ApiRemoting30", "Ssl"),
                       ("ClientWebService", "Ssl, SslNegotiateCert, SslRequireCert"),
                       ("Content", "Ssl"),
                       ("DssAuthWebService", "Ssl"), ("ServerSyncWebService", "Ssl"),
                       ("SimpleAuthWebService", "Ssl")]))
    ev.write_reg5(B + "/server/wsus-setup.reg", ev.wsus_setup_reg(8531, 1, "D:\\WSUS"))
    sc = []
    sc += ev.sc_queryex("WsusService", 10, "WIN32_OWN_PROCESS", True, 3012,
                        "STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("W3SVC", 20, "WIN32_SHARE_PROCESS", True, 2540,
                        "STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN")
    ev.write_text(B + "/server/sc-query.txt", sc + [""])


def client():
    lines = []
    for n, (t, outcome) in enumerate(CLIENT_SCANS, start=120):
        lines += ev.win10_scan(t, n, URL, outcome, fail_after_ms=16, pid=3488, tid=10236)
    t = CLIENT_DOWNLOAD + dt.timedelta(milliseconds=221)
    lines.append(ev.wu10(t, 3488, 11032, "DownloadManager",
                         "*FAILED* [80190193] BITS job failed to download "
                         "http://wsus04.contoso.com:8530/Content/"))
    lines.sort(key=lambda l: l[:27])
    ev.write_text(B + "/client/WindowsUpdate.log", lines)
    ev.write_reg5(B + "/client/wu-policy.reg", ev.wu_policy(URL, au=[("AUOptions", 4)]))
    ev.write_text(B + "/client/ipconfig.txt", ev.ipconfig(
        "PC-0468", "contoso.com", "Ethernet", "Intel(R) Ethernet Connection (2) I219-V",
        "54-E1-AD-6F-20-9B", CLIENT_IP, "255.255.255.0", "10.0.4.1", "10.0.0.4",
        ["10.0.0.4", "10.0.0.5"], "Tuesday, February 6, 2024 8:51:20 AM",
        "Wednesday, February 14, 2024 8:51:20 AM", "fe80::7b2e:c9a1:40d6:e215%6"))
    ev.write_text(B + "/client/netsh-winhttp-proxy.txt", ev.netsh_direct())


if __name__ == "__main__":
    server()
    client()
