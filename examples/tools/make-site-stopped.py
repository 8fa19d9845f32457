#!/usr/bin/env python3
"""Writes examples/site-stopped/: the WSUS Administration site was stopped during maintenance and
left stopped; clients can no longer connect.

Times: server logs and events in UTC; the client PC-1120 in Eastern Daylight Time (UTC-4 on
14 May 2024).
"""

import datetime as dt

import evidence as ev

B = "site-stopped"
DAY = dt.datetime(2024, 5, 14)
SERVER_IP = "10.0.0.30"
CLIENT_IP = "10.0.9.120"
CLIENT_OFFSET = dt.timedelta(hours=-4)
URL = "http://wsus03.contoso.com:8530"
STOPPED_AT = DAY.replace(hour=10, minute=32, second=18)
CLIENT_SCANS = [(DAY.replace(hour=8, minute=47, second=2), "ok"),
                (DAY.replace(hour=14, minute=9, second=51), "80072EFD"),
                (DAY.replace(hour=19, minute=40, second=27), "80072EFD")]


def server():
    clients = ["10.0.9.%d" % i for i in range(100, 140) if i != 120]
    traffic = ev.Traffic(1120, DAY, SERVER_IP, 8530, clients)
    rng = traffic.rng
    span = int((STOPPED_AT - DAY).total_seconds())
    for c_ip in clients:
        for _ in range(rng.randint(1, 3)):
            t = traffic.at(rng.randint(0, span - 900))
            traffic.scan(t, c_ip, downloads=rng.randint(0, 1))
    for t, outcome in CLIENT_SCANS:
        if outcome == "ok":
            traffic.scan(t, CLIENT_IP)
    traffic.console(DAY.replace(hour=10, minute=29, second=40), "10.0.1.50", "CONTOSO\\wsusadmin")
    ev.write_text(B + "/server/inetpub/logs/LogFiles/W3SVC%d/u_ex240514.log" % ev.WSUS_SITE_ID,
                  traffic.lines())

    ev.write_text(B + "/server/appcmd-list-site.txt", [
        'SITE "Default Web Site" (id:1,bindings:http/*:80:,state:Started)',
        'SITE "WSUS Administration" (id:%d,bindings:http/*:8530:,https/*:8531:,state:Stopped)'
        % ev.WSUS_SITE_ID,
    ])
    ev.write_text(B + "/server/appcmd-list-apppool.txt", [
        'APPPOOL "DefaultAppPool" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)',
        'APPPOOL ".NET v4.5 Classic" (MgdVersion:v4.0,MgdMode:Classic,state:Started)',
        'APPPOOL ".NET v4.5" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)',
        'APPPOOL "WsusPool" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)',
    ])
    pool = [
        '<add name="WsusPool" autoStart="true" managedRuntimeVersion="v4.0" managedPipelineMode="Integrated" queueLength="2000">',
        '    <processModel identityType="NetworkService" idleTimeout="00:00:00" pingingEnabled="false" />',
        "    <recycling>",
        '        <periodicRestart privateMemory="0" time="00:00:00" />',
        "    </recycling>",
        "</add>",
    ]
    # Stopping a site in IIS Manager also clears its serverAutoStart, so it stays stopped.
    ev.write_text(B + "/server/applicationHost.config", ev.application_host_config(
        pool, [("http", "*:8530:"), ("https", "*:8531:")], wsus_auto_start="false"))
    ev.write_reg5(B + "/server/wsus-setup.reg", ev.wsus_setup_reg(8530, 0, "D:\\WSUS"))
    sc = []
    sc += ev.sc_queryex("WsusService", 10, "WIN32_OWN_PROCESS", True, 2104,
                        "STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("W3SVC", 20, "WIN32_SHARE_PROCESS", True, 1968,
                        "STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("WAS", 20, "WIN32_SHARE_PROCESS", True, 1968,
                        "STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN")
    ev.write_text(B + "/server/sc-query.txt", sc + [""])


def client():
    lines = []
    for n, (t, outcome) in enumerate(CLIENT_SCANS, start=63):
        lines += ev.win10_scan(t + CLIENT_OFFSET, n, URL, outcome, fail_after_ms=1013,
                               pid=2740, tid=6608)
    ev.write_text(B + "/client/WindowsUpdate.log", lines)
    ev.write_reg5(B + "/client/wu-policy.reg", ev.wu_policy(URL, au=[("AUOptions", 4)]))
    ev.write_text(B + "/client/ipconfig.txt", ev.ipconfig(
        "PC-1120", "contoso.com", "Ethernet", "Intel(R) Ethernet Connection I217-LM",
        "EC-B1-D7-3C-5A-10", CLIENT_IP, "255.255.255.0", "10.0.9.1", "10.0.0.4",
        ["10.0.0.4", "10.0.0.5"], "Tuesday, May 14, 2024 4:39:55 AM",
        "Wednesday, May 22, 2024 4:39:55 AM", "fe80::a4c1:58e2:19b7:3d04%9"))
    ev.write_text(B + "/client/netsh-winhttp-proxy.txt", ev.netsh_direct())


if __name__ == "__main__":
    server()
    client()
