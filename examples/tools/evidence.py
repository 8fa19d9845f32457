"""Writers shared by the example generators: each one produces bytes the way Windows writes them.

Every generator is deterministic (fixed seeds, fixed dates), so running it again reproduces the
committed files byte for byte. Nothing here opens a network connection.
"""

import datetime as dt
import os
import random

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

WSUS_SITE_ID = 1572271583
WSUS_SITE_NAME = "WSUS Administration"
MANAGED_SERVICE_ID = "{3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}"

# User agents as IIS logs them: spaces become '+' (formats.md 1.1, 6.4).
UA_WUA = "Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50"
UA_WUA_OLD = "Windows-Update-Agent/10.0.10011.16384+Client-Protocol/1.40"
UA_BITS = "Microsoft+BITS/7.8"
UA_DO = "Microsoft-Delivery-Optimization/10.0"
UA_CONSOLE = "Mozilla/4.0+(compatible;+MSIE+6.0;+MS+Web+Services+Client+Protocol+4.0.30319.42000)"

IIS_FIELDS = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
              "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken")
HTTPERR_FIELDS = ("date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status "
                  "s-siteid s-reason s-queuename")


def path(*parts):
    p = os.path.join(ROOT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def write_text(rel, lines, newline="\r\n", encoding="ascii", bom=False):
    """Writes lines joined by `newline`, each line terminated (Windows tools end the last line too)."""
    data = "".join(line + newline for line in lines)
    raw = data.encode(encoding)
    if bom and encoding == "utf-16-le":
        raw = b"\xff\xfe" + raw
    elif bom and encoding == "utf-8":
        raw = b"\xef\xbb\xbf" + raw
    with open(path(*rel.split("/")), "wb") as f:
        f.write(raw)


def write_reg5(rel, body_lines):
    """`reg export` / regedit: 'Windows Registry Editor Version 5.00', UTF-16LE with BOM, CRLF,
    a blank line after each key block (formats.md 5.3)."""
    lines = ["Windows Registry Editor Version 5.00", ""] + body_lines
    write_text(rel, lines, encoding="utf-16-le", bom=True)


def write_regedit4(rel, body_lines):
    """regedit 'Win9x/NT4 Registration Files': REGEDIT4, ANSI (Windows-1252), CRLF."""
    lines = ["REGEDIT4", ""] + body_lines
    write_text(rel, lines, encoding="cp1252")


def reg_sz(name, value):
    return '"%s"="%s"' % (name, value.replace("\\", "\\\\").replace('"', '\\"'))


def reg_dword(name, value):
    return '"%s"=dword:%08x' % (name, value)


def wu_policy(url, extra=(), au=(("NoAutoUpdate", 0), ("AUOptions", 3))):
    """The body of `reg export HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate`: WUServer
    and WUStatusServer set to `url`, then `extra` lines, and the AU subkey with UseWUServer 1 and
    the DWORDs of `au`."""
    return ([
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]",
        reg_sz("WUServer", url),
        reg_sz("WUStatusServer", url),
    ] + list(extra) + [
        "",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU]",
        reg_dword("UseWUServer", 1),
    ] + [reg_dword(name, value) for name, value in au] + [""])


def iis_header(when):
    return [
        "#Software: Microsoft Internet Information Services 10.0",
        "#Version: 1.0",
        "#Date: " + when.strftime("%Y-%m-%d %H:%M:%S"),
        "#Fields: " + IIS_FIELDS,
    ]


def httperr_header(when):
    return [
        "#Software: Microsoft HTTP API 2.0",
        "#Version: 1.0",
        "#Date: " + when.strftime("%Y-%m-%d %H:%M:%S"),
        "#Fields: " + HTTPERR_FIELDS,
    ]


def iis_line(t, s_ip, method, stem, port, c_ip, ua, status, sub, win32, taken,
             query="-", user="-"):
    return "%s %s %s %s %s %s %s %s %s %s - %d %d %d %d" % (
        t.strftime("%Y-%m-%d"), t.strftime("%H:%M:%S"), s_ip, method, stem, query, port, user,
        c_ip, ua, status, sub, win32, taken)


def httperr_line(t, c_ip, c_port, s_ip, s_port, version, method, uri, status, site, reason,
                 queue):
    return "%s %s %s %d %s %d %s %s %s %s %s %s %s" % (
        t.strftime("%Y-%m-%d"), t.strftime("%H:%M:%S"), c_ip, c_port, s_ip, s_port, version,
        method, uri, status, site, reason, queue)


def content_name(rng):
    sha1 = "".join(rng.choice("0123456789ABCDEF") for _ in range(40))
    ext = rng.choice([".cab", ".cab", ".cab", ".psf", ".exe", ".msu"])
    return "/Content/%s/%s%s" % (sha1[-2:], sha1, ext)


class Traffic:
    """Normal WSUS client traffic for one UTC day: scans, reports and content downloads.

    `verdict(t, c_ip, stem)` may replace the status of a request (for outages); it returns
    None for a normal answer or (status, substatus, win32, time_taken).
    """

    def __init__(self, seed, day, s_ip, port, clients):
        self.rng = random.Random(seed)
        self.day = day
        self.s_ip = s_ip
        self.port = port
        self.clients = clients
        self.rows = []  # (datetime, order, line)
        # Requests HTTP.sys answered itself (they reach HTTPERR, not the site log):
        # (datetime, c_ip, method, stem, status, reason)
        self.kernel = []
        self.idle = []  # (datetime, c_ip) of keep-alive connections HTTP.sys closes

    def add(self, t, line):
        self.rows.append((t, len(self.rows), line))

    def at(self, seconds):
        return self.day + dt.timedelta(seconds=seconds)

    def scan(self, t, c_ip, ua=UA_WUA, verdict=None, downloads=0, selfupdate=False):
        """One scan as the agent runs it (formats.md 9.2); returns the time after it."""
        r = self.rng
        steps = []
        if selfupdate:
            steps.append(("GET", "/selfupdate/wuident.cab", (304, 0, 0, r.randint(1, 4))))
        steps.append(("POST", "/ClientWebService/client.asmx", (200, 0, 0, r.randint(12, 60))))
        if r.random() < 0.3:
            steps.append(("POST", "/SimpleAuthWebService/SimpleAuth.asmx",
                          (200, 0, 0, r.randint(8, 30))))
            steps.append(("POST", "/ClientWebService/client.asmx",
                          (200, 0, 0, r.randint(15, 80))))
        for _ in range(r.randint(1, 3)):
            steps.append(("POST", "/ClientWebService/client.asmx",
                          (200, 0, 0, r.randint(180, 4800))))
        if r.random() < 0.6:
            steps.append(("POST", "/ClientWebService/client.asmx",
                          (200, 0, 0, r.randint(40, 900))))
        for method, stem, normal in steps:
            answer = verdict(t, c_ip, stem) if verdict else None
            if answer and answer[0] == "kernel":
                self.kernel.append((t, c_ip, method, stem, answer[1], answer[2]))
                return t + dt.timedelta(seconds=1), False
            status, sub, win32, taken = answer or normal
            self.add(t, iis_line(t, self.s_ip, method, stem, self.port, c_ip, ua, status, sub,
                                 win32, taken))
            if answer and answer[0] >= 400:
                return t + dt.timedelta(seconds=1), False
            t += dt.timedelta(milliseconds=taken + r.randint(20, 400))
        # Status report a few minutes later.
        t += dt.timedelta(seconds=r.randint(30, 400))
        stem = "/ReportingWebService/ReportingWebService.asmx"
        answer = verdict(t, c_ip, stem) if verdict else None
        if answer and answer[0] == "kernel":
            self.kernel.append((t, c_ip, "POST", stem, answer[1], answer[2]))
            return t, False
        status, sub, win32, taken = answer or (200, 0, 0, r.randint(10, 90))
        self.add(t, iis_line(t, self.s_ip, "POST", stem, self.port, c_ip, ua, status, sub, win32,
                             taken))
        for _ in range(downloads):
            t = self.download(t + dt.timedelta(seconds=r.randint(5, 120)), c_ip, verdict)
        return t, True

    def download(self, t, c_ip, verdict=None):
        r = self.rng
        stem = content_name(r)
        ua = UA_BITS if r.random() < 0.35 else UA_DO
        answer = verdict(t, c_ip, stem) if verdict else None
        if answer and answer[0] == "kernel":
            self.kernel.append((t, c_ip, "HEAD", stem, answer[1], answer[2]))
            return t
        status, sub, win32, taken = answer or (200, 0, 0, r.randint(0, 3))
        self.add(t, iis_line(t, self.s_ip, "HEAD", stem, self.port, c_ip, ua, status, sub, win32,
                             taken))
        if answer:
            return t
        for _ in range(r.randint(2, 8)):
            t += dt.timedelta(milliseconds=r.randint(200, 9000))
            self.add(t, iis_line(t, self.s_ip, "GET", stem, self.port, c_ip, ua, 206, 0, 0,
                                 r.randint(30, 2600)))
        return t

    def console(self, t, c_ip, user):
        """The WSUS console (Windows authentication): 401.2, 401.1, then 200 — the NTLM handshake
        KB4025764 calls normal when a 200 follows."""
        r = self.rng
        stem = "/ApiRemoting30/WebService.asmx"
        self.add(t, iis_line(t, self.s_ip, "POST", stem, self.port, c_ip, UA_CONSOLE, 401, 2, 5,
                             r.randint(0, 3)))
        self.add(t, iis_line(t, self.s_ip, "POST", stem, self.port, c_ip, UA_CONSOLE, 401, 1,
                             2148074254, r.randint(0, 3)))
        for i in range(r.randint(3, 12)):
            t += dt.timedelta(milliseconds=r.randint(40, 3000))
            self.add(t, iis_line(t, self.s_ip, "POST", stem, self.port, c_ip, UA_CONSOLE, 200, 0,
                                 0, r.randint(15, 900), user=user))
        return t

    def lines(self, headers=()):
        """The log body sorted by time, with a header block at the start and at each restart
        time given in `headers`."""
        rows = sorted(self.rows, key=lambda x: (x[0], x[1]))
        out = []
        pending = sorted(headers)
        started = False
        for t, _, line in rows:
            while pending and pending[0] <= t:
                out.extend(iis_header(t))
                pending.pop(0)
                started = True
            if not started:
                out.extend(iis_header(t))
                started = True
            out.append(line)
        return out


def utf16_hex(text):
    """Event <Binary> data as the Service Control Manager writes it: UTF-16LE with NUL, hex."""
    return (text.encode("utf-16-le") + b"\x00\x00").hex().upper()


class Events:
    """System log records in the shape `wevtutil qe System /f:xml` prints: one <Event> element
    per line, single-quoted attributes, no XML declaration and no root element."""

    SCM = ("Service Control Manager", "{555908d1-a6d7-4695-8e1e-26931d2012f4}",
           "Service Control Manager")
    WAS = ("Microsoft-Windows-WAS", "{524B5D04-133C-4A62-8362-64E8EDB9CE40}", "WAS")

    def __init__(self, computer, first_record):
        self.computer = computer
        self.record = first_record
        self.items = []

    def add(self, provider, event_id, qualifiers, level, keywords, t, data, pid, tid, binary=None):
        name, guid, source = provider
        parts = ["<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"]
        parts.append("<Provider Name='%s' Guid='%s' EventSourceName='%s'/>" % (name, guid, source))
        parts.append("<EventID Qualifiers='%d'>%d</EventID>" % (qualifiers, event_id))
        parts.append("<Version>0</Version><Level>%d</Level><Task>0</Task><Opcode>0</Opcode>"
                     % level)
        parts.append("<Keywords>%s</Keywords>" % keywords)
        parts.append("<TimeCreated SystemTime='%s'/>" % (t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "%dZ" % (self.record % 10)))
        parts.append("<EventRecordID>%d</EventRecordID>" % self.record)
        parts.append("<Correlation/><Execution ProcessID='%d' ThreadID='%d'/>" % (pid, tid))
        parts.append("<Channel>System</Channel><Computer>%s</Computer><Security/></System>"
                     % self.computer)
        parts.append("<EventData>")
        for k, v in data:
            parts.append("<Data Name='%s'>%s</Data>" % (k, v))
        if binary:
            parts.append("<Binary>%s</Binary>" % binary)
        parts.append("</EventData></Event>")
        self.items.append((t, "".join(parts)))
        self.record += 1

    def service_state(self, t, display, short, running, tid=0):
        state = "running" if running else "stopped"
        self.add(self.SCM, 7036, 16384, 4, "0x8080000000000000", t,
                 [("param1", display), ("param2", state)], 688, tid or 5140,
                 binary=utf16_hex("%s/%d" % (short, 4 if running else 1)))

    def was_private_memory_recycle(self, t, pool, pid):
        # Informational, as real 5117 records are. The message is "A worker process with process
        # id of '%1' serving application pool '%2' has requested a recycle because it reached its
        # private bytes memory limit." (WAS message table), so the process id comes first.
        self.add(self.WAS, 5117, 16384, 4, "0x80000000000000", t,
                 [("ProcessID", str(pid)), ("AppPoolID", pool)], 0, 0)

    def was_process_terminated(self, t, pool, pid, exit_code):
        self.add(self.WAS, 5009, 32768, 3, "0x80000000000000", t,
                 [("AppPoolID", pool), ("ProcessID", str(pid)), ("ExitCode", exit_code)], 0, 0)

    def was_rapid_fail(self, t, pool):
        self.add(self.WAS, 5002, 49152, 2, "0x80000000000000", t, [("AppPoolID", pool)], 0, 0,
                 binary="00000000")

    def lines(self):
        return [x for _, x in self.items]


def wu10(t, pid, tid, component, message):
    """Get-WindowsUpdateLog line: date with slashes, 7 fractional digits, padded columns
    (formats.md 6.2)."""
    return "%s %s.%07d %-5d %-5d %-15s %s" % (
        t.strftime("%Y/%m/%d"), t.strftime("%H:%M:%S"), t.microsecond * 10 + (tid % 10), pid,
        tid, component, message)


def wu_legacy(t, pid, tid, component, message):
    """Legacy WindowsUpdate.log line: tab-separated, milliseconds after a colon, pid width 4,
    tid lowercase hex (formats.md 6.1)."""
    return "%s\t%s:%03d\t%4d\t%x\t%s\t%s" % (
        t.strftime("%Y-%m-%d"), t.strftime("%H:%M:%S"), t.microsecond // 1000, pid, tid,
        component, message)


def cmtrace(message, t, bias, component, thread, typ=1, file=""):
    """CMTrace record; `t` is local time, `bias` minutes = UTC - local (formats.md 8.2)."""
    return ('<![LOG[%s]LOG]!><time="%s.%03d%+d" date="%s" component="%s" context="" '
            'type="%d" thread="%d" file="%s">' % (
                message, t.strftime("%H:%M:%S"), t.microsecond // 1000, bias,
                t.strftime("%m-%d-%Y"), component, typ, thread, file))


def sc_queryex(short, type_code, type_name, running, pid, controls):
    lines = ["", "SERVICE_NAME: " + short]
    lines.append("        TYPE               : %d  %s  " % (type_code, type_name))
    if running:
        lines.append("        STATE              : 4  RUNNING ")
        lines.append("                                (%s)" % controls)
    else:
        lines.append("        STATE              : 1  STOPPED ")
    lines += [
        "        WIN32_EXIT_CODE    : 0  (0x0)",
        "        SERVICE_EXIT_CODE  : 0  (0x0)",
        "        CHECKPOINT         : 0x0",
        "        WAIT_HINT          : 0x0",
        "        PID                : %d" % (pid if running else 0),
        "        FLAGS              : ",
    ]
    return lines


def netsh_direct():
    return ["", "Current WinHTTP proxy settings:", "", "    Direct access (no proxy server).", ""]


def netsh_proxy(server, bypass="(none)"):
    return ["", "Current WinHTTP proxy settings:", "",
            "    Proxy Server(s) :  " + server,
            "    Bypass List     :  " + bypass, ""]


def ipconfig(host, suffix, adapter, description, mac, ipv4, mask, gateway, dhcp, dns, lease_from,
             lease_to, link_local, tunnels=()):
    lines = ["", "Windows IP Configuration", ""]
    lines += [
        "   Host Name . . . . . . . . . . . . : " + host,
        "   Primary Dns Suffix  . . . . . . . : " + suffix,
        "   Node Type . . . . . . . . . . . . : Hybrid",
        "   IP Routing Enabled. . . . . . . . : No",
        "   WINS Proxy Enabled. . . . . . . . : No",
        "   DNS Suffix Search List. . . . . . : " + suffix,
        "",
        "Ethernet adapter %s:" % adapter,
        "",
        "   Connection-specific DNS Suffix  . : " + suffix,
        "   Description . . . . . . . . . . . : " + description,
        "   Physical Address. . . . . . . . . : " + mac,
        "   DHCP Enabled. . . . . . . . . . . : " + ("Yes" if dhcp else "No"),
        "   Autoconfiguration Enabled . . . . : Yes",
        "   Link-local IPv6 Address . . . . . : %s(Preferred) " % link_local,
        "   IPv4 Address. . . . . . . . . . . : %s(Preferred) " % ipv4,
        "   Subnet Mask . . . . . . . . . . . : " + mask,
    ]
    if dhcp:
        lines += [
            "   Lease Obtained. . . . . . . . . . : " + lease_from,
            "   Lease Expires . . . . . . . . . . : " + lease_to,
        ]
    lines.append("   Default Gateway . . . . . . . . . : " + gateway)
    if dhcp:
        lines.append("   DHCP Server . . . . . . . . . . . : " + dhcp)
    lines += [
        "   DHCPv6 IAID . . . . . . . . . . . : 101456965",
        "   DHCPv6 Client DUID. . . . . . . . : 00-01-00-01-2B-7C-11-52-" + mac,
        "   DNS Servers . . . . . . . . . . . : " + dns[0],
    ]
    for d in dns[1:]:
        lines.append("                                       " + d)
    lines.append("   NetBIOS over Tcpip. . . . . . . . : Enabled")
    for name, desc in tunnels:
        lines += [
            "",
            "Tunnel adapter %s:" % name,
            "",
            "   Media State . . . . . . . . . . . : Media disconnected",
            "   Connection-specific DNS Suffix  . : " + suffix,
            "   Description . . . . . . . . . . . : " + desc,
            "   Physical Address. . . . . . . . . : 00-00-00-00-00-00-00-E0",
            "   DHCP Enabled. . . . . . . . . . . : No",
            "   Autoconfiguration Enabled . . . . : Yes",
        ]
    return lines


def hotfix_table(source, rows):
    """`Get-HotFix` as Windows PowerShell 5.1 formats it (columns sized to the data)."""
    lines = ["", "Source        Description      HotFixID      InstalledBy          InstalledOn              ",
             "------        -----------      --------      -----------          -----------              "]
    for desc, kb, by, on in rows:
        lines.append("%-13s %-16s %-13s %-20s %-25s" % (source, desc, kb, by, on))
    lines += ["", ""]
    return [l.rstrip() for l in lines]


def application_host_config(pool_xml, bindings, ssl_locations=None, content_dir="D:\\WSUS",
                            wsus_auto_start="true", default_site_apps=()):
    """A Server 2019/2022 applicationHost.config with the WSUS Administration site as WSUS setup
    creates it (formats.md 3.1, 3.2). `pool_xml` is the <add name="WsusPool"> element; `bindings`
    a list of (protocol, bindingInformation); `ssl_locations` maps a site-relative path to its
    sslFlags (and optional client-certificate setting)."""
    webservices = "C:\\Program Files\\Update Services\\WebServices"
    apps = [
        ("/ApiRemoting30", webservices + "\\ApiRemoting30"),
        ("/ClientWebService", webservices + "\\ClientWebService"),
        ("/DssAuthWebService", webservices + "\\DssAuthWebService"),
        ("/ServerSyncWebService", webservices + "\\ServerSyncWebService"),
        ("/SimpleAuthWebService", webservices + "\\SimpleAuthWebService"),
        ("/ReportingWebService", webservices + "\\ReportingWebService"),
    ]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!--",
        "",
        "    IIS configuration sections.",
        "",
        "    For schema documentation, see",
        "    %windir%\\system32\\inetsrv\\config\\schema\\IIS_schema.xml.",
        "    ",
        "    Please make a backup of this file before making any changes to it.",
        "",
        "-->",
        "",
        "<configuration>",
        "",
        "    <configSections>",
        '        <sectionGroup name="system.applicationHost">',
        '            <section name="applicationPools" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />',
        '            <section name="log" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />',
        '            <section name="sites" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />',
        '            <section name="webLimits" allowDefinition="AppHostOnly" overrideModeDefault="Deny" />',
        "        </sectionGroup>",
        '        <sectionGroup name="system.webServer">',
        '            <sectionGroup name="security">',
        '                <section name="access" overrideModeDefault="Deny" />',
        "            </sectionGroup>",
        "        </sectionGroup>",
        "    </configSections>",
        "",
        "    <system.applicationHost>",
        "",
        "        <applicationPools>",
        '            <add name="DefaultAppPool" />',
        '            <add name=".NET v4.5 Classic" managedRuntimeVersion="v4.0" managedPipelineMode="Classic" />',
        '            <add name=".NET v4.5" managedRuntimeVersion="v4.0" />',
    ]
    out += ["            " + l for l in pool_xml]
    out += [
        '            <applicationPoolDefaults managedRuntimeVersion="v4.0">',
        '                <processModel identityType="ApplicationPoolIdentity" />',
        "            </applicationPoolDefaults>",
        "        </applicationPools>",
        "",
        "        <listenerAdapters>",
        '            <add name="http" />',
        "        </listenerAdapters>",
        "",
        "        <log>",
        '            <centralBinaryLogFile enabled="true" directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />',
        '            <centralW3CLogFile enabled="true" directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />',
        "        </log>",
        "",
        "        <sites>",
        '            <site name="Default Web Site" id="1">',
        '                <application path="/">',
        '                    <virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" />',
        "                </application>",
    ]
    # Applications another product adds to the Default Web Site (a ConfigMgr management point's
    # /SMS_MP): (path, application pool, physical path).
    for app, pool, phys in default_site_apps:
        out += [
            '                <application path="%s" applicationPool="%s">' % (app, pool),
            '                    <virtualDirectory path="/" physicalPath="%s" />' % phys,
            "                </application>",
        ]
    out += [
        "                <bindings>",
        '                    <binding protocol="http" bindingInformation="*:80:" />',
        "                </bindings>",
        "            </site>",
        '            <site name="%s" id="%d" serverAutoStart="%s">' % (WSUS_SITE_NAME, WSUS_SITE_ID,
                                                                    wsus_auto_start),
        '                <application path="/" applicationPool="WsusPool">',
        '                    <virtualDirectory path="/" physicalPath="%s\\Root" />' % webservices,
        '                    <virtualDirectory path="/Content" physicalPath="%s\\WsusContent" />' % content_dir,
        '                    <virtualDirectory path="/Inventory" physicalPath="C:\\Program Files\\Update Services\\Inventory" />',
        '                    <virtualDirectory path="/selfupdate" physicalPath="C:\\Program Files\\Update Services\\SelfUpdate" />',
        "                </application>",
    ]
    for app, phys in apps:
        out += [
            '                <application path="%s" applicationPool="WsusPool">' % app,
            '                    <virtualDirectory path="/" physicalPath="%s" />' % phys,
            "                </application>",
        ]
    out.append("                <bindings>")
    for proto, info in bindings:
        out.append('                    <binding protocol="%s" bindingInformation="%s" />' % (proto, info))
    out += [
        "                </bindings>",
        '                <logFile directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />',
        "            </site>",
        "            <siteDefaults>",
        '                <logFile logFormat="W3C" directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />',
        '                <traceFailedRequestsLogging directory="%SystemDrive%\\inetpub\\logs\\FailedReqLogFiles" />',
        "            </siteDefaults>",
        "            <applicationDefaults applicationPool=\"DefaultAppPool\" />",
        "            <virtualDirectoryDefaults allowSubDirConfig=\"true\" />",
        "        </sites>",
        "",
        "        <webLimits />",
        "",
        "    </system.applicationHost>",
        "",
        "    <system.webServer>",
        "        <security>",
        '            <access sslFlags="None" />',
        "        </security>",
        "    </system.webServer>",
    ]
    for loc, flags in (ssl_locations or []):
        out += [
            '    <location path="%s/%s">' % (WSUS_SITE_NAME, loc) if loc else
            '    <location path="%s">' % WSUS_SITE_NAME,
            "        <system.webServer>",
            "            <security>",
            '                <access sslFlags="%s" />' % flags,
            "            </security>",
            "        </system.webServer>",
            "    </location>",
        ]
    out += ["</configuration>"]
    return out


def wsus_setup_reg(port, ssl, content_dir, build_note=None):
    """`reg export "HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup"` (formats.md 3.3)."""
    return [
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup]",
        reg_sz("TargetDir", "C:\\Program Files\\Update Services\\"),
        reg_sz("SqlServerName", "MICROSOFT##WID"),
        reg_sz("SqlDatabaseName", "SUSDB"),
        reg_sz("SqlAuthenticationMode", "WindowsAuthentication"),
        reg_sz("ContentDir", content_dir),
        reg_dword("IISTargetWebsiteIndex", WSUS_SITE_ID),
        reg_dword("PortNumber", port),
        reg_dword("UsingSSL", ssl),
        reg_dword("IIsDynamicCompression", 1),
        "",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\\Installed Role Services]",
        reg_dword("UpdateServices-Services", 2),
        reg_dword("UpdateServices-WidDatabase", 2),
        "",
    ]


def reg_query_currentversion(product, edition, build, ubr, display_version, build_lab_ex,
                             install_type="Server", release_id="2009"):
    """`display_version` None leaves DisplayVersion out: it exists from Windows 10 20H2 on."""
    # `reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"` (formats.md 5.1 layout).
    key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
    v = [
        ("SystemRoot", "REG_SZ", "C:\\Windows"),
        ("BaseBuildRevisionNumber", "REG_DWORD", "0x1"),
        ("BuildBranch", "REG_SZ", build_lab_ex.split(".")[3]),
        ("BuildLab", "REG_SZ", "%s.%s.%s" % (build, build_lab_ex.split(".")[3], build_lab_ex.split(".")[4])),
        ("BuildLabEx", "REG_SZ", build_lab_ex),
        ("CompositionEditionID", "REG_SZ", edition),
        ("CurrentBuild", "REG_SZ", build),
        ("CurrentBuildNumber", "REG_SZ", build),
        ("CurrentMajorVersionNumber", "REG_DWORD", "0xa"),
        ("CurrentMinorVersionNumber", "REG_DWORD", "0x0"),
        ("CurrentType", "REG_SZ", "Multiprocessor Free"),
        ("CurrentVersion", "REG_SZ", "6.3"),
        ("DisplayVersion", "REG_SZ", display_version),
        ("EditionID", "REG_SZ", edition),
        ("InstallationType", "REG_SZ", install_type),
        ("InstallDate", "REG_DWORD", "0x62a1c3f0"),
        ("PathName", "REG_SZ", "C:\\Windows"),
        ("ProductName", "REG_SZ", product),
        ("RegisteredOrganization", "REG_SZ", "Contoso"),
        ("RegisteredOwner", "REG_SZ", "Windows User"),
        ("ReleaseId", "REG_SZ", release_id),
        ("SoftwareType", "REG_SZ", "System"),
        ("UBR", "REG_DWORD", hex(ubr)),
    ]
    lines = ["", key]
    for name, typ, data in v:
        if data is None:
            continue
        lines.append("    %s    %s    %s" % (name, typ, data))
    lines.append("")
    for sub in ("Accessibility", "AppCompatFlags", "Console", "Fonts", "Ports", "ProfileList",
                "SoftwareProtectionPlatform", "Winlogon"):
        lines.append(key + "\\" + sub)
    lines.append("")
    return lines


def sdlog(t, level, proc, method, message):
    """WSUS SoftwareDistribution.log (formats.md 3.4)."""
    return "%s.%03d UTC %s %s %s %s" % (t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000,
                                        level, proc, method, message)


WS_ERRORS = {
    "80244022": ["WS error: The server returned HTTP status code '503 (0x1F7)' with text "
                 "'Service Unavailable'.",
                 "WS error: The requested service is not available."],
    "80072EE2": ["WS error: The operation did not complete within the time allotted.",
                 "WS error: The operation timed out"],
    "80072EFD": ["WS error: Could not connect to the endpoint.",
                 "WS error: A connection with the remote host could not be established."],
    "80244019": ["WS error: The server returned HTTP status code '404 (0x194)' with text "
                 "'Not Found'.",
                 "WS error: The remote endpoint does not exist or could not be located."],
    "80072F0C": ["WS error: The server requires a client certificate.",
                 "WS error: A certificate is required to complete client authentication"],
}


def win10_scan(t, n, url, outcome, found=0, pid=3904, tid=7124, fail_after_ms=4, first_contact=False):
    """One scan of a Windows 10/11 agent as Get-WindowsUpdateLog prints it; `t` is local time,
    `outcome` "ok" or the HRESULT (8 hex digits) the web service call failed with. The wording
    of the failure lines follows the composed pattern of formats.md 6.2."""
    ms = lambda x: t + dt.timedelta(milliseconds=x)
    lines = [
        wu10(ms(0), 1288, 5816, "ComApi", "* START *   Search ClientId = UpdateOrchestrator, "
             "ServiceId = 3DA21691-E39D-4DA6-8A4B-B43877BCB1B7, Flags: 0X40010010"),
        wu10(ms(31), pid, tid, "Agent",
             "* START * Finding updates CallerId = UpdateOrchestrator  Id = %d" % n),
        wu10(ms(32), pid, tid, "Agent",
             "Online = Yes; Interactive = No; AllowCachedResults = No; Ignore download priority = No"),
        wu10(ms(33), pid, tid, "Agent", "ServiceID = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7} Managed"),
        wu10(ms(35), pid, tid, "Agent", "Search Scope = {Machine}"),
        wu10(ms(290), pid, tid, "Misc",
             'Got WSUS Client/Server URL: %s/ClientWebService/client.asmx""' % url),
        wu10(ms(401), pid, tid, "ProtocolTalker",
             "ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = "
             "%s/ClientWebService/client.asmx" % url),
    ]
    if first_contact:
        lines.append(wu10(ms(402), pid, tid, "ProtocolTalker", "Initializing configuration"))
    else:
        lines += [
            wu10(ms(402), pid, tid, "ProtocolTalker", "OK to reuse existing configuration"),
            wu10(ms(403), pid, tid, "ProtocolTalker", "Existing cookie is valid, just use it"),
        ]
    lines.append(wu10(ms(404), pid, tid, "WebServices", "Auto proxy settings for this web service call."))
    method = "GetConfig_WithRecovery" if first_contact else "SyncUpdates_WithRecovery"
    if outcome == "ok":
        e = ms(5233)
        return lines + [
            wu10(e, pid, tid, "ProtocolTalker", "SyncUpdates round trips: 2"),
            wu10(e + dt.timedelta(milliseconds=810), pid, tid, "Agent",
                 "Found %d updates and 96 categories in search; evaluated appl. rules of 1233 out "
                 "of 2011 deployed entities" % found),
            wu10(e + dt.timedelta(milliseconds=822), pid, tid, "Agent",
                 "* END * Finding updates CallerId = UpdateOrchestrator, Id = %d, Exit code = "
                 "0x00000000" % n),
        ]
    hr = outcome
    e = ms(404 + fail_after_ms)
    ws = ["WS error: There was an error communicating with the endpoint at "
          "'%s/ClientWebService/client.asmx'." % url] + WS_ERRORS[hr]
    for i, w in enumerate(ws):
        lines.append(wu10(e + dt.timedelta(microseconds=i * 19), pid, tid, "WebServices", w))
    e += dt.timedelta(microseconds=80)
    us = lambda x: e + dt.timedelta(microseconds=x)
    return lines + [
        wu10(us(0), pid, tid, "WebServices", "Web service call failed with hr = %s." % hr.lower()),
        wu10(us(0), pid, tid, "WebServices", "Current service auth scheme=0."),
        wu10(us(0), pid, tid, "WebServices", "Current Proxy auth scheme=0."),
        wu10(us(0), pid, tid, "WebServices", "*FAILED* [%s] Web service call" % hr),
        wu10(us(40), pid, tid, "ProtocolTalker", "*FAILED* [%s] %s failed" % (hr, method)),
        wu10(us(60), pid, tid, "ProtocolTalker",
             "*FAILED* [%s] Method failed [CAgentProtocolTalker::%s:1240]" % (hr, method)),
        wu10(us(90), pid, tid, "Agent", "*FAILED* [%s] Synchronize" % hr),
        wu10(us(3000), pid, tid, "Agent", "Exit code = 0x%s" % hr),
        wu10(us(4000), pid, tid, "Agent",
             "* END * Finding updates CallerId = UpdateOrchestrator, Id = %d, Exit code = 0x%s"
             % (n, hr)),
    ]
