#!/usr/bin/env python3
"""Writes examples/client-and-server/: a client pointed at https://wsus02.contoso.com:8531 while the
server only serves HTTP on 8530, so the client never reaches it.

Times: server logs in UTC; the client PC-0857 in Pacific Daylight Time (UTC-7 on 9 April 2024).
"""

import datetime as dt

import evidence as ev

B = "client-and-server"
DAY = dt.datetime(2024, 4, 9)
SERVER_IP = "10.0.0.20"
CLIENT_IP = "10.0.8.57"
CLIENT_OFFSET = dt.timedelta(hours=-7)
URL = "https://wsus02.contoso.com:8531"
CLIENT_SCANS = [DAY.replace(hour=16, minute=5, second=12), DAY.replace(hour=20, minute=22, second=37)]


def server():
    clients = ["10.0.8.%d" % i for i in range(20, 70) if i != 57]
    traffic = ev.Traffic(8531, DAY, SERVER_IP, 8530, clients)
    rng = traffic.rng
    for c_ip in clients:
        for _ in range(rng.randint(2, 4)):
            t = traffic.at(rng.randint(0, 86000))
            t_end, _ = traffic.scan(t, c_ip, downloads=rng.randint(0, 2))
            if rng.random() < 0.3:
                traffic.idle.append((t_end + dt.timedelta(seconds=120), c_ip))
    ev.write_text(B + "/server/inetpub/logs/LogFiles/W3SVC%d/u_ex240409.log" % ev.WSUS_SITE_ID,
                  traffic.lines())
    idle = sorted(traffic.idle)
    herr = [ev.httperr_line(t, c_ip, 50210 + i * 53 % 14000, SERVER_IP, 8530, "-", "-", "-", "-",
                            "-", "Timer_ConnectionIdle", "-") for i, (t, c_ip) in enumerate(idle)]
    ev.write_text(B + "/server/HTTPERR/httperr1.log", ev.httperr_header(idle[0][0]) + herr)

    pool = [
        '<add name="WsusPool" autoStart="true" managedRuntimeVersion="v4.0" managedPipelineMode="Integrated" queueLength="2000">',
        '    <processModel identityType="NetworkService" idleTimeout="00:00:00" pingingEnabled="false" />',
        "    <recycling>",
        '        <periodicRestart privateMemory="0" time="00:00:00" />',
        "    </recycling>",
        "</add>",
    ]
    ev.write_text(B + "/server/applicationHost.config", ev.application_host_config(
        pool, [("http", "*:8530:")], content_dir="E:\\WSUS"))
    ev.write_reg5(B + "/server/wsus-setup.reg", ev.wsus_setup_reg(8530, 0, "E:\\WSUS"))
    ev.write_text(B + "/server/os-currentversion.txt", ev.reg_query_currentversion(
        "Windows Server 2019 Standard", "ServerStandard", "17763", 5696, None,
        "17763.1.amd64fre.rs5_release.180914-1434", release_id="1809"))
    sc = []
    sc += ev.sc_queryex("WsusService", 10, "WIN32_OWN_PROCESS", True, 2988,
                        "STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("W3SVC", 20, "WIN32_SHARE_PROCESS", True, 2460,
                        "STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN")
    ev.write_text(B + "/server/sc-query.txt", sc + [""])


def client():
    lines = []
    for n, t in enumerate(CLIENT_SCANS, start=8):
        lines += ev.win10_scan(t + CLIENT_OFFSET, n, URL, "80072EFD", fail_after_ms=1021,
                               pid=4172, tid=9920, first_contact=True)
    ev.write_text(B + "/client/WindowsUpdate.log", lines)
    ev.write_reg5(B + "/client/wu-policy.reg", ev.wu_policy(URL))
    ev.write_text(B + "/client/ipconfig.txt", ev.ipconfig(
        "PC-0857", "contoso.com", "Ethernet", "Realtek PCIe GbE Family Controller",
        "D8-BB-C1-4A-07-3E", CLIENT_IP, "255.255.255.0", "10.0.8.1", "10.0.0.4",
        ["10.0.0.4", "10.0.0.5"], "Tuesday, April 9, 2024 7:48:03 AM",
        "Wednesday, April 17, 2024 7:48:03 AM", "fe80::1c44:9e02:7ad3:5b61%7"))
    ev.write_text(B + "/client/netsh-winhttp-proxy.txt", ev.netsh_direct())


if __name__ == "__main__":
    server()
    client()
