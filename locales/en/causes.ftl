# The root causes: titles, what would refute each, and the evidence to collect.
need-iis-log = collect the WSUS site's IIS logs (C:\inetpub\logs\LogFiles\W3SVC<IISTargetWebsiteIndex>) for the same hours
need-httperr = collect the server's HTTP.sys error logs (C:\Windows\System32\LogFiles\HTTPERR, elevated) for the same hours
need-system-log = export the server's System log: wevtutil epl System System.evtx
need-app-host-config = collect %windir%\System32\inetsrv\config\applicationHost.config from the WSUS server
need-client-wu-log = collect the client's WindowsUpdate.log (Get-WindowsUpdateLog on Windows 10 and later)
need-client-policy = export the client's policy: reg export HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate wu-policy.reg
need-config-mgr-logs = collect the client's %windir%\CCM\Logs\LocationServices.log and WUAHandler.log
need-client-identity = collect the client's ipconfig /all output (or pass --client-ip)
need-wsus-log = collect the WSUS server's %ProgramFiles%\Update Services\LogFiles\SoftwareDistribution.log

cause-wsuspool-memory = WsusPool runs out of its private memory limit and recycles under load: clients get 503s and time out
cause-wsuspool-memory-refuted-1 = WsusPool with a private memory limit of 0 (no limit) or several GB and no WAS private-memory recycles (5117) at the burst times
cause-wsuspool-memory-refuted-2 = 503s that stop after the pool is started with no memory change (then the pool was only stopped)

cause-wsuspool-stopped = WsusPool is stopped (or disabled by rapid-fail protection)
cause-wsuspool-stopped-refuted-1 = appcmd list apppool showing WsusPool state:Started with no AppOffline or Disabled in HTTPERR afterwards

cause-service-down = A WSUS server service is down (WsusService, W3SVC or WAS)
cause-service-down-refuted-1 = sc query showing the services RUNNING at the time the clients failed

cause-wsus-database = The WSUS database (SUSDB) is down or failing: WSUS answers its clients with server errors
cause-wsus-database-refuted-1 = the database service running and SoftwareDistribution.log free of SqlException at the times the clients failed
cause-wsus-database-refuted-2 = sqlcmd connecting to the instance and querying SUSDB from the WSUS server

cause-site-unavailable = The WSUS web site is stopped, missing or bound to other ports than the clients use
cause-site-unavailable-refuted-1 = appcmd list site showing the WSUS site Started with bindings on the clients' port

cause-missing-vdir = A WSUS virtual directory is missing (404 on WSUS endpoints)
cause-missing-vdir-refuted-1 = the virtual directory present in applicationHost.config under the WSUS site

cause-missing-mime-map = IIS has no MIME type for a kind of update content on the WSUS site: its downloads fail with 404.3
cause-missing-mime-map-refuted-1 = the same /Content URL answering 200 after the MIME type was added, with no 404.3 afterwards

cause-ssl-misconfigured = SSL or certificate configuration stops the clients
cause-ssl-misconfigured-refuted-1 = a probe of the https URL that passes TLS verification from a client

cause-client-wrong-server = The client is pointed at the wrong server URL
cause-client-wrong-server-refuted-1 = the same URL working from another client (wsus-doctor probe URL)

cause-proxy-in-the-way = A proxy sits between the client and WSUS
cause-proxy-in-the-way-refuted-1 = the client reaching WSUS with the proxy bypassed (netsh winhttp reset proxy, then UsoClient StartScan)

cause-configmgr-vs-gpo = Configuration Manager hands out a different WSUS than Group Policy sets
cause-configmgr-vs-gpo-refuted-1 = LocationServices.log, the policy registry and WindowsUpdate.log all naming the same server

cause-corrupt-local-policy = The client's local Group Policy file (Registry.pol) is corrupt: the Configuration Manager client cannot set its WSUS server
cause-corrupt-local-policy-refuted-1 = WUAHandler.log logging 'Added Update Source' for the WSUS source after the 0x80004005 lines, without a newer error

cause-network-block = The network blocks the client: its requests never reach the server
cause-network-block-refuted-1 = the client's address in the server's HTTPERR log (then HTTP.sys rejected it)

cause-aspnet-impersonation = ASP.NET impersonation is enabled on the WSUS site: every WSUS endpoint answers 500.24
cause-aspnet-impersonation-refuted-1 = the IIS log showing WSUS endpoints answering 200 after the setting was found

cause-prerequisites-missing = The WSUS server lacks the update the guide requires
cause-prerequisites-missing-refuted-1 = the installed-updates list showing KB4039929 (or the named rollup, or a later one)

need-covering = { $how }, covering { $span }
cause-competing = { $proof } (also found: a competing explanation)
cause-proof = { $check }: { $title }
cause-proof-with-summary = { $check }: { $title } — { $summary }
cause-proof-and-more = { $proof } (and { $more } more like it)
cause-title-with-proof = { $title } ({ $proof })
