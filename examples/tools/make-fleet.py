#!/usr/bin/env python3
"""Writes a fleet: one WSUS server and N clients, for trying wsus-doctor at scale and for loading
its NDJSON in a data engine. Unlike the other generators it writes into a folder you name (a
fleet of hundreds of machines is not committed):

    python3 examples/tools/make-fleet.py --clients 200 --out /tmp/fleet [--seed 1]

DIR/server/ is WSUS01.corp.example, a WSUS server (its own site on 8530/8531) that is also a
Configuration Manager software update point with a management point co-hosted on the Default
Web Site (/SMS_MP on port 80). DIR/clients/PC-0001/ ... hold each client's evidence. The clients
fall into the groups of GROUPS, in those proportions; a summary of the groups goes to stderr.
The same arguments write the same bytes.

Times: server logs in UTC; the clients' WindowsUpdate.log in UTC too (the fleet's clients are set
to UTC), all on 11 June 2024.
"""

import argparse
import datetime as dt
import os
import random
import sys

import evidence as ev

DAY = dt.datetime(2024, 6, 11)
DOMAIN = "corp.example"
SERVER = "WSUS01"
SERVER_IP = "10.20.0.10"
FQDN_URL = "http://wsus01.corp.example:8530"
SHORT_URL = "http://wsus01:8530"
NO_PORT_URL = "http://wsus01.corp.example"
PROXY = "proxy.corp.example:8080"
MP_POOL = "SMS Management Point Pool"

# (name, share of the clients, what is wrong). Every group but the first is one problem the
# checks recognise; the counts are the shares rounded, the rest going to the healthy group.
GROUPS = [
    ("healthy", 0.70, "FQDN and port in the policy, direct access, scans succeed"),
    ("short-name", 0.10, "policy names %s: a short name instead of the FQDN" % SHORT_URL),
    ("wrong-port", 0.08, "policy names %s: no port, so port 80, where the Default Web Site "
                         "answers 404 for /ClientWebService/client.asmx (0x80244019)"
     % NO_PORT_URL),
    ("timeout", 0.07, "scans time out (0x80072EE2) and never reach the server"),
    ("proxy-no-bypass", 0.05, "WinHTTP proxy %s bypassing nothing; scans time out" % PROXY),
]


def group_sizes(n):
    sizes = [int(round(n * share)) for _, share, _ in GROUPS[1:]]
    while sum(sizes) > n:
        sizes[sizes.index(max(sizes))] -= 1
    return [n - sum(sizes)] + sizes


def address(i):
    """The i-th client's address (i from 1): 10.21.0.1, ..., 10.21.0.250, 10.21.1.1, ..."""
    return "10.21.%d.%d" % ((i - 1) // 250, (i - 1) % 250 + 1)


def assign(n, rng):
    """Each client's group, shuffled so that the groups are spread over the address range."""
    groups = []
    for (name, _, _), size in zip(GROUPS, group_sizes(n)):
        groups += [name] * size
    rng.shuffle(groups)
    return groups


def mac(i):
    return "00-15-5D-%02X-%02X-%02X" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)


def client(i, group, rng, wsus, default_site):
    """Writes PC-iiii's files and adds its requests to the server's site logs."""
    host = "PC-%04d" % i
    ip = address(i)
    d = "clients/%s/" % host
    url = {"short-name": SHORT_URL, "wrong-port": NO_PORT_URL}.get(group, FQDN_URL)
    outcome = {"wrong-port": "80244019", "timeout": "80072EE2",
               "proxy-no-bypass": "80072EE2"}.get(group, "ok")
    pid, tid = 3000 + i % 997, 5000 + (i * 7) % 4000
    log = []
    for n, hour in enumerate(sorted(rng.sample(range(1, 23), 2)), start=1):
        t = DAY.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59))
        if outcome == "ok":
            wsus.scan(t + dt.timedelta(milliseconds=405), ip, downloads=rng.randint(0, 2))
        elif outcome == "80244019":
            # The first request of the scan reaches the Default Web Site, which has no such path.
            r = t + dt.timedelta(milliseconds=405)
            default_site.add(r, ev.iis_line(r, SERVER_IP, "POST", "/ClientWebService/client.asmx",
                                            80, ip, ev.UA_WUA, 404, 0, 2, rng.randint(0, 3)))
        fail_after = rng.randint(21000, 30000) if outcome == "80072EE2" else rng.randint(3, 40)
        log += ev.win10_scan(t, n, url, outcome, found=rng.randint(0, 6), pid=pid, tid=tid,
                             fail_after_ms=fail_after, first_contact=(n == 1))
    ev.write_text(d + "WindowsUpdate.log", log)
    ev.write_reg5(d + "wu-policy.reg", ev.wu_policy(url))
    ev.write_text(d + "ipconfig.txt", ev.ipconfig(
        host, DOMAIN, "Ethernet", "Microsoft Hyper-V Network Adapter", mac(i), ip, "255.255.0.0",
        "10.21.0.254", "10.20.0.2", ["10.20.0.2", "10.20.0.3"],
        "Tuesday, June 11, 2024 6:02:11 AM", "Wednesday, June 19, 2024 6:02:11 AM",
        "fe80::215:5dff:fe%02x:%02x%02x%%4" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)))
    proxy = ev.netsh_proxy(PROXY) if group == "proxy-no-bypass" else ev.netsh_direct()
    ev.write_text(d + "netsh-winhttp-proxy.txt", proxy)


def management_point(rng, default_site, n_clients):
    """The clients' management point traffic on the Default Web Site: location and policy
    requests, with a few minutes in the afternoon where its pool answers 503."""
    stems = [("GET", "/SMS_MP/.sms_aut", "MPLIST"), ("GET", "/SMS_MP/.sms_aut", "MPKEYINFORMATION"),
             ("CCM_POST", "/ccm_system/request", "-")]
    outage = (DAY.replace(hour=14, minute=10), DAY.replace(hour=14, minute=17))
    for _ in range(max(40, n_clients * 3)):
        t = DAY + dt.timedelta(seconds=rng.randint(0, 86399))
        c_ip = address(rng.randint(1, n_clients))
        method, stem, query = rng.choice(stems)
        status, win32 = (503, 0) if outage[0] <= t < outage[1] else (200, 0)
        default_site.add(t, ev.iis_line(t, SERVER_IP, method, stem, 80, c_ip,
                                        "SMS+CCM+5.0", status, 0, win32, rng.randint(1, 120),
                                        query=query))
    # Make sure the outage shows even in a small fleet.
    for k in range(12):
        t = outage[0] + dt.timedelta(seconds=k * 31)
        default_site.add(t, ev.iis_line(t, SERVER_IP, "GET", "/SMS_MP/.sms_aut", 80,
                                        address(k % n_clients + 1), "SMS+CCM+5.0", 503, 0, 0,
                                        rng.randint(1, 20), query="MPLIST"))


def server(rng, wsus, default_site):
    for c_ip in ("10.20.0.30", "10.20.0.31"):  # administrators' consoles
        wsus.console(DAY + dt.timedelta(seconds=rng.randint(28800, 61200)), c_ip,
                     "CORP\\wsusadmin")
    logs = "server/inetpub/logs/LogFiles/"
    ev.write_text(logs + "W3SVC%d/u_ex240611.log" % ev.WSUS_SITE_ID, wsus.lines())
    ev.write_text(logs + "W3SVC1/u_ex240611.log", default_site.lines())
    idle = sorted(wsus.idle)
    herr = [ev.httperr_line(t, c_ip, 49700 + k * 53 % 15000, SERVER_IP, 8530, "-", "-", "-", "-",
                            "-", "Timer_ConnectionIdle", "-") for k, (t, c_ip) in enumerate(idle)]
    ev.write_text("server/HTTPERR/httperr1.log",
                  ev.httperr_header(idle[0][0] if idle else DAY) + herr)

    pools = [
        '<add name="WsusPool" autoStart="true" managedRuntimeVersion="v4.0" managedPipelineMode="Integrated" queueLength="25000">',
        '    <processModel identityType="NetworkService" idleTimeout="00:00:00" pingingEnabled="false" />',
        '    <failure rapidFailProtection="false" />',
        "    <recycling>",
        '        <periodicRestart privateMemory="0" time="00:00:00" />',
        "    </recycling>",
        "</add>",
        '<add name="%s" managedRuntimeVersion="v4.0" />' % MP_POOL,
    ]
    ev.write_text("server/applicationHost.config", ev.application_host_config(
        pools, [("http", "*:8530:"), ("https", "*:8531:")], content_dir="E:\\WSUS",
        default_site_apps=[("/SMS_MP", MP_POOL, "C:\\SMS_CCM\\SMS_MP")]))
    ev.write_reg5("server/wsus-setup.reg", ev.wsus_setup_reg(8530, 0, "E:\\WSUS") + [
        "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName]",
        ev.reg_sz("ComputerName", SERVER),
        "",
    ])
    sc = []
    sc += ev.sc_queryex("WsusService", 10, "WIN32_OWN_PROCESS", True, 2988,
                        "STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("W3SVC", 20, "WIN32_SHARE_PROCESS", True, 2460,
                        "STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN")
    sc += ev.sc_queryex("CcmExec", 10, "WIN32_OWN_PROCESS", True, 3312,
                        "STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN")
    ev.write_text("server/sc-query.txt", sc + [""])
    ev.write_text("server/ipconfig.txt", ev.ipconfig(
        SERVER, DOMAIN, "Ethernet", "Microsoft Hyper-V Network Adapter", "00-15-5D-14-00-0A",
        SERVER_IP, "255.255.0.0", "10.20.0.254", None, ["10.20.0.2", "10.20.0.3"], "", "",
        "fe80::215:5dff:fe14:a%4"))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, required=True, help="number of clients (1 to 64000)")
    p.add_argument("--out", required=True, help="folder to write (created; must be empty)")
    p.add_argument("--seed", type=int, default=1, help="seed of the random choices (default 1)")
    a = p.parse_args()
    if not 1 <= a.clients <= 64000:
        p.error("--clients must be between 1 and 64000")
    out = os.path.abspath(a.out)
    if os.path.isdir(out) and os.listdir(out):
        p.error("%s is not empty: the fleet is written into an empty or new folder" % a.out)
    # The shared writers put files under ev.ROOT.
    ev.ROOT = out
    rng = random.Random(a.seed)
    groups = assign(a.clients, rng)
    wsus = ev.Traffic(a.seed * 7919 + 8530, DAY, SERVER_IP, 8530, [])
    default_site = ev.Traffic(a.seed * 7919 + 80, DAY, SERVER_IP, 80, [])
    for i, group in enumerate(groups, start=1):
        client(i, group, rng, wsus, default_site)
    management_point(rng, default_site, a.clients)
    server(rng, wsus, default_site)
    print("fleet of %d clients and server %s written to %s" % (a.clients, SERVER, out),
          file=sys.stderr)
    for name, _, what in GROUPS:
        members = ["PC-%04d" % i for i, g in enumerate(groups, start=1) if g == name]
        shown = ", ".join(members[:5]) + (", ..." if len(members) > 5 else "")
        print("  %-16s %5d  %s%s" % (name, len(members), what,
                                     (": " + shown) if members else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
