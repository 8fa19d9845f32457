#!/usr/bin/env python3
"""Writes examples/healthy/: a WSUS server tuned as KB4490414 recommends, and a client that scans.

Times: server logs and events in UTC; the client PC-0412 in W. Europe Standard Time (UTC+1).
"""

import datetime as dt

import evidence as ev

B = "healthy"
DAY = dt.datetime(2024, 3, 5)
SERVER_IP = "10.0.0.10"
CLIENT_IP = "10.0.5.21"
CLIENT_OFFSET = dt.timedelta(hours=1)
URL = "http://wsus01.contoso.com:8530"
CLIENT_SCANS = [DAY.replace(hour=7, minute=41, second=19), DAY.replace(hour=13, minute=52, second=3),
                DAY.replace(hour=19, minute=30, second=44)]


def server_logs():
    clients = ["10.0.5.%d" % i for i in range(10, 40) if i != 21] + \
              ["10.0.6.%d" % i for i in range(10, 25)]
    traffic = ev.Traffic(4490414, DAY, SERVER_IP, 8530, clients)
    rng = traffic.rng
    for c_ip in clients:
        ua = ev.UA_WUA_OLD if c_ip.endswith("7") else ev.UA_WUA
        for _ in range(rng.randint(2, 4)):
            t = traffic.at(rng.randint(0, 86000))
            t_end, _ = traffic.scan(t, c_ip, ua=ua, downloads=rng.randint(0, 2),
                                    selfupdate=(ua == ev.UA_WUA_OLD))
            if rng.random() < 0.3:
                traffic.idle.append((t_end + dt.timedelta(seconds=120), c_ip))
    for t in CLIENT_SCANS:
        t_end, _ = traffic.scan(t, CLIENT_IP)
        traffic.idle.append((t_end + dt.timedelta(seconds=120), CLIENT_IP))
    traffic.console(DAY.replace(hour=8, minute=30, second=2), "10.0.1.50", "CONTOSO\\wsusadmin")
    traffic.console(DAY.replace(hour=14, minute=11, second=57), "10.0.1.50", "CONTOSO\\wsusadmin")
    ev.write_text(B + "/server/inetpub/logs/LogFiles/W3SVC%d/u_ex240305.log" % ev.WSUS_SITE_ID,
                  traffic.lines())
    herr = []
    for i, (t, c_ip) in enumerate(sorted(traffic.idle)):
        herr.append(ev.httperr_line(t, c_ip, 49700 + i * 37 % 15000, SERVER_IP, 8530, "-", "-",
                                    "-", "-", "-", "Timer_ConnectionIdle", "-"))
    first = sorted(traffic.idle)[0][0]
    ev.write_text(B + "/server/HTTPERR/httperr1.log", ev.httperr_header(first) + herr)


def server_config():
    pool = [
        '<add name="WsusPool" autoStart="true" managedRuntimeVersion="v4.0" managedPipelineMode="Integrated" queueLength="2000" startMode="AlwaysRunning">',
        '    <processModel identityType="NetworkService" idleTimeout="00:00:00" pingingEnabled="false" />',
        "    <recycling>",
        '        <periodicRestart privateMemory="0" time="00:00:00" />',
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
    sc += ev.sc_queryex("W3SVC", 20, "WIN32_SHARE_PROCESS", True, 2876,
                        "STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("WAS", 20, "WIN32_SHARE_PROCESS", True, 2876,
                        "STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN")
    ev.write_text(B + "/server/sc-query.txt", sc + [""])
    ev.write_text(B + "/server/installed-updates.txt", ev.hotfix_table("WSUS01", [
        ("Update", "KB5034613", "NT AUTHORITY\\SYSTEM", "2/14/2024 12:00:00 AM"),
        ("Update", "KB5012170", "NT AUTHORITY\\SYSTEM", "8/10/2022 12:00:00 AM"),
        ("Security Update", "KB5034770", "NT AUTHORITY\\SYSTEM", "2/14/2024 12:00:00 AM"),
    ]), encoding="utf-16-le", bom=True)
    t = dt.datetime(2024, 3, 3, 2, 14, 51, 212000)
    ev.write_text(B + "/server/SoftwareDistribution.log", [
        ev.sdlog(t, "Info", "w3wp.9", "ClientImplementation..ctor",
                 "Initializing ClientWebService ProcessID = 3920, Process Start Time = 3/3/2024 "
                 "2:14:50 AM, Product Version = 10.0.20348.2227"),
    ])
    # The reboot after patching, two days earlier: services come up, nothing fails since.
    e = ev.Events("WSUS01.contoso.com", 101877)
    boot = dt.datetime(2024, 3, 3, 2, 13, 58)
    for i, (display, short) in enumerate([
            ("Windows Process Activation Service", "WAS"),
            ("World Wide Web Publishing Service", "W3SVC"),
            ("Windows Internal Database", "MSSQL$MICROSOFT##WID"),
            ("WSUS Service", "WsusService")]):
        e.service_state(boot + dt.timedelta(seconds=3 * i, microseconds=118000 * (i + 1)),
                        display, short, True, tid=1244)
    ev.write_text(B + "/server/System-events.xml", e.lines())


def client():
    lines = []
    for n, t in enumerate(CLIENT_SCANS, start=17):
        lines += ev.win10_scan(t + CLIENT_OFFSET - dt.timedelta(milliseconds=412), n, URL, "ok")
    ev.write_text(B + "/client/WindowsUpdate.log", lines)
    ev.write_reg5(B + "/client/wu-policy.reg", ev.wu_policy(
        URL,
        extra=[ev.reg_dword("DoNotConnectToWindowsUpdateInternetLocations", 1),
               ev.reg_dword("SetProxyBehaviorForUpdateDetection", 0)],
        au=[("NoAutoUpdate", 0), ("AUOptions", 4), ("ScheduledInstallDay", 0),
            ("ScheduledInstallTime", 3)]))
    ev.write_text(B + "/client/ipconfig.txt", ev.ipconfig(
        "PC-0412", "contoso.com", "Ethernet", "Intel(R) Ethernet Connection (7) I219-LM",
        "8C-16-45-2A-91-7E", CLIENT_IP, "255.255.255.0", "10.0.5.1", "10.0.0.4",
        ["10.0.0.4", "10.0.0.5"], "Tuesday, March 5, 2024 8:02:40 AM",
        "Wednesday, March 13, 2024 8:02:40 AM", "fe80::5d2a:8c1f:3b4e:a91c%12"))
    ev.write_text(B + "/client/netsh-winhttp-proxy.txt", ev.netsh_direct())


if __name__ == "__main__":
    server_logs()
    server_config()
    client()
