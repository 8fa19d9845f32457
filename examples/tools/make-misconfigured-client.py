#!/usr/bin/env python3
"""Writes examples/misconfigured-client/: a Windows 7 SP1 client (legacy WindowsUpdate.log) with a
bad WUServer value, a WinHTTP proxy without a bypass for the WSUS host, and a Configuration
Manager client whose software update point conflicts with Group Policy.

Times: local Eastern Standard Time (UTC-5) everywhere: the WindowsUpdate.log banner says
`tz: -0500`, the CMTrace records carry the bias +300.
"""

import datetime as dt

import evidence as ev

B = "misconfigured-client"
DAY = dt.datetime(2024, 2, 20)
PID = 900
BIAS = 300
SOURCE_ID = "{5B2E3C41-8D7A-4F0E-A6C2-91D3E4F5A6B7}"
BAD_URL = "http://wsus01/"
STATUS_URL = "http://wsus01.contoso.com:8530"
SUP_URL = "http://CM01.contoso.com:8530"


def t(h, m, s, ms=0):
    return DAY.replace(hour=h, minute=m, second=s, microsecond=ms * 1000)


def windowsupdate_log():
    L = []
    add = lambda when, tid, comp, msg: L.append(ev.wu_legacy(when, PID, tid, comp, msg))
    add(t(7, 58, 12, 407), 0x5c4, "Misc",
        "===========  Logging initialized (build: 7.6.7601.24085, tz: -0500)  ===========")
    add(t(7, 58, 12, 407), 0x5c4, "Misc", "  = Process: C:\\Windows\\system32\\svchost.exe")
    add(t(7, 58, 12, 407), 0x5c4, "Misc", "  = Module: c:\\windows\\system32\\wuaueng.dll")
    add(t(7, 58, 12, 407), 0x5c4, "Service", "*************")
    add(t(7, 58, 12, 407), 0x5c4, "Service", "** START **  Service: Service startup")
    add(t(7, 58, 12, 407), 0x5c4, "Service", "*********")
    add(t(7, 58, 12, 501), 0x5c4, "Agent", "  * WU client version 7.6.7601.24085")
    add(t(7, 58, 12, 501), 0x5c4, "Agent", "  * Base directory: C:\\Windows\\SoftwareDistribution")
    add(t(7, 58, 12, 501), 0x5c4, "Agent", "  * Access type: Named proxy")
    add(t(7, 58, 12, 501), 0x5c4, "Agent", "  * Default proxy: proxy.contoso.com:8080")
    add(t(7, 58, 12, 501), 0x5c4, "Agent", "  * Network state: Connected")
    add(t(7, 58, 57, 611), 0x5c4, "Agent", "***********  Agent: Initializing global settings cache  ***********")
    add(t(7, 58, 57, 611), 0x5c4, "Agent", "  * WSUS server: " + BAD_URL)
    add(t(7, 58, 57, 611), 0x5c4, "Agent", "  * WSUS status server: " + STATUS_URL)
    add(t(7, 58, 57, 611), 0x5c4, "Agent", "  * Target group: (Unassigned Computers)")
    add(t(7, 58, 57, 611), 0x5c4, "Agent", "  * Windows Update access disabled: No")
    add(t(7, 58, 57, 720), 0x5c4, "AU", "###########  AU: Initializing Automatic Updates  ###########")
    add(t(7, 58, 57, 720), 0x5c4, "AU", "  # WSUS server: " + BAD_URL)
    add(t(7, 58, 57, 720), 0x5c4, "AU", "  # Detection frequency: 22")
    add(t(7, 58, 57, 720), 0x5c4, "AU", "  # Approval type: Scheduled (Policy)")
    add(t(7, 58, 57, 720), 0x5c4, "AU", "  # Scheduled install day/time: Every day at 3:00")
    add(t(7, 58, 57, 720), 0x5c4, "AU", "  # Auto-install minor updates: Yes (Policy)")

    def search(start, call_id, send_hr, failure_lines):
        """A search whose self-update check fails, as the Windows 7 agent logs it."""
        tid = 0xb38
        add(start, 0x5c4, "AU", "#############")
        add(start, 0x5c4, "AU", "## START ##  AU: Search for updates")
        add(start, 0x5c4, "AU", "#########")
        add(start + dt.timedelta(milliseconds=16), 0x5c4, "AU",
            "<<## SUBMITTED ## AU: Search for updates [CallId = %s]" % call_id)
        s = start + dt.timedelta(milliseconds=31)
        add(s, tid, "Agent", "*************")
        add(s, tid, "Agent", "** START **  Agent: Finding updates [CallerId = AutomaticUpdates]")
        add(s, tid, "Agent", "*********")
        add(s, tid, "Agent", "  * Online = Yes; Ignore download priority = No")
        add(s, tid, "Agent", "  * Criteria = \"IsInstalled=0 and DeploymentAction='Installation' or "
            "IsPresent=1 and DeploymentAction='Uninstallation' or IsInstalled=1 and "
            "DeploymentAction='Installation' and RebootRequired=1 or IsInstalled=0 and "
            "DeploymentAction='Uninstallation' and RebootRequired=1\"")
        add(s, tid, "Agent", "  * ServiceID = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7} Managed")
        add(s, tid, "Agent", "  * Search Scope = {Machine}")
        add(s + dt.timedelta(milliseconds=15), tid, "Setup", "Checking for agent SelfUpdate")
        add(s + dt.timedelta(milliseconds=15), tid, "Setup",
            "Client version: Core: 7.6.7601.24085  Aux: 7.6.7601.24085")
        e = s + dt.timedelta(seconds=42, milliseconds=118) if send_hr == "80072ee2" else \
            s + dt.timedelta(milliseconds=905)
        for line in failure_lines:
            add(e, tid, "Misc", line)
        hr = "0x" + send_hr.upper()
        add(e, tid, "Setup", "WARNING: SelfUpdate check failed to download package information, error = " + hr)
        add(e, tid, "Setup", "FATAL: SelfUpdate check failed, err = " + hr)
        add(e, tid, "Agent", "  * WARNING: Skipping scan, self-update check returned " + hr)
        add(e + dt.timedelta(milliseconds=16), tid, "Agent", "  * WARNING: Exit code = " + hr)
        add(e + dt.timedelta(milliseconds=16), tid, "Agent", "*********")
        add(e + dt.timedelta(milliseconds=16), tid, "Agent",
            "**  END  **  Agent: Finding updates [CallerId = AutomaticUpdates]")
        add(e + dt.timedelta(milliseconds=16), tid, "Agent", "*************")
        add(e + dt.timedelta(milliseconds=16), tid, "Agent", "WARNING: WU client failed Searching for update with error " + hr)
        r = e + dt.timedelta(milliseconds=31)
        add(r, 0x5c4, "AU", ">>##  RESUMED  ## AU: Search for updates [CallId = %s]" % call_id)
        add(r, 0x5c4, "AU", "  # WARNING: Search callback failed, result = " + hr)
        add(r, 0x5c4, "AU", "  # WARNING: Failed to find updates with error code " + send_hr.upper())
        add(r, 0x5c4, "AU", "#########")
        add(r, 0x5c4, "AU", "##  END  ##  AU: Search for updates [CallId = %s]" % call_id)
        add(r, 0x5c4, "AU", "#############")
        add(r, 0x5c4, "AU", "Successfully wrote event for AU health state:0")
        add(r, 0x5c4, "AU", "AU setting next detection timeout to %s" %
            (r + dt.timedelta(hours=4, minutes=5) + dt.timedelta(hours=5)).strftime("%Y-%m-%d %H:%M:%S"))

    selfupdate = BAD_URL + "/selfupdate/wuident.cab"
    proxy_used = "Proxy List used: <proxy.contoso.com:8080> Bypass List used : <(null)> Auth Schemes used : <>"
    search(t(8, 3, 57, 734), "{6E1F7A2B-0C3D-4E5F-8A9B-1C2D3E4F5061}", "80072ee2", [
        "WARNING: Send failed with hr = 80072ee2.",
        "WARNING: SendRequest failed with hr = 80072ee2. " + proxy_used,
        "WARNING: WinHttp: SendRequestUsingProxy failed for <%s>. error 0x80072ee2" % selfupdate,
        "WARNING: WinHttp: SendRequestToServerForFileInformation MakeRequest failed. error 0x80072ee2",
        "WARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072ee2",
        "WARNING: WinHttp: ShouldFileBeDownloaded failed with 0x80072ee2",
    ])
    search(t(12, 8, 40, 12), "{0A4C3B2D-5E6F-4718-9A0B-C1D2E3F40516}", "8024401b", [
        "WARNING: WinHttp: SendRequestUsingProxy failed for <%s>. error 0x8024401b" % selfupdate,
        "WARNING: WinHttp: SendRequestToServerForFileInformation MakeRequest failed. error 0x8024401b",
        "WARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x8024401b",
        "WARNING: WinHttp: ShouldFileBeDownloaded failed with 0x8024401b",
    ])
    search(t(16, 14, 2, 381), "{B7C8D9E0-F1A2-4B3C-8D4E-5F6A7B8C9D0E}", "80072ee7", [
        "WARNING: Send failed with hr = 80072ee7.",
        "WARNING: SendRequest failed with hr = 80072ee7. " + proxy_used,
        "WARNING: WinHttp: SendRequestUsingProxy failed for <%s>. error 0x80072ee7" % selfupdate,
        "WARNING: WinHttp: SendRequestToServerForFileInformation MakeRequest failed. error 0x80072ee7",
        "WARNING: WinHttp: SendRequestToServerForFileInformation failed with 0x80072ee7",
        "WARNING: WinHttp: ShouldFileBeDownloaded failed with 0x80072ee7",
    ])
    ev.write_text(B + "/client/WindowsUpdate.log", L)


def configmgr_logs():
    ls = []
    add = lambda when, msg, thread=2816, typ=1: ls.append(
        ev.cmtrace(msg, when, BIAS, "LocationServices", thread, typ))
    for start in (t(8, 1, 3, 210), t(12, 6, 11, 845)):
        add(start, "CCCMWSUSLocation::GetLocationsAsyncEx")
        add(start + dt.timedelta(milliseconds=16),
            "Attempting to send WSUS Location Request for ContentID='%s'" % SOURCE_ID)
        add(start + dt.timedelta(milliseconds=31),
            "WSUSLocationRequest : <WSUSLocationRequest SchemaVersion=\"1.00\"><Content ID=\"%s\" "
            "Version=\"74\"/><AssignedSite SiteCode=\"CO1\"/><ClientLocationInfo LocationType=\"WSUS\" "
            "UseProtocol=\"http\" UseInternetFacing=\"0\"><ADSite Name=\"HQ\"/><Forest Name=\"contoso.com\"/>"
            "<Domain Name=\"contoso.com\"/><IPAddresses><IPAddress SubnetAddress=\"10.0.7.0\" "
            "Address=\"10.0.7.33\"/></IPAddresses></ClientLocationInfo></WSUSLocationRequest>" % SOURCE_ID)
        r = start + dt.timedelta(milliseconds=640)
        add(r, "Processing Location reply message", 4420)
        add(r, "WSUSLocationReply : <WSUSLocationReply SchemaVersion=\"1.00\"><Sites><Site><MPSite "
            "SiteCode=\"CO1\"/><LocationRecords><LocationRecord WSUSURL=\"%s\" "
            "ServerName=\"CM01.contoso.com\" Version=\"74\"/></LocationRecords></Site></Sites>"
            "</WSUSLocationReply>" % SUP_URL, 4420)
        add(r + dt.timedelta(milliseconds=15), "Calling back with the following WSUS locations", 4420)
        add(r + dt.timedelta(milliseconds=15),
            "WSUS Path='%s', Server='CM01.contoso.com', Version='74'" % SUP_URL, 4420)
        add(r + dt.timedelta(milliseconds=16),
            "Calling back with locations for WSUS request {C4D5E6F7-0819-4A2B-B3C4-D5E6F708192A}", 4420)
    ev.write_text(B + "/client/CCM/Logs/LocationServices.log", ls, encoding="utf-8", bom=True)

    wl = []
    add = lambda when, msg, thread=3104, typ=1: wl.append(
        ev.cmtrace(msg, when, BIAS, "WUAHandler", thread, typ))
    for start in (t(8, 1, 4, 100), t(12, 6, 12, 733)):
        add(start, "Its a WSUS Update Source type (%s), adding it." % SOURCE_ID)
        add(start + dt.timedelta(milliseconds=47),
            "Enabling WUA Managed server policy to use server: " + SUP_URL)
        add(start + dt.timedelta(milliseconds=62), "Waiting for 2 mins for Group Policy to notify of WUA policy change...")
        g = start + dt.timedelta(minutes=2, milliseconds=94)
        add(g + dt.timedelta(milliseconds=16),
            "Group policy settings were overwritten by a higher authority (Domain Controller) to: "
            "Server %s and Policy ENABLED" % BAD_URL, typ=2)
        add(g + dt.timedelta(milliseconds=31),
            "Failed to Add Update Source for WUAgent of type (2) and id (%s). Error = 0x87d00692."
            % SOURCE_ID, typ=3)
    ev.write_text(B + "/client/CCM/Logs/WUAHandler.log", wl, encoding="utf-8", bom=True)


def client_config():
    ev.write_regedit4(B + "/client/wu-policy.reg", [
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]",
        ev.reg_sz("WUServer", BAD_URL),
        ev.reg_sz("WUStatusServer", STATUS_URL),
        ev.reg_dword("DoNotConnectToWindowsUpdateInternetLocations", 1),
        "",
        "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU]",
        ev.reg_dword("UseWUServer", 1),
        ev.reg_dword("NoAutoUpdate", 0),
        ev.reg_dword("AUOptions", 4),
        ev.reg_dword("ScheduledInstallDay", 0),
        ev.reg_dword("ScheduledInstallTime", 3),
        "",
    ])
    ev.write_text(B + "/client/netsh-winhttp-proxy.txt", ev.netsh_proxy("proxy.contoso.com:8080"))
    ev.write_text(B + "/client/ipconfig.txt", ev.ipconfig(
        "PC-0733", "contoso.com", "Local Area Connection",
        "Intel(R) 82579LM Gigabit Network Connection", "3C-97-0E-5B-22-D1", "10.0.7.33",
        "255.255.255.0", "10.0.7.1", "10.0.0.4", ["10.0.0.4", "10.0.0.5"],
        "Tuesday, February 20, 2024 7:57:48 AM", "Wednesday, February 28, 2024 7:57:48 AM",
        "fe80::8d3:2b7c:41e9:f60a%11",
        tunnels=[("isatap.contoso.com", "Microsoft ISATAP Adapter")]))


if __name__ == "__main__":
    windowsupdate_log()
    configmgr_logs()
    client_config()
